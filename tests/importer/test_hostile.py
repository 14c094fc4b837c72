"""Hostile and broken uploads: each is refused with a clear message, or read into a sensible plan.

Nothing here may raise anything but UnreadableDocument, take long, or use much memory.
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import zipfile
import zlib
from typing import Any

import docx
import openpyxl
import pytest

from actiontrack.importer import convert_bytes, limits, sandbox, validate
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.readers import read_document
from actiontrack.importer.readers.pdf_reader import MAX_PDF_PAGES
from actiontrack.importer.readers.safety import MAX_UPLOAD_BYTES, OLE_MAGIC
from tests.importer import bombs


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


# --- Memory and time bombs: each limit is hit before the work it guards -------------------------------
#
# Every bomb is built here from a valid document (`bombs`). `measured` reads it in a forked child and
# gives back the message, the child's growth in memory and the time taken: the bounds asserted are
# generous (the limits are hit in well under a second; without them these files took 1-2 GB and up to
# a minute or more).

BOUND_MB = 300
BOUND_SECONDS = 10


def measured(data: bytes, filename: str) -> tuple[str, float, float]:
    """Read the bytes in a forked child; return the refusal (or "read"), its growth in MB and seconds."""
    import multiprocessing

    def child(sender: Any) -> None:
        import resource

        with open("/proc/self/statm") as statm:
            start = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        started = time.perf_counter()
        try:
            convert_bytes(data, filename)
            outcome = "read"
        except UnreadableDocument as error:
            outcome = str(error)
        except BaseException as error:  # noqa: BLE001 - reported to the test, which fails on it
            outcome = f"crashed: {error!r}"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sender.send((outcome, peak - start, time.perf_counter() - started))

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(sender,), daemon=True)
    process.start()
    try:
        assert receiver.poll(60), f"{filename} was still being read after a minute"
        outcome, growth, seconds = receiver.recv()
    finally:
        process.kill()
        process.join()
    assert not outcome.startswith("crashed"), outcome
    return outcome, growth, seconds


def refused_within_bounds(data: bytes, filename: str, *words: str) -> str:
    message, growth, seconds = measured(data, filename)
    assert message.startswith(filename), message
    for word in words:
        assert word in message, message
    assert growth < BOUND_MB, f"{filename} took {growth:.0f} MB to refuse"
    assert seconds < BOUND_SECONDS, f"{filename} took {seconds:.1f} s to refuse"
    return message


@pytest.mark.parametrize("tag", ["gridSpan", "gridBefore", "gridAfter"])
@pytest.mark.parametrize("value", ["5000000", "1" + "0" * 20, "1" * 5000, str(limits.MAX_TABLE_COLUMNS + 1)])
def test_word_cell_spanning_more_columns_than_any_table_is_refused(tag, value):
    message = refused_within_bounds(
        bombs.docx_with_row_property(tag, value), "wide.docx", "tables of at most 200 columns"
    )
    assert message == (
        "wide.docx has a table more than 200 columns wide; ActionTrack reads tables of at most 200 columns."
    )


@pytest.mark.parametrize("tag", ["gridSpan", "gridBefore", "gridAfter"])
def test_word_cell_spanning_a_few_columns_is_still_read(tag):
    assert read_or_refuse(bombs.docx_with_row_property(tag, "3"), "spans.docx") is not None


def test_word_document_with_more_table_rows_than_any_plan_is_refused():
    data = bombs.plan_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    row = "<w:tr><w:tc><w:p/></w:tc></w:tr>"
    xml = xml.replace("</w:tbl>", row * (limits.MAX_ROWS + 1) + "</w:tbl>", 1)
    data = bombs.rezip(data, {"word/document.xml": xml.encode("utf-8")})
    refused_within_bounds(data, "rows.docx", "plans of at most 10,000 table rows")


def test_word_list_numbers_starting_at_ten_to_the_twentieth_are_read_quickly():
    """A list in Roman numerals or letters from 10^20 would never finish printing its first number."""
    document = docx.Document()
    document.add_paragraph("Action plan")
    for style in ("List Number", "List Number 2"):
        document.add_paragraph("Audit the files", style=style)
    data = docx_bytes(document)
    numbering = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml").decode("utf-8")
    numbering = re.sub(r'<w:start w:val="\d+"/>', '<w:start w:val="100000000000000000000"/>', numbering)
    numbering = re.sub(r'w:numFmt w:val="\w+"', 'w:numFmt w:val="lowerRoman"', numbering)
    numbering = re.sub(r'w:ilvl="\d+"', 'w:ilvl="4000000000"', numbering)
    data = bombs.rezip(data, {"word/numbering.xml": numbering.encode("utf-8")})
    message, growth, seconds = measured(data, "numbers.docx")
    assert seconds < BOUND_SECONDS and growth < BOUND_MB


@pytest.mark.parametrize(
    ("tag", "refs"),
    [
        ("mergeCell", ["A1:XFD1048576"]),
        ("mergeCell", ["A1:A1048576"]),
        ("mergeCell", ["$B$2:$XFD$1048576"]),
        ("mergeCell", [f"A{r}:J{r + 99}" for r in range(10, 10_000, 100)] + ["K1:K2000"]),
        ("hyperlink", ["A1:XFD1048576"]),
    ],
)
def test_workbook_with_merged_ranges_covering_more_than_the_limit_is_refused(tag, refs):
    refused_within_bounds(
        bombs.xlsx_with_ranges(tag, refs), "merged.xlsx", "merged ranges cover at most 100,000 cells"
    )


def test_workbook_with_a_few_merged_ranges_is_still_read():
    assert read_or_refuse(bombs.xlsx_with_ranges("mergeCell", ["A5:E5", "F1:F3"]), "merged.xlsx")


def test_workbook_defining_more_cells_than_the_limit_is_refused():
    data = bombs.xlsx_with_cells(limits.MAX_WORKBOOK_CELLS + 100)
    refused_within_bounds(data, "cells.xlsx", "workbooks of at most 200,000 cells")


@pytest.mark.parametrize("size", [200 * 2**20, 2**30])
def test_pdf_whose_content_stream_inflates_past_the_limit_is_refused(size):
    data = bombs.pdf_inflating_to(size)
    assert len(data) < 2 * 2**20
    refused_within_bounds(data, "inflates.pdf", "PDFs whose content inflates to at most 100.0 MB")


def test_pdf_stream_deflated_twice_or_measured_indirectly_is_counted_whole():
    layer = zlib.compress(b" " * (300 * 2**20), 9)
    twice = zlib.compress(layer, 9)
    stream = b"<< /Length 9 0 R /Filter [/FlateDecode /FlateDecode] >>\nstream\n" + twice + b"\nendstream"
    data = bombs.pdf([bombs.text_page(["Action plan"])], extra=[stream, b"%d" % len(twice)])
    refused_within_bounds(data, "twice.pdf", "inflates to at most 100.0 MB")


def test_pdf_page_of_twenty_thousand_tiny_texts_is_refused_before_its_text_is_read():
    refused_within_bounds(bombs.pdf_of_tiny_texts(20_000), "tiny.pdf", "pages of at most 3,000 pieces")


def test_pdf_with_more_text_pieces_in_all_than_the_limit_is_refused(monkeypatch):
    from actiontrack.importer.readers import pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PDF_TEXT_PIECES", 500)
    page = bombs.text_page([f"Line {n} of the notes" for n in range(50)])
    refused_within_bounds(bombs.pdf([page] * 12), "long.pdf", "PDFs of at most 500 separate pieces of text")


@pytest.mark.parametrize("size", [60_000, 600_000])
def test_csv_of_repeated_comma_quote_is_read_in_linear_time(size):
    """csv.Sniffer took 51 s on 60 KB of `,"`; the reader no longer uses it."""
    message, growth, seconds = measured(bombs.csv_of_quotes(size), "quotes.csv")
    assert seconds < BOUND_SECONDS and growth < BOUND_MB
    assert message == "read" or message.startswith("quotes.csv") or "quotes.csv" in message


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (bombs.csv_of_rows(300_000), "rows.csv", "documents of at most 5,000,000 characters"),
        (b"Ref,Action,Lead\n" + b"1,a,b\n" * (limits.MAX_ROWS + 1), "rows.csv", "at most 10,000 rows"),
        (bombs.text_of_rows(200_000), "rows.txt", "documents of at most 5,000,000 characters"),
        (b"Ref\tAction\tLead\n" + b"1\ta\tb\n" * (limits.MAX_ROWS + 1), "rows.txt", "at most 10,000 rows"),
        (b"Action plan\n" + b"a line\n" * (limits.MAX_LINES + 1), "lines.txt", "at most 50,000 lines"),
        (b"# Plan\n\n" + b"| a | b | c |\n" * (limits.MAX_LINES + 1), "lines.md", "at most 50,000 lines"),
        (bombs.csv_with_updates_in_one_cell(400_000), "updates.csv", "at most 5,000,000 characters"),
        (bombs.csv_with_updates_in_one_cell(1_001), "updates.csv", "cells of at most 1,000 updates"),
        (b"Ref," + b"," * 50_000 + b"x\n1,a,b\n2,c,d\n", "wide.csv", "tables of at most 200 columns"),
    ],
)
def test_large_plain_inputs_under_the_size_limit_are_refused_by_their_limit(data, filename, words):
    assert len(data) <= MAX_UPLOAD_BYTES
    refused_within_bounds(data, filename, words)


def test_a_plan_just_inside_the_row_limit_is_read():
    assert read_or_refuse(bombs.csv_of_rows(2_000), "rows.csv") is not None
    assert read_or_refuse(bombs.csv_with_updates_in_one_cell(200), "updates.csv") is not None


# --- The child process: whatever the limits do not foresee is stopped by its memory and time caps -----


def test_reading_that_eats_memory_is_stopped_with_the_memory_limit_named(monkeypatch):
    def hog(*args: Any) -> None:
        grown = []
        while True:
            grown.append(bytearray(64 * 2**20))

    monkeypatch.setattr(sandbox, "analyse", hog)
    with pytest.raises(UnreadableDocument, match=r"hog.docx needs more memory .* \(1 GB\)"):
        sandbox.read_bounded(b"PK", "hog.docx")


def test_reading_that_spins_is_stopped_with_the_time_limit_named(monkeypatch):
    def spin(*args: Any) -> None:
        while True:
            pass

    monkeypatch.setattr(sandbox, "analyse", spin)
    monkeypatch.setattr(limits, "READ_CPU_SECONDS", 1)
    with pytest.raises(UnreadableDocument, match="spin.pdf took too long to read: .* at most 1 seconds"):
        sandbox.read_bounded(b"%PDF-", "spin.pdf")


def test_reading_that_waits_forever_is_stopped_by_the_clock(monkeypatch):
    monkeypatch.setattr(sandbox, "analyse", lambda *args: time.sleep(3600))
    monkeypatch.setattr(limits, "READ_WALL_SECONDS", 1)
    with pytest.raises(UnreadableDocument, match="wait.txt took too long to read"):
        sandbox.read_bounded(b"text", "wait.txt")


def test_reading_in_the_child_gives_the_plan_and_its_progress():
    stages: list[str] = []
    conversion = sandbox.read_bounded(bombs.plan_pdf(), "plan.pdf", on_progress=stages.append)
    actions = [action["text"] for action in conversion.document["actions"]]
    assert actions == ["Audit the case files", "Train the duty team"]
    assert "Reading page 1 of 1" in stages and stages[-1] == "Reading the recommendations and actions"


def test_a_bomb_read_in_the_child_is_refused_like_any_other_document():
    with pytest.raises(UnreadableDocument, match="merged.xlsx has merged"):
        sandbox.read_bounded(bombs.xlsx_with_ranges("mergeCell", ["A1:XFD1048576"]), "merged.xlsx")


# --- Word documents that crashed python-docx ----------------------------------------------------------


def with_member_bytes(data: bytes, name: str, change: Any) -> bytes:
    """Change a member's header fields or packed bytes in place: `change(buffer, local_header, central)`."""
    out = bytearray(data)
    encoded = name.encode()

    def header(signature: bytes, name_at: int) -> int:
        starts = (m.start() for m in re.finditer(re.escape(signature), data))
        return next(at for at in starts if data[at + name_at : at + name_at + len(encoded)] == encoded)

    local, central = header(b"PK\x03\x04", 30), header(b"PK\x01\x02", 46)
    change(out, local, central)
    return bytes(out)


