import io

import docx
import pytest
from django.urls import reverse

from actiontrack.reports.models import ReportTemplate, ReportVersion
from actiontrack.reports.services import freeze_report_version
from actiontrack.reports.templating import starter_template
from tests import factories
from tests.conftest import signed_in
from tests.reports.builders import AS_AT, board_plan


@pytest.fixture
def built(plan, lead_person):
    return board_plan(plan, lead_person)


@pytest.fixture
def version(plan, built, plan_owner):
    return freeze_report_version(plan, AS_AT, plan_owner)


def read_urls(plan):
    return [
        reverse("report", args=[plan.pk]),
        reverse("report-download", args=[plan.pk, "csv"]),
        reverse("report-versions", args=[plan.pk]),
        reverse("report-version", args=[plan.pk, 1]),
        reverse("report-version-download", args=[plan.pk, 1, "xlsx"]),
        reverse("report-version-compare", args=[plan.pk]) + "?before=1&after=now",
    ]


@pytest.mark.parametrize(
    "role", ["administrator", "plan_owner", "action_lead", "agency_viewer", "board_member"]
)
def test_everyone_who_sees_the_plan_reads_its_report_and_versions(request, plan, version, role):
    client = signed_in(request.getfixturevalue(role))
    for url in read_urls(plan):
        assert client.get(url).status_code == 200, url


def test_an_outsider_gets_404_for_every_report_page_and_download(plan, version, outsider):
    client = signed_in(outsider)
    for url in read_urls(plan) + [reverse("report-template", args=[plan.pk])]:
        assert client.get(url).status_code == 404, url
    for name in ("report-version-freeze", "report-template-upload", "report-template-remove"):
        assert client.post(reverse(name, args=[plan.pk])).status_code == 404, name


@pytest.mark.parametrize("role", ["action_lead", "agency_viewer", "board_member"])
def test_who_may_only_read_cannot_freeze_or_upload_a_template(request, plan, built, role):
    client = signed_in(request.getfixturevalue(role))
    assert client.post(reverse("report-version-freeze", args=[plan.pk]), {}).status_code == 403
    upload = io.BytesIO(starter_template())
    upload.name = "ours.docx"
    response = client.post(reverse("report-template-upload", args=[plan.pk]), {"template": upload})
    assert response.status_code == 403
    assert client.post(reverse("report-template-remove", args=[plan.pk])).status_code == 403
    assert not ReportVersion.objects.exists() and not ReportTemplate.objects.exists()


def test_the_owner_freezes_a_version_and_downloads_it_again(plan, built, plan_owner):
    client = signed_in(plan_owner)
    response = client.post(reverse("report-version-freeze", args=[plan.pk]), {"as_at": "15/06/2026"})
    version = ReportVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert version.as_at == AS_AT and version.frozen_by == plan_owner
    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "Board report" in page and version.get_absolute_url() in page
    for fmt in ("pdf", "docx", "xlsx", "csv", "html"):
        if fmt == "pdf":
            continue  # one PDF render is enough for the suite (test_renderers)
        response = client.get(reverse("report-version-download", args=[plan.pk, 1, fmt]))
        assert response.status_code == 200 and "V1" in response["Content-Disposition"]


def test_report_page_takes_an_as_at_date_and_a_since_date(plan, built, agency_viewer):
    client = signed_in(agency_viewer)
    page = client.get(reverse("report", args=[plan.pk]), {"as_at": "15/06/2026", "since": "01/03/2026"})
    text = page.content.decode()
    assert "Board report as at 15 June 2026" in text and "changes since 1 March 2026" in text
    assert "First audit done" in text and "Second audit (after the date)" not in text
    assert "Freeze" not in text  # a reader is not offered what they may not do
    assert client.get(reverse("report", args=[plan.pk]), {"since_version": "9"}).status_code == 200  # ignored


