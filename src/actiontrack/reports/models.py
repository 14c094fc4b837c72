"""Frozen board report versions and a plan's own Word template."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from actiontrack.accounts.audit import audited


class ReportVersion(models.Model):
    """A board report frozen as it stood: V1, V2, … of a plan. Never changed once written."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_versions")
    number = models.PositiveIntegerField()
    as_at = models.DateField()
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_by_name = models.CharField(max_length=200, blank=True, help_text="Who froze it, at the time")
    frozen_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(help_text="The report as it was: every action's RAG and reason, updates, counts")

    history = audited()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_report_version_number")
        ]

    def __str__(self) -> str:
        return f"V{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A frozen version is a record: written once, never changed.
        if not self._state.adding:
            raise PermissionError("A frozen report version cannot be changed")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("report-version", args=[self.plan_id, self.number])

    @property
    def label(self) -> str:
        return f"V{self.number}"


class ReportTemplate(models.Model):
    """A plan's own Word template (docxtpl placeholders) that its board report renders into."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="report_template")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    history = audited(excluded_fields=["content"])

    def __str__(self) -> str:
        return self.filename
