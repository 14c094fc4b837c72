"""Single sign-on by OpenID Connect: who may sign in, the pages, and their URLs (only when configured).

Accounts are invited by an administrator, so the provider's e-mail address is matched to an
existing active account; nobody else gets in, unless ACTIONTRACK_OIDC_CREATE_USERS allows it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from actiontrack.accounts.models import User
from actiontrack.accounts.services import create_sso_account

# Why a sign-in was refused, kept in the session for the page that says so.
REFUSAL_KEY = "actiontrack_sso_refusal"


class Refused(Exception):
    """The provider vouched for someone ActionTrack will not let in."""

    def __init__(self, reason: str, email: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.email = email


def user_for_claims(claims: dict[str, Any], *, create: bool) -> User:
    """Return the active account whose e-mail (any case) the claims give, creating one if allowed.

    Raise Refused with the reason: "no-email", "unverified", "ambiguous", "inactive" or "unknown".
    """
    email = str(claims.get("email") or "").strip()
    if not email or "@" not in email:
        raise Refused("no-email")
    # A provider that says the address is unverified must not vouch for whoever claims it.
    if claims.get("email_verified") is False:
        raise Refused("unverified", email)
    users = list(User.objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise Refused("ambiguous", email)
    if users:
        if not users[0].is_active:
            raise Refused("inactive", email)
        return users[0]
    if not create:
        raise Refused("unknown", email)
    return create_user(email, claims)


def create_user(email: str, claims: dict[str, Any]) -> User:
    """Create the account of someone the provider vouches for (see services.create_sso_account)."""
    return create_sso_account(
        email,
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
    )


class InvitedUserOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching the provider's e-mail to an invited account."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        # Only the provider's return to the callback signs in this way: a ?code= added to the
        # password form's address must not start a token exchange.
        if request is None or request.path != reverse("oidc_authentication_callback"):
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return user_for_claims(claims, create=settings.OIDC_CREATE_USER)
        except Refused as refusal:
            request = getattr(self, "request", None)
            if request is not None:
                request.session[REFUSAL_KEY] = {"reason": refusal.reason, "email": refusal.email}
            # mozilla-django-oidc logs this and answers None: the sign-in fails.
            raise SuspiciousOperation(f"single sign-on refused: {refusal.reason}") from refusal


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider sends people back here; a failed sign-in goes to the page saying why."""

    @property
    def failure_url(self) -> str:
        return reverse("sso-refused")


@login_not_required
def refused(request: HttpRequest) -> HttpResponse:
    """Say why single sign-on did not sign someone in, and what to do."""
    refusal = request.session.pop(REFUSAL_KEY, None) or {}
    context = {
        "reason": refusal.get("reason", ""),
        "email": refusal.get("email", ""),
        "sso_name": settings.SSO_NAME,
    }
    return render(request, "accounts/sso_refused.html", context, status=403)


def urlpatterns() -> list[URLPattern]:
    """Return the single sign-on URLs, or none when single sign-on is not configured."""
    if not getattr(settings, "SSO_ENABLED", False):
        return []
    return [
        path(
            "sign-in/sso",
            login_not_required(OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "sign-in/sso/callback",
            login_not_required(CallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
        path("sign-in/sso/refused", refused, name="sso-refused"),
    ]