BODY = "word/document.xml"


def unknown_compression(out: bytearray, local: int, central: int) -> None:
    out[local + 8 : local + 10] = out[central + 10 : central + 12] = (99).to_bytes(2, "little")


def scrambled_deflate(out: bytearray, local: int, central: int) -> None:
    start = local + 30 + int.from_bytes(out[local + 26 : local + 28], "little")
    start += int.from_bytes(out[local + 28 : local + 30], "little")
    for offset in range(20, 60):
        out[start + offset] ^= 0x5A


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("zlib.error", lambda data: with_member_bytes(data, BODY, scrambled_deflate)),
        ("NotImplementedError", lambda data: with_member_bytes(data, BODY, unknown_compression)),
        (
            "AttributeError",
            lambda data: bombs.rezip(
                data, {"word/document.xml": f'<w:other xmlns:w="{docx_w}"><w:body/></w:other>'.encode()}
            ),
        ),
        ("OverflowError", lambda data: bombs.docx_with_row_property("gridSpan", "1" + "0" * 20)),
    ],
)
def test_damaged_word_documents_that_crashed_the_parser_are_refused_clearly(case, damage):
    message = refuse(damage(bombs.plan_docx()), "damaged.docx")
    assert "damaged" in message or "at most" in message, f"{case}: {message}"


docx_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
