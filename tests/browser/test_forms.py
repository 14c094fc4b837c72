"""GOV.UK error handling on the "Add an update" form, and the sign-in page when signed out."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def focused_id(page: Any) -> str:
    return page.evaluate("() => document.activeElement.id")


def test_empty_update_shows_error_summary_that_moves_focus(
    page: Any, live_server: Any, action: Any, action_lead: Any
) -> None:
    sign_in(page, live_server, action_lead.username, PASSWORD)
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    # GOV.UK date input: three boxes in a group named by its legend, today's date to start with.
    date = page.get_by_role("group", name="Date of the update")
    expect(date.get_by_label("Year")).to_have_value(str(datetime.date.today().year))
    for box in ("Day", "Month", "Year"):
        date.get_by_label(box).fill("")
    # The RAG is chosen with radios, "No change" to start with.
    expect(page.get_by_role("radio", name="No change")).to_be_checked()
    page.get_by_role("button", name="Add update").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend focuses the summary on load
    date_link = summary.locator('a[href="#id_date_day"]')
    text_link = summary.locator('a[href="#id_text"]')
    expect(date_link).to_have_text("Enter the date of the update")
    expect(text_link).to_have_text("Enter the progress made")
    expect(summary.get_by_role("link")).to_have_count(2)  # the RAG is optional

    # Errors beside the fields, tied to them for screen readers.
    expect(page.locator("#id_date-error")).to_have_text("Error: Enter the date of the update")
    expect(page.locator("#id_text-error")).to_have_text("Error: Enter the progress made")
    expect(page.locator("fieldset:has(#id_date_day)")).to_have_attribute(
        "aria-describedby", "id_date-hint id_date-error"
    )
    expect(page.locator("#id_text")).to_have_attribute("aria-describedby", "id_text-error")
    for name in ("date_day", "text"):
        expect(page.locator(f".govuk-form-group--error:has(#id_{name})").first).to_be_visible()
    expect(page.locator(".govuk-form-group--error:has(#id_rag_0)")).to_have_count(0)
    assert_accessible(page)

    text_link.click()
    expect(page.locator("#id_text")).to_be_focused()
    date_link.click()
    expect(page.locator("#id_date_day")).to_be_focused()

    # A part missing, a date that is not real, and one in the future, each say what to do.
    date.get_by_label("Day").fill("31")
    page.locator("#id_text").fill("Kept when the form comes back")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator("#id_date-error")).to_have_text(
        "Error: Date of the update must include a month and year"
    )
    expect(page.locator("#id_date_day")).to_have_value("31")
    fill_date(page, "Date of the update", datetime.date(2024, 2, 1))
    page.get_by_role("group", name="Date of the update").get_by_label("Day").fill("31")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator("#id_date-error")).to_have_text("Error: Date of the update must be a real date")
    expect(page.locator("#id_text")).to_have_value("Kept when the form comes back")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    fill_date(page, "Date of the update", tomorrow)
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date of the update must be today or in the past"
    )
    assert_accessible(page)
    assert action.updates.count() == 0


def test_signed_out_plan_page_shows_sign_in(page: Any, live_server: Any, plan: Any) -> None:
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to ActionTrack")
    assert page.url.startswith(f"{live_server.url}/sign-in?next=")
    expect(page.get_by_text(plan.title)).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)

    # A wrong password is an error on the sign-in page, which stays accessible.
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct username and password")
    assert_accessible(page)

    # Signing in then returns to the plan asked for.
    sign_in(page, live_server, "owner", PASSWORD, go=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
