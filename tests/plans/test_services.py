import datetime

import pytest
from django.core.exceptions import ValidationError

from actiontrack.accounts.audit import Actor, acting_as
from actiontrack.plans import services
from actiontrack.plans.models import Action

pytestmark = pytest.mark.django_db


def test_record_update_appends_in_order_and_rag_sets_the_status(action, action_lead):
    with acting_as(Actor(user=action_lead)):
        first = services.record_update(action, text="Started", date=datetime.date(2026, 1, 5))
    assert first.author == action_lead
    second = services.record_update(action, text="Finished", date=datetime.date(2026, 2, 5), rag_code="blue")
    assert (first.order, second.order) == (0, 1)
    action.refresh_from_db()
    assert action.status == "completed"
    assert action.assessment().describe(action.plan.scale) == "Blue: completed"


def test_save_action_reads_due_words_against_the_plans_date(plan):
    plan.as_of = datetime.date(2004, 3, 23)
    plan.save()
    action = services.add_action(
        Action(plan=plan, text="Report back"), due_text="by 12th March", leads=["SM/LM"]
    )
    assert (action.due_date, action.due_kind) == (datetime.date(2004, 3, 12), "date")
    assert action.lead_keys() == ["SM/LM"]


def test_set_leads_reuses_the_plans_people_by_key(action):
    services.set_leads(action, ["SM", "Head of Service"])
    other = services.add_action(Action(plan=action.plan, text="Another"), leads=["SM"])
    assert other.ordered_leads()[0] == action.ordered_leads()[0]


def test_an_update_dated_in_the_future_is_refused_whoever_records_it(action):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.record_update(action, text="Will be done", date=tomorrow)
    assert refused.value.message_dict == {"date": ["The date of the update must be today or in the past"]}
    assert not action.updates.exists()


@pytest.mark.parametrize("value", ["March 2026", "2026-13", "2026-3", "26-03-01"])
def test_a_report_date_must_be_a_year_and_month_or_a_full_date(plan, value):
    plan.source_date = value
    with pytest.raises(ValidationError, match="month and year"):
        services.edit_plan(plan)


def test_a_due_date_change_keeps_the_original_and_needs_a_reason(action):
    original = (action.due_text, action.due_date)
    with pytest.raises(ValidationError, match="Enter why the due date is changing"):
        services.edit_action(action, due_text="June 2099")
    services.edit_action(action, due_text="June 2099", due_reason="Staff on leave")
    services.edit_action(action, due_text="September 2099", due_reason="Still on leave")
    first, second = action.due_revisions.order_by("recorded_at", "pk")
    assert (first.previous_text, first.previous_date) == original
    assert (second.previous_text, second.new_text) == ("June 2099", "September 2099")
    assert action.due_date == datetime.date(2099, 9, 30)


def test_sharing_needs_an_owner(plan, agency):
    with pytest.raises(ValidationError, match="at least one owner"):
        services.share_plan(plan, owners=[], agencies=[agency])
    assert plan.owners.exists()
