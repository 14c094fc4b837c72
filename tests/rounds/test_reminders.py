"""Daily reminders: one digest per lead a day, a dry run that sends nothing, escalation to owners."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from actiontrack.plans.models import Action
from actiontrack.rounds.models import ReminderKind, ReminderLog
from actiontrack.rounds.reminders import build_digests
from tests import factories
from tests.rounds.conftest import text_part

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def make_action(recommendation: Any, person: Any, **fields: Any) -> Action:
    action = factories.ActionFactory(recommendation=recommendation, **fields)
    factories.lead(action, person)
    return action


def test_each_lead_gets_one_digest_of_due_overdue_and_stale_actions(
    recommendation: Any, outside_lead: Any
) -> None:
    soon = make_action(
        recommendation, outside_lead, text="Due soon", due_date=TODAY + datetime.timedelta(days=10)
    )
    factories.UpdateFactory(action=soon, date=TODAY)
    late = make_action(recommendation, outside_lead, text="Overdue", due_date=days_ago(3))
    factories.UpdateFactory(action=late, date=TODAY)
    stale = make_action(recommendation, outside_lead, text="Stale")
    factories.UpdateFactory(action=stale, date=days_ago(100))
    fine = make_action(recommendation, outside_lead, text="Fine")
    factories.UpdateFactory(action=fine, date=TODAY)

    out = StringIO()
    call_command("send-reminders", stdout=out)

    (digest,) = mail.outbox
    assert digest.to == ["jo.bloggs@example.org"]
    body = digest.body
    assert "Due soon" in body and "Overdue" in body and "overdue since" in body
    assert "Stale" in body and "no update for 100 days" in body
    assert "Fine" not in body
    assert "1 digest(s) sent" in out.getvalue()


def test_the_same_reminder_is_never_sent_twice_in_a_day(recommendation: Any, outside_lead: Any) -> None:
    make_action(recommendation, outside_lead, due_date=days_ago(3))
    call_command("send-reminders", stdout=StringIO())
    out = StringIO()
    call_command("send-reminders", stdout=out)
    assert len(mail.outbox) == 1
    assert "already sent today: digest to jo.bloggs@example.org" in out.getvalue()
    assert ReminderLog.objects.filter(kind=ReminderKind.DIGEST, day=TODAY).count() == 1


def test_dry_run_prints_what_it_would_send_and_sends_nothing(recommendation: Any, outside_lead: Any) -> None:
    make_action(recommendation, outside_lead, text="Audit the cases", due_date=days_ago(3))
    out = StringIO()
    call_command("send-reminders", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "would send digest to Jo Bloggs <jo.bloggs@example.org>" in out.getvalue()
    assert "Audit the cases" in out.getvalue()


def test_action_silent_for_twice_the_stale_period_is_escalated_to_the_owner(
    smtp_server: Any, plan: Any, recommendation: Any, outside_lead: Any, plan_owner: Any
) -> None:
    plan_owner.email = "owner@example.org"
    plan_owner.save()
    silent = make_action(recommendation, outside_lead, text="Long silent")
    factories.UpdateFactory(action=silent, date=days_ago(2 * plan.stale_after_days + 1))
    once = make_action(recommendation, outside_lead, text="Merely stale")
    factories.UpdateFactory(action=once, date=days_ago(plan.stale_after_days + 1))

    call_command("send-reminders", stdout=StringIO())

    (escalation,) = smtp_server.to("owner@example.org")
    body = text_part(escalation)
    assert "Long silent" in body and "twice the plan's 90" in body
    assert "Merely stale" not in body
    assert len(smtp_server.to("jo.bloggs@example.org")) == 1  # the lead's own digest


def test_completed_actions_and_closed_plans_are_left_alone(
    recommendation: Any, outside_lead: Any, plan: Any
) -> None:
    make_action(recommendation, outside_lead, due_date=days_ago(3), status="completed")
    assert build_digests(TODAY) == []
    make_action(recommendation, outside_lead, due_date=days_ago(3))
    plan.status = "closed"
    plan.save()
    assert build_digests(TODAY) == []


def test_action_revised_up_to_the_plans_limit_is_flagged_to_the_owner(
    plan: Any, recommendation: Any, outside_lead: Any, plan_owner: Any
) -> None:
    from actiontrack.plans import services as plan_services

    plan_owner.email = "owner@example.org"
    plan_owner.save()
    action = make_action(recommendation, outside_lead, text="Moving target")
    factories.UpdateFactory(action=action, date=TODAY)
    for month in ("June 2099", "September 2099"):
        plan_services.revise_due_date(action, due_text=month, reason="Slipped", agreed_by=plan_owner)

    (digest,) = [d for d in build_digests(TODAY) if d.email == "owner@example.org"]
    assert digest.kind == ReminderKind.ESCALATION
    assert digest.items[0].reasons == ["due date revised 2 times"]
