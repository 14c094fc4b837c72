"""The main journeys through the real pages: seed plans, actions, updates and their RAG."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from actiontrack.demo import load_demo
from tests.browser.conftest import assert_accessible, choose_rag, fill_date, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db: Any, shared_dir: Any) -> Any:
    """The five seed plans, loaded as `actiontrack demo` does, with admin and lead1..lead5."""
    return load_demo(shared_dir, PASSWORD)


def add_update(page: Any, *, text: str, rag: str, date: datetime.date | None = None) -> None:
    """Fill in and send the "Add an update" form on an action page."""
    fill_date(page, "Date of the update", date or datetime.date.today())
    page.get_by_label("Progress").fill(text)
    choose_rag(page, rag)
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_role("alert")).to_contain_text("Update added")


def test_admin_completes_an_overdue_seed_action(page: Any, live_server: Any, demo: Any) -> None:
    page.goto(f"{live_server.url}/sign-in")
    assert_accessible(page)
    sign_in(page, live_server, "admin", PASSWORD, go=False)
    page.get_by_role("link", name="Plans", exact=True).click()

    expect(page.get_by_role("heading", name="Action plans")).to_be_visible()
    assert_accessible(page)
    plan = demo.plans[0]
    page.get_by_role("link", name=plan.title, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    assert_accessible(page)
    overdue_row = (
        page.locator("tbody tr")
        .filter(has=page.locator("strong.govuk-tag", has_text="Red"))
        .filter(has_text="overdue")
        .first
    )
    action_link = overdue_row.get_by_role("link")
    action_path = action_link.get_attribute("href")
    action_link.click()

    expect(page).to_have_url(re.compile(r"/actions/\d+$"))
    status = page.locator("#rag-status")
    expect(status.locator(".govuk-tag")).to_have_text("Red")
    expect(status.locator(".at-rag-reason")).to_have_text(re.compile(r"^due \d+ \w+ \d{4}, .+ overdue$"))
    assert_accessible(page)

    add_update(page, text="Audit finished and reported to the board.", rag="blue")

    expect(status.locator(".govuk-tag")).to_have_text("Blue")
    expect(status.locator(".govuk-tag")).to_have_class(re.compile(r"govuk-tag--blue"))
    expect(status).to_have_text("Blue: completed")
    latest = page.locator("ol.govuk-list > li").first
    expect(latest).to_contain_text("Audit finished and reported to the board.")
    expect(latest.locator(".govuk-tag")).to_have_text("Blue")
    assert_accessible(page)

    # The plan page shows the new colour too.
    page.get_by_role("link", name=f"Back to {plan.title[:59]}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    row = page.locator("tbody tr").filter(has=page.locator(f'a[href="{action_path}"]'))
    expect(row.locator(".govuk-tag")).to_have_text("Blue")
    expect(row.locator(".at-rag-reason")).to_have_text("completed")


def test_new_action_reported_delayed_turns_red(page: Any, live_server: Any, demo: Any) -> None:
    plan = demo.plans[1]
    sign_in(page, live_server, "admin", PASSWORD)
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name=plan.title, exact=True).click()
    page.get_by_role("link", name="Add an action", exact=True).click()

    expect(page.get_by_role("heading", name="Add an action")).to_be_visible()
    assert_accessible(page)

    # Sent empty first: the one required field is reported, on an accessible page.
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will be done")
    expect(page.locator("#id_text-error")).to_contain_text("Enter what will be done")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)

    due = datetime.date(datetime.date.today().year + 2, 3, 31)
    page.get_by_label("Reference").fill("99.1")
    page.get_by_label("What will be done").fill("Run a multi-agency audit of neglect referrals")
    page.get_by_label("Leads").fill("Head of Safeguarding")
    page.locator("#id_due_text").fill(f"{due:%d/%m/%Y}")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("Action added")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 99.1")
    status = page.locator("#rag-status")
    expect(status).to_have_text(f"Green: due 31 March {due.year}, on track")

    add_update(page, text="Audit postponed: the auditor has left.", rag="red")

    expect(status.locator(".govuk-tag")).to_have_text("Red")
    expect(status).to_have_text("Red: reported delayed")
    expect(page.locator("dl")).to_contain_text("Delayed")
    assert_accessible(page)


def test_lead_sees_my_actions_and_searches(page: Any, live_server: Any, demo: Any) -> None:
    sign_in(page, live_server, "lead2", PASSWORD)
    page.get_by_role("link", name="My actions").click()

    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows.first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Search").click()
    assert_accessible(page)
    # Sent empty: the message beside the box (this page has no error summary).
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#id_q-error")).to_contain_text("Enter words to search for")
    assert_accessible(page)

    page.get_by_label("Search plans, recommendations, actions and updates").fill("audit")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ results?$"))).to_be_visible()
    expect(page.locator("main ul.govuk-list > li").first).to_be_visible()
    assert_accessible(page)


def test_admin_plan_forms_are_accessible(page: Any, live_server: Any, demo: Any) -> None:
    plan = demo.plans[4]
    sign_in(page, live_server, "admin", PASSWORD)
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name="Create a plan").click()
    expect(page.get_by_role("heading", name="Create a plan")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    assert_accessible(page)
    page.get_by_role("link", name="Edit plan").click()
    expect(page.get_by_role("heading", name="Edit plan")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/plans/{plan.pk}/recommendations/new")
    expect(page.get_by_role("heading", name="Add a recommendation")).to_be_visible()
    assert_accessible(page)
