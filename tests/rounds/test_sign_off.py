"""Sign-off with evidence: approve, return, no self-approval, evidence files only for those who may see."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actiontrack.plans.models import ActionStatus
from actiontrack.rounds import services
from actiontrack.rounds.models import EvidenceFile, SignOff, SignOffStatus
from tests import factories
from tests.conftest import signed_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "audit-report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_lead_asks_for_sign_off_with_files_and_owner_approves_it(
    action: Any, action_lead: Any, plan_owner: Any
) -> None:
    lead = signed_in(action_lead)
    response = lead.post(
        reverse("sign-off-request", args=[action.pk]),
        {
            "text": "Audit done; report to the board in June.",
            "attachments": [pdf(), SimpleUploadedFile("n.docx", docx_bytes())],
        },
    )
    sign_off = SignOff.objects.get(action=action)
    assert response.status_code == 302 and response["Location"] == sign_off.get_absolute_url()
    assert sorted(f.content_type for f in sign_off.files.all()) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    action.refresh_from_db()
    assert action.status != ActionStatus.COMPLETED  # not until the owner approves

    owner = signed_in(plan_owner)
    assert "Approve: the action is complete" in owner.get(sign_off.get_absolute_url()).content.decode()
    owner.post(reverse("sign-off-approve", args=[sign_off.pk]))

    action.refresh_from_db()
    sign_off.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED  # Blue
    assert sign_off.status == SignOffStatus.APPROVED and sign_off.decided_by == plan_owner
    assert action.updates.get().text.startswith("Completion approved by")


def test_completion_needs_evidence(action: Any, action_lead: Any) -> None:
    response = signed_in(action_lead).post(reverse("sign-off-request", args=[action.pk]), {"text": ""})
    assert response.status_code == 200
    assert "Give evidence that the action is complete" in response.content.decode()
    assert not SignOff.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 this is a program", "is not a file ActionTrack keeps as evidence"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "old Word (.doc) or Excel (.xls) format",
        ),
        ("broken.docx", b"PK\x03\x04 not really a zip", "is not a file ActionTrack keeps as evidence"),
    ],
)
def test_evidence_is_told_by_its_content_and_hostile_files_are_refused(
    action: Any, action_lead: Any, name: str, data: bytes, message: str
) -> None:
    response = signed_in(action_lead).post(
        reverse("sign-off-request", args=[action.pk]),
        {"text": "Done", "attachments": [SimpleUploadedFile(name, data)]},
    )
    assert message in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(settings: Any, action: Any, action_lead: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than"):
        services.request_sign_off(action, text="", files=[pdf()], requested_by=action_lead)


def test_owner_returns_it_with_a_reason(action: Any, action_lead: Any, plan_owner: Any) -> None:
    sign_off = services.request_sign_off(action, text="Done", requested_by=action_lead)
    owner = signed_in(plan_owner)
    refused = owner.post(reverse("sign-off-return", args=[sign_off.pk]), {"reason": ""})
    assert refused.status_code == 400
    owner.post(reverse("sign-off-return", args=[sign_off.pk]), {"reason": "Attach the audit report"})
    sign_off.refresh_from_db()
    action.refresh_from_db()
    assert (sign_off.status, sign_off.return_reason) == (SignOffStatus.RETURNED, "Attach the audit report")
    assert action.status != ActionStatus.COMPLETED


def test_a_lead_cannot_approve_their_own_action_unless_the_plan_allows_it(
    plan: Any, action: Any, action_lead: Any
) -> None:
    plan.owners.add(action_lead)  # a lead who is also an owner
    sign_off = services.request_sign_off(action, text="Done", requested_by=action_lead)
    response = signed_in(action_lead).post(reverse("sign-off-approve", args=[sign_off.pk]))
    assert response.status_code == 400
    assert "another owner of the plan must approve" in response.content.decode()
    sign_off.refresh_from_db()
    assert sign_off.status == SignOffStatus.PENDING

    plan.allow_self_approval = True
    plan.save()
    signed_in(action_lead).post(reverse("sign-off-approve", args=[sign_off.pk]))
    sign_off.refresh_from_db()
    assert sign_off.status == SignOffStatus.APPROVED


@pytest.mark.parametrize(
    ("who", "request_status", "approve_status"),
    [
        ("administrator", 200, 302),
        ("plan_owner", 200, 302),
        ("action_lead", 200, 403),
        ("agency_viewer", 403, 403),
        ("outsider", 404, 404),
    ],
)
def test_who_may_ask_and_who_may_decide(
    request: Any, who: str, request_status: int, approve_status: int, action: Any, action_lead: Any
) -> None:
    sign_off = services.request_sign_off(action, text="Done", requested_by=action_lead)
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("sign-off-request", args=[action.pk])).status_code == request_status
    assert client.post(reverse("sign-off-approve", args=[sign_off.pk])).status_code == approve_status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("administrator", 200),
        ("plan_owner", 200),
        ("action_lead", 200),
        ("agency_viewer", 200),
        ("outsider", 404),
    ],
)
def test_evidence_files_are_served_only_to_those_who_may_see_the_plan(
    request: Any, who: str, status: int, action: Any, action_lead: Any
) -> None:
    sign_off = services.request_sign_off(action, text="", files=[pdf()], requested_by=action_lead)
    evidence = sign_off.files.get()
    response = signed_in(request.getfixturevalue(who)).get(evidence.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
        assert response["Content-Disposition"].startswith("attachment")


def test_evidence_files_have_no_public_url_and_need_signing_in(
    action: Any, action_lead: Any, settings: Any
) -> None:
    sign_off = services.request_sign_off(action, text="", files=[pdf()], requested_by=action_lead)
    evidence = sign_off.files.get()
    response = Client().get(evidence.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")
    assert evidence.file.name.count("audit-report") == 0  # stored under a random name
    assert str(settings.STATIC_ROOT) not in evidence.file.path


def test_recommendation_with_completed_actions_awaits_evidence_of_impact(
    recommendation: Any, action: Any, plan_owner: Any
) -> None:
    action.status = ActionStatus.COMPLETED
    action.save()
    assert services.impact_state(recommendation) == "actions complete, impact not yet evidenced"
    owner = signed_in(plan_owner)
    assert owner.get(reverse("impact-create", args=[recommendation.pk])).status_code == 200
    owner.post(
        reverse("impact-create", args=[recommendation.pk]), {"text": "Re-referrals fell from 30% to 18%"}
    )
    assert services.impact_state(recommendation) == "impact evidenced"


def test_only_owners_record_impact(recommendation: Any, agency_viewer: Any, outsider: Any) -> None:
    assert signed_in(agency_viewer).get(reverse("impact-create", args=[recommendation.pk])).status_code == 403
    assert signed_in(outsider).get(reverse("impact-create", args=[recommendation.pk])).status_code == 404


def test_another_plans_lead_cannot_ask_for_sign_off(action: Any) -> None:
    stranger = factories.UserFactory(username="stranger")
    assert (
        signed_in(stranger).post(reverse("sign-off-request", args=[action.pk]), {"text": "x"}).status_code
        == 404
    )


def test_owners_are_told_of_a_request_and_the_lead_of_a_return(
    smtp_server: Any, action: Any, action_lead: Any, plan_owner: Any
) -> None:
    plan_owner.email, action_lead.email = "owner@example.org", "lead@example.org"
    plan_owner.save()
    action_lead.save()
    sign_off = services.request_sign_off(action, text="Audit done", requested_by=action_lead)
    (told,) = smtp_server.to("owner@example.org")
    assert told["Subject"] == "Completion to approve: action 1.1"
    assert sign_off.get_absolute_url() in told.get_body(preferencelist=("plain",)).get_content()
    listing = signed_in(plan_owner).get(reverse("round-list")).content.decode()
    assert "Completions waiting for your approval" in listing and sign_off.get_absolute_url() in listing

    services.return_sign_off(sign_off, user=plan_owner, reason="Attach the report")
    (returned,) = smtp_server.to("lead@example.org")
    assert "Attach the report" in returned.get_body(preferencelist=("plain",)).get_content()
