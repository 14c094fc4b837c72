"""What list pages show about many actions at once, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from actiontrack.plans import rag
from actiontrack.plans.models import Action, Plan


@dataclass
class PlanSummary:
    """A plan's actions counted by RAG, and how many are overdue."""

    plan: Plan
    counts: Counter[str] = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_colour(self) -> list[tuple[str, str, int]]:
        """Return (code, label, count) in the plan's key order, for the tags on the list."""
        scale = self.plan.scale
        return [
            (scale.code_for(meaning), scale.label_for(scale.code_for(meaning)), self.counts[meaning])
            for meaning in rag.MEANINGS
        ]


def summarise(plans: Iterable[Plan], today: datetime.date | None = None) -> list[PlanSummary]:
    """Count each plan's actions by RAG and overdue, with one query for all of them."""
    today = today or timezone.localdate()
    summaries = {plan.pk: PlanSummary(plan) for plan in plans}
    actions = (
        Action.objects.filter(plan__in=list(summaries))
        .with_latest_update()
        .only("plan_id", "status", "due_date")
    )
    for action in actions:
        summary = summaries[action.plan_id]
        action.plan = summary.plan  # already loaded: spares a query per action
        assessment = action.assessment(today)
        summary.counts[assessment.meaning] += 1
        if is_overdue(action, today):
            summary.overdue += 1
    return list(summaries.values())


def is_overdue(action: Action, today: datetime.date) -> bool:
    """Say whether an unfinished action is past the date its due words mean."""
    return bool(action.due_date and action.due_date < today and action.status != rag.COMPLETED)
