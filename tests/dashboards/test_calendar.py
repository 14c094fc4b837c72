"""The calendar feed: a private, revocable address holding exactly the user's actions and deadlines."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from actiontrack.dashboards import services
from actiontrack.dashboards.models import CalendarToken
from tests import factories
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def feed_path(page: str) -> str:
    match = re.search(r"https?://[^/]+(/calendar/[^<\s]+\.ics)", page)
    assert match, "no feed address on the page"
    return match.group(1)


def test_feed_parses_and_holds_exactly_the_users_actions_and_deadlines(
    plan, action, action_lead, lead_person, plan_owner
):
    second = factories.ActionFactory(
        recommendation=action.recommendation, due_date=datetime.date(2027, 1, 15), status="completed"
    )
    factories.lead(second, lead_person)
    factories.ActionFactory(
        recommendation=action.recommendation, due_date=datetime.date(2027, 2, 1)
    )  # someone else's
    factories.lead(
        factories.ActionFactory(recommendation=action.recommendation, due_date=None), lead_person
    )  # no date
    services.add_deadline(
        plan, name="ILACS action plan", start_date=datetime.date(2025, 2, 3), working_days=70
    )

    client = signed_in(action_lead)
    page = client.post(reverse("calendar-renew")).content.decode()
    response = Client().get(feed_path(page))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    host = "testserver"
    assert set(events) == {f"action-{action.pk}@{host}", f"action-{second.pk}@{host}"}
    assert events[f"action-{action.pk}@{host}"].decoded("dtstart") == action.due_date
    assert str(events[f"action-{second.pk}@{host}"]["summary"]).startswith("Completed:")

    owner_page = signed_in(plan_owner).post(reverse("calendar-renew")).content.decode()
    owner_events = list(Calendar.from_ical(Client().get(feed_path(owner_page)).content).walk("VEVENT"))
    assert [str(e["summary"]) for e in owner_events] == ["Deadline: ILACS action plan"]
    assert owner_events[0].decoded("dtstart") == datetime.date(2025, 5, 15)


def test_feed_answers_404_to_any_other_address_and_after_revoking_or_renewing(action_lead, action):
    client = signed_in(action_lead)
    first = feed_path(client.post(reverse("calendar-renew")).content.decode())
    anonymous = Client()
    assert anonymous.get(first).status_code == 200
    assert anonymous.get(first[:-8] + "AAAA.ics").status_code == 404
    assert anonymous.get("/calendar/x.ics").status_code == 404

    second = feed_path(client.post(reverse("calendar-renew")).content.decode())
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200

    assert client.post(reverse("calendar-revoke")).status_code == 302
    assert anonymous.get(second).status_code == 404
    assert not CalendarToken.objects.exists()


def test_only_a_hash_of_the_secret_is_kept(action_lead):
    token = services.renew_calendar_token(action_lead)
    stored = CalendarToken.objects.get(user=action_lead)
    assert token not in stored.token_hash and len(token) >= 40
    assert stored.token_hash == services.hash_token(token)


def test_calendar_page_needs_sign_in_and_renewing_needs_post(action_lead):
    assert Client().get(reverse("calendar")).status_code == 302
    assert Client().post(reverse("calendar-renew")).status_code == 302
    client = signed_in(action_lead)
    assert client.get(reverse("calendar")).status_code == 200
    assert client.get(reverse("calendar-renew")).status_code == 405
