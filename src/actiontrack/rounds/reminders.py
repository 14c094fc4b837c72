"""Daily reminders: one digest per lead of what is due soon, overdue or stale; owners get escalations.

`build_digests(today)` is a plain function of the database and the day; the
`send-reminders` command sends what it returns, once a day per address and
kind (ReminderLog remembers).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count

from actiontrack.plans.models import Action, ActionStatus, PlanStatus
from actiontrack.plans.rag import format_date
from actiontrack.rounds.mail import absolute_url, send_email
from actiontrack.rounds.models import ReminderKind, ReminderLog
from actiontrack.rounds.services import person_email

DUE_SOON_DAYS = 14


@dataclass
class DigestItem:
    action: Action
    reasons: list[str]


@dataclass
class Digest:
    email: str
    name: str
    kind: str
    items: list[DigestItem] = field(default_factory=list)

    @property
    def subject(self) -> str:
        count = len(self.items)
        what = f"{count} action{'s' if count != 1 else ''}"
        if self.kind == ReminderKind.ESCALATION:
            return f"ActionTrack: {what} in your plans need attention"
        return f"ActionTrack: {what} of yours to look at"


def _days_without_update(action: Action, today: datetime.date) -> int:
    last = action.last_update_on() or action.created_at.date()
    return (today - last).days


def build_digests(today: datetime.date) -> list[Digest]:
    """Return the digests to send today: one per lead's address, one per owner's for escalations."""
    actions = (
        Action.objects.filter(plan__status=PlanStatus.ACTIVE)
        .exclude(status=ActionStatus.COMPLETED)
        .for_page()
        .annotate(revision_count=Count("due_revisions", distinct=True))
        .prefetch_related("plan__owners")
        .order_by("plan__title", "plan_id", "order", "pk")
    )
    leads: dict[str, Digest] = {}
    owners: dict[str, Digest] = {}
    for action in actions:
        reasons = []
        if action.due_date is not None:
            if action.due_date < today:
                reasons.append(f"overdue since {format_date(action.due_date)}")
            elif action.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS):
                reasons.append(f"due {format_date(action.due_date)}")
        stale_days = action.plan.stale_after_days
        silent = _days_without_update(action, today)
        if silent >= stale_days:
            reasons.append(f"no update for {silent} days")
        if reasons:
            for person in action.ordered_leads():
                address = person_email(person)
                if address:
                    digest = leads.setdefault(
                        address, Digest(address, person.name or person.key, ReminderKind.DIGEST)
                    )
                    digest.items.append(DigestItem(action, reasons))
        escalate = []
        if silent >= 2 * stale_days:
            escalate.append(f"no update for {silent} days (twice the plan's {stale_days})")
        revisions = getattr(action, "revision_count", 0)
        if action.plan.revision_limit and revisions >= action.plan.revision_limit:
            escalate.append(f"due date revised {revisions} times")
        if escalate:
            for owner in action.plan.owners.all():
                address = (owner.email or "").strip().lower()
                if address:
                    digest = owners.setdefault(
                        address, Digest(address, owner.display_name, ReminderKind.ESCALATION)
                    )
                    digest.items.append(DigestItem(action, escalate))
    return [*leads.values(), *owners.values()]


def already_sent(digest: Digest, today: datetime.date) -> bool:
    return ReminderLog.objects.filter(email=digest.email, day=today, kind=digest.kind).exists()


def send_digest(digest: Digest, today: datetime.date) -> bool:
    """Send one digest unless the same kind already went to this address today; say whether it went."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                email=digest.email,
                day=today,
                kind=digest.kind,
                action_ids=[item.action.pk for item in digest.items],
            )
            context = {
                "name": digest.name,
                "escalation": digest.kind == ReminderKind.ESCALATION,
                "items": [
                    {
                        "ref": item.action.ref,
                        "text": item.action.text,
                        "plan": item.action.plan.title,
                        "reasons": item.reasons,
                        "link": absolute_url(item.action.get_absolute_url()),
                    }
                    for item in digest.items
                ],
            }
            send_email(digest.email, digest.subject, "rounds/email/digest", context)
    except IntegrityError:
        return False  # another run sent it first
    return True
