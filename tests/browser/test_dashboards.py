"""The dashboards in a real browser: charts load, read at 320 px, and axe-core finds no violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from actiontrack.dashboards.demo import MEASURE_NAME, add_demo_measures
from actiontrack.dashboards.models import Measure
from actiontrack.demo import load_demo
from tests.browser.conftest import AXE, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
# Each chart is drawn by matplotlib when asked for (a fraction of a second each): give a page of them time.
CHART_TIMEOUT_MS = 30_000


def assert_no_violation(page: Any) -> None:
    """Run axe-core and fail on any violation, whatever its impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol: the page's strict CSP forbids inline scripts.
        page.evaluate("() => { " + AXE.read_text() + "\n}")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]
    ]
    assert not found, f"axe on {page.url}: " + "; ".join(found)


def charts_loaded(page: Any) -> None:
    expect(page.locator("img.at-chart__image").first).to_be_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.at-chart__image')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=CHART_TIMEOUT_MS,
    )


def test_dashboards_have_no_accessibility_violation_and_read_at_320_px(
    page: Any, live_server: Any, shared_dir: Any
) -> None:
    result = load_demo(shared_dir, PASSWORD)
    add_demo_measures(result.plans)
    measure = Measure.objects.get(name=MEASURE_NAME)
    sign_in(page, live_server, "admin", PASSWORD)

    with page.expect_navigation(timeout=CHART_TIMEOUT_MS):
        page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    charts_loaded(page)
    assert_no_violation(page)

    page.goto(f"{live_server.url}/plans/{measure.plan.pk}/dashboard", timeout=CHART_TIMEOUT_MS)
    expect(page.get_by_role("heading", name=MEASURE_NAME)).to_be_visible()
    expect(page.get_by_text("Stale").first).to_be_visible()
    charts_loaded(page)
    assert_no_violation(page)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/measures/{measure.pk}", timeout=CHART_TIMEOUT_MS)
    charts_loaded(page)
    image = page.locator("img.at-chart__image").first
    assert image.bounding_box()["width"] <= 320
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert_no_violation(page)
