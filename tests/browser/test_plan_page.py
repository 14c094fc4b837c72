"""A long plan that scans: its summary's links filter it, filters are links, My actions is a to-do list."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from actiontrack.demo import load_demo
from actiontrack.plans.models import Action, Plan
from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any, shared_dir: Any) -> Any:
    return load_demo(shared_dir, PASSWORD)


def action_tags(page: Any) -> list[str]:
    return page.locator('tr[id^="action-"] td[data-label="Status"] strong.govuk-tag').all_inner_texts()


def test_the_58_action_plan_filtered_to_red_through_its_summary_shows_only_red(
    page: Any, live_server: Any, demo: Any
) -> None:
    plan = max(Plan.objects.all(), key=lambda p: p.actions.count())
    assert plan.actions.count() == 58
    sign_in(page, live_server, "admin", PASSWORD)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert_accessible(page)
    summary = page.locator("table.at-plan-summary")
    red = summary.locator('td[data-label="Red"] a')
    count = int(red.inner_text())
    assert count > 0
    red.click()

    expect(page).to_have_url(re.compile(r"\?rag=red$"))
    expect(page.locator("#filter-result")).to_contain_text(f"Showing {count} of 58 actions")
    tags = action_tags(page)
    assert tags == ["Red"] * count
    assert_accessible(page)

    # The filters form (open while filters are on) sends plain GET parameters: overdue and red together.
    expect(page.locator("#filters")).to_have_attribute("open", "")
    page.get_by_label("Overdue", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"rag=red.*overdue=1"))
    assert set(action_tags(page)) == {"Red"}
    page.get_by_role("link", name="Show all actions").click()
    assert len(action_tags(page)) == 58


def test_no_undated_demo_action_without_a_recent_update_is_green(
    page: Any, live_server: Any, demo: Any
) -> None:
    sign_in(page, live_server, "admin", PASSWORD)
    for plan in Plan.objects.all():
        page.goto(f"{live_server.url}{plan.get_absolute_url()}")
        undated = Action.objects.filter(plan=plan, due_date=None).exclude(status="completed")
        for action in undated:
            row = page.locator(f"#action-{action.pk}")
            tag = row.locator("strong.govuk-tag").inner_text()
            reason = row.locator(".at-rag-reason").inner_text()
            # The demo's progress is years old: none of it is recent.
            assert tag != "Green", (plan.title, action.ref, reason)


def test_a_plan_viewed_as_at_a_past_day(page: Any, live_server: Any, demo: Any) -> None:
    plan = Plan.objects.get(title="CP Reduction Action Plan Review")
    sign_in(page, live_server, "admin", PASSWORD)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_text("Filter actions").click()
    fill_date(page, "View the plan as at", datetime.date(2018, 5, 10))
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#as-at")).to_contain_text("This is the plan as at 10 May 2018")
    expect(page.get_by_text("ongoing, last update 3 May 2018")).to_be_visible()
    assert_accessible(page)


def test_my_actions_lists_open_actions_first_and_folds_completed_ones(
    page: Any, live_server: Any, demo: Any
) -> None:
    sign_in(page, live_server, "lead1", PASSWORD)
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    expect(page.locator("#open-actions")).to_be_visible()
    completed = page.locator("#completed-actions")
    if completed.count():
        expect(completed.locator("table")).to_be_hidden()  # folded away until opened
        completed.locator("summary").click()
        expect(completed.locator("table")).to_be_visible()
    assert_accessible(page)
