"""What list pages show about many actions at once, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from actiontrack.plans import asat, rag
from actiontrack.plans.models import Action, Plan, PlanStatus


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
    """Count each plan's actions by RAG and overdue in the database: one query for the open plans,
    one for each closed plan, which is counted as at its closing date (see asat.assessed_on)."""
    today = today or timezone.localdate()
    summaries = {plan.pk: PlanSummary(plan) for plan in plans}
    by_day: dict[datetime.date, list[int]] = {}
    for plan in summaries.values():
        day = min(asat.assessed_on(plan.plan), today) if plan.plan.status == PlanStatus.CLOSED else today
        by_day.setdefault(day, []).append(plan.plan.pk)
    for day, pks in by_day.items():
        updates_up_to = day if day < today else None
        counts = (
            Action.objects.filter(plan__in=pks)
            .with_rag(day, updates_up_to=updates_up_to)
            .order_by()
            .values("plan_id")
            .annotate(
                overdue=Count("pk", filter=Q(is_overdue=True)),
                **{meaning: Count("pk", filter=Q(rag_meaning=meaning)) for meaning in rag.MEANINGS},
            )
        )
        row: dict[str, int]
        for row in counts:  # type: ignore[assignment]  # the meanings are keys too
            summary = summaries[row["plan_id"]]
            summary.counts.update({meaning: row[meaning] for meaning in rag.MEANINGS if row[meaning]})
            summary.overdue = row["overdue"]
    return list(summaries.values())