def test_the_owner_uploads_a_word_template_and_the_word_download_uses_it(plan, built, plan_owner):
    client = signed_in(plan_owner)
    document = docx.Document(io.BytesIO(starter_template()))
    document.add_paragraph("OUR PARTNERSHIP LOGO")
    upload = io.BytesIO()
    document.save(upload)
    upload.seek(0)
    upload.name = "ours.docx"
    response = client.post(reverse("report-template-upload", args=[plan.pk]), {"template": upload})
    assert response.status_code == 302
    word = client.get(reverse("report-download", args=[plan.pk, "docx"]), {"as_at": "2026-06-15"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "OUR PARTNERSHIP LOGO" in text and "Improve oversight of referrals" in text
    standard = client.get(reverse("report-download", args=[plan.pk, "docx"]), {"layout": "standard"})
    assert "OUR PARTNERSHIP LOGO" not in "\n".join(
        p.text for p in docx.Document(io.BytesIO(standard.content)).paragraphs
    )


def test_a_template_that_is_not_word_is_refused_with_a_message(plan, plan_owner):
    upload = io.BytesIO(b"%PDF-1.4 not word")
    upload.name = "ours.docx"
    response = signed_in(plan_owner).post(
        reverse("report-template-upload", args=[plan.pk]), {"template": upload}
    )
    assert response.status_code == 400 and "is not a Word document" in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_the_starter_template_is_offered_to_anyone_signed_in(outsider):
    response = signed_in(outsider).get(reverse("report-starter-template"))
    assert response.status_code == 200
    assert "{{ plan.title }}" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs
    )


def test_exception_report_lists_only_what_the_user_may_see(plan, built, agency_viewer, outsider):
    hidden = factories.PlanFactory(title="Someone else's plan")
    factories.ActionFactory(
        plan=hidden, recommendation=None, text="Hidden overdue", due_date=AS_AT, status="delayed"
    )
    page = signed_in(agency_viewer).get(reverse("exceptions")).content.decode()
    assert "Audit referral cases monthly" in page and "Hidden overdue" not in page
    assert (
        "Audit referral cases monthly" not in signed_in(outsider).get(reverse("exceptions")).content.decode()
    )
    csv_text = signed_in(agency_viewer).get(reverse("exceptions-download", args=["csv"])).content.decode()
    assert "Audit referral cases monthly" in csv_text and "Hidden overdue" not in csv_text


def test_unknown_formats_are_not_found(plan, built, plan_owner):
    client = signed_in(plan_owner)
    assert client.get(reverse("report-download", args=[plan.pk, "exe"])).status_code == 404
    assert client.get(reverse("exceptions-download", args=["exe"])).status_code == 404


def test_the_report_page_prints_without_menus_or_buttons_and_repeats_table_headings(plan, built, plan_owner):
    from actiontrack.reports.renderers.pdf import STYLESHEET

    page = signed_in(plan_owner).get(reverse("report", args=[plan.pk])).content.decode()
    assert "/static/reports.css" in page and "style=" not in page and "<script>" not in page
    print_rules = STYLESHEET.read_text().split("@media print", 1)[1]
    for hidden in (
        ".govuk-header",
        ".govuk-service-navigation",
        ".govuk-footer",
        ".at-no-print",
        ".govuk-button",
    ):
        assert hidden in print_rules.split("display: none")[0]
    assert "thead { display: table-header-group; }" in print_rules


def test_pages_that_only_read_refuse_other_methods(plan, built, plan_owner):
    client = signed_in(plan_owner)
    assert client.post(reverse("report", args=[plan.pk])).status_code == 405
    assert client.get(reverse("report-version-freeze", args=[plan.pk])).status_code == 405


def test_a_version_cannot_be_frozen_as_at_a_future_date(plan, built, plan_owner):
    response = signed_in(plan_owner).post(
        reverse("report-version-freeze", args=[plan.pk]), {"as_at": "01/01/2099"}
    )
    assert response.status_code == 400 and "today or an earlier date" in response.content.decode()
    assert not ReportVersion.objects.exists()
