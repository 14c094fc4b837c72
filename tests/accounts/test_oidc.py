"""Single sign-on: who the provider's claims sign in as, and the pages around it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from actiontrack.accounts.oidc import REFUSAL_KEY, InvitedUserOIDCBackend, Refused, user_for_claims
from tests import factories
from tests.accounts.sso import disable_sso, enable_sso

PROVIDER = "https://login.example.org/tenant/oauth2/v2.0"


@pytest.fixture
def sso(settings: Any, db: Any) -> Iterator[Any]:
    enable_sso(settings, PROVIDER)
    yield settings
    disable_sso(settings)


def test_claims_match_an_invited_account_by_email_whatever_its_case(db: Any) -> None:
    user = factories.UserFactory(email="Sam.Moore@Westmere.gov.uk")
    assert (
        user_for_claims({"email": "sam.moore@westmere.GOV.uk", "email_verified": True}, create=False) == user
    )


def test_an_unknown_email_is_refused(db: Any) -> None:
    factories.UserFactory(email="someone@westmere.gov.uk")
    with pytest.raises(Refused) as refusal:
        user_for_claims({"email": "stranger@westmere.gov.uk"}, create=False)
    assert (refusal.value.reason, refusal.value.email) == ("unknown", "stranger@westmere.gov.uk")


def test_a_deactivated_account_is_refused(db: Any) -> None:
    factories.UserFactory(email="left@westmere.gov.uk", is_active=False)
    with pytest.raises(Refused) as refusal:
        user_for_claims({"email": "left@westmere.gov.uk"}, create=True)
    assert refusal.value.reason == "inactive"


@pytest.mark.parametrize(
    "claims, reason",
    [
        ({}, "no-email"),
        ({"email": "not an address"}, "no-email"),
        ({"email": "a@b.org", "email_verified": False}, "unverified"),
    ],
)
def test_claims_without_a_confirmed_email_are_refused(db: Any, claims: dict[str, Any], reason: str) -> None:
    factories.UserFactory(email="a@b.org")
    with pytest.raises(Refused) as refusal:
        user_for_claims(claims, create=True)
    assert refusal.value.reason == reason


def test_two_accounts_with_the_same_email_are_refused_rather_than_guessed(db: Any) -> None:
    factories.UserFactory(email="shared@westmere.gov.uk")
    factories.UserFactory(email="SHARED@westmere.gov.uk")
    with pytest.raises(Refused) as refusal:
        user_for_claims({"email": "shared@westmere.gov.uk"}, create=True)
    assert refusal.value.reason == "ambiguous"


def test_an_account_is_created_when_allowed_with_no_roles_in_the_agency_of_its_domain(db: Any) -> None:
    police = factories.AgencyFactory(name="Westmere Police", email_domain="westmere.police.uk")
    user = user_for_claims(
        {"email": "Jo.Bloggs@Westmere.Police.uk", "given_name": "Jo", "family_name": "Bloggs"}, create=True
    )
    user.refresh_from_db()
    assert (user.username, user.email, user.get_full_name()) == (
        "jo.bloggs@westmere.police.uk",
        "jo.bloggs@westmere.police.uk",
        "Jo Bloggs",
    )
    assert user.agency == police
    assert user.is_active and not user.is_staff and not user.is_superuser and not user.is_board_member
    assert not user.has_usable_password()


def test_a_created_account_has_no_agency_when_no_domain_matches(db: Any) -> None:
    factories.AgencyFactory(name="Westmere Police", email_domain="westmere.police.uk")
    assert user_for_claims({"email": "x@elsewhere.org"}, create=True).agency is None


def test_the_backend_remembers_why_it_refused_for_the_page_that_says_so(sso: Any, db: Any) -> None:
    request = RequestFactory().get("/sign-in/sso/callback")
    request.session = SessionStore()
    backend = InvitedUserOIDCBackend()
    backend.request = request
    backend.get_userinfo = lambda *args: {"email": "stranger@westmere.gov.uk"}  # type: ignore[method-assign]
    with pytest.raises(Exception, match="single sign-on refused: unknown"):
        backend.get_or_create_user("access", "id", {})
    assert request.session[REFUSAL_KEY] == {"reason": "unknown", "email": "stranger@westmere.gov.uk"}


def test_without_configuration_there_is_no_single_sign_on(client: Client, db: Any) -> None:
    page = client.get("/sign-in").content.decode()
    assert "Sign in with" not in page
    assert client.get("/sign-in/sso").status_code == 404
    assert client.get("/sign-in/sso/callback").status_code == 404


def test_when_configured_the_sign_in_page_offers_the_organisation(sso: Any, client: Client) -> None:
    page = client.get("/sign-in?next=/my-actions").content.decode()
    assert "Sign in with Westmere Council" in page
    assert 'href="/sign-in/sso?next=%2Fmy-actions"' in page
    assert "govuk-button--secondary" in page


def test_the_sign_in_button_sends_people_to_the_provider(sso: Any, client: Client) -> None:
    response = client.get("/sign-in/sso")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{PROVIDER}/authorize"
    query = parse_qs(url.query)
    assert query["client_id"] == ["actiontrack"]
    assert query["redirect_uri"] == ["http://testserver/sign-in/sso/callback"]
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]


def test_a_callback_without_a_code_lands_on_the_refusal_page(sso: Any, client: Client) -> None:
    response = client.get("/sign-in/sso/callback?error=access_denied", follow=True)
    assert response.status_code == 403
    assert "Signing in with Westmere Council did not work, or was cancelled" in response.content.decode()


@pytest.mark.parametrize(
    "reason, says",
    [
        ("unknown", "There is no ActionTrack account for x@westmere.gov.uk"),
        ("inactive", "has been deactivated"),
        ("no-email", "did not give ActionTrack a confirmed e-mail address"),
    ],
)
def test_the_refusal_page_says_why(sso: Any, client: Client, reason: str, says: str) -> None:
    session = client.session
    session[REFUSAL_KEY] = {"reason": reason, "email": "x@westmere.gov.uk"}
    session.save()
    response = client.get("/sign-in/sso/refused")
    assert response.status_code == 403
    assert says in response.content.decode()
    assert 'class="govuk-header"' in response.content.decode()


def test_a_client_id_without_the_endpoints_is_a_configuration_error(tmp_path: Any) -> None:
    env = {**os.environ, "ACTIONTRACK_DATA_DIR": str(tmp_path), "ACTIONTRACK_OIDC_CLIENT_ID": "actiontrack"}
    result = subprocess.run(
        [sys.executable, "-c", "import actiontrack.settings"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "set ACTIONTRACK_OIDC_CLIENT_SECRET, ACTIONTRACK_OIDC_AUTHORIZATION_ENDPOINT" in result.stderr


def test_the_backend_ignores_a_code_anywhere_but_the_callback(sso: Any, plan_owner: Any) -> None:
    request = RequestFactory().post("/sign-in?code=stolen&state=s", {"username": "owner", "password": "x"})
    assert InvitedUserOIDCBackend().authenticate(request, username="owner", password="x") is None
