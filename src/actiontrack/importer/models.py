"""An uploaded document waiting for its uploader to check and confirm the preview."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportDraft(models.Model):
    """The document as read, with the person's corrections; nothing is a plan until confirmed.

    The file's bytes are kept so the document can be re-read with other column
    roles; the draft survives page reloads and is deleted once confirmed. An
    upload is read in the background: the draft waits in the "reading" state,
    saying how far it has got, until it is ready to check or could not be read.
    """

    class State(models.TextChoices):
        READING = "reading", "Reading"
        READY = "ready", "Ready to check"
        FAILED = "failed", "Could not be read"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_drafts")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.READY)
    progress = models.CharField(max_length=200, blank=True)  # how far the reading has got, in words
    error = models.TextField(blank=True)  # why it could not be read, for its uploader
    document = models.JSONField(default=dict)
    columns = models.JSONField(default=list)
    column_roles = models.JSONField(default=dict)
    unplaced = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once confirmed: a second click on Confirm finds the plan the first one made.
    plan = models.OneToOneField(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="import_draft"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class ImportedFile(models.Model):
    """A file confirmed as a plan: its SHA-256, so that importing the same file again is warned of."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="imported_files")
    sha256 = models.CharField(max_length=64, db_index=True)
    filename = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "pk"]

    def __str__(self) -> str:
        return self.filename
