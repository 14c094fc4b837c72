import datetime

import pytest
from django.utils import timezone

from actiontrack.plans.models import Action
from actiontrack.reports.data import all_actions, build_report
from tests import factories
from tests.reports.builders import AS_AT, board_plan


@pytest.fixture
def built(plan, lead_person):
    return board_plan(plan, lead_person)


def test_report_lays_the_plan_out_by_section_and_recommendation_in_order(plan, built):
    report = build_report(plan, AS_AT)
    assert [s["title"] for s in report["sections"]] == ["Strategic", "Operational"]
    first = report["sections"][0]["recommendations"][0]
    assert (first["ref"], first["priority"], first["objective"]) == (
        "1",
        "High",
        "Referrals are screened within a day",
    )
    assert first["outcomes"] == ["Fewer repeat referrals"] and first["measures"] == [
        "Audit of 20 cases a quarter"
    ]
    assert [a["ref"] for a in all_actions(report)] == ["1.1", "1.2", "2.1", "3.1"]


def test_each_action_carries_leads_due_rag_reason_and_latest_update_as_at_the_date(plan, built):
    actions = {a["ref"]: a for a in all_actions(build_report(plan, AS_AT))}
    audit = actions["1.1"]
    assert audit["leads"] == ["SM", "JH"]
    assert (audit["due_text"], audit["due_date"]) == ("March 2026", "2026-03-31")
    assert audit["rag"] == {
        "meaning": "delayed",
        "code": "red",
        "label": "Delayed",
        "reason": "due 31 March 2026, 2 months overdue",
    }
    assert audit["latest_update"] == {"date": "2026-06-01", "text": "First audit done"}  # not the July one
    assert (audit["overdue"], audit["days_overdue"]) == (True, 76)
    training = actions["2.1"]
    assert (training["original_due_text"], training["original_due_date"], training["revisions"]) == (
        "May 2026",
        "2026-05-31",
        1,
    )
    assert actions["3.1"]["rag"]["reason"] == "reported delayed"


def test_summary_counts_actions_by_rag_overdue_outstanding_and_revised(plan, built):
    counts = build_report(plan, AS_AT)["counts"]
    assert counts == {
        "completed": 1,
        "on_track": 1,
        "at_risk": 0,
        "delayed": 2,
        "total": 4,
        "overdue": 1,
        "outstanding": 3,
        "revised": 1,
        "recommendations": 3,
    }


def test_an_earlier_date_sees_earlier_updates_and_rag(plan, built):
    actions = {a["ref"]: a for a in all_actions(build_report(plan, datetime.date(2026, 3, 1)))}
    assert actions["1.1"]["latest_update"]["text"] == "Audit tool agreed"
    assert actions["1.1"]["rag"]["meaning"] == "on_track"


def test_actions_added_after_the_plan_count_from_the_day_they_were_added(plan, built):
    late = factories.ActionFactory(recommendation=built["third"], ref="3.2", text="Added later", order=1)
    Action.objects.filter(pk=late.pk).update(created_at=plan.created_at + datetime.timedelta(days=30))
    created_day = (plan.created_at + datetime.timedelta(days=30)).date()
    before = [a["ref"] for a in all_actions(build_report(plan, created_day - datetime.timedelta(days=1)))]
    after = [a["ref"] for a in all_actions(build_report(plan, created_day + datetime.timedelta(days=1)))]
    assert "3.2" not in before and "3.2" in after


def test_plan_level_actions_are_listed_after_the_recommendations(plan, built):
    factories.ActionFactory(plan=plan, recommendation=None, ref="X", text="Plan-wide action")
    report = build_report(plan, AS_AT)
    last = report["sections"][-1]["recommendations"][-1]
    assert last["text"] == "Actions not under a recommendation" and last["actions"][0]["ref"] == "X"


def test_an_earlier_date_takes_status_and_due_date_from_the_audit_trail(plan, built):
    action = built["a21"]  # created open; now marked completed
    action.status = "completed"
    action.save()
    first, second = action.history.order_by("history_date", "history_id")
    earlier = timezone.now() - datetime.timedelta(days=10)
    type(first).objects.filter(pk=first.pk).update(history_date=earlier)
    Action.objects.filter(pk=action.pk).update(created_at=earlier)
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    then = {a["ref"]: a for a in all_actions(build_report(plan, week_ago))}["2.1"]
    now = {a["ref"]: a for a in all_actions(build_report(plan))}["2.1"]
    assert (then["status"], now["status"]) == ("", "completed")
    assert then["rag"]["meaning"] != "completed" and now["rag"]["meaning"] == "completed"
