"""Due dates that moved: how far, how often, and the note the plan and action pages show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from actiontrack.plans.models import Action, DueDateRevision
from actiontrack.plans.rag import format_date


@dataclass(frozen=True)
class Slip:
    action: Action
    revisions: list[DueDateRevision]

    @property
    def count(self) -> int:
        return len(self.revisions)

    @property
    def original_text(self) -> str:
        return self.revisions[0].previous_text

    @property
    def original_date(self) -> datetime.date | None:
        return self.revisions[0].previous_date

    @property
    def days_moved(self) -> int | None:
        if self.original_date and self.action.due_date:
            return (self.action.due_date - self.original_date).days
        return None

    @property
    def flagged(self) -> bool:
        limit = self.action.plan.revision_limit
        return bool(limit) and self.count >= limit

    def note(self) -> str:
        """Return "revised from 31 March 2004 (2 revisions)"."""
        original = format_date(self.original_date) if self.original_date else self.original_text or "no date"
        return f"revised from {original} ({self.count} revision{'s' if self.count != 1 else ''})"


def slips(actions: QuerySet[Action]) -> list[Slip]:
    """Return every action among these whose due date moved, most revisions first."""
    moved = (
        actions.annotate(revision_count=Count("due_revisions"))
        .filter(revision_count__gt=0)
        .select_related("plan")
        .order_by("-revision_count", "plan__title", "order", "pk")
    )
    by_action: dict[int, list[DueDateRevision]] = {}
    revisions = DueDateRevision.objects.filter(action__in=moved.values("pk")).select_related("agreed_by")
    for revision in revisions.order_by("recorded_at", "pk"):
        by_action.setdefault(revision.action_id, []).append(revision)
    return [Slip(action, by_action[action.pk]) for action in moved if action.pk in by_action]


def slip_for(action: Any) -> Slip | None:
    """Return one action's slippage, or None when its due date never moved."""
    revisions = list(action.due_revisions.select_related("agreed_by").order_by("recorded_at", "pk"))
    return Slip(action, revisions) if revisions else None
