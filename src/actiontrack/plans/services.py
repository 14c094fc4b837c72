"""Every write that matters goes through one of these functions, in a transaction.

They are the one place where later work (the audit trail, notifications)
hooks in; views, forms, commands and the loader call them and nothing else.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actiontrack.lib.duedates import read_due
from actiontrack.plans import rag
from actiontrack.plans.models import Action, ActionLead, Person, Plan, Recommendation, Update


def next_order(queryset: Any) -> int:
    """Return the order number after the last one in a queryset."""
    last = queryset.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def person_for_key(plan: Plan, key: str) -> Person:
    """Return the plan's person printed as `key`, adding them to the plan if new."""
    person, _created = Person.objects.get_or_create(
        plan=plan, key=key, defaults={"order": next_order(plan.people.all())}
    )
    return person


def set_leads(action: Action, keys: Iterable[str]) -> None:
    """Replace an action's leads with these keys, names or roles, in order."""
    action.lead_links.all().delete()
    ActionLead.objects.bulk_create(
        ActionLead(action=action, person=person_for_key(action.plan, key), order=index)
        for index, key in enumerate(dict.fromkeys(k.strip() for k in keys if k.strip()))
    )


def due_reference_date(plan: Plan) -> datetime.date:
    """Return the date against which a due date without a year is read."""
    return plan.as_of or timezone.localdate()


@transaction.atomic
def save_action(action: Action, *, leads: Iterable[str] | None = None, due_text: str | None = None) -> Action:
    """Save a new or edited action, reading its due date from the words written."""
    if due_text is not None:
        due = read_due(due_text, due_reference_date(action.plan))
        action.due_text, action.due_date, action.due_kind = due.text or "", due.date, due.kind or ""
    if action.pk is None:
        siblings = Action.objects.filter(plan=action.plan, recommendation=action.recommendation)
        action.order = next_order(siblings)
    action.save()
    if leads is not None:
        set_leads(action, leads)
    return action


@transaction.atomic
def save_recommendation(recommendation: Recommendation) -> Recommendation:
    """Save a new or edited recommendation, placing a new one last in its plan."""
    if recommendation.pk is None:
        recommendation.order = next_order(recommendation.plan.recommendations.all())
    recommendation.save()
    return recommendation


@transaction.atomic
def save_plan(plan: Plan, *, owner: Any = None) -> Plan:
    """Save a new or edited plan; whoever creates a plan owns it."""
    plan.save()
    if owner is not None and owner.is_authenticated:
        plan.owners.add(owner)
    return plan


@transaction.atomic
def share_plan(plan: Plan, *, owners: Iterable[Any], agencies: Iterable[Any]) -> None:
    """Set who may change the plan (owners) and whose staff may see it (agencies)."""
    plan.owners.set(owners)
    plan.agencies.set(agencies)


@transaction.atomic
def save_person(person: Person, *, user: Any) -> Person:
    """Save a person named on a plan, linked to the account whose My actions shows their actions."""
    person.user = user
    person.save()
    return person


@transaction.atomic
def record_update(
    action: Action,
    *,
    text: str,
    date: datetime.date | None,
    rag_code: str = "",
    author: Any = None,
) -> Update:
    """Add a dated progress update to an action; a RAG given with it becomes the action's status."""
    update = Update.objects.create(
        action=action,
        date=date,
        text=text,
        rag=rag_code,
        author=author if author is not None and author.is_authenticated else None,
        order=next_order(action.updates.all()),
    )
    if rag_code in rag.COLOUR_MEANINGS:
        action.status = rag.COLOUR_MEANINGS[rag_code]
        action.save(update_fields=["status", "updated_at"])
    return update
