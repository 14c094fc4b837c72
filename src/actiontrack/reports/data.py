"""Build a board report's data: a plan as at a date, as plain JSON-ready dicts.

One function, `build_report()`, gathers everything a board paper shows; every
renderer (HTML, PDF, DOCX, XLSX, CSV, the partnership's Word template) reads
the same dict, and a frozen version stores it verbatim.

"As at a date" means, for a day D:
- an update counts if its date (or, undated, the day it was recorded) is on or before D;
- an action counts if it was created on or before D, except that the actions a
  plan was created (or imported) with count from the plan's *progress reported
  at* date when that is earlier: an imported plan's content is historic;
- an action's status and due date are those in its audit trail at the end of D,
  or its current ones when the trail starts later (an imported plan) or D is today or later;
- its RAG is the rule of `plans/rag.py` applied at D.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone

from actiontrack.dashboards import charts
from actiontrack.plans import rag
from actiontrack.plans.models import Action, DueDateRevision, Plan, Update

FORMAT = "actiontrack-board-report/1"
# A plan's first actions (created with it, by hand or by import) are created within this of the plan.
WITH_THE_PLAN = datetime.timedelta(minutes=10)
UNDER_NO_RECOMMENDATION = "Actions not under a recommendation"


def build_report(plan: Plan, as_at: datetime.date | None = None) -> dict[str, Any]:
    """Return the board report of a plan as at a date (default today), without any comparison."""
    as_at = as_at or timezone.localdate()
    scale = plan.scale
    actions = [a for a in _actions(plan) if _exists_on(a, plan, as_at)]
    past = _trail_at(actions, as_at)
    updates = _updates_up_to(actions, as_at)
    revisions = _revisions(actions)
    rows: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for action in actions:
        status, due_text, due_date = past.get(action.pk, (action.status, action.due_text, action.due_date))
        action_updates = updates.get(action.pk, [])
        latest = action_updates[-1] if action_updates else None
        facts = rag.Facts(status or None, due_date, latest["day"] if latest else None, as_at, plan.thresholds)
        assessment = rag.assess(
            status=facts.status,
            due_date=due_date,
            last_update_on=facts.last_update_on,
            today=as_at,
            thresholds=plan.thresholds,
        )
        code = assessment.code(scale)
        action_revisions = [
            r
            for r in revisions.get(action.pk, [])
            if action.pk not in past or r.recorded_at <= _end_of(as_at)
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
                "latest_update": ({"date": _iso(latest["day"]), "text": latest["text"]} if latest else None),
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


def _exists_on(action: Action, plan: Plan, day: datetime.date) -> bool:
    created = timezone.localdate(action.created_at)
    if action.created_at - plan.created_at <= WITH_THE_PLAN:
        created = min(created, plan.as_of) if plan.as_of else datetime.date.min
    return created <= day


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _trail_at(actions: list[Action], day: datetime.date) -> dict[int, tuple[str, str, datetime.date | None]]:
    """Return (status, due text, due date) from each action's audit trail at the end of day, if any."""
    if day >= timezone.localdate() or not actions:
        return {}
    found: dict[int, tuple[str, str, datetime.date | None]] = {}
    trail = (
        Action.history.filter(id__in=[a.pk for a in actions], history_date__lte=_end_of(day))
        .order_by("history_date", "history_id")
        .values_list("id", "status", "due_text", "due_date")
    )
    for pk, status, due_text, due_date in trail:
        found[pk] = (status, due_text, due_date)
    return found


def _updates_up_to(actions: list[Action], day: datetime.date) -> dict[int, list[dict[str, Any]]]:
    """Return each action's updates that count on day, oldest first."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    updates = Update.objects.filter(action__in=[a.pk for a in actions]).order_by("action", "order", "pk")
    for update in updates.only("action_id", "date", "recorded_at", "text"):
        update_day = update.date or timezone.localdate(update.recorded_at)
        if update_day <= day:
            found[update.action_id].append({"day": update_day, "text": update.text})
    return found


def _revisions(actions: list[Action]) -> dict[int, list[DueDateRevision]]:
    found: dict[int, list[DueDateRevision]] = defaultdict(list)
    revisions = DueDateRevision.objects.filter(action__in=[a.pk for a in actions])
    for revision in revisions.order_by("action", "recorded_at", "pk"):
        found[revision.action_id].append(revision)
    return found


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
