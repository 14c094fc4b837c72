"""Every write of the dashboards app: measures and their values, deadlines, calendar tokens.

Each runs in a transaction and is recorded in the audit trail (the models are
audited; `accounts.audit.acting_as` says who acts). A rule broken raises
Django's ValidationError keyed by the field at fault, and nothing is written.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actiontrack.dashboards import measures
from actiontrack.dashboards.models import CalendarToken, DeadlineRule, Measure, MeasureValue, PlanDeadline
from actiontrack.plans.models import Plan, Recommendation


def _check_recommendations(plan: Plan, recommendations: Iterable[Recommendation]) -> list[Recommendation]:
    chosen = list(recommendations)
    if any(recommendation.plan_id != plan.pk for recommendation in chosen):
        raise ValidationError({"recommendations": "Choose recommendations of this plan"})
    return chosen


@transaction.atomic
def add_measure(measure: Measure, *, recommendations: Iterable[Recommendation] = ()) -> Measure:
    """Save a new (or changed) outcome measure of a plan, linked to recommendations of that plan."""
    chosen = _check_recommendations(measure.plan, recommendations)
    if measure.target_date and measure.baseline_date and measure.target_date < measure.baseline_date:
        raise ValidationError({"target_date": "The target date must be after the baseline date"})
    measure.full_clean(exclude=["plan"])
    measure.save()
    measure.recommendations.set(chosen)
    return measure


def _check_value_date(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": "A value cannot be dated in the future"})


@transaction.atomic
def record_measure_value(
    measure: Measure, *, date: datetime.date, value: Decimal, note: str = ""
) -> MeasureValue:
    """Record the measure's value on a date, replacing any value already recorded for that date."""
    _check_value_date(date)
    existing = MeasureValue.objects.filter(measure=measure, date=date).first()
    if existing is not None:
        existing.value, existing.note = value, note
        existing.save()
        return existing
    return MeasureValue.objects.create(measure=measure, date=date, value=value, note=note)


@transaction.atomic
def load_measure_values_csv(measure: Measure, data: bytes) -> list[MeasureValue]:
    """Load `date,value[,note]` rows into the measure: all of them, or none when any row is bad.

    Errors name the row ("Row 3: value “n/a” is not a number"), under the key `file`.
    """
    rows, errors = measures.read_csv(data)
    today = timezone.localdate()
    for row in rows:
        if row.date > today:
            future = f"{row.date.isoformat()} is in the future; values are reported, not foretold"
            errors.append(f"Row {row.number}: {future}")
    if errors:
        raise ValidationError({"file": errors})
    return [record_measure_value(measure, date=row.date, value=row.value, note=row.note) for row in rows]


@transaction.atomic
def add_deadline(
    plan: Plan,
    *,
    name: str,
    start_date: datetime.date,
    working_days: int,
    rule: DeadlineRule | None = None,
) -> PlanDeadline:
    """Give the plan a deadline so many working days after a date."""
    if rule is not None:
        name = name or rule.name
        working_days = working_days or rule.working_days
    if not name.strip():
        raise ValidationError({"name": "Enter what is due"})
    if working_days <= 0:
        raise ValidationError({"working_days": "Enter a number of working days greater than 0"})
    return PlanDeadline.objects.create(
        plan=plan, name=name.strip(), start_date=start_date, working_days=working_days, rule=rule
    )


@transaction.atomic
def add_deadline_rule(rule: DeadlineRule) -> DeadlineRule:
    """Save a partnership's rule for deadlines of plans answering a kind of source."""
    rule.full_clean()
    rule.save()
    return rule


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def renew_calendar_token(user: Any) -> str:
    """Give the user a new calendar feed secret (the old address stops working) and return it.

    Only its hash is kept: the secret is shown once, when it is made.
    """
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.filter(user=user).delete()
    CalendarToken.objects.create(user=user, token_hash=hash_token(token))
    return token


@transaction.atomic
def revoke_calendar_token(user: Any) -> None:
    """Stop the user's calendar feed address from working."""
    CalendarToken.objects.filter(user=user).delete()
