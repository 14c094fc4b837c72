"""Outcome measures with their dated values, statutory deadlines in working days, calendar tokens."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from actiontrack.accounts.audit import audited
from actiontrack.dashboards import workdays
from actiontrack.plans.models import Plan, Recommendation, SourceKind


class Direction(models.TextChoices):
    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SIX_MONTHLY = "six_monthly", "Every six months"
    ANNUALLY = "annually", "Annually"


# The longest gap between two values of each frequency; a value later than this is late.
FREQUENCY_DAYS = {
    Frequency.WEEKLY: 7,
    Frequency.MONTHLY: 31,
    Frequency.QUARTERLY: 92,
    Frequency.SIX_MONTHLY: 183,
    Frequency.ANNUALLY: 366,
}


class Measure(models.Model):
    """An outcome measure: how the partnership will know its actions made a difference."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcome_measures")
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=60, blank=True, help_text="For example children, %, days")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    target_date = models.DateField(null=True, blank=True)
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="outcome_measures")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited(m2m_fields=[recommendations])

    class Meta:
        ordering = ["plan", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measure-detail", args=[self.pk])

    @property
    def frequency_days(self) -> int:
        return FREQUENCY_DAYS[Frequency(self.frequency)]

    def meets_target(self, value: Decimal) -> bool:
        """Say whether a value is at or better than the target."""
        return value <= self.target if self.direction == Direction.LOWER else value >= self.target


class MeasureValue(models.Model):
    """A measure's value on a date: one value a date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    date = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["measure", "date"]
        constraints = [models.UniqueConstraint(fields=["measure", "date"], name="one_value_per_measure_date")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} on {self.date}"


class DeadlineRule(models.Model):
    """A partnership's rule: plans answering this kind of source are due so many working days after a date."""

    source_kind = models.CharField(max_length=32, choices=SourceKind.choices)
    name = models.CharField(max_length=300, help_text="For example: Action plan to Ofsted (ILACS)")
    working_days = models.PositiveIntegerField()
    counted_from = models.CharField(
        max_length=200, default="publication of the report", help_text="The date the days are counted from"
    )

    history = audited()

    class Meta:
        ordering = ["source_kind", "name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.working_days} working days from {self.counted_from}"


class PlanDeadline(models.Model):
    """A deadline of a plan counted in working days (England and Wales) from a date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statutory_deadlines")
    name = models.CharField(max_length=300)
    start_date = models.DateField(help_text="The date the working days are counted from")
    working_days = models.PositiveIntegerField()
    rule = models.ForeignKey(DeadlineRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["plan", "start_date", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def due_date(self) -> datetime.date:
        return workdays.add_working_days(self.start_date, self.working_days)

    def working_days_left(self, today: datetime.date) -> int:
        """Return the working days from today to the due date (negative once it has passed)."""
        return workdays.working_days_between(today, self.due_date)


class CalendarToken(models.Model):
    """The secret of a user's calendar feed address, kept only as its SHA-256 hash."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited(excluded_fields=["token_hash"])

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
