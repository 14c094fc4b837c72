import datetime

import pytest

from actiontrack.plans import services
from actiontrack.plans.models import Action

pytestmark = pytest.mark.django_db


def test_record_update_appends_in_order_and_rag_sets_the_status(action, action_lead):
    first = services.record_update(action, text="Started", date=datetime.date(2026, 1, 5), author=action_lead)
    second = services.record_update(action, text="Finished", date=datetime.date(2026, 2, 5), rag_code="blue")
    assert (first.order, second.order) == (0, 1)
    action.refresh_from_db()
    assert action.status == "completed"
    assert action.assessment().describe(action.plan.scale) == "Blue: completed"


def test_save_action_reads_due_words_against_the_plans_date(plan):
    plan.as_of = datetime.date(2004, 3, 23)
    plan.save()
    action = services.save_action(
        Action(plan=plan, text="Report back"), due_text="by 12th March", leads=["SM/LM"]
    )
    assert (action.due_date, action.due_kind) == (datetime.date(2004, 3, 12), "date")
    assert action.lead_keys() == ["SM/LM"]


def test_set_leads_reuses_the_plans_people_by_key(action):
    services.set_leads(action, ["SM", "Head of Service"])
    other = services.save_action(Action(plan=action.plan, text="Another"), leads=["SM"])
    assert other.ordered_leads()[0] == action.ordered_leads()[0]
