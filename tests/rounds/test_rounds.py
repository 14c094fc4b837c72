"""Update rounds: one e-mail per lead, one page per lead, answers becoming dated updates at the close."""

from __future__ import annotations

import datetime
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actiontrack.plans.models import ActionStatus, Update
from actiontrack.rounds import services
from actiontrack.rounds.models import EmailStatus, OutgoingEmail, Recipient, Round
from tests import factories
from tests.conftest import signed_in
from tests.rounds.conftest import html_part, text_part

NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)
LINK = re.compile(r"http://testserver(/answer/[^\s\"<]+)")


def link_in(message: Any) -> str:
    match = LINK.search(text_part(message))
    assert match, text_part(message)
    return match.group(1)


def open_for(plan: Any, owner: Any, **kwargs: Any) -> Round:
    return services.open_round(
        [plan], title="Updates for the July board", deadline=NEXT_MONTH, opened_by=owner, **kwargs
    )


@pytest.fixture
def second_plan(db: Any, plan_owner: Any, outside_lead: Any) -> Any:
    """Another plan naming the same outside lead (another Person, the same address)."""
    other = factories.PlanFactory(title="Serious case review plan")
    other.owners.add(plan_owner)
    person = factories.PersonFactory(plan=other, key="Jo B", name="Jo Bloggs", email="Jo.Bloggs@example.org")
    action = factories.ActionFactory(recommendation=factories.RecommendationFactory(plan=other), ref="4")
    action.text = "Review the escalation policy"
    action.save()
    factories.lead(action, person)
    return other


def test_opening_a_round_sends_one_email_per_lead_listing_all_their_actions(
    smtp_server: Any,
    plan: Any,
    second_plan: Any,
    action: Any,
    outside_action: Any,
    plan_owner: Any,
    lead_person: Any,
) -> None:
    lead_person.email = "sam.moore@example.org"
    lead_person.save()
    done = factories.ActionFactory(
        recommendation=outside_action.recommendation, status=ActionStatus.COMPLETED
    )
    factories.lead(done, outside_action.leads.first())

    round = services.open_round(
        [plan, second_plan], title="Updates for the July board", deadline=NEXT_MONTH, opened_by=plan_owner
    )

    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == [
        "jo.bloggs@example.org",
        "sam.moore@example.org",
    ]
    (jo,) = smtp_server.to("jo.bloggs@example.org")
    assert jo["Subject"] == f"Updates for the July board: your updates by {NEXT_MONTH:%-d %B %Y}"
    body = text_part(jo)
    assert "Train every duty team" in body and "Review the escalation policy" in body
    assert done.text not in body  # completed actions are not asked about
    assert "Give your updates" in html_part(jo)
    assert round.recipients.get(email="jo.bloggs@example.org").people.count() == 2
    assert OutgoingEmail.objects.filter(round=round, status=EmailStatus.SENT).count() == 2


