"""Every write to a plan goes through one of these functions, in a transaction.

Each says what it does, holds the domain rules that every way in (page, command
line, e-mailed link, API) must obey, and leaves its trace in the audit trail:
django-simple-history records every row written, stamped with whoever
`accounts.audit.acting_as` says is acting. A rule broken raises Django's
ValidationError keyed by the field at fault, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actiontrack.accounts import submissions
from actiontrack.accounts.audit import Channel, acting_as, bulk_history_attrs, current_actor, require_version
from actiontrack.lib.duedates import DUE_EXAMPLES, Due, not_understood, read_due
from actiontrack.plans import access, rag
from actiontrack.plans.interchange import load_plan
from actiontrack.plans.models import (
    Action,
    ActionLead,
    DueDateRevision,
    Person,
    Plan,
    Recommendation,
    Update,
)


def next_order(queryset: Any) -> int:
    """Return the order number after the last one in a queryset."""
    last = queryset.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def check_report_date(value: str) -> str:
    """Return a report date as printed, YYYY-MM or YYYY-MM-DD, or refuse it."""
    value = (value or "").strip()
    if value:
        try:
            if len(value) not in (7, 10):
                raise ValueError
            datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
        except ValueError:
            message = "Enter the report date as a month and year, for example January 2013"
            raise ValidationError({"source_date": message}) from None
    return value


def check_update_date(day: datetime.date | None) -> None:
    """Refuse an update dated in the future: progress is reported, not foretold."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({"date": "The date of the update must be today or in the past"})


@transaction.atomic
def create_plan_from_document(
    document: dict[str, Any], *, owners: Iterable[Any] = (), channel: str = Channel.IMPORT
) -> Plan:
    """Create a plan from an actionplan/1 or 1.1 document (an import, `load`, the demo), with its history."""
    with acting_as(dataclasses.replace(current_actor(), channel=channel)):
        return load_plan(document, owners=owners)


@transaction.atomic
def create_plan(plan: Plan, *, owner: Any, submission: str = "") -> Plan:
    """Create a new plan; whoever creates it owns it. A form sent twice creates one plan."""
    earlier = submissions.claim(submission)
    if earlier is not None:
        return earlier
    plan.source_date = check_report_date(plan.source_date)
    plan.save()
    if owner is not None and owner.is_authenticated:
        plan.owners.add(owner)
    submissions.fulfil(submission, plan)
    return plan


@transaction.atomic
def edit_plan(plan: Plan, *, version: int | None = None) -> Plan:
    """Save changes to a plan's own fields, unless made from an out-of-date form."""
    require_version(plan, version)
    plan.source_date = check_report_date(plan.source_date)
    plan.save()
    return plan


@transaction.atomic
def share_plan(
    plan: Plan, *, owners: Iterable[Any], agencies: Iterable[Any], version: int | None = None
) -> Plan:
    """Set who may change the plan (owners) and whose staff may see it (agencies)."""
    require_version(plan, version)
    owners = list(owners)
    if not owners:
        raise ValidationError(
            {"owners": "Enter at least one owner, so that someone can keep the plan up to date"}
        )
    plan.owners.set(owners)
    plan.agencies.set(agencies)
    return plan


@transaction.atomic
def link_person(
    person: Person, *, user: Any, email: str = "", agency: Any = None, version: int | None = None
) -> Person:
    """Save a person named on a plan: their e-mail, agency and (optionally) their account.

    Linked to an account, the actions they lead appear under that account's My actions.
    """
    require_version(person, version)
    if user is not None:
        refuse_unnameable(person.plan, [user], "username")
    person.user = user
    person.email = (email or "").strip()
    person.agency = agency
    person.save()
    return person


def refuse_unnameable(plan: Plan, accounts: list[Any], field: str, agencies: Any = None) -> None:
    """Refuse accounts the acting user may not name on this plan (see access.nameable_accounts)."""
    actor = current_actor().account
    if actor is None:  # the command line and the demo act for the site's operator
        return
    allowed = set(access.nameable_accounts(actor, plan, agencies).values_list("pk", flat=True))
    refused = [account.username for account in accounts if account.pk not in allowed]
    if refused:
        raise ValidationError({field: access.NOT_NAMEABLE.format(names=", ".join(refused))})


def person_for_key(plan: Plan, key: str) -> Person:
    """Return the plan's person printed as `key`, adding them to the plan if new."""
    person = Person.objects.filter(plan=plan, key=key).first()
    if person is None:
        person = Person(plan=plan, key=key, order=next_order(plan.people.all()))
        person.save()
    return person


@transaction.atomic
def set_leads(action: Action, keys: Iterable[str]) -> None:
    """Replace an action's leads with these keys, names or roles, in order."""
    wanted = list(dict.fromkeys(k.strip() for k in keys if k.strip()))
    if wanted == action.lead_keys():
        return  # unchanged: no churn in the history
    for link in action.lead_links.all():
        link.delete()  # one by one, so each removal is in the history
    bulk_create_with_history(
        [
            ActionLead(action=action, person=person_for_key(action.plan, key), order=index)
            for index, key in enumerate(wanted)
        ],
        ActionLead,
        **bulk_history_attrs(),
    )


