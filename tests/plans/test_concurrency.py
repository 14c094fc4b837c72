"""Nothing lost: a save from an out-of-date form changes nothing and says what changed; a form sent
twice (or four times at once) creates one thing."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from actiontrack.accounts.models import FormSubmission
from actiontrack.importer import drafts
from actiontrack.importer.models import ImportDraft
from actiontrack.plans.models import Action, Plan, Recommendation, Update
from tests.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDIT_FORMS = {
    "plan": (
        lambda w: f"/plans/{w.plan.pk}/edit",
        lambda w, title: {"title": title, "source_kind": "audit", "status": "active", "red_after_days": 30,
                          "stale_after_days": 90, "revision_limit": 2},
        lambda w: Plan.objects.get(pk=w.plan.pk).title,
    ),
    "action": (
        lambda w: f"/actions/{w.action.pk}/edit",
        lambda w, title: {"text": title, "ref": "1.1", "recommendation": w.action.recommendation_id,
                          "leads": "SM", "due_text": w.action.due_text},
        lambda w: Action.objects.get(pk=w.action.pk).text,
    ),
    "recommendation": (
        lambda w: f"/recommendations/{w.action.recommendation_id}/edit",
        lambda w, title: {"text": title, "ref": "1"},
        lambda w: Recommendation.objects.get(pk=w.action.recommendation_id).text,
    ),
    "person": (
        lambda w: f"/people/{w.person.pk}/edit",
        lambda w, title: {"name": title, "email": "sam@example.org", "username": "lead"},
        lambda w: type(w.person).objects.get(pk=w.person.pk).name,
    ),
}  # fmt: skip


class World:
    def __init__(self, action, lead_person, plan_owner):
        self.action, self.plan, self.person, self.owner = action, action.plan, lead_person, plan_owner


def version_in(page: str) -> str:
    marker = 'name="seen_version" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


@pytest.mark.parametrize("form", sorted(EDIT_FORMS))
def test_two_people_save_the_same_form_and_the_second_is_told_instead_of_overwriting(
    form, action, lead_person, plan_owner, administrator
):
    world = World(action, lead_person, plan_owner)
    url, data, current = EDIT_FORMS[form]
    first, second = signed_in(plan_owner), signed_in(administrator)
    first_version = version_in(first.get(url(world)).content.decode())
    second_version = version_in(second.get(url(world)).content.decode())
    assert first_version == second_version

    assert (
        first.post(
            url(world), {**data(world, "First person's words"), "seen_version": first_version}
        ).status_code
        == 302
    )
    response = second.post(
        url(world), {**data(world, "Second person's words"), "seen_version": second_version}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing it" in page
    assert "Changed while you were editing" in page and plan_owner.display_name in page
    assert current(world) == "First person's words"
    # Having seen what changed, they may send their change again: the form now carries the new version.
    again = second.post(
        url(world), {**data(world, "Second person's words"), "seen_version": version_in(page)}
    )
    assert again.status_code == 302
    assert current(world) == "Second person's words"


def test_sharing_from_a_stale_form_does_not_remove_an_owner_added_meanwhile(
    plan, plan_owner, agency_viewer, agency
):
    first, second = signed_in(plan_owner), signed_in(plan_owner)
    url = f"/plans/{plan.pk}/sharing"
    version = version_in(first.get(url).content.decode())
    version_in(second.get(url).content.decode())
    added = first.post(url, {"owners": "owner\nviewer", "agencies": [agency.pk], "seen_version": version})
    assert added.status_code == 302
    page = second.post(
        url, {"owners": "owner", "agencies": [agency.pk], "seen_version": version}
    ).content.decode()
    assert "Someone else changed this" in page
    assert set(plan.owners.values_list("username", flat=True)) == {"owner", "viewer"}


def test_a_form_sent_twice_creates_one_plan_one_action_and_one_update(plan_owner, action):
    client = signed_in(plan_owner)
    plan_data = {"title": "JTAI plan", "source_kind": "audit", "status": "active", "red_after_days": 30,
                 "stale_after_days": 90, "revision_limit": 2, "submission": "key-plan"}  # fmt: skip
    first, again = client.post("/plans/new", plan_data), client.post("/plans/new", plan_data)
    assert first["Location"] == again["Location"]
    assert Plan.objects.filter(title="JTAI plan").count() == 1

    action_data = {"text": "Audit", "submission": "key-action", "due_text": "March 2027"}
    url = f"/plans/{action.plan_id}/actions/new"
    assert client.post(url, action_data)["Location"] == client.post(url, action_data)["Location"]
    assert Action.objects.filter(text="Audit").count() == 1

    update = {"date": "01/11/2026", "text": "Half way", "submission": "key-update"}
    client.post(f"/actions/{action.pk}/updates", update)
    client.post(f"/actions/{action.pk}/updates", update)
    assert Update.objects.filter(text="Half way").count() == 1
    # A new form gets a new key, so the same words can be sent again on purpose.
    assert client.get("/plans/new").content.decode().count('name="submission"') == 1


def test_confirming_an_import_twice_gives_the_same_plan(plan_owner, shared_dir):
    seed = sorted((shared_dir / "seeds").iterdir())[2]
    draft = drafts.create_draft(plan_owner, seed.read_bytes(), seed.name)
    client = signed_in(plan_owner)
    first = client.post(f"/imports/{draft.pk}/confirm")
    again = client.post(f"/imports/{draft.pk}/confirm")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Plan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_four_parallel_confirms_make_one_plan(shared_dir):
    if connection.vendor != "postgresql":
        pytest.skip("parallel transactions are tested on PostgreSQL (scripts/pytest_postgres.py)")
    owner = UserFactory(username="owner")
    seed = sorted((shared_dir / "seeds").iterdir())[2]
    draft = drafts.create_draft(owner, seed.read_bytes(), seed.name)
    barrier, answers = threading.Barrier(4), []

    def confirm() -> None:
        client = Client()
        client.force_login(owner)
        barrier.wait()
        answers.append(client.post(f"/imports/{draft.pk}/confirm").status_code)
        connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [302] * 4
    assert Plan.objects.count() == 1


def test_drafts_have_a_quota_and_expire(plan_owner, settings, shared_dir):
    settings.IMPORT_DRAFT_QUOTA = 2
    seed = sorted((shared_dir / "seeds").iterdir())[2]
    client = signed_in(plan_owner)
    for _ in range(2):
        drafts.create_draft(plan_owner, seed.read_bytes(), seed.name)
    with seed.open("rb") as document:
        page = client.post("/imports/new", {"document": document}).content.decode()
    assert "You have 2 imports waiting to be confirmed" in page
    assert ImportDraft.objects.count() == 2

    old = ImportDraft.objects.first()
    ImportDraft.objects.filter(pk=old.pk).update(created_at=old.created_at - datetime.timedelta(days=15))
    assert client.get(f"/imports/{old.pk}").status_code == 404
    assert drafts.clean_up() == 1
    assert not ImportDraft.objects.filter(pk=old.pk).exists()


def test_clean_up_removes_spent_form_keys(capsys):
    from django.core.management import call_command
    from django.utils import timezone

    FormSubmission.objects.create(key="old")
    FormSubmission.objects.filter(key="old").update(created_at=timezone.now() - datetime.timedelta(days=2))
    FormSubmission.objects.create(key="new")
    call_command("clean-up")
    assert list(FormSubmission.objects.values_list("key", flat=True)) == ["new"]
    assert "spent form keys" in capsys.readouterr().out
