"""Reader-level tests: each binary reader gives tables and paragraphs as printed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time

import docx
import openpyxl
import openpyxl.styles
import pytest
from docx.enum.text import WD_BREAK

from actiontrack.importer.model import Paragraph, Table
from actiontrack.importer.readers import csv_reader, docx_reader, pdf_reader, xlsx_reader
from actiontrack.importer.readers.safety import MAX_UPLOAD_BYTES, check_size
from actiontrack.lib.text import SOFT_BREAK
from tests.importer import builders

HEADER = ["Ref", "Recommendation", "Action", "Lead", "Due"]


def tables(doc) -> list[Table]:
    return [block for block in doc.blocks if isinstance(block, Table)]


def paragraphs(doc) -> list[Paragraph]:
    return [block for block in doc.blocks if isinstance(block, Paragraph)]


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Word ---------------------------------------------------------------------------------------------


def merged_plan_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Improvement plan", level=1)
    document.sections[0].header.paragraphs[0].text = "OFFICIAL – SENSITIVE"
    document.sections[0].footer.paragraphs[0].text = "Page footer text"
    table = document.add_table(rows=5, cols=5)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    section = table.cell(1, 0).merge(table.cell(1, 4))
    section.text = "STRATEGIC"
    table.cell(2, 0).text = "1.1"
    table.cell(2, 1).text = "Review funding"
    table.cell(2, 0).merge(table.cell(4, 0))
    table.cell(2, 1).merge(table.cell(4, 1))
    for row, (action, lead, due) in enumerate(
        [("Report to board", "SM", "March 2004"), ("Agree budget", "JD", "April 2004"), ("Survey", "SM", "")],
        start=2,
    ):
        table.cell(row, 2).text = action
        table.cell(row, 3).text = lead
        table.cell(row, 4).text = due
    cell = table.cell(3, 2)
    cell.add_paragraph("Second line", style="List Bullet")
    cell.add_paragraph("Third line", style="List Bullet")
    document.add_paragraph("Agreed at the board on 3 March 2004.")
    return docx_bytes(document)


def test_docx_gives_merged_cell_text_once_and_blanks_for_covered_cells():
    doc = docx_reader.read(merged_plan_docx(), "plan.docx")
    [table] = tables(doc)
    assert table.rows[0] == HEADER
    assert table.rows[1] == ["STRATEGIC", "", "", "", ""]
    assert table.rows[2] == ["1.1", "Review funding", "Report to board", "SM", "March 2004"]
    assert table.rows[3][:2] == ["", ""]
    assert table.rows[4] == ["", "", "Survey", "SM", ""]


def test_docx_joins_cell_paragraphs_and_bullets_with_line_breaks():
    doc = docx_reader.read(merged_plan_docx(), "plan.docx")
    assert tables(doc)[0].rows[3][2] == "Agree budget\nSecond line\nThird line"


def test_docx_keeps_body_order_and_headings_and_ignores_headers_and_footers():
    doc = docx_reader.read(merged_plan_docx(), "plan.docx")
    kinds = [type(block).__name__ for block in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    assert doc.blocks[0] == Paragraph("Improvement plan", heading=1)
    texts = " ".join(p.text for p in paragraphs(doc))
    assert "OFFICIAL" not in texts and "footer" not in texts


def test_docx_page_break_gives_two_tables_each_with_its_printed_header():
    plan = builders.load_golden(builders.golden_names()[0]) if builders.GOLDEN.is_dir() else None
    if plan is None:
        pytest.skip(f"the shared folder is not beside the checkout ({builders.SHARED})")
    doc = docx_reader.read(builders.render(builders.golden_names()[0], "docx"), "plan.docx")
    first, second = tables(doc)
    header = [builders.HEADER[column] for column in builders.header_for(plan)]
    assert first.rows[0] == second.rows[0] == header
    # The split falls inside a recommendation: the continuation row has no ref or recommendation.
    assert second.rows[1][:2] == ["", ""] and second.rows[1][2]


def test_docx_nested_table_splits_its_cell_into_lines():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Lead", "Due"], strict=True):
        cell.text = text
    inner = table.cell(1, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Audit files", "(a)"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Report back", "(b)"
    table.cell(1, 1).text = "SM"
    doc = docx_reader.read(docx_bytes(document), "nested.docx")
    assert tables(doc)[0].rows[1][0] == "Audit files (a)\nReport back (b)"


def test_docx_writes_out_automatic_list_numbers_but_not_bullets():
    document = docx.Document()
    document.add_paragraph("Audit files", style="List Number")
    document.add_paragraph("Report back", style="List Number")
    document.add_paragraph("A bullet", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.paragraphs[0].text = "First"
    cell.paragraphs[0].style = document.styles["List Number 2"]
    cell.add_paragraph("Second", style="List Number 2")
    doc = docx_reader.read(docx_bytes(document), "numbered.docx")
    assert [p.text for p in paragraphs(doc)] == ["1. Audit files", "2. Report back", "A bullet"]
    assert tables(doc)[0].rows == [["1. First\n2. Second"]]


def test_docx_is_sniffed_by_content_not_name():
    data = merged_plan_docx()
    assert docx_reader.sniff(data, "upload.bin")
    assert not xlsx_reader.sniff(data, "plan.xlsx")
    assert not docx_reader.sniff(b"%PDF-1.7\n", "plan.docx")


def test_docx_page_break_inside_paragraph_is_a_line_break():
    document = docx.Document()
    paragraph = document.add_paragraph("Before")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("After")
    doc = docx_reader.read(docx_bytes(document), "p.docx")
    assert doc.blocks == [Paragraph("Before\nAfter")]


def test_docx_names_the_colour_of_shaded_empty_cells_under_a_rag_header_only():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Notes", "RAG"], strict=True):
        cell.text = text
    for row, fill in ((1, "00B050"), (2, "FFC000")):
        table.cell(row, 0).text = f"Action {row}"
        for column in (1, 2):
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), fill)
            table.cell(row, column)._tc.get_or_add_tcPr().append(shading)
    doc = docx_reader.read(docx_bytes(document), "rag.docx")
    assert tables(doc)[0].rows[1:] == [["Action 1", "", "Green"], ["Action 2", "", "Amber"]]


# --- Excel --------------------------------------------------------------------------------------------


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ofsted plan"
    sheet["A1"] = "Ofsted improvement plan"
    sheet["A2"] = "Updated for the board"
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["1.1", "Review funding", "Report to board", "SM", dt.datetime(2004, 3, 12)])
    sheet.append([None, None, "Agree budget\r\nwith PCTs", "JD", "April 2004"])
    sheet.append([2, "Audit files", "Audit", "LM", 1.5])
    sheet["F4"] = "Status"
    sheet["F5"].fill = openpyxl.styles.PatternFill("solid", start_color="FF0000", end_color="FF0000")
    sheet.merge_cells("A5:A6")
    sheet.merge_cells("B5:B6")
    sheet["A9"] = "Key:"
    sheet.append([])
    sheet.append(["Blue", "Completed"])
    sheet.append(["Red", "Delayed"])
    hidden = workbook.create_sheet("Lists")
    hidden["A1"] = "Blue"
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_reads_title_rows_as_paragraphs_the_used_range_as_a_table_and_a_legend_apart():
    data = workbook_bytes()
    assert xlsx_reader.sniff(data, "x.bin") and not docx_reader.sniff(data, "x.docx")
    doc = xlsx_reader.read(data, "plan.xlsx")
    assert [p.text for p in paragraphs(doc)] == [
        "Ofsted improvement plan",
        "Updated for the board",
        "Key:",
    ]
    table, key = tables(doc)
    assert key.rows == [["Blue", "Completed"], ["Red", "Delayed"]]
    assert table.rows == [
        [*HEADER, "Status"],
        ["1.1", "Review funding", "Report to board", "SM", "12/03/2004", "Red"],
        ["", "", "Agree budget\nwith PCTs", "JD", "April 2004", ""],
        ["2", "Audit files", "Audit", "LM", "1.5", ""],
    ]


# --- CSV ----------------------------------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


ROWS = [
    HEADER,
    ["1", "Review funding", "Report to board\nand PCTs", "SM", "12/03/2004"],
    ["1", "Review funding", "Budget of £52.5k agreed – ’final’", "JD", "April 2004"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", ";")]
)
def test_csv_decodes_common_encodings_and_delimiters(encoding, delimiter):
    data = csv_bytes(ROWS, encoding, delimiter)
    assert csv_reader.sniff(data, "plan.txt")
    [table] = tables(csv_reader.read(data, "plan.csv"))
    assert table.rows == ROWS


def test_csv_sniffer_refuses_prose_and_tab_separated_text():
    prose = b"The board met in March, agreed the plan, and asked for updates.\nIt will meet again in June.\n"
    tabbed = (
        b"Ref\tRecommendation, in full\tAction, agreed\tLead\n1\tReview, agree, fund\tReport, share\tSM\n" * 3
    )
    assert not csv_reader.sniff(prose, "notes.csv")
    assert not csv_reader.sniff(tabbed, "plan.csv")
    assert not csv_reader.sniff("Ref,Action,Lead\n".encode("utf-16"), "plan.csv")


def test_csv_sniffer_refuses_every_shared_text_extract():
    if not builders.SHARED.is_dir():
        pytest.skip(f"the shared folder is not beside the checkout ({builders.SHARED})")
    for path in sorted((builders.SHARED / "seeds").glob("*.txt")):
        assert not csv_reader.sniff(path.read_bytes(), path.name), path.name


# --- PDF ----------------------------------------------------------------------------------------------


PDF_PLAN = "003_1ac65eb0c131df14"


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    if not builders.GOLDEN.is_dir():
        pytest.skip(f"the shared folder is not beside the checkout ({builders.SHARED})")
    return builders.render(PDF_PLAN, "pdf")


def test_pdf_gives_a_table_per_page_with_the_repeated_header_as_printed(long_pdf):
    doc = pdf_reader.read(long_pdf, "plan.pdf")
    plan = builders.load_golden(PDF_PLAN)
    header = [builders.HEADER[column] for column in builders.header_for(plan)]
    page_tables = [t for t in tables(doc) if t.rows[0] == header]
    assert len(page_tables) >= 3
    assert [t.page for t in page_tables] == list(range(1, len(page_tables) + 1))
    # The key to initials below the plan is a small table of its own.
    assert tables(doc)[-1].rows[0] == ["SM", "Steve Merrell, Children's Services Manager (Operations)"]


def test_pdf_keeps_running_titles_and_page_numbers_outside_tables(long_pdf):
    doc = pdf_reader.read(long_pdf, "plan.pdf")
    title = "Serious Case Review (M.E. Action Plan October 2002)"
    pages = {p.page for p in paragraphs(doc) if p.text == title}
    assert pages == {t.page for t in tables(doc)} | {1}
    assert any(p.text == "Page 2 of 4" for p in paragraphs(doc)) or any(
        p.text.startswith("Page 2 of") for p in paragraphs(doc)
    )
    table_text = {cell for t in tables(doc) for row in t.rows for cell in row}
    assert not any(p.text in table_text for p in paragraphs(doc) if len(p.text) > 30)


def test_pdf_joins_lines_of_a_cell_and_loses_no_text_at_page_breaks(long_pdf):
    doc = pdf_reader.read(long_pdf, "plan.pdf")
    cells = [cell for t in tables(doc) for row in t.rows for cell in row]
    assert "SM\nJD\nHL" in cells  # three leads, one per line
    # Text wrapped by the column's width is joined with soft breaks, which read as spaces.
    assert "Complete SSD position statement" in [cell.replace(SOFT_BREAK, " ") for cell in cells]
    # Rows cut by a page break (no rule under their first part) are read on both pages.
    printed = " ".join(cells).split()
    plan = builders.load_golden(PDF_PLAN)
    for recommendation in plan["recommendations"]:
        for action in recommendation["actions"]:
            words = action["text"].split()
            assert any(printed[i : i + len(words)] == words for i in range(len(printed))) or all(
                word in printed for word in words
            ), action["text"]


def test_pdf_closes_a_table_left_open_by_a_page_break():
    from actiontrack.importer.readers.pdf_rules import close_open_tables, edge

    edges = [
        edge("h", 10, 110, 10, 10),  # the rule over the header
        edge("v", 10, 10, 10, 200),
        edge("v", 60, 60, 10, 200),
        edge("v", 110, 110, 10, 200),  # column rules that end at 200 with no rule under them
    ]
    closed = close_open_tables(edges)
    assert any(
        e["orientation"] == "h" and e["top"] == 200 and e["x0"] == 10 and e["x1"] == 110 for e in closed
    )


def test_pdf_reads_an_unruled_table_by_text_alignment():
    import weasyprint

    rows = "".join(
        f"<tr><td>{n}</td><td>Action number {n}</td><td>SM</td><td>March 2004</td></tr>" for n in range(1, 8)
    )
    html = (
        "<style>td,th{padding:2pt 12pt}</style><p>Unruled plan</p>"
        f"<table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due</th></tr>{rows}</table>"
    )
    doc = pdf_reader.read(weasyprint.HTML(string=html).write_pdf(), "unruled.pdf")
    [table] = tables(doc)
    assert table.rows[0] == ["Ref", "Action", "Lead", "Due"]
    assert table.rows[3] == ["3", "Action number 3", "SM", "March 2004"]
    assert paragraphs(doc)[0].text == "Unruled plan"


def repeat_pages(data: bytes, times: int) -> bytes:
    """Return a PDF holding the pages of `data` `times` over (quicker than rendering them)."""
    import pypdfium2

    source = pypdfium2.PdfDocument(data)
    target = pypdfium2.PdfDocument.new()
    for _ in range(times):
        target.import_pages(source)
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def test_twenty_page_pdf_is_read_in_under_a_second():
    if not builders.GOLDEN.is_dir():
        pytest.skip(f"the shared folder is not beside the checkout ({builders.SHARED})")
    data = repeat_pages(builders.render(PDF_PLAN, "pdf"), 5)
    pdf_reader.read(data, "warm.pdf")  # imports and first-use setup are not the reader's speed
    started = time.perf_counter()
    document = pdf_reader.read(data, "long.pdf")
    elapsed = time.perf_counter() - started
    assert max(block.page or 0 for block in document.blocks) >= 20
    assert elapsed < 1.0


# --- Size ---------------------------------------------------------------------------------------------


def test_check_size_refuses_uploads_over_the_limit_with_the_file_name():
    check_size(b"x" * 10, "small.docx")
    from actiontrack.importer.errors import UnreadableDocument

    with pytest.raises(UnreadableDocument, match=r"big\.pdf is 20\.0 MB; .* at most 20\.0 MB"):
        check_size(b"\0" * (MAX_UPLOAD_BYTES + 1), "big.pdf")
