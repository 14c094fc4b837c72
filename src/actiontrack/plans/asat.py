"""A plan as it stood on a day: which actions existed, their status, due date and updates then.

Board reports (reports/data.py) and the plan page's *as at* view both read a plan through
these functions, so a report and the page agree on what a past day looked like:

- an update counts if its day (Update.day: its date, else the plan's *progress reported at*
  date, else the day it was recorded) is on or before the day;
- an action counts if it was created on or before the day, except that the actions a plan
  was created (or imported) with count from the plan's *progress reported at* date when that
  is earlier, or from their first update: an imported plan's content is historic;
- an action's status and due date are those in its audit trail at the end of the day, or its
  current ones when the trail starts later (an imported plan) or the day is today or later;
- its RAG is the rule of `plans/rag.py` applied at the day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from actiontrack.plans import rag
from actiontrack.plans.models import Action, Plan, PlanStatus, Update

# A plan's first actions (created with it, by hand or by import) are created within this of the plan.
WITH_THE_PLAN = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Past:
    """An action's status and due date at the end of a day, from its audit trail."""

    status: str
    due_text: str
    due_date: datetime.date | None


def exists_on(action: Action, plan: Plan, day: datetime.date, updated_by_then: bool = False) -> bool:
    """Say whether an action was part of the plan on a day (`updated_by_then`: it has an update
    that counts on the day)."""
    created = timezone.localdate(action.created_at)
    if action.created_at - plan.created_at <= WITH_THE_PLAN:
        if updated_by_then:
            return True  # reported on by then: it was in the plan
        created = min(created, plan.as_of) if plan.as_of else datetime.date.min
    return created <= day


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def trail_at(actions: list[Action], day: datetime.date) -> dict[int, Past]:
    """Return each action's status and due date from its audit trail at the end of day, if any."""
    if day >= timezone.localdate() or not actions:
        return {}
    found: dict[int, Past] = {}
    trail = (
        Action.history.filter(id__in=[a.pk for a in actions], history_date__lte=end_of(day))
        .order_by("history_date", "history_id")
        .values_list("id", "status", "due_text", "due_date")
    )
    for pk, status, due_text, due_date in trail:
        found[pk] = Past(status, due_text, due_date)
    return found


def updates_up_to(actions: list[Action], plan: Plan, day: datetime.date) -> dict[int, list[Update]]:
    """Return each action's updates that count on day, oldest first."""
    found: dict[int, list[Update]] = defaultdict(list)
    updates = Update.objects.filter(action__in=[a.pk for a in actions]).order_by("action", "order", "pk")
    for update in updates.only("action_id", "date", "recorded_at", "text", "rag"):
        if update.day(plan) <= day:
            found[update.action_id].append(update)
    return found


def facts_on(
    action: Action, plan: Plan, day: datetime.date, past: Past | None, updates: list[Update]
) -> rag.Facts:
    """Return what the RAG rule looks at for an action on a day, from its trail and updates then."""
    latest = updates[-1] if updates else None
    return rag.Facts(
        status=(past.status if past else action.status) or None,
        due_date=past.due_date if past else action.due_date,
        last_update_on=latest.date if latest else None,
        today=day,
        thresholds=plan.thresholds,
        updated=latest is not None,
        added_on=timezone.localdate(action.created_at),
        reported_at=plan.as_of,
        due_kind=action.due_kind or None,
    )


def assessed_on(plan: Plan) -> datetime.date:
    """Return the day a plan is assessed at by default: today, or its closing date once closed."""
    today = timezone.localdate()
    if plan.status != PlanStatus.CLOSED:
        return today
    closed = closed_on(plan)
    return min(closed, today) if closed else today


def closed_on(plan: Plan) -> datetime.date | None:
    """Return the day the plan was last closed, from its audit trail (None if it is not closed)."""
    if plan.status != PlanStatus.CLOSED:
        return None
    # Newest first by the order the trail was written in.
    statuses = list(plan.history.order_by("-history_id").values_list("status", "history_date"))
    closed_at = None
    for status, when in statuses:
        if status != PlanStatus.CLOSED:
            break
        closed_at = when
    return timezone.localdate(closed_at) if closed_at else None


def actions_as_at(plan: Plan, actions: list[Action], day: datetime.date) -> list[Action]:
    """Return the actions that existed on day, each as it stood then.

    Each keeps its current text and leads; its status and due date are those of the day, and its
    latest update (`latest_update_date`, `latest_update_text`, `latest_update_recorded`) and
    reported RAG (`reported_rag`, `reported_rag_on`) the last ones up to the day.
    """
    updates = updates_up_to(actions, plan, day)
    present = [action for action in actions if exists_on(action, plan, day, action.pk in updates)]
    past = trail_at(present, day)
    action: Any  # the annotations ActionQuerySet.with_latest_update() and with_reported_rag() give
    for action in present:
        if action.pk in past:
            was = past[action.pk]
            action.status, action.due_text, action.due_date = was.status, was.due_text, was.due_date
        action_updates = updates.get(action.pk, [])
        latest = action_updates[-1] if action_updates else None
        action.latest_update_date = latest.date if latest else None
        action.latest_update_text = latest.text if latest else None
        action.latest_update_recorded = latest.recorded_at if latest else None
        given = [update for update in action_updates if update.rag]
        action.reported_rag = given[-1].rag if given else None
        action.reported_rag_on = given[-1].day(plan) if given else None
    return present
