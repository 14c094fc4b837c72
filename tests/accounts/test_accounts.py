"""Accounts and agencies from the pages and the command line: invitations, roles, deactivation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from actiontrack.accounts import services
from actiontrack.accounts.models import Agency, User
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
STRONG = "a long and unusual passphrase 42"


def signs_in(username: str, password: str) -> bool:
    """Sign in through the real form (lockout checks included); say whether it let them in."""
    response = Client().post("/sign-in", {"username": username, "password": password})
    return response.status_code == 302


def invitation_link(message: str) -> str:
    return re.search(r"https?://\S+(/invitations/\S+)", message).group(1)


def test_administrator_adds_an_agency_and_invites_someone_who_sets_their_own_password(administrator):
    client = signed_in(administrator)
    response = client.post(
        "/manage/agencies/new",
        {"name": "Westmere Police", "short_name": "Police", "email_domain": "@Westmere.Police.uk"},
    )
    assert response.status_code == 302
    police = Agency.objects.get(name="Westmere Police")
    assert police.email_domain == "westmere.police.uk"

    response = client.post(
        "/manage/users/invite",
        {"email": "Dana.Cole@westmere.police.uk", "first_name": "Dana", "roles": ["board"]},
    )
    assert response.status_code == 302
    dana = User.objects.get(email="dana.cole@westmere.police.uk")
    assert (dana.agency, dana.is_board_member, dana.is_staff) == (police, True, False)
    assert not dana.has_usable_password()
    assert dana.invited_by == administrator

    link = invitation_link(mail.outbox[-1].body)
    visitor = Client()
    assert "Choose your password" in visitor.get(link).content.decode()
    weak = visitor.post(link, {"new_password1": "password", "new_password2": "password"})
    assert "This password is too common" in weak.content.decode()
    assert visitor.post(link, {"new_password1": STRONG, "new_password2": STRONG}).status_code == 302
    dana.refresh_from_db()
    assert dana.check_password(STRONG)
    # The link works once.
    used = visitor.get(link)
    assert used.status_code == 404 and "does not work" in used.content.decode()
    assert signs_in("dana.cole@westmere.police.uk", STRONG)


def test_an_invitation_link_expires(administrator, settings):
    user = services.invite_user("late@example.org", invited_by=administrator)
    link = invitation_link(mail.outbox[-1].body)
    settings.INVITATION_DAYS = 0
    import time

    time.sleep(1.1)  # the signature's timestamp has whole-second resolution
    assert Client().get(link).status_code == 404
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_inviting_an_address_twice_is_refused_with_the_reason(administrator):
    client = signed_in(administrator)
    client.post("/manage/users/invite", {"email": "one@example.org"})
    page = client.post("/manage/users/invite", {"email": "ONE@example.org"}).content.decode()
    assert "one@example.org already has an account" in page
    assert User.objects.filter(email="one@example.org").count() == 1


def test_deactivated_account_cannot_sign_in_and_keeps_its_name(administrator, action_lead):
    client = signed_in(administrator)
    assert client.post(f"/manage/users/{action_lead.pk}/deactivate").status_code == 302
    action_lead.refresh_from_db()
    assert not action_lead.is_active
    assert not signs_in("lead", "correct horse battery")
    assert User.objects.filter(pk=action_lead.pk).exists()
    assert client.post(f"/manage/users/{action_lead.pk}/reactivate").status_code == 302
    action_lead.refresh_from_db()
    assert action_lead.is_active


def test_an_administrator_cannot_lock_themselves_out(administrator):
    client = signed_in(administrator)
    client.post(f"/manage/users/{administrator.pk}/deactivate")
    client.post(f"/manage/users/{administrator.pk}", {"roles": []})
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.is_staff


def test_administrator_gives_roles_and_an_agency(administrator, outsider, agency):
    signed_in(administrator).post(
        f"/manage/users/{outsider.pk}", {"agency": agency.pk, "roles": ["administrator", "board"]}
    )
    outsider.refresh_from_db()
    assert (outsider.agency, outsider.is_staff, outsider.is_board_member) == (agency, True, True)


@pytest.mark.parametrize("role", ["plan_owner", "action_lead", "agency_viewer", "board_member", "outsider"])
def test_only_administrators_reach_the_account_pages(request, role):
    client = signed_in(request.getfixturevalue(role))
    for url in ("/manage/users", "/manage/agencies", "/manage/audit", "/manage/users/invite"):
        assert client.get(url).status_code == 404, url
    assert client.post("/manage/users/invite", {"email": "x@example.org"}).status_code == 404
    assert not User.objects.filter(email="x@example.org").exists()


def test_agencies_and_users_from_the_command_line(capsys):
    call_command(
        "agencies", "add", "Northshire NHS Trust", "--short-name", "NHS", "--domain", "nhs.example.org"
    )
    call_command("users", "invite", "sam@nhs.example.org", "--role", "administrator", "--print-link")
    out = capsys.readouterr().out
    assert "Invited sam@nhs.example.org" in out and "/invitations/" in out
    sam = User.objects.get(username="sam@nhs.example.org")
    assert sam.agency.short_name == "NHS" and sam.is_staff
    call_command("users", "deactivate", "sam@nhs.example.org")
    assert not User.objects.get(pk=sam.pk).is_active
    call_command("users", "list")
    assert "deactivated" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No agency is called 'Fire'"):
        call_command("users", "invite", "x@example.org", "--agency", "Fire")
    with pytest.raises(CommandError, match="already an agency"):
        call_command("agencies", "add", "northshire nhs trust")
