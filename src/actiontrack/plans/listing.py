"""What the plan page shows of a plan's actions: each with its RAG, a summary, filters, contents.

The RAG of each action comes from the one rule (`rag.py`), as at the day the page is about:
today, a closed plan's closing date, or the day asked for (`?as_at=2018-06-14`, read through
`asat.py` as board reports are). Filters are plain GET parameters, so a filtered page is a link.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils import timezone

from actiontrack.plans import asat, rag
from actiontrack.plans.models import Action, Plan, Recommendation


@dataclass
class Row:
    """One action as a list shows it: its RAG on the day, overdue, stale, and why it differs from the
    RAG reported for it."""

    action: Action
    assessment: rag.Assessment
    code: str
    overdue: bool
    stale: bool
    differs: str = ""

    @property
    def completed(self) -> bool:
        return self.assessment.meaning == rag.COMPLETED

    @property
    def agency(self) -> str:
        return agency_of(self.action)


def agency_of(action: Action) -> str:
    """Return the agency an action names: the linked agency's name, else as printed."""
    return action.agency.name if action.agency_id and action.agency else action.agency_name


def rows_for(actions: Iterable[Action], plan: Plan, day: datetime.date) -> list[Row]:
    """Assess each action on a day with the RAG rule (actions annotated as by ActionQuerySet.for_page)."""
    scale = plan.scale
    rows = []
    for action in actions:
        action.plan = plan
        facts = action.rag_facts(day)
        assessment = rag.assess_facts(facts)
        rows.append(
            Row(
                action,
                assessment,
                assessment.code(scale),
                rag.OVERDUE.holds(facts),
                rag.STALE.holds(facts),
                reported_differs(action, assessment, plan),
            )
        )
    return rows


def reported_differs(action: Action, assessment: rag.Assessment, plan: Plan) -> str:
    """Say why the page shows another colour than the lead's latest (else the plan's printed) RAG."""
    reported = getattr(action, "reported_rag", None)
    if reported:
        on = getattr(action, "reported_rag_on", None)
        return rag.reported_differs(assessment, reported, on, plan.scale)
    if action.printed_rag:
        return rag.reported_differs(assessment, action.printed_rag, plan.as_of, plan.scale)
    return ""


def plan_rows(plan: Plan, day: datetime.date) -> list[Row]:
    """Return every action of the plan as it stood on day, in plan order, assessed on that day."""
    actions = list(
        Action.objects.filter(plan=plan)
        .for_page()
        .select_related("agency")
        .with_reported_rag(up_to=day)
        .order_by("order", "pk")
    )
    if day < timezone.localdate():
        actions = asat.actions_as_at(plan, actions, day)
    return rows_for(actions, plan, day)


@dataclass
class Chosen:
    """The filters asked for, already read (see PlanFilterForm)."""

    rag: str = ""
    lead: int | None = None
    agency: str = ""
    overdue: bool = False
    stale: bool = False
    due_before: datetime.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.rag or self.lead or self.agency or self.overdue or self.stale or self.due_before)

    def keeps(self, row: Row) -> bool:
        """Say whether a row passes every filter chosen."""
        action = row.action
        if self.rag and row.code != self.rag:
            return False
        if self.lead and self.lead not in {person.pk for person in action.ordered_leads()}:
            return False
        if self.agency and row.agency != self.agency:
            return False
        if self.overdue and not row.overdue:
            return False
        if self.stale and not row.stale:
            return False
        return not (self.due_before and (action.due_date is None or action.due_date >= self.due_before))


@dataclass
class Summary:
    """A plan's actions on a day counted by colour, overdue and needing an update."""

    by_code: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    stale: int = 0
    total: int = 0

    @classmethod
    def of(cls, rows: list[Row]) -> Summary:
        return cls(
            Counter(row.code for row in rows),
            sum(row.overdue for row in rows),
            sum(row.stale for row in rows),
            len(rows),
        )

    def colours(self, plan: Plan) -> list[tuple[str, str, int]]:
        """Return (code, label, count) from the worst colour to completed."""
        scale = plan.scale
        order = (rag.DELAYED, rag.AT_RISK, rag.ON_TRACK, rag.COMPLETED)
        return [
            (code, scale.label_for(code), self.by_code[code])
            for code in (scale.code_for(meaning) for meaning in order)
        ]


def link(base: dict[str, str], **changes: Any) -> str:
    """Return a query string: the base parameters with some changed (None or "" drops one)."""
    query = {**base, **changes}
    kept = {name: str(value) for name, value in query.items() if value not in (None, "", False)}
    return "?" + urlencode(kept) if kept else "?"


@dataclass
class Entry:
    """A recommendation in the contents list, with the page it is on."""

    recommendation: Recommendation
    page: int
    actions: int


def contents(
    recommendations: list[Recommendation], per_page: int, counts: dict[int, int]
) -> list[tuple[str, list[Entry]]]:
    """Return the sections, each with its recommendations and the page number each is on."""
    sections: list[tuple[str, list[Entry]]] = []
    for index, recommendation in enumerate(recommendations):
        if not sections or sections[-1][0] != recommendation.section:
            sections.append((recommendation.section, []))
        entry = Entry(recommendation, index // per_page + 1, counts.get(recommendation.pk, 0))
        sections[-1][1].append(entry)
    return sections
