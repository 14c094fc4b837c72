"""Each page checks access: an outsider gets 404, a reader 403 on writes, an editor gets through."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from actiontrack.dashboards.models import Measure, MeasureValue, PlanDeadline
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def read_urls(plan, measure):
    return [
        reverse("plan-dashboard", args=[plan.pk]),
        reverse("plan-dashboard-chart", args=[plan.pk, "rag"]),
        reverse("measure-detail", args=[measure.pk]),
        reverse("measure-chart", args=[measure.pk]),
    ]


def write_urls(plan, measure):
    return [
        reverse("measure-create", args=[plan.pk]),
        reverse("measure-edit", args=[measure.pk]),
        reverse("measure-add-value", args=[measure.pk]),
        reverse("measure-upload", args=[measure.pk]),
        reverse("deadline-create", args=[plan.pk]),
    ]


def test_outsider_gets_404_for_every_page_of_a_plan_they_cannot_see(outsider, plan, measure, action):
    client = signed_in(outsider)
    for url in read_urls(plan, measure) + write_urls(plan, measure):
        assert client.get(url).status_code == 404, url
    for url in write_urls(plan, measure):
        assert client.post(url, {}).status_code == 404, url


def test_readers_see_the_pages_but_are_refused_writes(
    agency_viewer, board_member, action_lead, plan, measure, action
):
    for user in (agency_viewer, board_member, action_lead):
        client = signed_in(user)
        for url in read_urls(plan, measure):
            assert client.get(url).status_code == 200, (user, url)
        for url in write_urls(plan, measure):
            assert client.get(url).status_code == 403, (user, url)
            assert client.post(url, {}).status_code == 403, (user, url)
    assert MeasureValue.objects.count() == 3


def test_signed_out_visitors_are_sent_to_sign_in(plan, measure):
    client = Client()
    for url in read_urls(plan, measure) + [reverse("dashboard"), reverse("home"), reverse("calendar")]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response["Location"], url


def test_owner_adds_a_measure_linked_to_a_recommendation(plan_owner, plan, recommendation):
    response = signed_in(plan_owner).post(
        reverse("measure-create", args=[plan.pk]),
        {
            "name": "Re-referrals within 12 months",
            "unit": "%",
            "direction": "lower",
            "baseline": "24",
            "target": "18",
            "target_date": "31/03/2027",
            "frequency": "quarterly",
            "recommendations": [recommendation.pk],
        },
    )
    measure = Measure.objects.get(name="Re-referrals within 12 months")
    assert response.status_code == 302 and response["Location"] == measure.get_absolute_url()
    assert list(measure.recommendations.all()) == [recommendation]
    assert measure.target_date == datetime.date(2027, 3, 31)
    assert measure.history.exists() and measure.history.first().channel == "page"


def test_owner_records_a_value_and_a_future_one_is_refused(plan_owner, measure):
    client = signed_in(plan_owner)
    url = reverse("measure-add-value", args=[measure.pk])
    assert client.post(url, {"date": "14/05/2018", "value": "188"}).status_code == 302
    assert measure.values.get(date=datetime.date(2018, 5, 14)).value == Decimal(188)
    response = client.post(url, {"date": "01/01/2099", "value": "170"})
    assert response.status_code == 200
    assert "cannot be dated in the future" in response.content.decode()


def test_csv_upload_with_a_bad_row_loads_nothing_and_names_each_bad_row(plan_owner, measure):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(plan_owner)
    data = b"date,value,note\n2018-05-14,188,\n31/02/2018,180,\n2018-06-11,lots,\n"
    response = client.post(
        reverse("measure-upload", args=[measure.pk]), {"file": SimpleUploadedFile("values.csv", data)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 3: date “31/02/2018” is not a date" in page
    assert "Row 4: value “lots” is not a number" in page
    assert measure.values.count() == 3

    good = b"date,value\n14/05/2018,188\n2018-06-11,180\n"
    response = client.post(
        reverse("measure-upload", args=[measure.pk]), {"file": SimpleUploadedFile("values.csv", good)}
    )
    assert response.status_code == 302
    assert [v.value for v in measure.values.order_by("date")] == [215, 201, 183, 188, 180]


def test_owner_adds_an_ilacs_deadline_from_the_rule(plan_owner, plan):
    from actiontrack.dashboards.models import DeadlineRule

    rule = DeadlineRule.objects.get(source_kind="inspection", working_days=70)
    response = signed_in(plan_owner).post(
        reverse("deadline-create", args=[plan.pk]), {"rule": rule.pk, "start_date": "03/02/2025"}
    )
    assert response.status_code == 302
    deadline = PlanDeadline.objects.get(plan=plan)
    assert deadline.name == rule.name and deadline.due_date == datetime.date(2025, 5, 15)
    page = signed_in(plan_owner).get(plan.get_absolute_url()).content.decode()
    assert rule.name.replace("'", "&#x27;") in page and "15 May 2025" in page


def test_deadline_needs_days_or_a_rule(plan_owner, plan):
    response = signed_in(plan_owner).post(
        reverse("deadline-create", args=[plan.pk]),
        {"name": "Report to the board", "start_date": "03/02/2025"},
    )
    assert response.status_code == 200 and "Enter the number of working days" in response.content.decode()


def test_plan_page_links_to_its_dashboard_and_the_dashboard_shows_everything(
    agency_viewer, plan, measure, action
):
    client = signed_in(agency_viewer)
    assert reverse("plan-dashboard", args=[plan.pk]) in client.get(plan.get_absolute_url()).content.decode()
    page = client.get(reverse("plan-dashboard", args=[plan.pk])).content.decode()
    for slug in ["rag", "completion", "agency", "lead", "upcoming", "slippage", "recommendations"]:
        assert f'id="chart-{slug}"' in page
    assert measure.name in page and "Stale" in page
    assert "style=" not in page


def test_cross_plan_dashboard_shows_only_visible_plans(outsider, agency_viewer, plan, action):
    page = signed_in(outsider).get(reverse("dashboard")).content.decode()
    assert "0 plans" in page and plan.title not in page
    page = signed_in(agency_viewer).get(reverse("dashboard"), {"source_kind": "inspection"}).content.decode()
    assert "1 plan," in page
    chart = signed_in(agency_viewer).get(reverse("dashboard-chart", args=["rag"]), {"plan": plan.pk})
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    assert signed_in(agency_viewer).get(reverse("dashboard-chart", args=["nonsense"])).status_code == 404


def test_only_administrators_add_deadline_rules(administrator, plan_owner):
    data = {
        "source_kind": "serious_case_review",
        "name": "Plan to the board",
        "working_days": "40",
        "counted_from": "the review",
    }
    assert signed_in(plan_owner).post(reverse("deadline-rules"), data).status_code == 403
    assert signed_in(plan_owner).get(reverse("deadline-rules")).status_code == 200
    assert signed_in(administrator).post(reverse("deadline-rules"), data).status_code == 302


def test_home_puts_each_role_where_it_works(plan_owner, action_lead, board_member, agency_viewer, action):
    assert signed_in(board_member).get(reverse("home"))["Location"] == reverse("dashboard")
    owner_page = signed_in(plan_owner).get(reverse("home")).content.decode()
    assert "Needs your attention" in owner_page
    lead_page = signed_in(action_lead).get(reverse("home")).content.decode()
    assert "Actions you lead, most urgent first" in lead_page and action.text in lead_page
    assert signed_in(agency_viewer).get(reverse("home")).status_code == 200


def test_owner_home_lists_unanswered_rounds_approvals_and_approaching_deadlines(
    plan_owner, plan, action, action_lead
):
    from django.utils import timezone

    from actiontrack.dashboards import services
    from actiontrack.dashboards.workdays import add_working_days
    from actiontrack.rounds.models import Recipient, Round, SignOff

    today = timezone.localdate()
    round_ = Round.objects.create(title="June round", deadline=today + datetime.timedelta(days=7))
    round_.plans.add(plan)
    Recipient.objects.create(round=round_, email="sam@example.org", name="Sam", nonce="x")
    SignOff.objects.create(action=action, text="Audit done", requested_by=action_lead)
    # Started 60 working days ago: 10 of its 70 working days are left.
    start = today
    while add_working_days(start, 60) > today:
        start -= datetime.timedelta(days=1)
    services.add_deadline(plan, name="ILACS action plan", start_date=start, working_days=70)

    page = signed_in(plan_owner).get(reverse("home")).content.decode()
    assert "June round</a>: 1 lead yet to answer" in page
    assert "1 completion waiting for your approval" in page
    assert "1 deadline in the next 20 working days" in page and "ILACS action plan" in page
    dashboard = signed_in(plan_owner).get(reverse("plan-dashboard", args=[plan.pk])).content.decode()
    assert "ILACS action plan: 10 working days left" in dashboard
    assert "Deadlines approaching" in signed_in(plan_owner).get(reverse("dashboard")).content.decode()


def test_recorded_impact_evidence_counts_as_evidenced(plan_owner, plan, recommendation, action):
    from django.utils import timezone

    from actiontrack.dashboards import stats
    from actiontrack.plans.models import Plan
    from actiontrack.rounds.models import ImpactEvidence

    plans = Plan.objects.filter(pk=plan.pk)
    today = timezone.localdate()
    [row] = stats.recommendation_progress(plans, stats.actions_in_view(plans), today)
    assert not row.evidenced and not row.done
    ImpactEvidence.objects.create(recommendation=recommendation, text="Re-referrals fell to 18%")
    [row] = stats.recommendation_progress(plans, stats.actions_in_view(plans), today)
    assert row.evidenced


def test_chart_images_carry_their_own_restrictive_policy(agency_viewer, plan, action):
    response = signed_in(agency_viewer).get(reverse("plan-dashboard-chart", args=[plan.pk, "lead"]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<title" in response.content and b"<desc" in response.content


def test_agency_filter_counts_the_actions_of_that_agency_or_its_leads(administrator, plan, action, agency):
    from django.utils import timezone

    from actiontrack.dashboards import stats
    from actiontrack.plans.models import Plan
    from tests import factories

    police = factories.AgencyFactory(name="Police")
    factories.ActionFactory(recommendation=action.recommendation, agency=police, status="completed")
    led = factories.ActionFactory(recommendation=action.recommendation)
    factories.lead(led, factories.PersonFactory(plan=plan, key="DI", agency=police))
    plans = Plan.objects.all()
    today = timezone.localdate()
    rows = dict(stats.rag_distribution(stats.actions_in_view(plans, police.pk), today).rows)
    assert rows == {"Completed (blue)": 1, "On track (green)": 1, "At risk (amber)": 0, "Delayed (red)": 0}
    page = signed_in(administrator).get(reverse("dashboard"), {"agency": police.pk}).content.decode()
    assert "2 actions on" in page


def test_plan_dashboard_names_colours_by_the_plans_own_key(agency_viewer, plan, action):
    plan.rag_scale = [
        {"code": "blue", "label": "Completed"},
        {"code": "green", "label": "On track"},
        {"code": "yellow", "label": "In progress – potential problems"},
        {"code": "red", "label": "Delayed"},
    ]
    plan.save()
    page = signed_in(agency_viewer).get(reverse("plan-dashboard", args=[plan.pk])).content.decode()
    assert "At risk (yellow)" in page and "At risk (amber)" not in page
