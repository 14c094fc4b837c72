"""The page someone sees when too many failed sign-ins have locked them out (django-axes)."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def minutes_in_words(minutes: int) -> str:
    """Return "1 minute", "15 minutes", "2 hours" or "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Render the lockout page: 429, saying how long the lockout lasts and from when they may try again."""
    cool_off = get_cool_off(request)
    # Every attempt while locked out starts the wait again, so it runs from now.
    until = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "wait": minutes_in_words(round(cool_off.total_seconds() / 60)) if cool_off else "",
        "until": until,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def is_not_a_password_attempt(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """Say whether a sign-in carried no username: single sign-on, which the provider guards itself.

    Without this, refused single sign-ons (no username, one office's shared address) would add up
    to a lockout of everyone signing in from that office.
    """
    return not get_client_username(request, credentials)


def forwarded_client_ip(request: HttpRequest) -> str | None:
    """Return the address the proxy in front saw: the last one it added to X-Forwarded-For.

    Only the last entry is the proxy's own; earlier ones are whatever the client sent, and
    trusting them would let a guesser pose as a new address on every attempt.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR")
