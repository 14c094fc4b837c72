"""A whole update round in the browser: open, answer through the e-mailed link signed out, close."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, choose_rag, fill_date, sign_in
from tests.conftest import PASSWORD
from tests.rounds.conftest import IMMEDIATE, Mailbox, free_port, text_part

pytestmark = pytest.mark.browser


@pytest.fixture
def mailbox(settings: Any, live_server: Any) -> Iterator[Mailbox]:
    """A real SMTP server on loopback; e-mails are sent as the page queues them."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.TASKS = IMMEDIATE
    settings.BASE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield box
    finally:
        controller.stop()


def test_owner_runs_a_round_and_a_lead_without_an_account_answers_through_the_link(
    page: Any, browser: Any, live_server: Any, mailbox: Mailbox
) -> None:
    owner = factories.UserFactory(username="owner")
    plan = factories.PlanFactory(title="Ofsted improvement plan")
    plan.owners.add(owner)
    lead = factories.PersonFactory(plan=plan, key="JB", name="Jo Bloggs", email="jo.bloggs@example.org")
    action = factories.ActionFactory(
        recommendation=factories.RecommendationFactory(plan=plan, ref="1"), ref="1.1"
    )
    factories.lead(action, lead)
    other = factories.ActionFactory(
        recommendation=action.recommendation, ref="1.2", text="Someone else's action"
    )
    factories.lead(other, factories.PersonFactory(plan=plan, key="SM", email="sam@example.org"))

    # The owner opens the round from the plan page.
    sign_in(page, live_server, "owner", PASSWORD)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Start an update round").click()
    expect(page.get_by_role("checkbox", name="Ofsted improvement plan")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Title").fill("Updates for the July board")
    deadline = datetime.date.today() + datetime.timedelta(days=14)
    fill_date(page, "Deadline for answers", deadline)
    page.get_by_role("button", name="Open the round and send the e-mails").click()
    expect(page.get_by_role("alert")).to_contain_text("Round opened: 2 leads e-mailed")
    assert_accessible(page)
    round_url = page.url

    # The lead, signed out, follows the link read from the SMTP server.
    (message,) = mailbox.to("jo.bloggs@example.org")
    link = re.search(r"http://\S+/answer/\S+", text_part(message))
    assert link
    lead_context = browser.new_context(locale="en-GB")
    lead_page = lead_context.new_page()
    lead_page.goto(link.group(0))
    expect(lead_page.get_by_role("heading", level=1)).to_have_text("Updates for the July board")
    expect(lead_page.get_by_text("Someone else's action")).to_have_count(0)
    expect(lead_page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(lead_page)
    lead_page.get_by_label("Progress update").fill("Two of three teams trained; the last in June.")
    choose_rag(lead_page, "amber")
    lead_page.get_by_role("button", name="Send my updates").click()
    expect(lead_page.get_by_role("heading", name="Your updates have been sent")).to_be_visible()
    assert_accessible(lead_page)

    # The link opens nothing else.
    lead_page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    expect(lead_page).to_have_url(re.compile(r"/sign-in"))
    lead_page.goto(f"{live_server.url}{round_url.removeprefix(live_server.url)}")
    expect(lead_page).to_have_url(re.compile(r"/sign-in"))

    # The owner sees who answered, closes the round and finds the update and its RAG on the plan.
    page.goto(round_url)
    expect(page.locator("#answers")).to_contain_text("Two of three teams trained")
    expect(page.locator("#silent")).to_contain_text("sam@example.org")
    page.get_by_role("button", name="Close the round and record the updates").click()
    expect(page.get_by_role("alert")).to_contain_text("Round closed: 1 update recorded")
    assert_accessible(page)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    row = page.locator("tbody tr").filter(has=page.locator(f'a[href="{action.get_absolute_url()}"]'))
    expect(row.locator(".govuk-tag")).to_have_text("Amber")
    expect(row).to_contain_text("Two of three teams trained")

    # After the close the link refuses answers with a clear message.
    lead_page.goto(link.group(0))
    expect(lead_page.locator("#refusal")).to_contain_text("answers are no longer accepted")
    lead_context.close()


def test_lead_signs_off_with_a_file_and_the_owner_approves_it(
    page: Any, browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    from actiontrack.plans import services as plan_services

    storages = dict(settings.STORAGES)
    storages["evidence"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence"), "base_url": None},
    }
    settings.STORAGES = storages
    settings.TASKS = IMMEDIATE
    owner = factories.UserFactory(username="owner")
    lead_user = factories.UserFactory(username="lead")
    plan = factories.PlanFactory(title="Ofsted improvement plan")
    plan.owners.add(owner)
    person = factories.PersonFactory(plan=plan, key="SM", name="Sam Moore", user=lead_user)
    action = factories.ActionFactory(
        recommendation=factories.RecommendationFactory(plan=plan, ref="1"), ref="1.1"
    )
    factories.lead(action, person)
    plan_services.revise_due_date(action, due_text="June 2099", reason="Staff shortage", agreed_by=owner)
    evidence = tmp_path / "audit-report.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    sign_in(page, live_server, "lead", PASSWORD)
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    expect(page.locator("#due-revisions")).to_contain_text("revised from 31 March 2099 (1 revision)")
    page.get_by_role("link", name="Mark as complete, with evidence").click()
    assert_accessible(page)
    page.get_by_label("Evidence that the action is complete").fill("Audit finished; report attached.")
    page.get_by_label("Evidence files").set_input_files(str(evidence))
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator("#sign-off-status")).to_have_text("Waiting for approval")
    expect(page.get_by_role("link", name="audit-report.pdf")).to_be_visible()
    assert_accessible(page)

    owner_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    owner_page = owner_context.new_page()
    sign_in(owner_page, live_server, "owner", PASSWORD)
    owner_page.goto(f"{live_server.url}/rounds")
    owner_page.locator("#waiting").get_by_role("link").click()
    assert_accessible(owner_page)
    owner_page.get_by_role("button", name="Approve: the action is complete").click()
    expect(owner_page.locator("#rag-status .govuk-tag")).to_have_text("Blue")
    owner_page.goto(f"{live_server.url}/plans/{plan.pk}/slippage")
    expect(owner_page.locator("#slippage")).to_contain_text("Staff shortage")
    assert_accessible(owner_page)
    owner_context.close()
