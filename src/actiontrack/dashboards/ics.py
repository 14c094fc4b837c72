"""A user's calendar: the due dates of the actions they lead and the deadlines of the plans they own."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from icalendar import Calendar, Event

from actiontrack.dashboards.models import PlanDeadline
from actiontrack.plans import rag
from actiontrack.plans.models import Action


def led_actions(user: Any) -> Any:
    """Return the actions with a due date that the user leads, soonest first."""
    return (
        Action.objects.filter(lead_links__person__user=user, due_date__isnull=False)
        .select_related("plan")
        .distinct()
        .order_by("due_date", "pk")
    )


def owned_deadlines(user: Any) -> list[PlanDeadline]:
    return list(PlanDeadline.objects.filter(plan__owners=user).select_related("plan").distinct())


def _event(
    uid: str, day: datetime.date, summary: str, description: str, url: str, stamp: datetime.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def feed(user: Any, base_url: str, host: str) -> bytes:
    """Return the user's calendar as iCalendar bytes: one all-day event per due date."""
    calendar = Calendar()
    calendar.add("prodid", "-//ActionTrack//Due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ActionTrack due dates")
    stamp = timezone.now()
    for action in led_actions(user):
        assert action.due_date is not None
        state = "Completed" if action.status == rag.COMPLETED else "Due"
        title = f"{state}: {action.ref + ' ' if action.ref else ''}{action.text[:80]}"
        calendar.add_component(
            _event(
                f"action-{action.pk}@{host}",
                action.due_date,
                title,
                f"{action.plan.title}\n{action.text}\n"
                f"Due {action.due_text or rag.format_date(action.due_date)}",
                base_url + action.get_absolute_url(),
                stamp,
            )
        )
    for deadline in owned_deadlines(user):
        calendar.add_component(
            _event(
                f"deadline-{deadline.pk}@{host}",
                deadline.due_date,
                f"Deadline: {deadline.name}",
                f"{deadline.plan.title}\n"
                f"{deadline.working_days} working days from {rag.format_date(deadline.start_date)}",
                base_url + deadline.plan.get_absolute_url(),
                stamp,
            )
        )
    return calendar.to_ical()
