"""Hostile and broken uploads: each is refused with a clear message, or read into a sensible plan.

Nothing here may raise anything but UnreadableDocument, take long, or use much memory.
"""

from __future__ import annotations

import io
import random
import time
import zipfile

import docx
import openpyxl
import pytest

from actiontrack.importer import convert_bytes, validate
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.readers import read_document
from actiontrack.importer.readers.pdf_reader import MAX_PDF_PAGES
from actiontrack.importer.readers.safety import MAX_UPLOAD_BYTES, OLE_MAGIC


def refuse(data: bytes, filename: str) -> str:
    """Return the message the importer refuses the bytes with."""
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data, filename)
    message = str(caught.value)
    assert filename in message
    assert "Traceback" not in message
    with pytest.raises(UnreadableDocument):
        convert_bytes(data, filename)
    return message


def read_or_refuse(data: bytes, filename: str) -> dict | None:
    """Convert the bytes end to end: a valid plan, or None where they were refused clearly."""
    try:
        plan = convert_bytes(data, filename)
    except UnreadableDocument as error:
        assert filename in str(error)
        return None
    validate(plan)
    return plan


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def a_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Action plan")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Lead", "Due"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Audit files", "SM", "March 2004"], strict=True):
        cell.text = text
    return docx_bytes(document)


def rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: set[str] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name in (drop or set()):
                continue
            archive.writestr(name, (replace or {}).get(name, source.read(name)))
    return out.getvalue()


# --- Nothing, junk, and wrong types -------------------------------------------------------------------


def test_empty_file_is_refused():
    assert "is empty" in refuse(b"", "plan.docx")


def test_binary_junk_is_refused():
    junk = random.Random(7).randbytes(50_000)
    message = refuse(junk, "plan.docx")
    assert "not a document ActionTrack can read" in message or "damaged" in message


def test_upload_over_the_size_limit_is_refused():
    assert "at most 20.0 MB" in refuse(b"PK\x03\x04" + b"\0" * MAX_UPLOAD_BYTES, "huge.docx")


def test_old_word_format_and_password_protected_office_files_are_explained():
    assert "old Word (.doc)" in refuse(OLE_MAGIC + b"\0" * 4096, "plan.doc")
    encrypted = OLE_MAGIC + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    assert "password" in refuse(encrypted, "plan.docx")


def test_pdf_named_docx_is_read_as_pdf():
    import weasyprint

    pdf = weasyprint.HTML(string="<p>Action plan for the board</p>").write_pdf()
    document = read_document(pdf, "plan.docx")
    assert document.kind == "pdf"


# --- Zip attacks and damage ---------------------------------------------------------------------------


def test_zip_bomb_named_docx_is_refused_quickly():
    started = time.perf_counter()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(120):  # 120 MB of zeros, about 0.5 MB packed
                member.write(chunk)
    message = refuse(buffer.getvalue(), "bomb.docx")
    assert "expands" in message or "unpacks" in message
    assert time.perf_counter() - started < 5


def test_many_small_members_adding_up_to_a_bomb_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        part = b"\0" * (900 * 1024)  # each under the per-part ratio check
        for number in range(120):
            archive.writestr(f"word/media/image{number}.bin", part)
    assert "expands" in refuse(buffer.getvalue(), "parts.docx")


