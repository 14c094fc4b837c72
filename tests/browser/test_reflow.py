"""Every page at 320 CSS pixels wide (WCAG 2.2, 1.4.10 Reflow): nothing scrolls sideways, axe finds nothing.

The pages are the access matrix's: every named URL that answers a page, reached
with the matrix's small world (a shared plan with its people, a round, a measure,
a frozen report version, an import draft, a sign-off …) by a role that may see it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.test_access_matrix import MATRIX, World

pytestmark = pytest.mark.browser

# Named URLs that answer a file, a chart image, a feed or a redirect, not a page.
NOT_PAGES = {
    "healthz",
    "logout",
    "plan-export",
    "report-download",
    "report-version-download",
    "report-starter-template",
    "report-template",
    "exceptions-download",
    "dashboard-chart",
    "plan-dashboard-chart",
    "measure-chart",
    "evidence-file",
    "calendar-feed",
    "home",
}

# Long words and long lines, as real plans have them, to show what does not wrap.
LONG_TEXT = (
    "Ensure that the Multi-Agency Safeguarding Hub (MASH) thresholds document is revised, "
    "re-issued and embedded: https://www.example.org/safeguarding-partnership/procedures/thresholds-2026"
)


def page_names() -> list[str]:
    return sorted(
        name
        for name, case in MATRIX.items()
        if name not in NOT_PAGES
        and 200 in {case.get[role] for role in ("administrator", "owner", "anonymous")}
    )


def viewer_of(name: str) -> str:
    """The role that sees most of the page: an administrator where allowed, else the owner, else no one."""
    case = MATRIX[name]
    return next(role for role in ("administrator", "owner", "anonymous") if case.get[role] == 200)


def signed_in_context(browser: Any, live_server: Any, world: World, role: str, width: int) -> Any:
    """A browser context of the given width carrying the role's session (no sign-in form needed)."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 800}
    )
    context.set_default_timeout(5_000)
    if role != "anonymous":
        client = Client()
        client.force_login(world.users[role])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )
    return context


# What sticks out to the right of the viewport: elements, and text wider than its box.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const hidden = (el) => {
    if (el.closest('.govuk-visually-hidden, [hidden], script, style')) return true;
    // Clipped to nothing, as visually hidden text is: read by screen readers, not drawn.
    for (let at = el; at && at !== document.body; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.clipPath !== 'none' || style.clip !== 'auto' || style.display === 'none') return true;
    }
    return false;
  };
  const name = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes.map((c) => c && '.' + c).join('');
  };
  const beyond = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || hidden(el)) continue;
    if (box.right > width + 1 || box.left < -1) beyond.push(`${name(el)} right=${Math.round(box.right)}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || hidden(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      beyond.push(`text "${node.textContent.trim().slice(0, 40)}" right=${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, beyond: beyond.slice(0, 10)};
}"""


def overflow(page: Any) -> dict[str, Any]:
    """The page's scroll width and client width, and what sticks out beyond the viewport."""
    return page.evaluate(OVERFLOW_JS)


def assert_reflows(page: Any) -> None:
    found = overflow(page)
    assert found["scrollWidth"] <= found["clientWidth"], f"{page.url} scrolls sideways: {found}"
    assert not found["beyond"], f"{page.url}: elements overflow the viewport: {found['beyond']}"


def make_world() -> World:
    world = World()
    # Long text in the places that show it, so a word that cannot wrap would show.
    world.action.text = LONG_TEXT
    world.action.save()
    world.recommendation.text = LONG_TEXT
    world.recommendation.save()
    return world


@pytest.mark.parametrize("name", page_names())
def test_every_page_reflows_at_320_css_pixels_and_axe_finds_nothing(
    browser: Any, live_server: Any, transactional_db: Any, name: str
) -> None:
    world = make_world()
    case = MATRIX[name]
    role = viewer_of(name)
    url = reverse(name, kwargs=case.kwargs(world)) + case.query(world)
    context = signed_in_context(browser, live_server, world, role, width=320)
    try:
        page = context.new_page()
        response = page.goto(url)
        assert response.status == 200, f"{url} as {role}: {response.status}"
        assert response.headers["content-type"].startswith("text/html")
        assert_reflows(page)
        assert_accessible(page)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/plans/999999", "/no-such-page"])
def test_error_pages_reflow_at_320_css_pixels(
    browser: Any, live_server: Any, transactional_db: Any, path: str
) -> None:
    world = make_world()
    context = signed_in_context(browser, live_server, world, "owner", width=320)
    try:
        page = context.new_page()
        assert page.goto(path).status == 404
        assert_reflows(page)
        assert_accessible(page)
    finally:
        context.close()


def test_plan_page_at_400_percent_zoom_reflows_and_menu_toggles(
    browser: Any, live_server: Any, transactional_db: Any
) -> None:
    """400 % zoom of a 1280 px window is a 320 CSS px viewport: the same page, device scale 4."""
    world = make_world()
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 320, "height": 256},
        device_scale_factor=4,
    )
    client = Client()
    client.force_login(world.users["owner"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    try:
        page = context.new_page()
        page.goto(world.plan.get_absolute_url())
        assert page.evaluate("() => window.innerWidth") == 320
        assert_reflows(page)
        # The service navigation folds behind its Menu button on a narrow screen.
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="My actions")).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("link", name="My actions")).to_be_visible()
        assert_reflows(page)
        assert_accessible(page)
    finally:
        context.close()


def test_forms_refused_at_320_css_pixels_reflow_and_axe_finds_nothing(
    browser: Any, live_server: Any, transactional_db: Any
) -> None:
    """A form sent empty, with its error summary, errors beside fields and date boxes, still fits."""
    world = make_world()
    context = signed_in_context(browser, live_server, world, "owner", width=320)
    try:
        page = context.new_page()
        for url, button in (
            ("/plans/new", "Save"),
            (world.action.get_absolute_url(), "Add update"),
            (reverse("measure-add-value", kwargs={"pk": world.measure().pk}), None),
        ):
            page.goto(url)
            if button is None:
                page.locator("main form button[type=submit]").last.click()
            else:
                page.get_by_role("button", name=button).click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert_reflows(page)
            assert_accessible(page)
    finally:
        context.close()
