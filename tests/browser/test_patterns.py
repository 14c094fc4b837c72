"""GOV.UK patterns on the plan pages: errors that name the field, dates in words, what to do next."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actiontrack.plans.rag import format_date
from actiontrack.plans.services import create_plan_from_document
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD
from tests.test_access_matrix import draft_document

pytestmark = pytest.mark.browser


def test_a_new_plan_is_refused_by_name_then_shows_its_report_month_and_what_to_do_next(
    page: Any, live_server: Any
) -> None:
    factories.UserFactory(username="manager", password=PASSWORD)
    sign_in(page, live_server, "manager", PASSWORD)
    page.goto("/plans/new")
    page.get_by_label("Report date").fill("the spring")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the title")
    expect(summary).to_contain_text("Enter the report date as a month and year, for example January 2013")
    expect(summary).not_to_contain_text("This field is required")
    assert_accessible(page)

    page.get_by_label("Title", exact=True).fill("Joint targeted area inspection plan")
    page.get_by_label("Report date").fill("January 2013")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint targeted area inspection plan")
    expect(page).not_to_have_title(re.compile(r"^Error: "))
    expect(page.locator("dl").first).to_contain_text("January 2013")
    expect(page.locator("body")).not_to_contain_text("2013-01")
    empty = page.locator("#empty-plan")
    expect(empty).to_contain_text("This plan has no recommendations or actions yet")
    expect(empty.get_by_role("link", name="add a recommendation")).to_be_visible()
    expect(empty.get_by_role("link", name="import it")).to_be_visible()
    assert_accessible(page)

    # Editing shows the month in words again, not as stored.
    page.get_by_role("link", name="Edit plan").click()
    expect(page.get_by_label("Report date")).to_have_value("January 2013")


def test_a_plan_without_recommendations_speaks_of_its_actions_only(
    page: Any, live_server: Any, plan_owner: Any
) -> None:
    plan = factories.PlanFactory(title="Audit follow-up")
    plan.owners.add(plan_owner)
    factories.ActionFactory(plan=plan, recommendation=None, text="Re-audit the files in March")
    sign_in(page, live_server, plan_owner.username, PASSWORD)
    page.goto(plan.get_absolute_url())
    expect(page.locator("body")).to_contain_text("Re-audit the files in March")
    expect(page.locator("body")).not_to_contain_text("no recommendation")
    expect(page.locator("#empty-plan")).to_have_count(0)
    assert_accessible(page)


def test_an_imported_update_says_when_it_was_imported_apart_from_its_own_date(
    page: Any, live_server: Any, plan_owner: Any
) -> None:
    document = draft_document()
    document["title"] = "Imported plan"
    action = document["recommendations"][0]["actions"][0]
    action["updates"] = [{"date": "2013-01-05", "text": "Training delivered to all teams"}]
    plan = create_plan_from_document(document, owners=[plan_owner])
    sign_in(page, live_server, plan_owner.username, PASSWORD)
    page.goto(plan.actions.get().get_absolute_url())

    update = page.locator("ol.govuk-list > li").filter(has_text="Training delivered")
    expect(update).to_contain_text("5 January 2013")
    expect(update).to_contain_text(f"Imported on {format_date(timezone.localdate())}")

    # An update added on the page is "Recorded", not imported.
    page.get_by_label("Progress").fill("Audit of the training booked")
    page.get_by_role("button", name="Add update").click()
    added = page.locator("ol.govuk-list > li").filter(has_text="Audit of the training booked")
    expect(added).to_contain_text(f"Recorded {format_date(datetime.date.today())}")
    expect(added).not_to_contain_text("Imported")
    assert_accessible(page)
