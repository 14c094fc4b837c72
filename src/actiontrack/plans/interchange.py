"""Plans to and from `actionplan/1.1` JSON (spec: shared/spec/interchange.md), without loss.

Export writes 1.1 with every field; loading accepts 1 and 1.1, a field that 1.1
added and a document leaves out counting as null (or []).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from simple_history.utils import bulk_create_with_history

from actiontrack.accounts.audit import bulk_history_attrs
from actiontrack.accounts.models import Agency
from actiontrack.lib.schema import validate
from actiontrack.plans.models import Action, ActionLead, Person, Plan, Recommendation, Update

FORMAT = "actionplan/1.1"


def _text(value: str) -> str | None:
    return value or None


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def export_plan(plan: Plan) -> dict[str, Any]:
    """Return the plan as an actionplan/1.1 document."""
    lead_links = ActionLead.objects.select_related("person").order_by("order")
    actions = (
        Action.objects.filter(plan=plan)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch("lead_links", queryset=lead_links, to_attr="_prefetched_lead_links"),
            Prefetch("updates", queryset=Update.objects.order_by("order", "pk")),
        )
    )
    by_recommendation: dict[int | None, list[dict[str, Any]]] = {}
    for action in actions:
        by_recommendation.setdefault(action.recommendation_id, []).append(_export_action(action))
    return {
        "format": FORMAT,
        "title": plan.title,
        "source": {
            "kind": plan.source_kind,
            "title": _text(plan.source_title),
            "date": _text(plan.source_date),
        },
        "owner": _text(plan.owning_body),
        "as_of": _iso(plan.as_of),
        "version": _text(plan.version),
        "reporting_to": _text(plan.reporting_to),
        "notes": list(plan.notes),
        "rag_scale": list(plan.rag_scale),
        "people": [
            {"key": p.key, "name": _text(p.name), "role": _text(p.role)}
            for p in plan.people.filter(in_key=True).order_by("order", "pk")
        ],
        "recommendations": [
            {
                "ref": _text(r.ref),
                "section": _text(r.section),
                "text": r.text,
                "priority": _text(r.priority),
                "objective": _text(r.objective),
                "outcomes": list(r.outcomes),
                "measures": list(r.measures),
                "actions": by_recommendation.get(r.pk, []),
            }
            for r in plan.recommendations.order_by("order", "pk")
        ],
        "actions": by_recommendation.get(None, []),
    }


def upgraded(document: dict[str, Any]) -> dict[str, Any]:
    """Return an actionplan/1 document as the 1.1 document that means the same (1.1 fields null or [])."""
    actions = [a for r in document["recommendations"] for a in r["actions"]] + document["actions"]
    for action in actions:
        action.setdefault("agency", None)
        action.setdefault("evidence", [])
        action.setdefault("rag", None)
        # Key order as export writes it, so documents compare and read alike.
        action["updates"] = action.pop("updates")
    return {**document, "format": FORMAT}


def _export_action(action: Action) -> dict[str, Any]:
    return {
        "ref": _text(action.ref),
        "text": action.text,
        "leads": action.lead_keys(),
        "due": action.due.as_dict(),
        "status": _text(action.status),
        "agency": _text(action.agency_name),
        "evidence": list(action.evidence),
        "rag": _text(action.printed_rag),
        "updates": [{"date": _iso(u.date), "text": u.text} for u in action.updates.all()],
    }


def load_plan(document: dict[str, Any], *, owners: Iterable[Any] = ()) -> Plan:
    """Create a new plan from an actionplan/1 or 1.1 document, with its history.

    Called by `services.create_plan_from_document`, which holds the transaction
    and says who is acting; an invalid document raises before anything is written.
    """
    validate(document)
    source = document["source"]
    plan = Plan(
        title=document["title"],
        source_kind=source["kind"],
        source_title=source["title"] or "",
        source_date=source["date"] or "",
        owning_body=document["owner"] or "",
        as_of=_date(document["as_of"]),
        version=document["version"] or "",
        reporting_to=document["reporting_to"] or "",
        notes=document["notes"],
        rag_scale=document["rag_scale"],
    )
    plan.save()
    plan.owners.add(*[owner for owner in owners if owner is not None])
    people = _PeopleIndex(plan)
    for order, entry in enumerate(document["people"]):
        people.add(entry["key"], name=entry["name"] or "", role=entry["role"] or "", in_key=True, order=order)
    recommendations = _bulk_create(
        Recommendation,
        [
            Recommendation(
                plan=plan,
                ref=r["ref"] or "",
                section=r["section"] or "",
                text=r["text"],
                priority=r["priority"] or "",
                objective=r["objective"] or "",
                outcomes=r["outcomes"],
                measures=r["measures"],
                order=order,
            )
            for order, r in enumerate(document["recommendations"])
        ],
    )
    entries: list[tuple[Recommendation | None, dict[str, Any]]] = [
        (rec, a)
        for rec, r in zip(recommendations, document["recommendations"], strict=True)
        for a in r["actions"]
    ]
    entries += [(None, a) for a in document["actions"]]
    agencies = _AgencyIndex()
    actions = _bulk_create(
        Action,
        [
            Action(
                plan=plan,
                recommendation=rec,
                ref=a["ref"] or "",
                text=a["text"],
                due_text=a["due"]["text"] or "",
                due_date=_date(a["due"]["date"]),
                due_kind=a["due"]["kind"] or "",
                status=a["status"] or "",
                agency_name=a.get("agency") or "",
                agency=agencies.get(a.get("agency")),
                evidence=a.get("evidence") or [],
                printed_rag=a.get("rag") or "",
                order=order,
            )
            for order, (rec, a) in enumerate(entries)
        ],
    )
    _bulk_create(
        ActionLead,
        [
            ActionLead(action=action, person=people.get(key), order=index)
            for action, (_rec, a) in zip(actions, entries, strict=True)
            for index, key in enumerate(a["leads"])
        ],
    )
    _bulk_create(
        Update,
        [
            Update(action=action, date=_date(u["date"]), text=u["text"], order=index)
            for action, (_rec, a) in zip(actions, entries, strict=True)
            for index, u in enumerate(a["updates"])
        ],
    )
    return plan


def _bulk_create(model: Any, objects: list[Any]) -> list[Any]:
    """Create many rows at once and their history rows, as the current actor's."""
    return bulk_create_with_history(objects, model, **bulk_history_attrs())


class _AgencyIndex:
    """Agencies by name or short name, for linking an action's printed agency to one."""

    def __init__(self) -> None:
        self.by_name: dict[str, Agency] | None = None

    def get(self, name: str | None) -> Agency | None:
        if not name:
            return None
        if self.by_name is None:
            self.by_name = {}
            for agency in Agency.objects.all():
                for label in (agency.name, agency.short_name):
                    if label:
                        self.by_name.setdefault(label.casefold(), agency)
        return self.by_name.get(name.casefold())


class _PeopleIndex:
    """The plan's people by key, created on first mention."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.by_key: dict[str, Person] = {}

    def add(self, key: str, **fields: Any) -> Person:
        person = self.by_key.get(key)
        if person is None:
            person = Person.objects.create(plan=self.plan, key=key, **fields)
            self.by_key[key] = person
        return person

    def get(self, key: str) -> Person:
        return self.by_key.get(key) or self.add(key, order=len(self.by_key))
