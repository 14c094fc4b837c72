"""Repeated failed sign-ins lock a username out from that address for a while (django-axes)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.db.models import F
from django.test import Client, RequestFactory

from tests.conftest import PASSWORD


def sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/sign-in", {"username": username, "password": password}, **extra)


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_out_even_the_right_one_with_a_page_saying_when(
    client: Client, plan_owner: Any
) -> None:
    for _ in range(5):
        sign_in(client, "owner", "wrong password")
    response = sign_in(client, "owner", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "You cannot sign in for now" in text
    assert "You can try again in 15 minutes, after" in text
    assert 'class="govuk-header"' in text  # the site's own page, not axes' plain text
    assert not is_signed_in(client)


def test_the_fifth_wrong_password_already_shows_the_lockout_page(client: Client, plan_owner: Any) -> None:
    responses = [sign_in(client, "owner", "wrong password") for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]


def test_sign_in_works_again_after_the_cool_off(client: Client, plan_owner: Any) -> None:
    for _ in range(5):
        sign_in(client, "owner", "wrong password")
    assert sign_in(client, "owner", PASSWORD).status_code == 429
    # Sixteen minutes pass: move the recorded attempts back rather than the clock.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = sign_in(client, "owner", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_the_cool_off_follows_the_setting(client: Client, plan_owner: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(hours=1, minutes=30)
    sign_in(client, "owner", "wrong password")
    response = sign_in(client, "owner", "wrong password")
    assert response.status_code == 429
    assert "There have been 2 unsuccessful attempts" in response.content.decode()
    assert "You can try again in 1 hour 30 minutes" in response.content.decode()


def test_a_successful_sign_in_clears_earlier_failures(client: Client, plan_owner: Any) -> None:
    for _ in range(4):
        sign_in(client, "owner", "wrong password")
    assert sign_in(client, "owner", PASSWORD).status_code == 302
    client.post("/sign-out")
    for _ in range(4):
        sign_in(client, "owner", "wrong password")
    assert sign_in(client, "owner", PASSWORD).status_code == 302


def test_the_lockout_is_of_that_username_from_that_address_only(
    client: Client, plan_owner: Any, outsider: Any
) -> None:
    for _ in range(5):
        sign_in(client, "owner", "wrong password")
    # Someone else at the same office still signs in.
    assert sign_in(Client(), "outsider", PASSWORD).status_code == 302
    # And the owner, from another address, is not locked out by whoever guessed from this one.
    assert sign_in(Client(), "owner", PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_axes_backend_comes_first(settings: Any) -> None:
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_refused_single_sign_ons_never_add_up_to_a_lockout(db: Any) -> None:
    """A sign-in without a username (single sign-on) is no password guess: the provider guards it."""
    request = RequestFactory().get("/sign-in/sso/callback")
    for _ in range(6):
        assert authenticate(request, nonce="n", code_verifier="v") is None
    assert not AccessAttempt.objects.exists()


def test_the_lockout_is_set_by_environment_variables(tmp_path: Any) -> None:
    env = {
        **os.environ,
        "ACTIONTRACK_DATA_DIR": str(tmp_path),
        "ACTIONTRACK_LOCKOUT_FAILURES": "3",
        "ACTIONTRACK_LOCKOUT_MINUTES": "45",
    }
    probe = "from actiontrack import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "3 0:45:00", result.stderr


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_claims(
    client: Client, plan_owner: Any, settings: Any
) -> None:
    settings.AXES_CLIENT_IP_CALLABLE = "actiontrack.accounts.lockout.forwarded_client_ip"
    for n in range(5):
        sign_in(client, "owner", "wrong password", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")
    response = sign_in(client, "owner", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    assert response.status_code == 429
    other = sign_in(Client(), "owner", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302


def test_the_lockout_page_gives_the_time_as_people_write_it(client: Client, plan_owner: Any) -> None:
    for _ in range(5):
        response = sign_in(client, "owner", "wrong password")
    assert re.search(r"after \d{1,2}:\d\d[ap]m on \d{1,2} [A-Z][a-z]+ \d{4}\.", response.content.decode())
