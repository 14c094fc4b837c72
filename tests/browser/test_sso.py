"""Single sign-on through a real OpenID Connect provider (django-oidc-provider) on loopback.

The provider is a second Django process with its own SQLite database in a temporary folder,
an RSA signing key from its `creatersakey` command, ActionTrack registered as a client for the
live server's callback, and users with known e-mail addresses. It runs on 127.0.0.1 while
ActionTrack's live server is `localhost`, so the two sites' cookies never mix.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.accounts.sso import disable_sso, enable_sso
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PROVIDER_SETTINGS = "tests.browser.oidc_provider_site.settings"
PROVIDER_PASSWORD = "provider pass phrase"
INVITED_EMAIL = "Sam.Moore@westmere.gov.uk"
STRANGER_EMAIL = "stranger@westmere.gov.uk"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the test provider stopped: {process.stdout.read().decode() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the test provider did not answer at {url}")


@pytest.fixture(scope="module")
def provider_process(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the provider for this live server (once for these tests) and stop it afterwards."""
    tmp_path = tmp_path_factory.mktemp("oidc-provider")
    if importlib.util.find_spec("oidc_provider") is None:
        pytest.skip("django-oidc-provider is not installed: run `make setup` (it is in the dev extra)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PROVIDER_SETTINGS,
        "OIDC_TEST_DIR": str(tmp_path),
        "OIDC_TEST_ISSUER": base,
        "PYTHONPATH": str(REPO),
    }
    spec = {
        "client_id": "actiontrack",
        "client_secret": "test-client-secret",
        "redirect_uri": f"{live_server.url}/sign-in/sso/callback",
        "require_consent": True,
        "users": [
            {"username": "sam", "email": INVITED_EMAIL.lower(), "password": PROVIDER_PASSWORD},
            {"username": "stranger", "email": STRANGER_EMAIL, "password": PROVIDER_PASSWORD},
        ],
    }
    subprocess.run(
        [sys.executable, "-m", "tests.browser.oidc_provider_site.prepare"],
        input=json.dumps(spec).encode(),
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"{base}/openid/jwks", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def provider(provider_process: str, settings: Any) -> Iterator[str]:
    """Point ActionTrack at the running provider for one test."""
    enable_sso(settings, f"{provider_process}/openid", name="Westmere Council")
    yield provider_process
    disable_sso(settings)


def sign_in_at_provider(page: Any, live_server: Any, username: str) -> None:
    """Start at ActionTrack's sign-in page, sign in at the provider and consent."""
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/sign-in")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with Westmere Council").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Provider username").fill(username)
    page.get_by_label("Provider password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    # The client is registered as needing consent, as a council's provider may.
    expect(page.get_by_role("heading", name="Request for Permission")).to_be_visible()
    page.get_by_role("button", name="Authorize").click()


def test_an_invited_user_signs_in_through_their_organisation(
    page: Any, live_server: Any, provider: str
) -> None:
    from playwright.sync_api import expect

    user = factories.UserFactory(
        username="sam.moore", email=INVITED_EMAIL, first_name="Sam", last_name="Moore"
    )
    sign_in_at_provider(page, live_server, "sam")

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.url.startswith(live_server.url)
    expect(page.get_by_text("Signed in as Sam Moore")).to_be_visible()
    assert page.context.cookies(live_server.url)  # ActionTrack's own session
    user.refresh_from_db()
    assert user.last_login is not None


def test_someone_without_an_account_is_refused_with_a_reason(
    page: Any, live_server: Any, provider: str
) -> None:
    from playwright.sync_api import expect

    factories.UserFactory(username="sam.moore", email=INVITED_EMAIL)
    sign_in_at_provider(page, live_server, "stranger")

    expect(page.get_by_role("heading", level=1)).to_have_text("You could not be signed in")
    expect(page.get_by_text(f"There is no ActionTrack account for {STRANGER_EMAIL}")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)


def test_pages_run_gov_uk_frontend_under_the_content_security_policy(page: Any, live_server: Any) -> None:
    """The scripts moved out of the page still run, and the browser reports no violation."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security" in message.text else None,
    )
    page.goto(f"{live_server.url}/sign-in")
    classes = page.evaluate("() => document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    # initAll() marks each component it starts.
    page.wait_for_selector(".govuk-skip-link[data-govuk-skip-link-init]", state="attached")
    assert violations == []
