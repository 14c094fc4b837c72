"""The demo as its roles see it: a lead's My actions, a board member who only reads, a styled 404."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from actiontrack.demo import load_demo
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any, shared_dir: Any) -> Any:
    return load_demo(shared_dir, PASSWORD)


def test_every_demo_lead_finds_actions_under_my_actions(page: Any, live_server: Any, demo: Any) -> None:
    for name in ("lead1", "lead5"):
        sign_in(page, live_server, name, PASSWORD)
        page.get_by_role("link", name="My actions").click()
        expect(page.locator("tbody tr").first).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Sign out").click()


def test_board_member_reads_every_plan_and_is_offered_no_change(
    page: Any, live_server: Any, demo: Any
) -> None:
    sign_in(page, live_server, "board", PASSWORD)
    expect(page.get_by_role("link", name="Import a plan")).to_have_count(0)
    for plan in demo.plans:
        page.goto(f"{live_server.url}/plans/{plan.pk}")
        expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
        for label in ("Edit plan", "Share this plan", "Add an action", "Add a recommendation"):
            expect(page.get_by_role("link", name=label)).to_have_count(0)
    action = demo.plans[1].actions.first()
    page.goto(f"{live_server.url}/actions/{action.pk}")
    expect(page.get_by_role("heading", name="Add an update")).to_have_count(0)
    response = page.goto(f"{live_server.url}/plans/{demo.plans[0].pk}/edit")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot change this")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()  # the header is kept
    assert_accessible(page)


def test_an_unknown_plan_answers_a_styled_page_not_found(page: Any, live_server: Any, demo: Any) -> None:
    sign_in(page, live_server, "lead1", PASSWORD)
    response = page.goto(f"{live_server.url}/plans/99999")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to your plans")).to_be_visible()
    assert_accessible(page)
