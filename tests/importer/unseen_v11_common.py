"""Helpers for the hand-written `actionplan/1.1` plans of the unseen-layout classes (issue #11).

`act` and `rec` build expected actions and recommendations with every 1.1
field; `plan` a whole expected document. The expected documents are written
by hand from the spec, never produced by the importer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def act(
    text: str,
    leads: Sequence[str] = (),
    due: str | None = None,
    date: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    updates: Sequence[tuple[str | None, str]] = (),
    ref: str | None = None,
    agency: str | None = None,
    evidence: Sequence[str] = (),
    rag: str | None = None,
) -> dict[str, Any]:
    return {
        "ref": ref,
        "text": text,
        "leads": list(leads),
        "due": {"text": due, "date": date, "kind": kind},
        "status": status,
        "agency": agency,
        "evidence": list(evidence),
        "rag": rag,
        "updates": [{"date": d, "text": t} for d, t in updates],
    }


def rec(
    ref: str | None,
    text: str,
    actions: Sequence[dict[str, Any]],
    section: str | None = None,
    priority: str | None = None,
    objective: str | None = None,
    outcomes: Sequence[str] = (),
    measures: Sequence[str] = (),
) -> dict[str, Any]:
    return {
        "ref": ref,
        "section": section,
        "text": text,
        "priority": priority,
        "objective": objective,
        "outcomes": list(outcomes),
        "measures": list(measures),
        "actions": list(actions),
    }


def plan(
    title: str,
    kind: str = "internal",
    recs: Sequence[dict] = (),
    actions: Sequence[dict] = (),
    **fields: Any,
) -> dict[str, Any]:
    return {
        "format": "actionplan/1.1",
        "title": title,
        "source": {"kind": kind, "title": fields.get("source_title"), "date": fields.get("source_date")},
        "owner": fields.get("owner"),
        "as_of": fields.get("as_of"),
        "version": fields.get("version"),
        "reporting_to": fields.get("reporting_to"),
        "notes": list(fields.get("notes", [])),
        "rag_scale": [{"code": c, "label": label} for c, label in fields.get("rag_scale", [])],
        "people": [{"key": k, "name": None, "role": None} for k in fields.get("people", [])],
        "recommendations": list(recs),
        "actions": list(actions),
    }


@dataclass(frozen=True)
class Case:
    """One hand-written plan: the class it belongs to, its file name, how to build it, what it says."""

    layout: str  # "1" to "6": the class of issue #11 it covers
    name: str
    filename: str
    build: Any  # () -> bytes
    expected: dict[str, Any]

    def __str__(self) -> str:
        return self.name
