"""One row per action with its recommendation's columns: what the spreadsheet formats share."""

from __future__ import annotations

from typing import Any

from actiontrack.reports.data import rows

COLUMNS = (
    "Section",
    "Recommendation ref",
    "Recommendation",
    "Priority",
    "Objective",
    "Outcomes",
    "Measures",
    "Action ref",
    "Action",
    "Leads",
    "Due (as written)",
    "Due date",
    "Original due",
    "RAG",
    "RAG meaning",
    "RAG reason",
    "Overdue (days)",
    "Latest update date",
    "Latest update",
    "Changes",
)


def table(report: dict[str, Any]) -> list[list[Any]]:
    """Return the header row and one row per action."""
    result: list[list[Any]] = [list(COLUMNS)]
    for recommendation, action, section in rows(report):
        latest = action["latest_update"] or {}
        original = action["original_due_text"] or action["original_due_date"] or ""
        result.append(
            [
                section,
                recommendation["ref"],
                recommendation["text"],
                recommendation["priority"],
                recommendation["objective"],
                "; ".join(recommendation["outcomes"]),
                "; ".join(recommendation["measures"]),
                action["ref"],
                action["text"],
                ", ".join(action["leads"]),
                action["due_text"],
                action["due_date"] or "",
                original,
                action["rag"]["code"].title(),
                action["rag"]["label"],
                action["rag"]["reason"],
                action["days_overdue"] if action["days_overdue"] is not None else "",
                latest.get("date") or "",
                latest.get("text", ""),
                "; ".join(c["label"] for c in action.get("changes", [])),
            ]
        )
    return result