def test_lead_without_account_answers_through_the_link_and_close_records_dated_updates(
    smtp_server: Any, plan: Any, action: Any, outside_action: Any, outside_lead: Any, plan_owner: Any
) -> None:
    round = open_for(plan, plan_owner)
    path = link_in(smtp_server.to("jo.bloggs@example.org")[0])
    client = Client()

    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Train every duty team" in html
    assert action.text not in html  # another lead's action
    assert "Sign out" not in html  # no navigation into the rest of the site

    prefix = f"action-{outside_action.pk}"
    answered = client.post(
        path,
        {
            f"{prefix}-text": "Two of three teams trained.",
            f"{prefix}-rag": "amber",
            f"{prefix}-due_text": "June 2099",
            f"{prefix}-due_reason": "Trainer off sick in May",
        },
    )
    assert answered.status_code == 200
    assert "Your updates have been sent" in answered.content.decode()
    assert Recipient.objects.get(round=round, email="jo.bloggs@example.org").answered_at is not None
    assert not outside_action.updates.exists()  # nothing is recorded until the close

    owner = signed_in(plan_owner)
    detail = owner.get(reverse("round-detail", args=[round.pk])).content.decode()
    assert "Two of three teams trained." in detail

    owner.post(reverse("round-close", args=[round.pk]))

    update = Update.objects.get(action=outside_action)
    assert (update.text, update.rag, update.date) == (
        "Two of three teams trained.",
        "amber",
        timezone.localdate(),
    )
    assert update.author is None and update.author_person == outside_lead
    history = update.history.get()
    assert (history.channel, history.actor_person_id, history.actor_name) == (
        "link",
        outside_lead.pk,
        "Jo Bloggs",
    )
    outside_action.refresh_from_db()
    assert outside_action.status == ActionStatus.AT_RISK
    assert outside_action.due_text == "June 2099"
    revision = outside_action.due_revisions.get()
    assert (revision.previous_text, revision.reason, revision.agreed_by) == (
        "March 2099",
        "Trainer off sick in May",
        plan_owner,
    )

    refused = client.post(path, {f"{prefix}-text": "Late answer"})
    assert refused.status_code == 410
    assert "answers are no longer accepted" in refused.content.decode()


