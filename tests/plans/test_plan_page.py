"""The plan page: summary, filters as links, contents, completed folded away, as at a date; My actions."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actiontrack.accounts.audit import acting_as
from actiontrack.plans import services
from actiontrack.plans.models import Action, PlanStatus
from tests import factories
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = timezone.localdate()
AGO = datetime.timedelta


def tags(page: str) -> list[str]:
    """Return the RAG tags of the action rows, in order."""
    rows = re.findall(r'<tr class="govuk-table__row" id="action-\d+">(.*?)</tr>', page, re.S)
    return [re.search(r'govuk-tag [^"]*">(\w+)</strong>', row).group(1) for row in rows]  # type: ignore[union-attr]


@pytest.fixture
def mixed(plan: Any, recommendation: Any) -> dict[str, Any]:
    """A plan with one action of each colour, under two sections, and leads in two agencies."""
    police = factories.AgencyFactory(name="Police")
    other = factories.RecommendationFactory(plan=plan, ref="2", section="Front door")
    recommendation.section = "Leadership"
    recommendation.save()
    red = factories.ActionFactory(
        recommendation=recommendation, ref="1.1", text="Red one", due_date=D(2004, 3, 31)
    )
    amber = factories.ActionFactory(
        recommendation=recommendation, ref="1.2", text="Amber one", status="at_risk"
    )
    green = factories.ActionFactory(recommendation=other, ref="2.1", text="Green one", agency=police)
    blue = factories.ActionFactory(recommendation=other, ref="2.2", text="Blue one", status="completed")
    sam = factories.PersonFactory(plan=plan, key="SM", name="Sam Moore")
    factories.lead(green, sam)
    for action in (red, amber, green):
        factories.UpdateFactory(action=action, date=TODAY, text=f"Latest on {action.text}")
    return {"red": red, "amber": amber, "green": green, "blue": blue, "sam": sam, "police": police}


def test_summary_counts_link_to_the_page_filtered_to_them(plan_owner: Any, plan: Any, mixed: Any) -> None:
    client = signed_in(plan_owner)
    page = client.get(f"/plans/{plan.pk}").content.decode()
    summary = page[page.index('id="summary"') : page.index('id="filters"')]
    assert re.search(r'href="\?rag=red"[^>]*>1</a>', summary)
    assert re.search(r'href="\?overdue=1"[^>]*>1</a>', summary)
    assert re.search(r'href="\?stale=1"[^>]*>0</a>', summary)
    assert sorted(tags(page)) == ["Amber", "Blue", "Green", "Red"]
    red = client.get(f"/plans/{plan.pk}?rag=red").content.decode()
    assert tags(red) == ["Red"] and "Showing 1 of 4 actions" in red
    assert "Green one" not in red and "Recommendation 2" not in red.split('id="contents-title"')[1]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("rag=amber", ["Amber one"]),
        ("overdue=1", ["Red one"]),
        ("lead={sam}", ["Green one"]),
        ("agency=Police", ["Green one"]),
        ("due_before=2005-01-01", ["Red one"]),
        ("rag=blue", ["Blue one"]),
        ("rag=green&lead={sam}", ["Green one"]),
        ("rag=red&lead={sam}", []),
    ],
)
def test_filters_are_plain_get_parameters(
    plan_owner: Any, plan: Any, mixed: Any, query: str, shown: list[str]
) -> None:
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}?{query.format(sam=mixed['sam'].pk)}").content.decode()
    rows = re.findall(r'id="action-\d+">.*?<a class="govuk-link" href="/actions/\d+">([^<]+)</a>', page, re.S)
    assert rows == shown


def test_a_filter_that_cannot_be_read_is_said_so_and_the_others_apply(
    plan_owner: Any, plan: Any, mixed: Any
) -> None:
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}?rag=red&due_before=soon").content.decode()
    assert "govuk-error-summary" in page and tags(page) == ["Red"]


def test_completed_actions_are_folded_away_and_the_contents_jump_to_each_recommendation(
    plan_owner: Any, plan: Any, mixed: Any, recommendation: Any
) -> None:
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}").content.decode()
    folded = re.search(r'<details class="govuk-details at-completed">(.*?)</details>', page, re.S)
    assert folded and "Blue one" in folded.group(1) and "1 completed action" in folded.group(1)
    assert "Green one" not in folded.group(1)
    contents = page[page.index('id="contents-title"') :]
    assert f'href="#recommendation-{recommendation.pk}"' in contents
    assert "Leadership" in contents and "Front door" in contents
    assert f'id="recommendation-{recommendation.pk}"' in page
    unfolded = signed_in(plan_owner).get(f"/plans/{plan.pk}?rag=blue").content.decode()
    assert '<details class="govuk-details at-completed" open>' in unfolded


def test_plan_tables_stack_on_narrow_screens(plan_owner: Any, plan: Any, mixed: Any) -> None:
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}").content.decode()
    assert 'class="govuk-table at-actions-table at-stack"' in page
    assert 'data-label="Due"' in page and 'data-label="Latest update"' in page


def test_plan_list_counts_link_to_the_filtered_plan(plan_owner: Any, plan: Any, mixed: Any) -> None:
    page = signed_in(plan_owner).get("/").content.decode()
    assert f'href="/plans/{plan.pk}?rag=red">1' in page
    assert f'href="/plans/{plan.pk}?overdue=1">1' in page


def test_plan_page_viewed_as_at_a_date_shows_that_days_rag_reasons_and_updates(
    plan_owner: Any, plan: Any
) -> None:
    plan.as_of = D(2018, 6, 14)
    plan.save()
    action = factories.ActionFactory(
        plan=plan,
        recommendation=None,
        due_text="Ongoing",
        due_date=None,
        due_kind="ongoing",
        status="ongoing",
    )
    for order, (day, text) in enumerate(
        [(D(2018, 3, 8), "215"), (D(2018, 5, 3), "183"), (D(2018, 6, 14), "180")]
    ):
        factories.UpdateFactory(action=action, date=day, text=f"Children on plans: {text}", order=order)
    client = signed_in(plan_owner)
    then = client.get(f"/plans/{plan.pk}?as_at=2018-05-10").content.decode()
    assert "This is the plan as at 10 May 2018" in then
    assert "Green</strong>" in then and "ongoing, last update 3 May 2018" in then
    assert "Children on plans: 183" in then and "Children on plans: 180" not in then
    later = client.get(f"/plans/{plan.pk}?as_at=2018-09-13").content.decode()
    assert "no due date and no update since 14 June 2018" in later
    assert "Amber</strong>" in later
    now = client.get(f"/plans/{plan.pk}").content.decode()
    assert "no due date and no update since 14 June 2018" in now  # years without an update: never Green
    future = client.get(f"/plans/{plan.pk}?as_at={(TODAY + AGO(days=3)).isoformat()}").content.decode()
    assert "must be today or in the past" in future


def test_an_undated_action_with_an_undated_imported_update_and_no_reported_at_date_is_not_green(
    plan_owner: Any, plan: Any
) -> None:
    action = factories.ActionFactory(
        plan=plan, recommendation=None, due_text="With immediate effect", due_date=None, due_kind="immediate"
    )
    factories.UpdateFactory(action=action, date=None, text="Guidance issued September 2002")
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}").content.decode()
    assert tags(page) == ["Amber"] and "no due date and no dated update" in page


def test_a_closed_plan_is_assessed_as_at_its_closing_date(plan_owner: Any, plan: Any) -> None:
    action = factories.ActionFactory(plan=plan, recommendation=None, due_text="Ongoing", due_date=None)
    factories.UpdateFactory(action=action, date=TODAY, text="Embedded in practice")
    with acting_as(None):
        plan.status = PlanStatus.CLOSED
        plan.save()
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}").content.decode()
    assert f"This plan closed on {TODAY.day} {TODAY:%B %Y}" in page
    assert tags(page) == ["Green"]
    # A year on, the closed plan still reads as it did when it closed, not stale.
    plan.history.filter(status=PlanStatus.CLOSED).update(history_date=timezone.now() - AGO(days=365))
    Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - AGO(days=400))
    action.updates.update(date=TODAY - AGO(days=370))
    later = signed_in(plan_owner).get(f"/plans/{plan.pk}").content.decode()
    assert tags(later) == ["Green"]
    assert "Green" in signed_in(plan_owner).get(f"/actions/{action.pk}").content.decode()


def test_the_page_says_why_the_rag_differs_from_the_one_the_lead_reported(
    plan_owner: Any, action_lead: Any, action: Any
) -> None:
    Action.objects.filter(pk=action.pk).update(due_date=D(2013, 12, 31), due_text="December 2013")
    with acting_as(None):
        services.record_update(
            action, text="Progress slower than hoped", date=D(2026, 11, 20), rag_code="amber"
        )
    says = "Reported Amber on 20 November 2026; shown Red because it was due on 31 December 2013"
    client = signed_in(plan_owner)
    assert says in client.get(f"/actions/{action.pk}").content.decode()
    assert says in client.get(f"/plans/{action.plan_id}").content.decode()


def test_outsider_cannot_reach_the_plan_through_its_filters_or_past_days(outsider: Any, plan: Any) -> None:
    client = signed_in(outsider)
    for query in ("?rag=red", "?as_at=2018-06-14", "?lead=1&overdue=1"):
        assert client.get(f"/plans/{plan.pk}{query}").status_code == 404


def test_filtered_and_past_pages_run_a_fixed_number_of_queries(plan_owner: Any, plan: Any) -> None:
    client = signed_in(plan_owner)

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/plans/{plan.pk}{query}").status_code == 200
        return len(captured)

    factories.ActionFactory(recommendation=factories.RecommendationFactory(plan=plan))
    few = [queries(q) for q in ("?rag=red", "?as_at=2020-01-01")]
    for _ in range(3):
        rec = factories.RecommendationFactory(plan=plan)
        for _ in range(4):
            act = factories.ActionFactory(recommendation=rec)
            factories.lead(act, factories.PersonFactory(plan=plan))
            factories.UpdateFactory(action=act)
    assert [queries(q) for q in ("?rag=red", "?as_at=2020-01-01")] == few


def test_my_actions_is_a_to_do_list(action_lead: Any, lead_person: Any, plan: Any, action: Any) -> None:
    def led(**fields: Any) -> Action:
        made = factories.ActionFactory(recommendation=action.recommendation, **fields)
        factories.lead(made, lead_person)
        return made

    Action.objects.filter(pk=action.pk).update(text="Due in 2099")
    led(text="Long overdue", due_date=D(2004, 3, 31))
    led(text="Due soon", due_date=TODAY + AGO(days=10))
    undated = led(text="No due date", due_date=None, due_text="Ongoing")
    Action.objects.filter(pk=undated.pk).update(created_at=timezone.now() - AGO(days=200))
    led(text="All done", status="completed")
    page = signed_in(action_lead).get("/my-actions").content.decode()
    todo = page[page.index('id="open-actions"') : page.index('id="completed-actions"')]
    order = re.findall(r'href="/actions/\d+">(?:[\d.]+: )?([^<]+)</a>', todo)
    assert order == ["Long overdue", "Due soon", "Due in 2099", "No due date"]
    done = page[page.index('id="completed-actions"') :]
    assert "All done" in done and "<details" in page[page.index('id="completed-actions"') - 40 :]
    needs = re.findall(r"Needs an update", todo)
    assert len(needs) == 1  # the undated one, added 200 days ago and never updated
    assert "#add-update" in todo
