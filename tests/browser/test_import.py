"""Importing a plan in the browser: upload, check the preview, correct it, reload, confirm."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, REPO_DIR

pytestmark = pytest.mark.browser

SAMPLE = REPO_DIR / "tests" / "samples" / "rag_table_plan.txt"


def test_upload_preview_correct_reload_and_confirm(page: Any, live_server: Any) -> None:
    factories.UserFactory(username="manager", password=PASSWORD)
    sign_in(page, live_server, "manager", PASSWORD)
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name="Import a plan").click()
    expect(page.get_by_role("heading", name="Import an action plan")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Upload and preview").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a file to upload")
    assert_accessible(page)

    page.get_by_label("Upload an action plan").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Check what ActionTrack read")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Found 3 recommendations and 3 actions")
    expect(page.locator("body")).to_contain_text("Read as 30 June 2021")
    assert_accessible(page)

    page.get_by_role("link", name="Change action Run two focus groups").click()
    page.get_by_label("Due").fill("Spring 2022")
    page.get_by_role("button", name="Save correction").click()
    page.reload()  # the preview, with its correction, survives a reload
    expect(page.locator("body")).to_contain_text("Read as 31 May 2022")

    page.get_by_role("button", name="Confirm and create the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported")
    expect(page.locator("body")).to_contain_text("Run two focus groups with parents")
    expect(page.locator("body")).to_contain_text("31 May 2022")
    assert_accessible(page)
