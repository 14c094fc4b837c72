"""Update rounds, the e-mails they send, reminders, and sign-off with evidence."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.urls import reverse
from django.utils import timezone

from actiontrack.accounts.audit import audited


class Round(models.Model):
    """One request for updates on one or several plans, with a deadline."""

    title = models.CharField(max_length=300)
    deadline = models.DateField()
    plans = models.ManyToManyField("plans.Plan", related_name="update_rounds")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = audited(m2m_fields=[plans])

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("round-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def past_deadline(self, today: datetime.date | None = None) -> bool:
        """Say whether the deadline day is over."""
        return (today or timezone.localdate()) > self.deadline


class Recipient(models.Model):
    """One lead asked for updates in a round: one e-mail, one link, all their actions.

    A lead may be named in several of the round's plans (as a Person of each);
    they are one recipient, found by e-mail address.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    people = models.ManyToManyField("plans.Person", related_name="round_recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Part of the signed link: changing or clearing it makes every earlier link useless.
    nonce = models.CharField(max_length=32)
    revoked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveIntegerField(default=0)

    history = audited(m2m_fields=[people])

    class Meta:
        ordering = ["round", "name", "email"]
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="one_recipient_per_address")]

    def __str__(self) -> str:
        return self.name or self.email


class Answer(models.Model):
    """What a lead said about one action in a round; it becomes a dated update at the close."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="answers")
    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="round_answers")
    person = models.ForeignKey("plans.Person", on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    rag = models.CharField(max_length=20, blank=True)
    due_text = models.CharField("due date asked for", max_length=500, blank=True)
    due_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    update = models.OneToOneField(
        "plans.Update", null=True, blank=True, on_delete=models.SET_NULL, related_name="round_answer"
    )

    history = audited()

    class Meta:
        ordering = ["recipient", "action__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "action"], name="one_answer_per_action")]

    def __str__(self) -> str:
        return self.text[:80]


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be delivered"


class OutgoingEmail(models.Model):
    """An e-mail queued for the background worker, with what became of it."""

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    template_base = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class ReminderKind(models.TextChoices):
    DIGEST = "digest", "Lead's digest"
    ESCALATION = "escalation", "Owner's escalation digest"


class ReminderLog(models.Model):
    """A reminder digest sent: never the same one twice in a day."""

    email = models.EmailField()
    day = models.DateField()
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    action_ids = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "email"]
        constraints = [
            models.UniqueConstraint(fields=["email", "day", "kind"], name="one_reminder_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.email} on {self.day}"


class SignOffStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class SignOff(models.Model):
    """A lead's request to mark an action complete, with evidence, and the owner's decision."""

    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="sign_offs")
    text = models.TextField("evidence", blank=True)
    status = models.CharField(max_length=10, choices=SignOffStatus.choices, default=SignOffStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Sign-off of {self.action}"

    def get_absolute_url(self) -> str:
        return reverse("sign-off-detail", args=[self.pk])


def evidence_storage() -> Storage:
    return storages["evidence"]


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    # The stored name is never the uploaded one: no path tricks, no guessable names.
    return f"{timezone.now():%Y/%m}/{instance.token}"


class EvidenceFile(models.Model):
    """A file given as evidence of completion or of impact, stored privately."""

    sign_off = models.ForeignKey(
        SignOff, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    impact = models.ForeignKey(
        "ImpactEvidence", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=300)
    token = models.CharField(max_length=40, unique=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_person = models.ForeignKey(
        "plans.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("evidence-file", args=[self.pk])


class ImpactEvidence(models.Model):
    """Evidence that a recommendation made the difference it intended (its measures)."""

    recommendation = models.ForeignKey(
        "plans.Recommendation", on_delete=models.CASCADE, related_name="impact_evidence"
    )
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = audited()

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]