def test_truncated_docx_is_refused_as_damaged():
    data = a_docx()
    assert "damaged" in refuse(data[: len(data) // 2], "cut.docx")


def test_zip_that_is_not_an_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "zip archive" in refuse(buffer.getvalue(), "plan.docx")


def test_open_document_file_is_refused_with_a_hint():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument" in refuse(buffer.getvalue(), "plan.odt")


def test_damaged_workbook_zip_is_called_a_workbook():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Action"
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    assert "Excel workbook" in refuse(data[: len(data) - 30], "plan.xlsx")


def test_encrypted_zip_member_is_refused():
    data = bytearray(a_docx())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the general-purpose "encrypted" flag
    assert "encrypted" in refuse(bytes(data), "locked.docx")


def test_docx_with_broken_xml_is_refused():
    data = rezip(a_docx(), replace={"word/document.xml": b"<w:document><w:body><w:p>"})
    assert "plan.docx" in refuse(data, "plan.docx")


def test_docx_with_entity_expansion_is_not_expanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    source = zipfile.ZipFile(io.BytesIO(a_docx()))
    xml = source.read("word/document.xml").decode("utf-8")
    xml = laughs + xml[xml.index("?>") + 2 :].replace("Audit files", "&i;", 1)
    started = time.perf_counter()
    read_or_refuse(rezip(a_docx(), replace={"word/document.xml": xml.encode("utf-8")}), "laughs.docx")
    assert time.perf_counter() - started < 5


def test_workbook_with_no_visible_cells_is_refused():
    workbook = openpyxl.Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "no filled cells" in refuse(buffer.getvalue(), "empty.xlsx")


def test_damaged_workbook_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Action"
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = rezip(buffer.getvalue(), replace={"xl/workbook.xml": b"<workbook><sheets>"})
    refuse(data, "broken.xlsx")


# --- PDF ----------------------------------------------------------------------------------------------


def blank_pdf(pages: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_500_page_pdf_is_refused_quickly_with_the_page_limit():
    data = blank_pdf(500)
    started = time.perf_counter()
    message = refuse(data, "long.pdf")
    assert message.startswith(f"long.pdf has 500 pages; ActionTrack reads at most {MAX_PDF_PAGES}")
    assert time.perf_counter() - started < 1


def test_pdf_page_ruled_like_a_dense_grid_is_read_quickly():
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument.new()
    page = document.new_page(842, 842)
    for i in range(2500):  # 2,500 × 2,500 rules: 6 million crossings
        for x, y, width, height in ((10 + i * 0.33, 10, 0.1, 800), (10, 10 + i * 0.33, 800, 0.1)):
            rule = pdfium_c.FPDFPageObj_CreateNewRect(x, y, width, height)
            pdfium_c.FPDFPath_SetDrawMode(rule, pdfium_c.FPDF_FILLMODE_WINDING, False)
            pdfium_c.FPDFPage_InsertObject(page.raw, rule)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    buffer = io.BytesIO()
    document.save(buffer)
    started = time.perf_counter()
    refuse(buffer.getvalue(), "grid.pdf")  # no text: refused, and quickly
    assert time.perf_counter() - started < 3


def test_pdf_without_text_is_refused_as_probably_scanned():
    assert "scanned" in refuse(blank_pdf(2), "scan.pdf")


def test_damaged_pdf_is_refused():
    assert "damaged" in refuse(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnonsense", "broken.pdf")


# --- Text in unexpected encodings, documents without tables -------------------------------------------

PLAN_TEXT = (
    "Action plan – update for the board\n\n"
    "Ref\tAction\tLead\tBy when\n"
    "1\tAgree the £52.5k budget with the board’s chair\tSM\tMarch 2004\n"
)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_text_in_utf16_or_cp1252_keeps_pound_signs_and_apostrophes(encoding):
    data = PLAN_TEXT.encode(encoding)
    document = read_document(data, "plan.txt")
    text = " ".join(
        block.text if hasattr(block, "text") else " ".join(c for row in block.rows for c in row)
        for block in document.blocks
    )
    assert "£52.5k" in text and "board’s" in text
    plan = read_or_refuse(data, "plan.txt")
    if plan is not None:
        assert "£52.5k" in str(plan) and "board’s" in str(plan)


def test_word_document_without_tables_gives_a_plan_or_a_clear_refusal():
    document = docx.Document()
    document.add_heading("Board minutes", level=1)
    document.add_paragraph("The board agreed to meet again in June.")
    read_or_refuse(docx_bytes(document), "minutes.docx")


def test_csv_with_ragged_rows_and_stray_quotes_is_read():
    data = b'Ref,Action,Lead,Due\n1,"Audit ""all"" files,SM,March\n2,Report,JD\n3,Review,LM,June,extra\n'
    read_or_refuse(data, "plan.csv")