def due_reference_date(plan: Plan) -> datetime.date:
    """Return the date against which a due date without a year is read."""
    return plan.as_of or timezone.localdate()


def _apply_due(action: Action, due_text: str) -> None:
    due = read_due(due_text, due_reference_date(action.plan))
    action.due_text, action.due_date, action.due_kind = due.text or "", due.date, due.kind or ""


_NUMERIC = re.compile(r"\d")


def read_typed_due(plan: Plan, due_text: str) -> Due:
    """Read a due date typed in a form, refusing one that cannot be read with what was not understood."""
    reference = due_reference_date(plan)
    part = not_understood(due_text, reference)
    if part is not None:
        problem = (
            f"“{part}” is not a real date"
            if _NUMERIC.search(part)
            else f"ActionTrack cannot read “{part}” as a due date"
        )
        raise ValidationError({"due_text": f"{problem}. Write the due date as, for example, {DUE_EXAMPLES}"})
    return read_due(due_text, reference)


@transaction.atomic
def add_action(
    action: Action, *, leads: Iterable[str] = (), due_text: str = "", submission: str = ""
) -> Action:
    """Add an action to its plan, last under its recommendation, reading its due date from the words."""
    earlier = submissions.claim(submission)
    if earlier is not None:
        return earlier
    read_typed_due(action.plan, due_text)
    _apply_due(action, due_text)
    siblings = Action.objects.filter(plan=action.plan, recommendation=action.recommendation)
    action.order = next_order(siblings)
    action.save()
    set_leads(action, leads)
    submissions.fulfil(submission, action)
    return action


@transaction.atomic
def edit_action(
    action: Action,
    *,
    leads: Iterable[str] | None = None,
    due_text: str | None = None,
    due_reason: str = "",
    version: int | None = None,
) -> Action:
    """Save changes to an action; a changed due date is a revision and needs its reason."""
    require_version(action, version)
    if due_text is not None and due_text.strip() != action.due_text:
        read_typed_due(action.plan, due_text)
        revise_due_date(action, due_text=due_text, reason=due_reason)
    action.save()
    if leads is not None:
        set_leads(action, leads)
    return action


@transaction.atomic
def revise_due_date(action: Action, *, due_text: str, reason: str, agreed_by: Any = None) -> DueDateRevision:
    """Move an action's due date, keeping what it was and why it moved."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"due_reason": "Enter why the due date is changing"})
    previous_text, previous_date = action.due_text, action.due_date
    _apply_due(action, due_text)
    action.save(update_fields=["due_text", "due_date", "due_kind", "updated_at"])
    agreed_by = agreed_by if agreed_by is not None else current_actor().account
    revision = DueDateRevision(
        action=action,
        previous_text=previous_text,
        previous_date=previous_date,
        new_text=action.due_text,
        new_date=action.due_date,
        reason=reason,
        agreed_by=agreed_by,
    )
    revision.save()
    return revision


@transaction.atomic
def save_recommendation(
    recommendation: Recommendation, *, version: int | None = None, submission: str = ""
) -> Recommendation:
    """Save a new or edited recommendation, placing a new one last in its plan."""
    earlier = submissions.claim(submission) if recommendation.pk is None else None
    if earlier is not None:
        return earlier
    require_version(recommendation, version)
    if not recommendation.text.strip():
        raise ValidationError({"text": "Enter the recommendation"})
    if recommendation.pk is None:
        recommendation.order = next_order(recommendation.plan.recommendations.all())
    recommendation.save()
    submissions.fulfil(submission, recommendation)
    return recommendation


@transaction.atomic
def record_update(
    action: Action,
    *,
    text: str,
    date: datetime.date | None,
    rag_code: str = "",
    submission: str = "",
) -> Update:
    """Add a dated progress update to an action; a RAG given with it becomes the action's status.

    The author is whoever is acting: an account, or a person answering through a link.
    """
    earlier = submissions.claim(submission)
    if earlier is not None:
        return earlier
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the progress made"})
    check_update_date(date)
    if rag_code and rag_code not in rag.COLOUR_MEANINGS:
        raise ValidationError({"rag": f"Choose a RAG colour, not {rag_code!r}"})
    actor = current_actor()
    update = Update(
        action=action,
        date=date,
        text=text,
        rag=rag_code,
        author=actor.account,
        author_person_id=actor.person_id,
        order=next_order(action.updates.all()),
    )
    update.save()
    if rag_code:
        action.status = rag.COLOUR_MEANINGS[rag_code]
        action.save(update_fields=["status", "updated_at"])
    submissions.fulfil(submission, update)
    return update
