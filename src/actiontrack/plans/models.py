"""Action plans as partnerships keep them: plans, recommendations, actions, people, updates."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from actiontrack.accounts.audit import audited
from actiontrack.lib.duedates import KINDS, Due
from actiontrack.plans import rag


class SourceKind(models.TextChoices):
    INSPECTION = "inspection", "Inspection"
    JOINT_INSPECTION = "joint_inspection", "Joint inspection"
    SERIOUS_CASE_REVIEW = "serious_case_review", "Serious case review"
    PRACTICE_REVIEW = "practice_review", "Practice review"
    SAFEGUARDING_ADULTS_REVIEW = "safeguarding_adults_review", "Safeguarding adults review"
    DOMESTIC_HOMICIDE_REVIEW = "domestic_homicide_review", "Domestic homicide review"
    SERIOUS_INCIDENT = "serious_incident", "Serious incident"
    AUDIT = "audit", "Audit"
    PEER_REVIEW = "peer_review", "Peer review"
    INTERNAL = "internal", "Internal"
    OTHER = "other", "Other"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ActionStatus(models.TextChoices):
    COMPLETED = "completed", "Completed"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DELAYED = "delayed", "Delayed"
    ONGOING = "ongoing", "Ongoing"
    NOT_STARTED = "not_started", "Not started"


DUE_KIND_CHOICES = [(kind, kind.replace("_", " ").capitalize()) for kind in KINDS]


class Plan(models.Model):
    """One action plan: the answer to an inspection, review or audit."""

    title = models.CharField(max_length=500)
    source_kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.OTHER)
    source_title = models.CharField("report", max_length=500, blank=True)
    source_date = models.CharField(
        "report date", max_length=10, blank=True, help_text="YYYY-MM or YYYY-MM-DD, as precise as printed"
    )
    owning_body = models.CharField(
        max_length=200, blank=True, help_text="The board or body that owns the plan"
    )
    as_of = models.DateField("progress reported at", null=True, blank=True)
    version = models.CharField(max_length=40, blank=True)
    reporting_to = models.CharField(max_length=300, blank=True)
    notes = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    rag_scale = models.JSONField(
        default=list, blank=True, help_text="The status key printed on the plan: [{code, label}]"
    )
    red_after_days = models.PositiveIntegerField(
        default=rag.DEFAULT_THRESHOLDS.red_after_days, help_text="Days overdue after which an action is red"
    )
    stale_after_days = models.PositiveIntegerField(
        default=rag.DEFAULT_THRESHOLDS.stale_after_days,
        help_text="Days without an update after which an action is amber",
    )
    allow_self_approval = models.BooleanField(
        default=False, help_text="A lead may approve the completion of an action they lead themselves"
    )
    revision_limit = models.PositiveIntegerField(
        default=2, help_text="Revisions of an action's due date after which it is flagged to the owners"
    )
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="owned_plans")
    agencies = models.ManyToManyField("accounts.Agency", blank=True, related_name="plans")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = audited(m2m_fields=[owners, agencies])

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan-detail", args=[self.pk])

    @property
    def scale(self) -> rag.RagScale:
        return rag.RagScale.from_entries(self.rag_scale)

    @property
    def thresholds(self) -> rag.Thresholds:
        return rag.Thresholds(red_after_days=self.red_after_days, stale_after_days=self.stale_after_days)


class Recommendation(models.Model):
    """A recommendation of the report, as printed, with its outcomes and measures."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    ref = models.CharField(max_length=100, blank=True)
    section = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    priority = models.CharField(max_length=200, blank=True)
    objective = models.TextField(blank=True)
    outcomes = models.JSONField(default=list, blank=True)
    measures = models.JSONField(default=list, blank=True)
    order = models.PositiveIntegerField(default=0)

    history = audited()

    class Meta:
        ordering = ["plan", "order", "pk"]
        indexes = [models.Index(fields=["plan", "order"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:60]}".strip()

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#recommendation-{self.pk}"


class Person(models.Model):
    """Someone a plan names as a lead: initials from the plan's key, a name or a role.

    Keys belong to a plan ("SM" in one plan is not "SM" in another); a person
    may be linked to a user account so their actions appear under My actions.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="people")
    key = models.CharField(max_length=200)
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True, help_text="Where update rounds and reminders are sent")
    agency = models.ForeignKey("accounts.Agency", null=True, blank=True, on_delete=models.SET_NULL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    in_key = models.BooleanField(default=False, help_text="Listed in the key of initials printed on the plan")
    order = models.PositiveIntegerField(default=0)

    history = audited()

    class Meta:
        ordering = ["plan", "order", "key"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="unique_person_key_per_plan")]

    def __str__(self) -> str:
        return self.key


def update_day() -> Coalesce:
    """Return the SQL for the day an update counts from (see Update.day)."""
    return Coalesce(
        F("date"), F("action__plan__as_of"), TruncDate("recorded_at"), output_field=models.DateField()
    )


class ActionQuerySet(models.QuerySet["Action"]):
    def with_latest_update(self, up_to: datetime.date | None = None) -> ActionQuerySet:
        """Annotate each action with its latest update's date and text (on or before up_to), in one query."""
        latest = Update.objects.filter(action=OuterRef("pk")).order_by("-order", "-pk")
        if up_to is not None:
            latest = latest.annotate(counts_on=update_day()).filter(counts_on__lte=up_to)
        return self.annotate(
            latest_update_date=Subquery(latest.values("date")[:1]),
            latest_update_recorded=Subquery(latest.values("recorded_at")[:1]),
            latest_update_text=Subquery(latest.values("text")[:1]),
        )

    def with_reported_rag(self, up_to: datetime.date | None = None) -> ActionQuerySet:
        """Annotate each action with the latest RAG a lead gave with an update (on or before up_to)."""
        given = Update.objects.filter(action=OuterRef("pk")).exclude(rag="").order_by("-order", "-pk")
        given = given.annotate(counts_on=update_day())
        if up_to is not None:
            given = given.filter(counts_on__lte=up_to)
        return self.annotate(
            reported_rag=Subquery(given.values("rag")[:1]),
            reported_rag_on=Subquery(given.values("counts_on")[:1]),
        )

    def with_rag(self, today: datetime.date, *, updates_up_to: datetime.date | None = None) -> ActionQuerySet:
        """Annotate each action with the RAG rule worked out in SQL: rag_meaning, days_overdue,
        is_overdue and is_stale (see rag.RULES), as at today, counting updates up to updates_up_to."""
        queryset = self.with_latest_update(up_to=updates_up_to)
        stages = rag.rag_annotations(
            today,
            last_update_on=F("latest_update_date"),
            updated=Q(latest_update_recorded__isnull=False),
            added_on=TruncDate("created_at"),
        )
        for stage in stages:
            queryset = queryset.annotate(**stage)
        return queryset

    def for_page(self) -> ActionQuerySet:
        """Fetch what a list of actions shows: plan, recommendation, leads and latest update."""
        leads = ActionLead.objects.select_related("person").order_by("order")
        return (
            self.select_related("plan", "recommendation")
            .prefetch_related(Prefetch("lead_links", queryset=leads, to_attr="_prefetched_lead_links"))
            .with_latest_update()
        )


class Action(models.Model):
    """Something a plan commits to do, who leads it and when it is due."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    ref = models.CharField(max_length=100, blank=True)
    text = models.TextField()
    leads = models.ManyToManyField(Person, through="ActionLead", related_name="actions", blank=True)
    due_text = models.CharField("due (as written)", max_length=500, blank=True)
    due_date = models.DateField("due date it means", null=True, blank=True)
    due_kind = models.CharField(max_length=20, choices=DUE_KIND_CHOICES, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    agency_name = models.CharField(
        "agency (as printed)", max_length=300, blank=True, help_text="The organisation responsible"
    )
    agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    evidence = models.JSONField(default=list, blank=True, help_text="Evidence as printed on the plan")
    printed_rag = models.CharField(
        "RAG (as printed)", max_length=20, blank=True, help_text="The colour the imported plan printed"
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["plan", "order", "pk"]
        indexes = [
            models.Index(fields=["plan", "order"]),
            models.Index(fields=["due_date"]),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("action-detail", args=[self.pk])

    @property
    def due(self) -> Due:
        return Due(self.due_text or None, self.due_date, self.due_kind or None)

    def lead_keys(self) -> list[str]:
        """Return the leads as printed, in order (uses prefetched leads when present)."""
        return [person.key for person in self.ordered_leads()]

    def ordered_leads(self) -> list[Person]:
        # The through model's order is lost by a plain prefetch; ActionLead rows keep it.
        links = getattr(self, "_prefetched_lead_links", None)
        if links is None:
            links = list(self.lead_links.select_related("person").order_by("order"))
        return [link.person for link in links]

    def rag_facts(self, today: datetime.date | None = None) -> rag.Facts:
        """Return what the RAG rule looks at for this action, as at today."""
        latest = self._latest_update()
        return rag.Facts(
            status=self.status or None,
            due_date=self.due_date,
            last_update_on=latest[0] if latest else None,
            today=today or timezone.localdate(),
            thresholds=self.plan.thresholds,
            updated=latest is not None,
            added_on=timezone.localdate(self.created_at) if self.created_at else None,
            reported_at=self.plan.as_of,
            due_kind=self.due_kind or None,
        )

    def assessment(self, today: datetime.date | None = None) -> rag.Assessment:
        """Return this action's RAG and the reason for it."""
        return rag.assess_facts(self.rag_facts(today))

    def last_update_on(self) -> datetime.date | None:
        """Return the latest update's day: its date, else (printed undated) the plan's reported-at date."""
        latest = self._latest_update()
        return (latest[0] or self.plan.as_of) if latest else None

    def _latest_update(self) -> tuple[datetime.date | None, datetime.datetime] | None:
        """Return the latest update's (date, recorded at), None when there is none."""
        if hasattr(self, "latest_update_recorded"):  # annotated by with_latest_update()
            recorded = self.latest_update_recorded
            return (getattr(self, "latest_update_date", None), recorded) if recorded is not None else None
        latest = self.updates.order_by("-order", "-pk").first()
        return (latest.date, latest.recorded_at) if latest else None


class ActionLead(models.Model):
    """The link from an action to one of its leads, keeping the printed order."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="lead_links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="lead_links")
    order = models.PositiveIntegerField(default=0)

    history = audited()

    class Meta:
        ordering = ["action", "order"]

    def __str__(self) -> str:
        return f"{self.person} leads {self.action}"


class Update(models.Model):
    """Progress reported on an action: dated as printed, and when it was recorded."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(null=True, blank=True)
    text = models.TextField()
    rag = models.CharField("RAG given", max_length=20, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="updates"
    )
    author_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="updates",
        help_text="The lead who gave it through an e-mailed link, without an account",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    order = models.PositiveIntegerField(default=0)

    history = audited()

    class Meta:
        ordering = ["action", "order", "pk"]
        indexes = [models.Index(fields=["action", "order"])]

    def __str__(self) -> str:
        return self.text[:80]

    def day(self, plan: Plan | None = None) -> datetime.date:
        """Return the day this update counts from: its date; printed undated (an imported document's
        progress), the plan's *progress reported at* date; else the day it was recorded."""
        as_of = (plan or self.action.plan).as_of
        return self.date or as_of or timezone.localdate(self.recorded_at)


class DueDateRevision(models.Model):
    """A change of an action's due date, with its reason: the original is never lost."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="due_revisions")
    previous_text = models.CharField(max_length=500, blank=True)
    previous_date = models.DateField(null=True, blank=True)
    new_text = models.CharField(max_length=500, blank=True)
    new_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["action", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.previous_text or 'no date'} → {self.new_text or 'no date'}"

    @property
    def days_moved(self) -> int | None:
        """Return how many days later (or, if negative, earlier) the action is now due."""
        if self.previous_date and self.new_date:
            return (self.new_date - self.previous_date).days
        return None
