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


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Read an upload as it is queued, so that the preview follows the upload straight away."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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
    expect(page.locator("body")).to_contain_text("Read as the end of July 2021")  # its kind in words
    assert_accessible(page)

    page.get_by_role("link", name="Change action Run two focus groups").click()
    page.get_by_label("Due").fill("Spring 2022")
    page.get_by_role("button", name="Save correction").click()
    corrected = "Read as the end of the season, 31 May 2022"
    expect(page.locator("body")).to_contain_text(corrected)  # back on the preview before reloading it
    page.reload()  # the preview, with its correction, survives a reload
    expect(page.locator("body")).to_contain_text(corrected)

    page.get_by_role("button", name="Confirm and create the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported")
    expect(page.locator("body")).to_contain_text("Run two focus groups with parents")
    expect(page.locator("body")).to_contain_text("31 May 2022")
    assert_accessible(page)


def csv_plan(rows: int, *, extra: str = "") -> bytes:
    """A one-row-per-action sheet with `rows` actions under two recommendations."""
    lines = ["Ref,Recommendation,Action,Lead,By when"]
    for n in range(1, rows + 1):
        rec = "Improve the front door" if n <= rows // 2 else "Strengthen supervision"
        lines.append(f"{n},{rec},Action number {n}{extra},SM,March 2027")
    return ("\n".join(lines) + "\n").encode()


def upload(page: Any, name: str, data: bytes) -> None:
    page.goto("/imports/new")
    page.get_by_label("Upload an action plan").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Check what ActionTrack read")).to_be_visible()


def test_preview_words_buttons_at_both_ends_and_warnings_of_earlier_imports(
    page: Any, live_server: Any
) -> None:
    factories.UserFactory(username="manager", password=PASSWORD)
    sign_in(page, live_server, "manager", PASSWORD)
    data = csv_plan(8)
    upload(page, "front-door-plan.csv", data)
    # Kinds in words, never codes.
    expect(page.locator("body")).to_contain_text("Read as the end of March 2027")
    expect(page.locator("body")).not_to_contain_text("(month)")
    # A long preview offers Confirm and Discard before it as well as after it.
    for where in ("top", "bottom"):
        buttons = page.locator(f"#confirm-{where}")
        expect(buttons.get_by_role("button", name="Confirm and create the plan")).to_be_visible()
        expect(buttons.get_by_role("button", name="Discard this import")).to_be_visible()
    expect(page.locator("#earlier-imports")).to_have_count(0)  # nothing imported before
    assert_accessible(page)
    page.locator("#confirm-top").get_by_role("button", name="Confirm and create the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported")
    title = page.get_by_role("heading", level=1).inner_text()

    # The same file again: warned, with a link to the plan it became.
    upload(page, "front-door-plan.csv", data)
    warning = page.locator("#earlier-imports")
    expect(warning).to_contain_text("This file was imported before, as")
    expect(warning.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
    page.locator("#confirm-bottom").get_by_role("button", name="Discard this import").click()

    # Another file read as a plan of the same title: warned of the plan that has it.
    upload(page, "front-door-plan.csv", csv_plan(8, extra=" (revised)"))
    expect(page.locator("#earlier-imports")).to_contain_text("A plan with the same title already exists")
    expect(page.locator("#earlier-imports")).not_to_contain_text("This file was imported before")
    assert_accessible(page)


def test_the_reading_page_follows_the_reading_without_reloading_itself(page: Any, live_server: Any) -> None:
    """No <meta> refresh (axe: WCAG 2.2.1): the status is fetched again, and the preview follows."""
    from actiontrack.importer.models import ImportDraft
    from tests.test_access_matrix import draft_document

    user = factories.UserFactory(username="manager", password=PASSWORD)
    draft = ImportDraft.objects.create(
        user=user, filename="plan.csv", data=b"Ref,Action\n1,Do it\n", state=ImportDraft.State.READING
    )
    sign_in(page, live_server, "manager", PASSWORD)
    page.goto(f"/imports/{draft.pk}/reading")
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("plan.csv")
    assert_accessible(page)

    ImportDraft.objects.filter(pk=draft.pk).update(
        state=ImportDraft.State.READY, document=draft_document(), columns=[], unplaced=[]
    )
    expect(page.get_by_role("heading", name="Check what ActionTrack read")).to_be_visible(timeout=8_000)
    assert_accessible(page)
