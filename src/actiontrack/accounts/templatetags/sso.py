"""The "Sign in with …" button, shown only when single sign-on is configured."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("accounts/_sso_button.html")
def sso_button(next_url: str = "") -> dict[str, Any]:
    """Return what the button needs: where it goes (keeping ?next=) and the provider's name."""
    if not getattr(settings, "SSO_ENABLED", False):
        return {"enabled": False}
    url = reverse("oidc_authentication_init")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return {"enabled": True, "url": url, "name": settings.SSO_NAME}
