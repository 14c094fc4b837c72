"""The audit trail: every kind of change leaves an entry with its author and channel, told in words."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.accounts.models import Agency, User
from actiontrack.plans import services
from actiontrack.plans.models import Action, ActionLead, Person, Plan, Update
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def latest(model, **filters):
    return model.history.filter(**filters).order_by("-history_date", "-history_id").first()


def test_a_page_edit_is_recorded_with_its_author_before_and_after(plan_owner, action):
    response = signed_in(plan_owner).post(
        f"/actions/{action.pk}/edit",
        {
            "text": "Audit 40 case files",
            "ref": "1.1",
            "recommendation": action.recommendation_id,
            "leads": "SM",
            "due_text": action.due_text,
        },
    )
    assert response.status_code == 302
    row = latest(Action, id=action.pk)
    assert (row.history_type, row.history_user, row.channel) == ("~", plan_owner, Channel.PAGE)
    delta = row.diff_against(row.prev_record)
    assert [(c.field, c.new) for c in delta.changes if c.field == "text"] == [("text", "Audit 40 case files")]


def test_an_update_through_a_page_and_one_through_a_link_name_their_authors(action_lead, action, lead_person):
    signed_in(action_lead).post(f"/actions/{action.pk}/updates", {"date": "01/11/2026", "text": "Half done"})
    row = latest(Update, action_id=action.pk)
    assert (row.history_user, row.channel) == (action_lead, Channel.PAGE)
    with acting_as(Actor(channel=Channel.LINK, person_id=lead_person.pk, person_name="Sam Moore")):
        update = services.record_update(action, text="All done", date=datetime.date(2026, 11, 2))
    row = latest(Update, id=update.pk)
    assert (row.history_user, row.channel, row.actor_person_id, row.actor_name) == (
        None,
        Channel.LINK,
        lead_person.pk,
        "Sam Moore",
    )
    assert update.author_person == lead_person


def test_an_import_is_recorded_in_bulk_with_its_author(plan_owner, shared_dir):
    from actiontrack.importer.drafts import confirm_draft, create_draft

    seed = sorted((shared_dir / "seeds").iterdir())[3]
    draft = create_draft(plan_owner, seed.read_bytes(), seed.name)
    with acting_as(Actor(user=plan_owner, channel=Channel.PAGE)):
        plan = confirm_draft(draft)
    actions = Action.objects.filter(plan=plan)
    assert Action.history.filter(plan_id=plan.pk, history_type="+").count() == actions.count() > 10
    rows = Action.history.filter(plan_id=plan.pk)
    assert {(r.history_user_id, r.channel) for r in rows} == {(plan_owner.pk, Channel.IMPORT)}
    assert (
        Update.history.filter(action_id__in=actions.values("pk")).count()
        == Update.objects.filter(action__plan=plan).count()
    )
    assert (
        ActionLead.history.filter(action_id__in=actions.values("pk")).count()
        == ActionLead.objects.filter(action__plan=plan).count()
    )
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}/history").content.decode()
    assert f"{actions.count()} actions added" in page and "through an import" in page


def test_a_cli_load_is_recorded_as_the_command_line_and_the_user_named(plan_owner, shared_dir, tmp_path):
    golden = sorted((shared_dir / "golden").glob("*.json"))[0]
    call_command("load", str(golden), "--user", "owner")
    plan = Plan.objects.get(title=json.loads(golden.read_text(encoding="utf-8"))["title"])
    row = Plan.history.filter(id=plan.pk).earliest("history_date")
    assert (row.history_type, row.history_user, row.channel) == ("+", plan_owner, Channel.CLI)
    assert plan.owners.get() == plan_owner


def test_sharing_records_who_changed_the_owners_and_agencies(plan_owner, agency_viewer, agency, plan):
    other = Agency.objects.create(name="Westmere Police")
    signed_in(plan_owner).post(
        f"/plans/{plan.pk}/sharing", {"owners": "owner\nviewer", "agencies": [agency.pk, other.pk]}
    )
    row = latest(Plan, id=plan.pk)
    assert (row.history_user, row.channel) == (plan_owner, Channel.PAGE)
    assert {o.user_id for o in row.owners.all()} == {plan_owner.pk, agency_viewer.pk}
    page = signed_in(plan_owner).get(f"/plans/{plan.pk}/history").content.decode()
    assert "Owners changed from" in page and "Westmere Police" in page


def test_an_account_change_is_recorded_with_the_administrator(administrator, outsider, agency):
    signed_in(administrator).post(f"/manage/users/{outsider.pk}", {"agency": agency.pk, "roles": ["board"]})
    row = latest(User, id=outsider.pk)
    assert (row.history_user, row.channel, row.is_board_member) == (administrator, Channel.PAGE, True)
    assert not hasattr(row, "password")  # hashes stay out of the trail


def test_a_due_date_revision_is_told_in_words_with_its_reason(plan_owner, action):
    action.due_text, action.due_date = "March '04", datetime.date(2004, 3, 31)
    action.save()
    client = signed_in(plan_owner)
    refused = client.post(
        f"/actions/{action.pk}/edit",
        {"text": action.text, "recommendation": action.recommendation_id, "due_text": "30/06/2004"},
    )
    assert "Enter why the due date is changing" in refused.content.decode()
    client.post(
        f"/actions/{action.pk}/edit",
        {
            "text": action.text,
            "ref": action.ref,
            "recommendation": action.recommendation_id,
            "due_text": "30/06/2004",
            "due_reason": "Waiting for the audit tool",
            "leads": "SM",
        },
    )
    action.refresh_from_db()
    assert action.due_date == datetime.date(2004, 6, 30)
    revision = action.due_revisions.get()
    assert (revision.previous_text, revision.previous_date) == ("March '04", datetime.date(2004, 3, 31))
    page = client.get(f"/actions/{action.pk}/history").content.decode()
    name = plan_owner.display_name
    assert f"Due date of action 1.1 changed from 31 March 2004 to 30 June 2004</strong> by {name}" in page
    assert "Reason: Waiting for the audit tool" in page
    action_page = client.get(f"/actions/{action.pk}").content.decode()
    # One line says the due date was revised, with the original as printed in the list below it.
    assert "Due date revised from 31 March 2004 (1 revision)" in action_page
    assert action_page.lower().count("revised from") == 1
    assert "March &#x27;04 to 30/06/2004" in action_page


def test_the_trail_cannot_be_changed_or_deleted(action):
    row = Action.history.first()
    row.text = "rewritten"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()


def test_history_pages_follow_the_plans_access(outsider, agency_viewer, action):
    assert signed_in(outsider).get(f"/plans/{action.plan_id}/history").status_code == 404
    assert signed_in(outsider).get(f"/actions/{action.pk}/history").status_code == 404
    assert signed_in(agency_viewer).get(f"/plans/{action.plan_id}/history").status_code == 200


def test_administrator_downloads_the_trail_of_a_period_as_csv(administrator, plan_owner, action):
    with acting_as(Actor(user=plan_owner)):
        services.record_update(action, text="=HYPERLINK(evil)", date=datetime.date(2026, 11, 1))
    today = datetime.date.today()
    response = signed_in(administrator).get(f"/manage/audit?start={today:%d/%m/%Y}&end={today:%d/%m/%Y}")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["when", "account", "author", "person_id", "channel"]
    updates = [r for r in rows if r[5] == "update" and r[7] == "added"]
    assert updates and updates[0][1:3] == ["owner", plan_owner.display_name]
    yesterday = today - datetime.timedelta(days=1)
    empty = signed_in(administrator).get(f"/manage/audit?start={yesterday:%d/%m/%Y}&end={yesterday:%d/%m/%Y}")
    assert len(list(csv.reader(io.StringIO(b"".join(empty.streaming_content).decode())))) == 1


def test_person_link_through_the_page_is_recorded(plan_owner, action_lead, lead_person):
    signed_in(plan_owner).post(
        f"/people/{lead_person.pk}/edit", {"name": "Sam Moore", "email": "sam@example.org", "username": ""}
    )
    row = latest(Person, id=lead_person.pk)
    assert (row.user_id, row.email, row.history_user) == (None, "sam@example.org", plan_owner)
