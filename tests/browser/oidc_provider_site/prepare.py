"""Set up the throwaway provider's database: tables, an RSA signing key, a client and users.

Run as `python -m tests.browser.oidc_provider_site.prepare` with DJANGO_SETTINGS_MODULE pointing at
this package's settings; the client and users are given as JSON on standard input.
"""

from __future__ import annotations

import json
import sys

import django


def main() -> None:
    """Create the tables, an RSA key, the client and the users described on standard input."""
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    spec = json.load(sys.stdin)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", verbosity=0)
    client = Client.objects.create(
        name="ActionTrack",
        client_type="confidential",
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
        jwt_alg="RS256",
        require_consent=spec.get("require_consent", False),
    )
    client.redirect_uris = [spec["redirect_uri"]]
    client.save()
    code, _ = ResponseType.objects.get_or_create(
        value="code", defaults={"description": "code (Authorization Code Flow)"}
    )
    client.response_types.add(code)
    for user in spec["users"]:
        get_user_model().objects.create_user(user["username"], email=user["email"], password=user["password"])


if __name__ == "__main__":
    main()
