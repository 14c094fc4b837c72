import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actiontrack.plans.models import Action, Plan, Recommendation, Update
from tests import factories
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_signed_out_visitor_gets_the_sign_in_page_for_every_page_but_healthz(action):
    client = Client()
    pk, rec = action.plan_id, action.recommendation_id
    for url in [
        "/",
        "/plans/new",
        f"/plans/{pk}",
        f"/plans/{pk}/edit",
        f"/plans/{pk}/export.json",
        f"/plans/{pk}/recommendations/new",
        f"/recommendations/{rec}/edit",
        f"/plans/{pk}/actions/new",
        f"/actions/{action.pk}",
        f"/actions/{action.pk}/edit",
        "/my-actions",
        "/search?q=audit",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in?next="), url
    assert client.get("/healthz").status_code == 200


def test_sign_in_with_the_form_and_sign_out(plan_owner):
    client = Client()
    page = client.get("/sign-in")
    assert b"Sign in to ActionTrack" in page.content
    refused = client.post("/sign-in", {"username": "owner", "password": "wrong"})
    assert b"There is a problem" in refused.content
    assert b"Enter a correct username and password" in refused.content
    response = client.post("/sign-in", {"username": "owner", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == "/home"  # the role's home page
    assert client.get("/").status_code == 200
    client.post("/sign-out")
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_argon2(settings):
    from actiontrack import settings as site_settings

    settings.PASSWORD_HASHERS = site_settings.PASSWORD_HASHERS  # the tests' MD5 aside
    assert factories.UserFactory(username="hashed").password.startswith("argon2")


@pytest.mark.parametrize("role", ["administrator", "plan_owner", "action_lead", "agency_viewer"])
def test_people_with_a_part_in_the_plan_see_it(request, role, action):
    client = signed_in(request.getfixturevalue(role))
    assert action.plan.title.encode() in client.get("/").content
    assert client.get(f"/plans/{action.plan_id}").status_code == 200
    assert client.get(f"/actions/{action.pk}").status_code == 200


def test_outsider_cannot_see_the_plan_or_its_actions(outsider, action):
    client = signed_in(outsider)
    assert action.plan.title.encode() not in client.get("/").content
    for url in [
        f"/plans/{action.plan_id}",
        f"/plans/{action.plan_id}/export.json",
        f"/actions/{action.pk}",
        f"/plans/{action.plan_id}/edit",
    ]:
        assert client.get(url).status_code == 404, url
    assert b"Audit referral" not in client.get("/search?q=Audit").content


@pytest.mark.parametrize(
    "role, status",
    [("agency_viewer", 403), ("action_lead", 403), ("board_member", 403), ("outsider", 404)],
)
def test_only_owners_and_administrators_change_the_plan(request, role, status, action):
    """Who may see the plan but not change it is refused (403); who may not see it, told nothing (404)."""
    client = signed_in(request.getfixturevalue(role))
    plan = action.plan
    assert client.get(f"/plans/{plan.pk}/edit").status_code == status
    assert client.post(f"/plans/{plan.pk}/edit", {"title": "Hijacked"}).status_code == status
    assert client.post(f"/plans/{plan.pk}/actions/new", {"text": "x"}).status_code == status
    assert client.post(f"/actions/{action.pk}/edit", {"text": "x"}).status_code == status
    assert (
        client.post(f"/recommendations/{action.recommendation_id}/edit", {"text": "x"}).status_code == status
    )
    plan.refresh_from_db()
    assert plan.title == "Ofsted improvement plan"


def test_agency_viewer_and_outsider_cannot_add_updates(agency_viewer, board_member, outsider, action):
    for user, status in ((agency_viewer, 403), (board_member, 403), (outsider, 404)):
        response = signed_in(user).post(
            f"/actions/{action.pk}/updates", {"date": "01/06/2026", "text": "Done", "rag": "blue"}
        )
        assert response.status_code == status
    assert not Update.objects.exists()


def test_action_lead_adds_a_dated_update_and_the_rag_changes(action_lead, action):
    client = signed_in(action_lead)
    before = client.get(f"/actions/{action.pk}").content.decode()
    assert "Green" in before and "on track" in before
    response = client.post(
        f"/actions/{action.pk}/updates",
        {"date": datetime.date.today().strftime("%d/%m/%Y"), "text": "Audit slipped", "rag": "red"},
    )
    assert response.status_code == 302
    page = client.get(f"/actions/{action.pk}").content.decode()
    assert "Audit slipped" in page
    assert "reported delayed" in page
    update = Update.objects.get()
    assert (update.author, update.rag, update.date) == (action_lead, "red", datetime.date.today())


def test_update_form_errors_show_in_summary_and_beside_fields(plan_owner, action):
    response = signed_in(plan_owner).post(f"/actions/{action.pk}/updates", {"date": "31/02/2026", "text": ""})
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_date_day"' in page and 'href="#id_text"' in page
    assert 'id="id_date-error"' in page
    assert "Date of the update must be a real date" in page
    assert "Enter the progress made" in page
    assert "<title>Error: " in page
    assert not Update.objects.exists()


def test_owner_creates_a_plan_recommendation_and_action_with_due_words(plan_owner):
    client = signed_in(plan_owner)
    response = client.post(
        "/plans/new",
        {
            "title": "JTAI action plan",
            "source_kind": "joint_inspection",
            "as_of": "01/03/2026",
            "status": "active",
            "red_after_days": 30,
            "stale_after_days": 90,
        },
    )
    plan = Plan.objects.get(title="JTAI action plan")
    assert response["Location"] == f"/plans/{plan.pk}"
    assert plan.owners.filter(pk=plan_owner.pk).exists()
    client.post(
        f"/plans/{plan.pk}/recommendations/new",
        {"ref": "1", "section": "Strategic", "text": "Improve the front door", "outcomes": "Faster\nSafer"},
    )
    recommendation = Recommendation.objects.get(plan=plan)
    assert recommendation.outcomes == ["Faster", "Safer"]
    client.post(
        f"/plans/{plan.pk}/actions/new",
        {
            "recommendation": recommendation.pk,
            "text": "Review MASH thresholds",
            "leads": "SM\nHead of Service, Children's Services",
            "due_text": "Summer 2026",
        },
    )
    action = Action.objects.get(plan=plan)
    assert action.lead_keys() == ["SM", "Head of Service, Children's Services"]
    assert (action.due_date, action.due_kind) == (datetime.date(2026, 8, 31), "season")
    page = client.get(f"/plans/{plan.pk}").content.decode()
    assert "Review MASH thresholds" in page and "31 August 2026" in page


def test_plan_form_reports_a_bad_report_date(plan_owner):
    response = signed_in(plan_owner).post(
        "/plans/new",
        {
            "title": "X",
            "source_kind": "audit",
            "source_date": "March",
            "status": "active",
            "red_after_days": 30,
            "stale_after_days": 90,
        },
    )
    assert "Enter the report date as a month and year, for example January 2013" in response.content.decode()
    assert not Plan.objects.exists()
    assert not Plan.objects.exists()


def test_plan_page_shows_rag_tag_with_reason(plan_owner, action):
    Action.objects.filter(pk=action.pk).update(due_date=datetime.date(2004, 3, 31), due_text="March '04")
    page = signed_in(plan_owner).get(f"/plans/{action.plan_id}").content.decode()
    assert "March &#x27;04" in page or "March '04" in page
    assert 'govuk-tag--red">Red</strong>' in page
    assert "due 31 March 2004" in page and "years overdue" in page


def test_plan_page_runs_a_fixed_number_of_queries_whatever_the_number_of_actions(plan_owner, plan):
    client = signed_in(plan_owner)

    def queries_for_plan_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/plans/{plan.pk}").status_code == 200
        return len(captured)

    recommendation = factories.RecommendationFactory(plan=plan)
    factories.ActionFactory(recommendation=recommendation)
    factories.ActionFactory(recommendation=None, plan=plan)
    few = queries_for_plan_page()
    for _ in range(4):
        rec = factories.RecommendationFactory(plan=plan)
        for _ in range(5):
            act = factories.ActionFactory(recommendation=rec)
            factories.lead(act, factories.PersonFactory(plan=plan))
            factories.UpdateFactory(action=act)
    factories.ActionFactory(recommendation=None, plan=plan)
    many = queries_for_plan_page()
    assert few == many


def test_plan_list_counts_rag_and_overdue(plan_owner, plan):
    recommendation = factories.RecommendationFactory(plan=plan)
    factories.ActionFactory(recommendation=recommendation, due_date=datetime.date(2004, 1, 31))
    factories.ActionFactory(
        recommendation=recommendation, status="completed", due_date=datetime.date(2004, 1, 31)
    )
    factories.ActionFactory(recommendation=recommendation)
    response = signed_in(plan_owner).get("/")
    summary = response.context["summaries"][0]
    assert summary.counts == {"delayed": 1, "completed": 1, "on_track": 1}
    assert summary.overdue == 1


def test_lists_paginate(plan_owner, settings):
    settings.PAGE_SIZE = 2
    for _ in range(5):
        factories.PlanFactory().owners.add(plan_owner)
    client = signed_in(plan_owner)
    assert len(client.get("/").context["summaries"]) == 2
    last = client.get("/?page=3")
    assert len(last.context["summaries"]) == 1
    assert 'aria-label="Pagination"' in client.get("/").content.decode()


def test_my_actions_lists_what_the_signed_in_person_leads(action_lead, plan_owner, action):
    factories.ActionFactory(recommendation=action.recommendation, text="Someone else's action")
    page = signed_in(action_lead).get("/my-actions").content.decode()
    assert action.text in page and "Someone else&#x27;s action" not in page
    assert "No actions name you" in signed_in(plan_owner).get("/my-actions").content.decode()


def test_search_finds_recommendations_actions_and_updates_in_visible_plans(agency_viewer, action):
    factories.UpdateFactory(action=action, text="Thematic audit booked for September")
    page = signed_in(agency_viewer).get("/search", {"q": "thematic audit"}).content.decode()
    assert "Thematic audit booked" in page
    assert "1 result" in page
    page = signed_in(agency_viewer).get("/search", {"q": "oversight"}).content.decode()
    assert "Strengthen management oversight" in page


def test_export_downloads_actionplan_json(agency_viewer, action):
    response = signed_in(agency_viewer).get(reverse("plan-export", args=[action.plan_id]))
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["format"] == "actionplan/1.1"
    assert document["recommendations"][0]["actions"][0]["leads"] == ["SM"]


def test_owner_shares_the_plan_with_an_agency_and_another_owner(plan_owner, outsider, action):
    client = signed_in(plan_owner)
    other_agency = outsider.agency
    response = client.post(
        f"/plans/{action.plan_id}/sharing", {"owners": "owner\noutsider", "agencies": [other_agency.pk]}
    )
    assert response.status_code == 302
    assert signed_in(outsider).get(f"/plans/{action.plan_id}/edit").status_code == 200
    refused = client.post(f"/plans/{action.plan_id}/sharing", {"owners": "owner\nnobody"})
    assert "nobody cannot be named here" in refused.content.decode()


def test_viewer_cannot_change_sharing_or_people(agency_viewer, lead_person, action):
    client = signed_in(agency_viewer)
    assert client.post(f"/plans/{action.plan_id}/sharing", {"owners": "viewer"}).status_code == 403
    assert client.post(f"/people/{lead_person.pk}/edit", {"username": "viewer"}).status_code == 403
    lead_person.refresh_from_db()
    assert lead_person.user.username == "lead"


def test_linking_a_person_to_an_account_puts_their_actions_under_my_actions(
    plan_owner, agency_viewer, action
):
    person = action.ordered_leads()[0]
    client = signed_in(plan_owner)
    assert "People named in this plan" in client.get(f"/plans/{action.plan_id}").content.decode()
    response = client.post(
        f"/people/{person.pk}/edit", {"name": "Sam Moore", "role": "", "username": "viewer"}
    )
    assert response.status_code == 302
    assert action.text in signed_in(agency_viewer).get("/my-actions").content.decode()
    refused = client.post(f"/people/{person.pk}/edit", {"name": "Sam Moore", "username": "ghost"})
    assert "ghost cannot be named here" in refused.content.decode()


def test_forms_say_nothing_of_who_has_an_account_and_refuse_strangers(plan_owner, outsider, action):
    """An outsider's account exists, but the owner may not name it: the same words as for no one."""
    client = signed_in(plan_owner)
    person = action.ordered_leads()[0]
    stranger = client.post(f"/people/{person.pk}/edit", {"name": "Sam Moore", "username": "outsider"})
    nobody = client.post(f"/people/{person.pk}/edit", {"name": "Sam Moore", "username": "nobody"})
    assert "outsider cannot be named here" in stranger.content.decode()
    assert "nobody cannot be named here" in nobody.content.decode()
    sharing = client.post(f"/plans/{action.plan_id}/sharing", {"owners": "owner\noutsider"})
    assert "outsider cannot be named here" in sharing.content.decode()
    assert not action.plan.owners.filter(username="outsider").exists()
    assert outsider.people.count() == 0


def test_plan_level_actions_paginate_on_their_own(plan_owner, plan, settings):
    settings.PAGE_SIZE = 2
    for number in range(3):
        factories.ActionFactory(recommendation=None, plan=plan, text=f"Plan-level action {number}")
    client = signed_in(plan_owner)
    first = client.get(f"/plans/{plan.pk}").content.decode()
    assert "Plan-level action 0" in first and "Plan-level action 2" not in first
    assert 'aria-label="Pagination of actions"' in first
    last = client.get(f"/plans/{plan.pk}", {"actions_page": 2}).content.decode()
    assert "Plan-level action 2" in last and "Plan-level action 0" not in last


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/06/2026", "“31/06/2026” is not a real date"),
        ("when pigs fly", "ActionTrack cannot read “when pigs fly” as a due date"),
    ],
)
def test_a_due_date_that_cannot_be_read_is_refused_with_what_was_not_understood(
    plan_owner, plan, typed, says
):
    response = signed_in(plan_owner).post(
        f"/plans/{plan.pk}/actions/new", {"text": "Review MASH thresholds", "due_text": typed}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Action.objects.filter(plan=plan).exists()
    assert says in page and "for example, 31/03/2026, March 2026, Summer 2026" in page
    assert "govuk-error-summary" in page


def test_checking_a_due_date_shows_what_it_was_read_as_and_saves_nothing(plan_owner, plan, action):
    client = signed_in(plan_owner)
    data = {"text": "Review MASH thresholds", "due_text": "Summer 2026", "check_due": "1"}
    page = client.post(f"/plans/{plan.pk}/actions/new", data).content.decode()
    assert "Read as 31 August 2026 (a season)." in page
    assert not Action.objects.filter(plan=plan, text="Review MASH thresholds").exists()
    edit = client.get(f"/actions/{action.pk}/edit").content.decode()
    assert "Now read as 31 March 2099 (a month)." in edit
    del data["check_due"]
    saved = client.post(f"/plans/{plan.pk}/actions/new", data, follow=True).content.decode()
    assert "Action added. Read as 31 August 2026 (a season)." in saved
