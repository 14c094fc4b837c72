"""Refusals and failures are GOV.UK pages that keep the header, say what happened and offer a way back."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_page_not_found_keeps_the_header_and_offers_a_way_back(outsider, plan):
    response = signed_in(outsider).get(f"/plans/{plan.pk}")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "Sign out" in page and 'href="/"' in page
    assert plan.title not in page


def test_refusal_to_change_says_why(agency_viewer, plan):
    response = signed_in(agency_viewer).get(f"/plans/{plan.pk}/edit")
    assert response.status_code == 403
    assert "You cannot change this" in response.content.decode()


def test_an_expired_form_is_explained_not_a_bare_403(plan_owner, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(plan_owner)
    response = client.post(f"/plans/{plan.pk}/edit", {"title": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_shows_the_styled_page(plan_owner, monkeypatch):
    from actiontrack.plans import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "summarise", broken)
    client = signed_in(plan_owner)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with ActionTrack" in response.content.decode()
