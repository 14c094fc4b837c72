"""What ActionTrack's commands share: acting as a named account, through the command line."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from actiontrack.accounts.audit import Actor, Channel, acting_as


def user_option(parser: CommandParser, meaning: str) -> None:
    """Add --user USERNAME: the account a command acts as (checked by the access layer)."""
    parser.add_argument("--user", metavar="USERNAME", help=f"the account {meaning}")


def find_user(name: str) -> Any:
    """Return the active account with this username or e-mail address, or stop the command."""
    User = get_user_model()
    user = (
        User.objects.filter(username=name).first() or User.objects.filter(email__iexact=name).first()
        if name
        else None
    )
    if user is None or not user.is_active:
        raise CommandError(f"No active account has the username or e-mail address {name!r}.")
    return user


@contextlib.contextmanager
def acting_user(options: dict[str, Any]) -> Iterator[Any]:
    """Record what the command changes as the --user account's (or the command line's), via the CLI."""
    user = find_user(options["user"]) if options.get("user") else None
    with acting_as(Actor(user=user, channel=Channel.CLI)):
        yield user
