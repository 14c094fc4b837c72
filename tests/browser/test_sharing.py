"""Sharing a plan and linking a lead to an account, in the browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_owner_shares_a_plan_and_links_a_lead_to_an_account(page: Any, live_server: Any) -> None:
    owner = factories.UserFactory(username="owner", password=PASSWORD)
    agency = factories.AgencyFactory(name="Health trust")
    factories.UserFactory(username="sam", password=PASSWORD, agency=agency)  # staff of the agency
    action = factories.ActionFactory(text="Audit the front door")
    action.plan.owners.add(owner)
    factories.lead(action, factories.PersonFactory(plan=action.plan, key="SM"))

    sign_in(page, live_server, "owner", PASSWORD)
    page.goto(f"{live_server.url}/plans/{action.plan_id}")
    page.get_by_role("link", name="Share this plan").click()
    assert_accessible(page)
    page.get_by_label("Health trust").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Sharing saved")
    assert list(action.plan.agencies.all()) == [agency]

    page.locator("summary", has_text="People named in this plan").click()
    page.get_by_role("link", name="Change SM").click()
    assert_accessible(page)
    page.get_by_label("Their ActionTrack account").fill("sam")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("SM saved")
    assert_accessible(page)
