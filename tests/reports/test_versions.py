import datetime

import pytest

from actiontrack.accounts.audit import Actor, acting_as
from actiontrack.plans import services as plan_services
from actiontrack.plans.models import Action
from actiontrack.reports.board import board_report
from actiontrack.reports.compare import compare
from actiontrack.reports.data import build_report
from actiontrack.reports.models import ReportVersion
from actiontrack.reports.services import freeze_report_version
from tests import factories
from tests.reports.builders import AS_AT, board_plan


@pytest.fixture
def built(plan, lead_person):
    return board_plan(plan, lead_person)


def changes_by_kind(comparison):
    return {kind: sorted(c.action["ref"] for c in comparison.of_kind(kind)) for kind in comparison.counts()}


def test_versions_are_numbered_and_record_who_froze_them_and_what_they_held(plan, built, plan_owner):
    first = freeze_report_version(plan, AS_AT, plan_owner)
    second = freeze_report_version(plan, AS_AT, plan_owner)
    assert (first.label, second.label) == ("V1", "V2")
    assert first.frozen_by == plan_owner and first.frozen_by_name == plan_owner.display_name
    assert first.data["as_at"] == "2026-06-15" and first.data["version"]["label"] == "V1"
    assert first.data["counts"]["delayed"] == 2
    assert first.history.get().history_user == plan_owner  # in the audit trail


def test_a_frozen_version_never_changes(plan, built, plan_owner):
    version = freeze_report_version(plan, AS_AT, plan_owner)
    held = version.data
    Action.objects.filter(plan=plan).update(text="Rewritten")
    version.refresh_from_db()
    assert version.data == held
    version.as_at = datetime.date(2000, 1, 1)
    with pytest.raises(PermissionError):
        version.save()


def test_two_versions_compare_added_removed_completed_revised_rag_and_updates(plan, built, plan_owner):
    before = freeze_report_version(plan, AS_AT, plan_owner)
    with acting_as(Actor(user=plan_owner)):
        plan_services.record_update(built["a11"], text="All audits done", date=AS_AT, rag_code="blue")
        plan_services.revise_due_date(built["a21"], due_text="December 2026", reason="Trainer left")
        plan_services.record_update(built["a31"], text="Board has the report", date=AS_AT)
        built["a12"].delete()
    factories.ActionFactory(recommendation=built["third"], ref="3.2", text="New action", order=1)
    after = freeze_report_version(plan, AS_AT, plan_owner)
    found = changes_by_kind(compare(before.data, after.data))
    assert found == {
        "added": ["3.2"],
        "removed": ["1.2"],
        "completed": ["1.1"],
        "revised": ["2.1"],
        "rag_changed": ["1.1"],
        "new_updates": ["1.1", "3.1"],
    }


def test_a_version_compares_with_today(plan, built, plan_owner):
    version = freeze_report_version(plan, AS_AT, plan_owner)
    assert not compare(version.data, build_report(plan, AS_AT)).changes


def test_board_report_shows_changes_since_the_last_version_by_default(plan, built, plan_owner):
    freeze_report_version(plan, datetime.date(2026, 3, 1), plan_owner)
    report = board_report(plan, AS_AT)
    assert report["since"]["label"].startswith("V1")
    actions = {a["ref"]: a for a in report["sections"][0]["recommendations"][0]["actions"]}
    assert [c["kind"] for c in actions["1.1"]["changes"]] == ["rag_changed", "new_updates"]
    assert report["counts"]["changed_since"] == 1


def test_board_report_since_a_date_or_a_version(plan, built, plan_owner):
    report = board_report(plan, AS_AT, since=datetime.date(2026, 3, 1))
    assert report["counts"]["changed_since"] == 1 and report["since"]["label"] == "1 March 2026"
    freeze_report_version(plan, AS_AT, plan_owner)
    assert board_report(plan, AS_AT, since_version=1)["counts"]["changed_since"] == 0
    with pytest.raises(ReportVersion.DoesNotExist):
        board_report(plan, AS_AT, since_version=7)
