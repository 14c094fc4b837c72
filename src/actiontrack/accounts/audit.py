"""Who is acting, and through which channel: what every entry of the audit trail records.

django-simple-history writes the trail (one historical row per change, bulk
writes included). The service functions say who acts with `acting_as()`; the
library's hook below copies that onto each historical row, so a row always
carries its author, the person answering through an e-mailed link where there
is one, and the channel: a page, an import, the command line, the API or a link.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class Channel(models.TextChoices):
    PAGE = "page", "a page"
    IMPORT = "import", "an import"
    CLI = "cli", "the command line"
    API = "api", "the API"
    LINK = "link", "an e-mailed link"


@dataclass(frozen=True)
class Actor:
    """Who makes a change: an account, or a person named in a plan answering without one."""

    user: Any = None
    channel: str = Channel.PAGE
    person_id: int | None = None
    person_name: str = ""

    @property
    def account(self) -> Any:
        """Return the user account, or None for anonymous and link-only actors."""
        user = self.user
        return user if user is not None and getattr(user, "is_authenticated", False) else None

    @property
    def name(self) -> str:
        account = self.account
        if account is not None:
            return str(account.display_name)
        return self.person_name or ""


SYSTEM = Actor(channel=Channel.CLI)
_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("actiontrack_actor", default=None)


def current_actor() -> Actor:
    """Return who is acting now; the command line when no one said."""
    return _current.get() or SYSTEM


@contextlib.contextmanager
def acting_as(actor: Actor | None) -> Iterator[Actor]:
    """Record every change made inside the block as this actor's (the one already acting if None)."""
    actor = actor or current_actor()
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:
    """Return the account to record as the author (simple-history's get_user hook)."""
    return current_actor().account


def bulk_history_attrs() -> dict[str, Any]:
    """Return the audit fields for bulk_create_with_history / bulk_update_with_history."""
    actor = current_actor()
    return {
        "default_user": actor.account,
        "custom_historical_attrs": {
            "channel": actor.channel,
            "actor_name": actor.name[:200],
            "actor_person_id": actor.person_id,
        },
    }


class AuditFields(models.Model):
    """Fields every historical row carries beyond simple-history's own."""

    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.CLI)
    actor_name = models.CharField(max_length=200, blank=True, help_text="The author's name at the time")
    actor_person_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The plan's person who answered through a link"
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The trail is append-only: a historical row is written once and never changed.
        if not self._state.adding:
            raise PermissionError("Audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Audit records cannot be deleted")


def audited(**options: Any) -> HistoricalRecords:
    """Return the audit trail of a model: every change, who made it and through which channel."""
    return HistoricalRecords(bases=[AuditFields], get_user=history_user, **options)


@receiver(pre_create_historical_record)
def stamp_actor(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    """Copy the current actor onto each historical row as simple-history creates it."""
    actor = current_actor()
    history_instance.channel = actor.channel
    history_instance.actor_name = actor.name[:200]
    history_instance.actor_person_id = actor.person_id


class StaleEdit(ValidationError):
    """A save from a form read before someone else's change: it changes nothing."""

    def __init__(self, instance: Any, version: int) -> None:
        super().__init__(
            "Someone else changed this while you were editing it, so your changes were not saved. "
            "Check what they changed, below, then make your change again."
        )
        self.instance, self.version = instance, version


def version_of(instance: Any) -> int:
    """Return the object's version: the id of its latest audit record (0 before any)."""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return int(latest or 0)


def require_version(instance: Any, expected: int | None) -> None:
    """Refuse a save made from an out-of-date form; None skips the check (commands, links, the API's PUT).

    The object's row is locked first, so two saves of one version cannot both pass.
    """
    if expected is None or instance.pk is None:
        return
    list(type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values_list("pk"))
    if version_of(instance) != expected:
        raise StaleEdit(instance, expected)
