"""Who uses ActionTrack: agencies and their staff's accounts, with their roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from actiontrack.accounts.audit import audited


class Agency(models.Model):
    """A partner organisation: the council, a health trust, the police, a school forum."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    email_domain = models.CharField(
        max_length=200, blank=True, help_text="Staff e-mail addresses end with it, e.g. westmere.police.uk"
    )

    history = audited()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in.

    Roles held by the account itself: administrator (`is_staff`) and board member
    (reads every plan and report, changes nothing). Owning a plan, leading an
    action and seeing what one's agency is shared come from the plans.
    Accounts are deactivated, never deleted, so the history keeps their name.
    """

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="users")
    is_board_member = models.BooleanField(
        "board member", default=False, help_text="Reads every plan and report; changes nothing"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)

    # Password hashes and sign-in times stay out of the trail.
    history = audited(excluded_fields=["password", "last_login"])

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_read_only(self) -> bool:
        """Say whether the account may change nothing at all (a board member who is not an administrator)."""
        return self.is_board_member and not self.is_staff

    def role_names(self) -> list[str]:
        """Return the account's own roles in words."""
        names = []
        if self.is_staff:
            names.append("Administrator")
        if self.is_board_member:
            names.append("Board member")
        return names or ["Staff"]


class FormSubmission(models.Model):
    """A creating form's one-time key and what it created: the second click gets the first's result."""

    key = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", null=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
