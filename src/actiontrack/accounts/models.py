"""Who uses ActionTrack: agencies and their staff's accounts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Agency(models.Model):
    """A partner organisation: the council, a health trust, the police, a school forum."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Administrators are `is_staff` users."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
