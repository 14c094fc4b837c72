"""Turn single sign-on on for a test: the settings it reads, and URLs rebuilt to include its pages."""

from __future__ import annotations

import importlib
from typing import Any

from django.urls import clear_url_caches

OIDC_BACKEND = "actiontrack.accounts.oidc.InvitedUserOIDCBackend"


def reload_urls() -> None:
    """Rebuild the URL patterns: the single sign-on ones are there only while it is configured."""
    import actiontrack.urls

    importlib.reload(actiontrack.urls)
    clear_url_caches()


def enable_sso(settings: Any, provider: str, *, name: str = "Westmere Council", create: bool = False) -> None:
    """Configure single sign-on against a provider whose endpoints live under `provider`."""
    settings.SSO_ENABLED = True
    settings.SSO_NAME = name
    settings.OIDC_RP_CLIENT_ID = "actiontrack"
    settings.OIDC_RP_CLIENT_SECRET = "test-client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_CREATE_USER = create
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    reload_urls()


def disable_sso(settings: Any) -> None:
    """Undo enable_sso (before pytest-django restores the rest of the settings)."""
    settings.SSO_ENABLED = False
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != OIDC_BACKEND]
    reload_urls()
