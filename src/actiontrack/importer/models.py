"""An uploaded document waiting for its uploader to check and confirm the preview."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportDraft(models.Model):
    """The document as read, with the person's corrections; nothing is a plan until confirmed.

    The file's bytes are kept so the document can be re-read with other column
    roles; the draft survives page reloads and is deleted once confirmed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_drafts")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    document = models.JSONField()
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
