"""Signing in and adding an update with the keyboard alone, from the skip link onwards."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# What has focus, and whether it shows: an outline, a focus shadow or the yellow focus background.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {
    id: el.id, tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim().slice(0, 40),
    shown: box.width > 1 && box.height > 1,  // visually hidden elements are 1px
    indicated: outline || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)',
  };
}"""


def focus(page: Any) -> dict[str, Any]:
    return page.evaluate(FOCUS)


def tab(page: Any, key: str = "Tab") -> dict[str, Any]:
    """Press Tab (or Shift+Tab) and return what has focus now, checking it can be seen."""
    page.keyboard.press(key)
    now = focus(page)
    assert now["tag"] != "body", f"{key} left focus nowhere"
    assert now["shown"] and now["indicated"], f"focus is not visible on {now}"
    return now


def skip_to_main(page: Any) -> None:
    """The first Tab stop is the skip link, and Enter moves focus to the main content."""
    first = tab(page)
    assert (first["tag"], first["text"]) == ("a", "Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def tab_to(page: Any, element_id: str, limit: int = 30) -> list[dict[str, Any]]:
    """Tab forward until the element with this id has focus; return the stops on the way."""
    stops = []
    for _ in range(limit):
        if focus(page)["id"] == element_id:
            return stops
        stops.append(tab(page))
        if stops[-1]["id"] == element_id:
            return stops
    raise AssertionError(f"#{element_id} not reached in {limit} Tabs: {stops}")


def test_skip_link_is_first_tab_stop_on_sign_in(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/sign-in")
    skip_to_main(page)
    assert tab(page)["id"] == "id_username"


def test_sign_in_and_add_update_with_keyboard_only(
    page: Any, live_server: Any, action: Any, action_lead: Any
) -> None:
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to ActionTrack")

    # The username box may have autofocus (see above): Tab only as far as needed to reach it.
    tab_to(page, "id_username")
    page.keyboard.type(action_lead.username)
    assert tab(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    assert tab(page)["text"] == "Sign in"
    assert tab(page, "Shift+Tab")["id"] == "id_password"
    assert tab(page)["text"] == "Sign in"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Action {action.ref}")
    expect(page.locator("#rag-status")).to_have_text("Green: due 31 March 2099, on track")

    skip_to_main(page)
    stops = tab_to(page, "id_date_day")  # the first form control in main; only links come before it
    assert stops[-1]["id"] == "id_date_day" and {stop["tag"] for stop in stops[:-1]} <= {"a"}
    today = datetime.date.today()
    for box, value in (
        ("id_date_day", today.day),
        ("id_date_month", today.month),
        ("id_date_year", today.year),
    ):
        if box != "id_date_day":
            assert tab(page)["id"] == box
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(str(value))
    assert tab(page)["id"] == "id_text"
    assert tab(page, "Shift+Tab")["id"] == "id_date_year"
    assert tab(page)["id"] == "id_text"
    page.keyboard.type("Referral audit done for the quarter")
    assert tab(page)["id"] == "id_rag_0"  # the radios are one Tab stop, at the chosen one
    page.keyboard.press("ArrowDown")  # arrows move the choice: "Blue – Completed" follows "No change"
    expect(page.get_by_role("radio", name="Blue – Completed")).to_be_checked()
    assert tab(page)["text"] == "Add update"
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Update added")
    expect(page.locator("#rag-status")).to_have_text("Blue: completed")
    expect(page.locator("ol.govuk-list > li").first).to_contain_text("Referral audit done for the quarter")
    assert_accessible(page)
    assert action.updates.get().author == action_lead
