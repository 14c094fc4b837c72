"""Upload, preview, correct and confirm: nothing is saved before confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from actiontrack.importer import drafts
from actiontrack.importer.models import ImportDraft
from actiontrack.plans.models import Action, Plan
from tests.conftest import REPO_DIR, signed_in

pytestmark = pytest.mark.django_db

SAMPLE = REPO_DIR / "tests" / "samples" / "rag_table_plan.txt"


def upload(client: Client, name: str, data: bytes):
    return client.post("/imports/new", {"document": SimpleUploadedFile(name, data)})


def test_upload_shows_a_preview_and_saves_no_plan_until_confirmed(plan_owner):
    client = signed_in(plan_owner)
    response = upload(client, "neglect.txt", SAMPLE.read_bytes())
    draft = ImportDraft.objects.get()
    assert response["Location"] == f"/imports/{draft.pk}"
    page = client.get(f"/imports/{draft.pk}").content.decode()
    assert "Relaunch the neglect toolkit" in page
    assert "Read as 30 June 2021" in page
    assert "AB" in page and "CD" in page
    assert not Plan.objects.exists()
    # the preview survives a reload
    assert client.get(f"/imports/{draft.pk}").status_code == 200
    response = client.post(f"/imports/{draft.pk}/confirm")
    plan = Plan.objects.get()
    assert response["Location"] == f"/plans/{plan.pk}"
    assert Action.objects.filter(plan=plan).count() == 3
    assert plan.owners.filter(pk=plan_owner.pk).exists()
    # The draft is done with: no longer waiting, and its file is gone (clean-up removes the rest).
    assert not drafts.waiting(plan_owner).exists()
    assert bytes(ImportDraft.objects.get().data) == b""
    assert client.get(f"/imports/{draft.pk}").status_code == 404


def test_corrections_in_the_preview_reach_the_plan(plan_owner):
    client = signed_in(plan_owner)
    upload(client, "neglect.txt", SAMPLE.read_bytes())
    draft = ImportDraft.objects.get()
    client.post(
        f"/imports/{draft.pk}/items/r0a0",
        {
            "ref": "1a",
            "text": "Relaunch the toolkit",
            "leads": "AB\nEF",
            "due_text": "Summer 2021",
            "status": "",
            "agency": "Northshire NHS Trust",
            "evidence": "Toolkit relaunch notes\nAttendance list",
            "rag": "amber",
        },
    )
    plan_fields = {
        "title": "Neglect audit plan",
        "source_kind": "audit",
        "source_title": "Neglect audit",
        "source_date": "2021-03",
        "owner": "NSCP",
        "as_of": "12/05/2021",
        "version": "",
        "reporting_to": "",
    }
    client.post(f"/imports/{draft.pk}/plan", plan_fields)
    client.post(f"/imports/{draft.pk}/confirm")
    plan = Plan.objects.get()
    assert (plan.title, plan.source_kind, plan.owning_body) == ("Neglect audit plan", "audit", "NSCP")
    action = Action.objects.get(plan=plan, ref="1a")
    assert action.lead_keys() == ["AB", "EF"]
    assert (str(action.due_date), action.due_kind) == ("2021-08-31", "season")
    assert (action.agency_name, action.evidence, action.printed_rag) == (
        "Northshire NHS Trust",
        ["Toolkit relaunch notes", "Attendance list"],
        "amber",
    )


def test_changing_a_column_role_reads_the_document_again(plan_owner):
    client = signed_in(plan_owner)
    upload(client, "neglect.txt", SAMPLE.read_bytes())
    draft = ImportDraft.objects.get()
    headers = [c["header"] for c in draft.columns]
    roles = {f"column_{i}": c["role"] or "" for i, c in enumerate(draft.columns)}
    roles[f"column_{headers.index('Lead')}"] = ""  # ignore the lead column
    client.post(f"/imports/{draft.pk}/columns", roles)
    draft.refresh_from_db()
    actions = draft.document["recommendations"][0]["actions"]
    assert actions[0]["leads"] == []
    assert draft.column_roles["Lead"] is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.docx", b"", "The selected file is empty"),
        ("junk.pdf", bytes(range(256)) * 40, "is not a document ActionTrack can read"),
        ("notes.txt", b"Just a paragraph of notes with no table at all.\n", "Found no table"),
    ],
)
def test_unreadable_uploads_get_a_clear_error_and_change_nothing(plan_owner, name, data, message):
    response = upload(signed_in(plan_owner), name, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()


def test_drafts_are_private_to_their_uploader(plan_owner, outsider, administrator):
    upload(signed_in(plan_owner), "neglect.txt", SAMPLE.read_bytes())
    draft = ImportDraft.objects.get()
    for user in (outsider, administrator):
        client = signed_in(user)
        assert client.get(f"/imports/{draft.pk}").status_code == 404
        assert client.post(f"/imports/{draft.pk}/confirm").status_code == 404
    assert not Plan.objects.exists()


def test_signed_out_visitor_cannot_upload():
    response = Client().get("/imports/new")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")


def test_preview_shows_an_actions_agency_evidence_and_printed_rag(plan_owner):
    client = signed_in(plan_owner)
    text = "\n".join(
        [
            "Neglect plan",
            "Action\tLead\tAgency\tDue\tRAG\tEvidence",
            "Relaunch the toolkit\tNeglect Lead\tWestvale Council\tJune 2024\tAmber\tBriefing notes",
        ]
    )
    upload(client, "neglect.txt", text.encode())
    draft = ImportDraft.objects.filter(plan=None).latest("pk")
    page = client.get(f"/imports/{draft.pk}").content.decode()
    assert "Westvale Council" in page
    assert "Briefing notes" in page
    assert "RAG as printed: Amber" in page
