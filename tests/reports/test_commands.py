import csv
import io
import json

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command

from actiontrack.plans.interchange import upgraded
from actiontrack.plans.models import Plan
from actiontrack.reports.services import freeze_report_version
from actiontrack.reports.templating import starter_template
from tests.reports.builders import AS_AT, board_plan

pytestmark = pytest.mark.django_db


def test_export_then_load_gives_the_same_document(shared_dir, tmp_path):
    golden = sorted((shared_dir / "golden").glob("*.json"))[2]
    call_command("load", str(golden))
    plan = Plan.objects.get()
    out = tmp_path / "plan.json"
    call_command("export", str(plan.pk), "--format", "json", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == upgraded(
        json.loads(golden.read_text(encoding="utf-8"))
    )


def test_export_of_an_unknown_plan_says_so():
    with pytest.raises(CommandError, match="No plan has the id 999"):
        call_command("export", "999")


def test_export_writes_the_board_report_in_each_format(plan, lead_person, plan_owner, tmp_path, capsys):
    board_plan(plan, lead_person)
    freeze_report_version(plan, AS_AT, plan_owner)
    common = ["--as-of", "2026-06-15", "--since-version", "1"]
    call_command("export", str(plan.pk), "--format", "docx", *common, "-o", str(tmp_path / "r.docx"))
    headings = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert "Recommendation 1: Improve oversight of referrals" in headings
    call_command("export", str(plan.pk), "--format", "xlsx", *common, "-o", str(tmp_path / "r.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").active.max_row == 5
    call_command("export", str(plan.pk), "--format", "csv", "--as-of", "2026-06-15", "--since", "2026-03-01")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [row[7] for row in rows[1:]] == ["1.1", "1.2", "2.1", "3.1"]
    template = tmp_path / "ours.docx"
    template.write_bytes(starter_template())
    call_command(
        "export",
        str(plan.pk),
        "--format",
        "docx",
        "--template",
        str(template),
        "-o",
        str(tmp_path / "t.docx"),
    )
    cells = [c.text for t in docx.Document(str(tmp_path / "t.docx")).tables for r in t.rows for c in r.cells]
    assert "Audit referral cases monthly" in cells


def test_export_refuses_bad_options_with_plain_messages(plan, lead_person, tmp_path):
    board_plan(plan, lead_person)
    with pytest.raises(CommandError, match="has no version 4"):
        call_command("export", str(plan.pk), "--format", "csv", "--since-version", "4")
    with pytest.raises(CommandError, match="not a date"):
        call_command("export", str(plan.pk), "--format", "csv", "--as-of", "June")
    with pytest.raises(CommandError, match="Give -o FILE"):
        call_command("export", str(plan.pk), "--format", "xlsx")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not word")
    with pytest.raises(CommandError, match="not a Word document"):
        call_command(
            "export", str(plan.pk), "--format", "docx", "--template", str(bad), "-o", str(tmp_path / "x")
        )


def test_exceptions_command_filters_by_agency(plan, lead_person, agency, tmp_path, capsys):
    built = board_plan(plan, lead_person)
    lead_person.agency = agency
    lead_person.save()
    call_command("exceptions", "--format", "csv", "--agency", agency.name)
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [row[3] for row in rows[1:]] == [built["a11"].text]
    call_command("exceptions", "--format", "xlsx", "-o", str(tmp_path / "e.xlsx"))
    texts = [row[3] for row in openpyxl.load_workbook(tmp_path / "e.xlsx").active.iter_rows(values_only=True)]
    assert built["a11"].text in texts and built["a31"].text in texts and built["a12"].text not in texts
    with pytest.raises(CommandError, match="No agency is called"):
        call_command("exceptions", "--agency", "Nowhere")
