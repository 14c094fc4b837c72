"""Security headers on every page, no inline script or style anywhere, and production settings that pass
Django's deployment checks."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import signed_in

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "actiontrack" / "templates"
# A <script> with a body, a <style> element, a style="" attribute or an onclick="" handler.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE)


def web_templates() -> list[Path]:
    """Return every page template (e-mails are not pages: they get no Content-Security-Policy)."""
    return [path for path in TEMPLATES.rglob("*.html") if "email" not in path.relative_to(TEMPLATES).parts]


def test_no_template_has_inline_script_or_style() -> None:
    found = {
        str(path.relative_to(TEMPLATES)): INLINE.findall(path.read_text(encoding="utf-8"))
        for path in web_templates()
    }
    assert web_templates(), "found no templates: the path is out of date"
    assert {name: hits for name, hits in found.items() if hits} == {}


def plain_urls() -> list[str]:
    """Return every page URL that takes no arguments, however many areas add pages."""
    urls = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
                urls.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return urls


def assert_secure_page(response: Any, url: str) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, url
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url
    if response.headers.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert not INLINE.findall(html), url
        assert "<script" in html, url  # the GOV.UK scripts are still there, as files


def test_every_page_sends_the_security_headers_and_has_no_inline_script_or_style(
    administrator: Any, action: Any, plan: Any
) -> None:
    client = signed_in(administrator)
    urls = [
        *plain_urls(),
        f"/plans/{plan.pk}",
        f"/plans/{plan.pk}/edit",
        f"/plans/{plan.pk}/sharing",
        f"/actions/{action.pk}",
        f"/actions/{action.pk}/edit",
    ]
    checked = 0
    for url in urls:
        if url in {"/sign-out"}:
            continue
        response = client.get(url)
        if response.status_code in {200, 403, 404}:
            assert_secure_page(response, url)
            checked += 1
    assert checked >= 10


def test_signed_out_pages_and_the_health_check_send_the_headers_too(db: Any) -> None:
    client = Client()
    assert_secure_page(client.get("/sign-in"), "/sign-in")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Nothing from this test run: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, a test database.
    leftovers = ("ACTIONTRACK_", "DJANGO_", "DATABASE_URL", "OIDC_")
    env = {name: value for name, value in os.environ.items() if not name.startswith(leftovers)}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "actiontrack.settings",
        "ACTIONTRACK_DATA_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "actiontrack.example.org",
        "ACTIONTRACK_DEBUG": "0",
        "ACTIONTRACK_SECURE_COOKIES": "1",
        "ACTIONTRACK_BEHIND_HTTPS_PROXY": "1",
        **extra,
    }


def test_production_settings_pass_the_deployment_checks_without_a_warning(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="actiontrack.example.org")
sign_in = client.get("/sign-in")
print(client.get("/healthz").status_code, sign_in.status_code, sign_in.get("Location"))
print(client.get("/sign-in", secure=True).headers.get("Strict-Transport-Security"))
"""


def test_production_redirects_to_https_but_the_health_check_answers_over_http(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=production_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "200 301 https://actiontrack.example.org/sign-in"
    assert second == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("redirect", ["0"])
def test_the_https_redirect_can_be_left_to_the_proxy(tmp_path: Path, redirect: str) -> None:
    env = production_env(tmp_path, ACTIONTRACK_HTTPS_REDIRECT=redirect)
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "200 200 None"
