"""Browser fixtures: one headless Chromium per session, a fresh page per test, and helpers.

Playwright drives Debian's Chromium (/usr/bin/chromium); nothing is downloaded.
The sync API runs an event loop in the test thread, so Django's "no ORM calls
from async code" guard is switched off for these tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Fail fast: every page is local, so nothing legitimately takes seconds.
TIMEOUT_MS = 5_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="Chromium not installed: run `make system-test`")
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed: run `make system-test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A page in its own browser context (its own cookies), closed after the test."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Any, live_server: Any, username: str, password: str, *, go: bool = True) -> None:
    """Sign in through the real sign-in form; go=False uses the sign-in page already open."""
    from playwright.sync_api import expect

    if go:
        page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def fill_date(scope: Any, legend: str, date: Any) -> None:
    """Type a date into the GOV.UK date input whose legend is given: its Day, Month and Year boxes."""
    group = scope.get_by_role("group", name=legend)
    for box, value in (("Day", date.day), ("Month", date.month), ("Year", date.year)):
        group.get_by_label(box).fill(str(value))


def choose_rag(scope: Any, code: str, name: str = "rag") -> None:
    """Choose a RAG colour among the radios of the field named (or ending with) `name`."""
    scope.locator(f'input[type="radio"][name$="{name}"][value="{code}"]').check()


def assert_accessible(page: Any) -> None:
    """Run axe-core on the page; fail listing every violation, whatever its impact (minor included)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as an inline <script>, which the Content-Security-Policy refuses.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = results["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(
                f"    {node['target']}: {node.get('failureSummary', '')}" for node in violation["nodes"]
            )
        pytest.fail("\n".join(lines), pytrace=False)
