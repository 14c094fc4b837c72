import datetime
import io

import docx
import pytest

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.plans.models import DueDateRevision
from actiontrack.reports.exceptions import Filters, build_exceptions
from actiontrack.reports.templating import check_template
from tests import factories

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def actions(plan, lead_person):
    plan.revision_limit = 1
    plan.save()
    make = factories.ActionFactory
    found = {
        "overdue": make(
            plan=plan, recommendation=None, text="Overdue", due_date=TODAY - datetime.timedelta(days=3)
        ),
        "soon": make(
            plan=plan, recommendation=None, text="Due soon", due_date=TODAY + datetime.timedelta(days=30)
        ),
        "later": make(
            plan=plan, recommendation=None, text="Due later", due_date=TODAY + datetime.timedelta(days=31)
        ),
        "done": make(plan=plan, recommendation=None, text="Done", due_date=TODAY, status="completed"),
        "risk": make(plan=plan, recommendation=None, text="At risk", status="at_risk"),
        "stale": make(plan=plan, recommendation=None, text="Stale", due_date=None),
        "revised": make(
            plan=plan, recommendation=None, text="Revised twice", due_date=TODAY.replace(year=2027)
        ),
    }
    factories.UpdateFactory(action=found["stale"], date=TODAY - datetime.timedelta(days=91), text="Long ago")
    for action in found.values():
        if action.text != "Stale":
            factories.UpdateFactory(action=action, date=TODAY, text="Fresh")
    for _ in range(2):
        DueDateRevision.objects.create(action=found["revised"], reason="moved")
    factories.lead(found["risk"], lead_person)
    return found


def listed(user, filters=None):
    return {row["text"]: row["why"] for row in build_exceptions(user, TODAY, filters)["rows"]}


def test_exception_report_lists_each_kind_of_exception_with_its_reason(actions, plan_owner):
    assert listed(plan_owner) == {
        "Overdue": "3 days overdue; Amber",
        "At risk": "Amber",
        "Stale": "Amber; no update for 2 months",
        "Due soon": "due 15 July 2026",
        "Revised twice": "revised 2 times (the plan allows 1)",
    }


def test_exception_report_filters_by_plan_lead_agency_and_source_kind(actions, plan_owner, agency, plan):
    assert list(listed(plan_owner, Filters(lead="sam moore"))) == ["At risk"]
    assert listed(plan_owner, Filters(plan=plan.pk + 1)) == {}
    assert listed(plan_owner, Filters(source_kind="audit")) == {}
    assert len(listed(plan_owner, Filters(source_kind=plan.source_kind))) == 5
    actions["overdue"].agency = agency
    actions["overdue"].save()
    assert list(listed(plan_owner, Filters(agency=agency.pk))) == ["Overdue"]


def test_an_uploaded_template_cannot_reach_beyond_the_report():
    document = docx.Document()
    document.add_paragraph("{{ plan.title.__class__.__mro__[1].__subclasses__() }}")
    content = io.BytesIO()
    document.save(content)
    with pytest.raises(UnreadableDocument, match="cannot be used as a template"):
        check_template(content.getvalue(), "evil.docx")