def test_link_opens_nothing_but_the_answer_page(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    client = Client()
    assert client.get(path).status_code == 200
    for name, args in [
        ("plan-detail", [plan.pk]),
        ("action-detail", [outside_action.pk]),
        ("plan-list", []),
        ("round-list", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in"), name


def test_answer_needs_progress_text_and_a_reason_for_a_new_due_date(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    prefix = f"action-{outside_action.pk}"
    response = Client().post(path, {f"{prefix}-due_text": "June 2099"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the progress made" in html and "Enter why the due date should change" in html


def test_revoked_link_is_refused(smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any) -> None:
    round = open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    recipient = round.recipients.get()
    signed_in(plan_owner).post(reverse("recipient-revoke", args=[round.pk, recipient.pk]))
    response = Client().get(path)
    assert response.status_code == 403
    assert "withdrawn" in response.content.decode()


def test_link_expires_after_the_deadline(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    round = open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    Round.objects.filter(pk=round.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    response = Client().get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_tampered_or_guessed_link_is_not_found(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    assert Client().get(path[:-3] + "abc").status_code == 404
    assert Client().get("/answer/1").status_code == 404


def test_remind_writes_only_to_those_who_have_not_answered(
    smtp_server: Any, plan: Any, action: Any, outside_action: Any, plan_owner: Any, lead_person: Any
) -> None:
    lead_person.email = "sam.moore@example.org"
    lead_person.save()
    round = open_for(plan, plan_owner)
    path = link_in(smtp_server.to("jo.bloggs@example.org")[0])
    Client().post(path, {f"action-{outside_action.pk}-text": "Done half"})
    smtp_server.messages.clear()

    response = signed_in(plan_owner).post(reverse("round-remind", args=[round.pk]), follow=True)

    assert [m["X-Envelope-To"] for m in smtp_server.messages] == ["sam.moore@example.org"]
    assert smtp_server.messages[0]["Subject"].startswith("Reminder: ")
    assert "Reminder sent to 1 lead" in response.content.decode()


def test_owner_sees_emails_that_could_not_be_delivered(
    settings: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        9,
        False,
    )  # nothing listens
    settings.EMAIL_TIMEOUT = 2
    round = open_for(plan, plan_owner)
    email = OutgoingEmail.objects.get(round=round)
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 4)
    assert email.last_error
    page = signed_in(plan_owner).get(reverse("round-detail", args=[round.pk])).content.decode()
    assert "1 e-mail could not be delivered to jo.bloggs@example.org" in page


def test_leads_without_an_address_are_named_to_the_owner(plan: Any, action: Any, plan_owner: Any) -> None:
    round = open_for(plan, plan_owner)
    assert not round.recipients.exists()
    page = signed_in(plan_owner).get(reverse("round-detail", args=[round.pk])).content.decode()
    assert "No e-mail address for Sam Moore" in page


def test_round_needs_a_title_and_a_future_deadline(plan: Any, plan_owner: Any) -> None:
    response = signed_in(plan_owner).post(
        reverse("round-create"), {"plans": [plan.pk], "title": "Board", "deadline": "01/01/2001"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "The deadline must be today or in the future" in html


def test_owner_opens_a_round_from_the_page(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    client = signed_in(plan_owner)
    form = client.get(reverse("round-create") + f"?plan={plan.pk}")
    assert form.status_code == 200 and "checked" in form.content.decode()
    response = client.post(
        reverse("round-create"),
        {"plans": [plan.pk], "title": "Updates for the July board", "deadline": f"{NEXT_MONTH:%d/%m/%Y}"},
        follow=True,
    )
    assert "Round opened: 1 lead e-mailed" in response.content.decode()
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("administrator", 200),
        ("plan_owner", 200),
        ("action_lead", 403),
        ("agency_viewer", 403),
        ("outsider", 404),
    ],
)
def test_round_pages_are_for_the_plans_owners(
    request: Any, who: str, status: int, plan: Any, plan_owner: Any, lead_person: Any
) -> None:
    round = open_for(plan, plan_owner)
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("round-detail", args=[round.pk])).status_code == status
    expected_post = 302 if status == 200 else status
    assert client.post(reverse("round-remind", args=[round.pk])).status_code == expected_post


def test_signed_out_visitors_are_sent_to_sign_in(plan: Any, plan_owner: Any) -> None:
    round = open_for(plan, plan_owner)
    for url in (reverse("round-list"), reverse("round-detail", args=[round.pk]), reverse("round-create")):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in")


def test_round_list_shows_only_rounds_the_user_runs(plan: Any, plan_owner: Any, outsider: Any) -> None:
    open_for(plan, plan_owner)
    assert "Updates for the July board" in signed_in(plan_owner).get(reverse("round-list")).content.decode()
    assert "Updates for the July board" not in signed_in(outsider).get(reverse("round-list")).content.decode()
    assert signed_in(outsider).get(reverse("round-create")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_emails_go_through_the_database_queue_and_the_worker(
    settings: Any, smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    round = open_for(plan, plan_owner)
    assert smtp_server.messages == []  # queued, not sent: the page is not held up
    assert OutgoingEmail.objects.get(round=round).status == EmailStatus.QUEUED

    call_command("worker", batch=True, verbosity=0, stdout=StringIO())

    assert [m["X-Envelope-To"] for m in smtp_server.messages] == ["jo.bloggs@example.org"]
    assert OutgoingEmail.objects.get(round=round).status == EmailStatus.SENT


def test_command_line_opens_lists_reminds_and_closes(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    out = StringIO()
    call_command(
        "rounds",
        "--user",
        "owner",
        "open",
        str(plan.pk),
        "--title",
        "Board",
        "--deadline",
        f"{NEXT_MONTH:%Y-%m-%d}",
        stdout=out,
    )
    round = Round.objects.get()
    assert f"Opened round {round.pk}: Board" in out.getvalue()
    assert "jo.bloggs@example.org" in out.getvalue()
    assert round.opened_by == plan_owner and round.history.first().channel == "cli"

    out = StringIO()
    call_command("rounds", "list", stdout=out)
    assert "0 of 1 answered" in out.getvalue()

    out = StringIO()
    call_command("rounds", "remind", str(round.pk), stdout=out)
    assert "Reminded 1 lead(s)" in out.getvalue()
    assert len(smtp_server.messages) == 2

    path = link_in(smtp_server.messages[0])
    Client().post(
        path, {f"action-{outside_action.pk}-text": "All done", f"action-{outside_action.pk}-rag": "blue"}
    )
    out = StringIO()
    call_command("rounds", "close", str(round.pk), stdout=out)
    assert "1 update(s) recorded" in out.getvalue()
    outside_action.refresh_from_db()
    assert outside_action.status == ActionStatus.COMPLETED


def test_board_members_read_but_cannot_run_rounds(plan: Any, plan_owner: Any) -> None:
    round = open_for(plan, plan_owner)
    board = signed_in(factories.UserFactory(username="board", is_board_member=True))
    assert board.get(reverse("round-detail", args=[round.pk])).status_code == 403
    assert board.post(reverse("round-close", args=[round.pk])).status_code == 403
    assert board.get(reverse("round-create")).status_code == 403
    assert board.get(reverse("slippage")).status_code == 200
    assert board.get(reverse("plan-slippage", args=[plan.pk])).status_code == 200


def test_read_only_pages_refuse_posts_and_actions_refuse_gets(plan: Any, plan_owner: Any) -> None:
    round = open_for(plan, plan_owner)
    owner = signed_in(plan_owner)
    assert owner.post(reverse("round-detail", args=[round.pk])).status_code == 405
    assert owner.post(reverse("round-list")).status_code == 405
    assert owner.get(reverse("round-close", args=[round.pk])).status_code == 405
    assert owner.get(reverse("round-remind", args=[round.pk])).status_code == 405


def test_evidence_attached_to_an_answer_is_checked_and_shown_to_the_owner(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any, outsider: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    round = open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    prefix = f"action-{outside_action.pk}"
    refused = Client().post(
        path,
        {f"{prefix}-text": "Trained", f"{prefix}-attachments": SimpleUploadedFile("x.pdf", b"not a pdf")},
    )
    assert refused.status_code == 400
    assert "is not a file ActionTrack keeps as evidence" in refused.content.decode()
    pdf = SimpleUploadedFile("register.pdf", b"%PDF-1.4\n%%EOF\n")
    Client().post(path, {f"{prefix}-text": "Trained", f"{prefix}-attachments": pdf})
    answer = round.recipients.get().answers.get()
    evidence = answer.files.get()
    assert evidence.uploaded_by is None and evidence.uploaded_by_person == outside_action.leads.get()
    page = signed_in(plan_owner).get(reverse("round-detail", args=[round.pk])).content.decode()
    assert "register.pdf" in page and evidence.get_absolute_url() in page
    assert signed_in(outsider).get(evidence.get_absolute_url()).status_code == 404


def test_a_lead_with_an_account_finds_their_round_and_answers_signed_in(
    plan: Any, action: Any, lead_person: Any, action_lead: Any, plan_owner: Any
) -> None:
    lead_person.email = "sam.moore@example.org"
    lead_person.save()
    round = open_for(plan, plan_owner)
    client = signed_in(action_lead)
    listing = client.get(reverse("round-list")).content.decode()
    path = re.search(r'href="(/answer/[^"]+)"', listing)
    assert path and "Updates for the July board" in listing
    client.post(path.group(1), {f"action-{action.pk}-text": "Cases audited"})
    services.close_round(round, closed_by=plan_owner)
    update = action.updates.get()
    assert (update.author, update.author_person) == (action_lead, lead_person)


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_is_retried_later_by_the_worker(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from actiontrack.rounds.mail import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        9,
        False,
    )  # nothing listens
    settings.EMAIL_TIMEOUT = 2
    email = send_email("jo@example.org", "Hello", "rounds/email/digest", {"name": "Jo", "items": []})

    call_command("worker", batch=True, verbosity=0, stdout=StringIO())

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error
    (waiting,) = DBTaskResult.objects.filter(status="READY")
    assert waiting.run_after > timezone.now()  # the next attempt waits its turn


def test_an_empty_answer_is_refused_and_the_page_is_never_cached(
    smtp_server: Any, plan: Any, outside_action: Any, plan_owner: Any
) -> None:
    open_for(plan, plan_owner)
    path = link_in(smtp_server.messages[0])
    assert "no-store" in Client().get(path)["Cache-Control"]
    response = Client().post(path, {})
    assert response.status_code == 400
    assert "Give an update on at least one action" in response.content.decode()
