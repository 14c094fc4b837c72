"""What changed between two board reports: two frozen versions, or a version (or a date) and now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from actiontrack.plans import rag
from actiontrack.reports.data import all_actions

# The kinds of change, in the order a report lists them.
KINDS = ("added", "removed", "completed", "revised", "rag_changed", "new_updates")
KIND_LABELS = {
    "added": "New",
    "removed": "Removed",
    "completed": "Completed",
    "revised": "Due date revised",
    "rag_changed": "RAG changed",
    "new_updates": "New update",
}


@dataclass
class Change:
    kind: str
    action: dict[str, Any]
    before: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def describe(self) -> str:
        """Say what changed in words: "Green → Red", "March 2026 → June 2026"."""
        before, after = self.before, self.action
        if self.kind == "rag_changed" and before:
            return f"{before['rag']['code'].title()} → {after['rag']['code'].title()}"
        if self.kind == "revised" and before:
            return f"{before['due_text'] or 'no date'} → {after['due_text'] or 'no date'}"
        if self.kind == "new_updates" and after.get("latest_update"):
            return after["latest_update"]["text"]
        return ""


@dataclass
class Comparison:
    """The changes from an earlier report (`before`) to a later one (`after`)."""

    before: dict[str, Any]
    after: dict[str, Any]
    changes: list[Change] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}

    def by_action(self) -> dict[int, list[Change]]:
        found: dict[int, list[Change]] = {}
        for change in self.changes:
            found.setdefault(change.action["id"], []).append(change)
        return found


def compare(before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    """Return the actions added, removed, completed, revised, changed RAG or given new updates."""
    old = {action["id"]: action for action in all_actions(before)}
    comparison = Comparison(before, after)
    changes = comparison.changes
    for action in all_actions(after):
        earlier = old.pop(action["id"], None)
        if earlier is None:
            changes.append(Change("added", action))
            continue
        now, then = action["rag"]["meaning"], earlier["rag"]["meaning"]
        if now == rag.COMPLETED and then != rag.COMPLETED:
            changes.append(Change("completed", action, earlier))
        if (action["due_text"], action["due_date"]) != (earlier["due_text"], earlier["due_date"]) or action[
            "revisions"
        ] > earlier["revisions"]:
            changes.append(Change("revised", action, earlier))
        if action["rag"]["code"] != earlier["rag"]["code"]:
            changes.append(Change("rag_changed", action, earlier))
        if action["updates"] > earlier["updates"] or action["latest_update"] != earlier["latest_update"]:
            changes.append(Change("new_updates", action, earlier))
    changes.extend(Change("removed", action) for action in old.values())
    return comparison


def mark_changes(report: dict[str, Any], baseline: dict[str, Any], label: str) -> dict[str, Any]:
    """Add to a report what changed since a baseline: per action, and counted in the summary."""
    comparison = compare(baseline, report)
    by_action = comparison.by_action()
    for action in all_actions(report):
        action["changes"] = [
            {"kind": c.kind, "label": c.label, "detail": c.describe()}
            for c in by_action.get(action["id"], [])
        ]
    found = comparison.counts()
    report["since"] = {
        "label": label,
        "as_at": baseline["as_at"],
        "version": baseline.get("version", {}).get("number") if baseline.get("version") else None,
        "removed": [
            {"ref": c.action["ref"], "text": c.action["text"]} for c in comparison.of_kind("removed")
        ],
    }
    report["counts"].update(
        completed_since=found["completed"],
        new=found["added"],
        slipped=found["revised"],
        removed=found["removed"],
        changed_since=len(by_action),
    )
    return report
