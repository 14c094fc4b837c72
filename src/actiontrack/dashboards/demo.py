"""Demo outcome measures, read from what the seed plans' updates report.

The rule: a plan about child protection (its title or an action names "CP" or
"child protection") whose dated updates quote the count of children on a plan
as it moves ("further reduction to 215", "CP increased to 188 (14/05)") gets
the measure "Children subject to a child protection plan": lower is better,
target below 200, reported monthly, with each quoted figure as a value dated
by the day in brackets after it, else by the update's own date. Only an
action whose updates quote at least three such figures counts, so a stray
number in a sentence does not make a measure.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from actiontrack.dashboards import services
from actiontrack.dashboards.models import Direction, Frequency, Measure
from actiontrack.plans.models import Action, Plan

MEASURE_NAME = "Children subject to a child protection plan"
TARGET = Decimal(200)
CHILD_PROTECTION = re.compile(r"\bCP\b|child protection", re.IGNORECASE)
FIGURE = re.compile(
    r"\b(?:reduction|reduced|increase|increased|rise|rose|fall|fell|down|up)\s+to\s+(\d{2,5})\b"
    r"(?:\s*\((\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\))?",
    re.IGNORECASE,
)
MIN_FIGURES = 3


def quoted_figures(text: str, dated: datetime.date) -> list[tuple[datetime.date, Decimal]]:
    """Return the figures an update quotes, each with the day it is for."""
    found = []
    for match in FIGURE.finditer(text):
        number, day, month, year = match.groups()
        when = dated
        if day and month:
            year_number = int(year) + (2000 if len(year) == 2 else 0) if year else dated.year
            try:
                when = datetime.date(year_number, int(month), int(day))
            except ValueError:
                when = dated
            if when > dated:  # "(30/04)" in an update of 3 January is last year's
                when = when.replace(year=when.year - 1)
        found.append((when, Decimal(number)))
    return found


def figures_of(action: Action) -> list[tuple[datetime.date, Decimal]]:
    figures: dict[datetime.date, Decimal] = {}
    for update in action.updates.exclude(date=None).order_by("date", "order"):
        assert update.date is not None
        for when, number in quoted_figures(update.text, update.date):
            figures[when] = number
    return sorted(figures.items())


@transaction.atomic
def add_demo_measures(plans: Iterable[Plan]) -> list[Measure]:
    """Add the child protection measure to each plan whose updates report the figures (safe to re-run)."""
    added = []
    for plan in plans:
        if plan.outcome_measures.filter(name=MEASURE_NAME).exists():  # type: ignore[attr-defined]
            continue
        for action in plan.actions.select_related("recommendation").order_by("order", "pk"):
            if not (CHILD_PROTECTION.search(plan.title) or CHILD_PROTECTION.search(action.text)):
                continue
            figures = figures_of(action)
            if len(figures) < MIN_FIGURES:
                continue
            first_day, first_value = figures[0]
            measure = Measure(
                plan=plan,
                name=MEASURE_NAME,
                unit="children",
                direction=Direction.LOWER,
                baseline=first_value,
                baseline_date=first_day,
                target=TARGET,
                frequency=Frequency.MONTHLY,
            )
            linked = [action.recommendation] if action.recommendation else []
            services.add_measure(measure, recommendations=linked)
            for when, number in figures:
                services.record_measure_value(measure, date=when, value=number, note="From the plan's update")
            added.append(measure)
            break
    return added
