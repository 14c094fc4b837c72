"""Build a board report's data: a plan as at a date, as plain JSON-ready dicts.

One function, `build_report()`, gathers everything a board paper shows; every
renderer (HTML, PDF, DOCX, XLSX, CSV, the partnership's Word template) reads
the same dict, and a frozen version stores it verbatim.

"As at a date" means what `plans/asat.py` says, for the plan page and reports alike: the
actions that existed on the day, their status and due date then, the updates up to the day,
and the rule of `plans/rag.py` applied at the day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone

from actiontrack.dashboards import charts
from actiontrack.plans import asat, rag
from actiontrack.plans.models import Action, DueDateRevision, Plan

FORMAT = "actiontrack-board-report/1"
UNDER_NO_RECOMMENDATION = "Actions not under a recommendation"


def build_report(plan: Plan, as_at: datetime.date | None = None) -> dict[str, Any]:
    """Return the board report of a plan as at a date (default today), without any comparison."""
    as_at = as_at or timezone.localdate()
    scale = plan.scale
    every = _actions(plan)
    updates = asat.updates_up_to(every, plan, as_at)
    actions = [a for a in every if asat.exists_on(a, plan, as_at, a.pk in updates)]
    past = asat.trail_at(actions, as_at)
    revisions = _revisions(actions)
    rows: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for action in actions:
        was = past.get(action.pk)
        status, due_text, due_date = action.status, action.due_text, action.due_date
        if was:
            status, due_text, due_date = was.status, was.due_text, was.due_date
        action_updates = updates.get(action.pk, [])
        latest = action_updates[-1] if action_updates else None
        facts = asat.facts_on(action, plan, as_at, was, action_updates)
        assessment = rag.assess_facts(facts)
        code = assessment.code(scale)
        action_revisions = [
            r
            for r in revisions.get(action.pk, [])
            if action.pk not in past or r.recorded_at <= asat.end_of(as_at)
        ]
        if as_at >= timezone.localdate():
            action_revisions = revisions.get(action.pk, [])
        original = action_revisions[0] if action_revisions else None
        rows[action.recommendation_id].append(
            {
                "id": action.pk,
                "ref": action.ref,
                "text": action.text,
                "leads": action.lead_keys(),
                "lead_names": [p.name or p.role or p.key for p in action.ordered_leads()],
                "agency": action.agency_name,
                "status": status,
                "due_text": due_text,
                "due_date": _iso(due_date),
                "original_due_text": original.previous_text if original else "",
                "original_due_date": _iso(original.previous_date) if original else None,
                "revisions": len(action_revisions),
                "rag": {
                    "meaning": assessment.meaning,
                    "code": code,
                    "label": scale.label_for(code),
                    "reason": assessment.reason,
                },
                "overdue": rag.OVERDUE.holds(facts),
                "days_overdue": rag.days_overdue(facts),
                "stale": rag.STALE.holds(facts),
                "latest_update": ({"date": _iso(latest.day(plan)), "text": latest.text} if latest else None),
                "updates": len(action_updates),
            }
        )
    sections: list[dict[str, Any]] = []
    for recommendation in plan.recommendations.order_by("order", "pk"):
        entry = {
            "id": recommendation.pk,
            "ref": recommendation.ref,
            "text": recommendation.text,
            "priority": recommendation.priority,
            "objective": recommendation.objective,
            "outcomes": list(recommendation.outcomes or []),
            "measures": list(recommendation.measures or []),
            "actions": rows.get(recommendation.pk, []),
        }
        if not sections or sections[-1]["title"] != recommendation.section:
            sections.append({"title": recommendation.section, "recommendations": []})
        sections[-1]["recommendations"].append(entry)
    if rows.get(None):
        sections.append(
            {
                "title": "",
                "recommendations": [
                    {
                        "id": None,
                        "ref": "",
                        "text": UNDER_NO_RECOMMENDATION,
                        "priority": "",
                        "objective": "",
                        "outcomes": [],
                        "measures": [],
                        "actions": rows[None],
                    }
                ],
            }
        )
    report = {
        "format": FORMAT,
        "plan": _plan_facts(plan),
        "as_at": as_at.isoformat(),
        "scale": [{"code": code, "label": label} for code, label in scale.entries],
        "sections": sections,
        # The plan's dashboard charts (and its measures' trends), kept as figures so a frozen
        # version draws the same charts for ever.
        "charts": [charts.figures_data(chart) for chart in charts.plan_charts(plan, as_at)],
    }
    report["counts"] = counts(report)
    return report


def all_actions(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every action of a report in order."""
    return [
        action
        for section in report["sections"]
        for recommendation in section["recommendations"]
        for action in recommendation["actions"]
    ]


def rows(report: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Return (recommendation, action, section title) for every action, in order: one row each."""
    return [
        (recommendation, action, section["title"])
        for section in report["sections"]
        for recommendation in section["recommendations"]
        for action in recommendation["actions"]
    ]


def counts(report: dict[str, Any]) -> dict[str, int]:
    """Count a report's actions by RAG meaning, overdue, outstanding and revised."""
    actions = all_actions(report)
    result = {meaning: 0 for meaning in rag.MEANINGS}
    for action in actions:
        result[action["rag"]["meaning"]] += 1
    result["total"] = len(actions)
    result["overdue"] = sum(1 for a in actions if a["overdue"])
    result["outstanding"] = sum(1 for a in actions if a["rag"]["meaning"] != rag.COMPLETED)
    result["revised"] = sum(1 for a in actions if a["revisions"])
    result["recommendations"] = sum(len(s["recommendations"]) for s in report["sections"])
    return result


def _plan_facts(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "title": plan.title,
        "source_kind": plan.get_source_kind_display(),
        "source_title": plan.source_title,
        "source_date": plan.source_date,
        "owning_body": plan.owning_body,
        "version": plan.version,
        "reporting_to": plan.reporting_to,
        "as_of": _iso(plan.as_of),
        "red_after_days": plan.red_after_days,
        "stale_after_days": plan.stale_after_days,
        "revision_limit": plan.revision_limit,
    }


def _actions(plan: Plan) -> list[Action]:
    actions = list(plan.actions.for_page().order_by("recommendation__order", "order", "pk"))
    for action in actions:
        action.plan = plan
    return actions


def _revisions(actions: list[Action]) -> dict[int, list[DueDateRevision]]:
    found: dict[int, list[DueDateRevision]] = defaultdict(list)
    revisions = DueDateRevision.objects.filter(action__in=[a.pk for a in actions])
    for revision in revisions.order_by("action", "recorded_at", "pk"):
        found[revision.action_id].append(revision)
    return found


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
