import csv
import io

import docx
import openpyxl
import pdfplumber
import pytest

from actiontrack.lib.text import spreadsheet_safe as neutralise
from actiontrack.reports.data import build_report
from actiontrack.reports.renderers import render
from actiontrack.reports.renderers.rows import COLUMNS
from actiontrack.reports.templating import render_into, starter_template
from tests.reports.builders import AS_AT, board_plan


@pytest.fixture
def report(plan, lead_person):
    board_plan(plan, lead_person)
    return build_report(plan, AS_AT)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-Completed", "'-Completed"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Audit", "Audit"),
        (3, 3),
    ],
)
def test_cells_that_could_be_formulas_are_neutralised(value, safe):
    assert neutralise(value) == safe


def test_docx_has_real_headings_tables_with_repeating_headers_and_rag_shading(report):
    document = docx.Document(io.BytesIO(render(report, "docx")))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[:3] == [
        ("Title", "Ofsted improvement plan"),
        ("Heading 1", "Summary"),
        ("Heading 1", "Strategic"),
    ]
    assert ("Heading 2", "Recommendation 1: Improve oversight of referrals") in headings
    actions = document.tables[1]
    assert [c.text for c in actions.rows[0].cells] == ["Ref", "Action", "Lead", "Due", "RAG", "Latest update"]
    assert actions.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    audit = [c.text for c in actions.rows[1].cells]
    assert audit[:3] == ["1.1", "Audit referral cases monthly", "SM, JH"]
    assert audit[3] == "March 2026 (31 March 2026)"
    assert audit[4] == "Red: due 31 March 2026, 2 months overdue"
    assert audit[5] == "1 June 2026: First audit done"
    assert actions.rows[1].cells[4]._tc.xpath("./w:tcPr/w:shd/@w:fill") == ["FF8B8B"]


def test_xlsx_has_one_row_per_action_frozen_header_filters_fills_and_no_formulas(report):
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 5
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    action = COLUMNS.index("Action")
    assert rows[2][action] == '\'=HYPERLINK("http://evil")'
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    rag = COLUMNS.index("RAG") + 1
    assert sheet.cell(row=2, column=rag).value == "Red"
    assert sheet.cell(row=2, column=rag).fill.start_color.rgb.endswith("FF8B8B")
    assert rows[1][COLUMNS.index("Recommendation")] == "Improve oversight of referrals"


def test_csv_has_one_row_per_action_with_formulas_neutralised(report):
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS) and len(rows) == 5
    assert rows[2][COLUMNS.index("Action")].startswith("'=")
    assert rows[2][COLUMNS.index("Latest update")] == "'-Completed early"


def test_html_print_layout_and_pdf_text_is_extractable(report, caplog):
    page = render(report, "html").decode()
    assert "<thead" in page and "Recommendation 1: Improve oversight of referrals" in page
    with caplog.at_level("WARNING", logger="weasyprint"):
        paper = render(report, "pdf")
    # The print stylesheet holds only what WeasyPrint understands: a warning means a rule it dropped.
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    with pdfplumber.open(io.BytesIO(paper)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        cells = [
            " ".join((cell or "").split())
            for p in pdf.pages
            for t in p.extract_tables()
            for r in t
            for cell in r
        ]
    assert "Ofsted improvement plan" in text and "Summary" in text
    for words in (
        "Audit referral cases monthly",
        "1 June 2026: First audit done",
        "SM, JH",
        "Red due 31 March 2026, 2 months overdue",
        "Summer 2026 (31 August 2026) originally May 2026",
    ):
        assert words in cells


def test_the_starter_template_renders_every_recommendation_and_action(report):
    document = docx.Document(io.BytesIO(render_into(starter_template(), report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ofsted improvement plan" in text and "Recommendation 1: Improve oversight of referrals" in text
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "Audit referral cases monthly" in cells and "1 June 2026: First audit done" in cells
    assert "Red: due 31 March 2026, 2 months overdue" in cells
    assert not any("{{" in c or "{%" in c for c in cells + [text])


def test_pdf_and_docx_carry_the_dashboard_charts_and_a_measure_trend(plan, lead_person):
    import datetime
    from decimal import Decimal

    from actiontrack.dashboards.models import Direction, Measure
    from actiontrack.dashboards.services import add_measure, record_measure_value

    board_plan(plan, lead_person)
    measure = Measure(plan=plan, name="Children on a plan", direction=Direction.LOWER, target=Decimal(200))
    add_measure(measure)
    for day, value in (((2018, 3, 8), 215), ((2018, 4, 2), 201), ((2018, 4, 30), 183)):
        record_measure_value(measure, date=datetime.date(*day), value=Decimal(value))
    report = build_report(plan, AS_AT)
    titles = [chart["title"] for chart in report["charts"]]
    assert "Children on a plan" in " ".join(titles) and len(titles) >= 7

    document = docx.Document(io.BytesIO(render(report, "docx")))
    assert len(document.inline_shapes) == len(titles)
    assert "Charts" in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]

    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Charts" in text and "Children on a plan" in text
