"""Hostile documents built by hand from valid ones: each small, each costly to read without a limit."""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib

import docx
import openpyxl

PLAN_ROWS = [
    ["Ref", "Action", "Lead", "Due", "Progress"],
    ["1", "Audit the case files", "SM", "March 2004", "12/01/2004: audit begun"],
    ["2", "Train the duty team", "JD", "June 2004", "02/02/2004: dates agreed"],
]


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Return the zip with some members' bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, replace.get(name, source.read(name)))
    return out.getvalue()


def plan_docx() -> bytes:
    """A small valid Word plan: a title and one table."""
    document = docx.Document()
    document.add_heading("Action plan", level=1)
    table = document.add_table(rows=len(PLAN_ROWS), cols=len(PLAN_ROWS[0]))
    for row, values in zip(table.rows, PLAN_ROWS, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_row_property(tag: str, value: str) -> bytes:
    """The Word plan with its first data row's first cell spanning `value` columns (tag "gridSpan"),
    or the row skipping `value` grid columns before or after it ("gridBefore", "gridAfter")."""
    data = plan_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    rows = [m.start() for m in re.finditer(r"<w:tr[ >]", xml)]
    at = rows[1]
    if tag == "gridSpan":
        cell = xml.index("<w:tc>", at) + len("<w:tc>")
        xml = xml[:cell] + f'<w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>' + xml[cell:]
    else:
        start = xml.index(">", at) + 1
        xml = xml[:start] + f'<w:trPr><w:{tag} w:val="{value}"/></w:trPr>' + xml[start:]
    return rezip(data, {"word/document.xml": xml.encode("utf-8")})


def plan_xlsx() -> bytes:
    """A small valid Excel plan: one sheet of the plan's rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in PLAN_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_ranges(tag: str, refs: list[str]) -> bytes:
    """The Excel plan with merged ranges ("mergeCell") or linked ranges ("hyperlink") added to its sheet."""
    data = plan_xlsx()
    name = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")
    if tag == "mergeCell":
        cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
        block = f'<mergeCells count="{len(refs)}">{cells}</mergeCells>'
    else:
        block = "<hyperlinks>" + "".join(f'<hyperlink ref="{ref}" display="x"/>' for ref in refs)
        block += "</hyperlinks>"
    xml = xml.replace("<pageMargins", block + "<pageMargins", 1)
    return rezip(data, {name: xml.encode("utf-8")})


def xlsx_with_cells(count: int) -> bytes:
    """The Excel plan with `count` more numeric cells defined in its sheet, packed tightly."""
    data = plan_xlsx()
    name = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")
    width, numbers = 50, random.Random(1)
    cells = lambda: "".join(f"<c><v>{numbers.randrange(10**9)}</v></c>" for _ in range(width))  # noqa: E731
    rows = "".join(f'<row r="{r}">{cells()}</row>' for r in range(10, 10 + count // width + 1))
    xml = xml.replace("</sheetData>", rows + "</sheetData>", 1)
    return rezip(data, {name: xml.encode("utf-8")})


def pdf(pages: list[bytes], compress: bool = False, extra: list[bytes] | None = None) -> bytes:
    """Write a PDF by hand: one page per content stream, in Helvetica, with a correct cross-reference."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for content in pages:
        body = zlib.compress(content, 9) if compress else content
        filters = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(body), filters) + body + b"\nendstream")
        contents = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects.extend(extra or [])
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_page(lines: list[str]) -> bytes:
    """A content stream printing the lines down the page."""
    ops = [b"BT /F1 10 Tf 50 800 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(%s) Tj T*" % escaped.encode("latin-1"))
    ops.append(b"ET")
    return b"\n".join(ops)


def plan_pdf(compress: bool = False) -> bytes:
    """A small valid PDF plan: a title and the plan's rows, each cell at its column."""
    ops = [b"BT /F1 16 Tf 1 0 0 1 50 800 Tm (Action plan) Tj /F1 9 Tf"]
    columns = [50, 80, 220, 260, 330]
    for number, row in enumerate(PLAN_ROWS):
        for x, text in zip(columns, row, strict=True):
            ops.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, 760 - 14 * number, text.encode("latin-1")))
    ops.append(b"ET")
    return pdf([b"\n".join(ops)], compress=compress)


def pdf_inflating_to(size: int) -> bytes:
    """A one-page PDF whose content stream is `size` bytes of spaces, deflated (about size/1000 packed)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate([catalog, pages, page, stream], start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pdf_of_tiny_texts(count: int) -> bytes:
    """A one-page PDF of `count` text operations, each one character at its own place."""
    ops = [b"BT /F1 4 Tf"]
    for index in range(count):
        x, y = 20 + (index % 140) * 4, 820 - (index // 140) % 200 * 4
        ops.append(b"1 0 0 1 %d %d Tm (%c) Tj" % (x, y, 65 + index % 26))
    ops.append(b"ET")
    return pdf([b"\n".join(ops)])


def csv_of_quotes(size: int) -> bytes:
    """A CSV of repeated `,"`: the standard library's dialect sniffer takes quadratic time on it."""
    return b"Ref,Action,Lead\n" + b',"' * (size // 2)


def csv_of_rows(count: int) -> bytes:
    """A well-formed CSV plan of `count` actions."""
    lines = ["Ref,Action,Lead,Due"] + [f"{i},Audit the files of team {i},SM,March 2004" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


def text_of_rows(count: int) -> bytes:
    """A tab-separated text plan of `count` actions."""
    lines = ["Ref\tAction\tLead\tDue"] + [f"{i}\tAudit team {i}\tSM\tMarch 2004" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


def csv_with_updates_in_one_cell(count: int) -> bytes:
    """A CSV plan whose one progress cell holds `count` dated updates."""
    updates = "\n".join(f"{1 + i % 28:02d}/{1 + i % 12:02d}/2004: step {i} done" for i in range(count))
    return (
        "Ref,Action,Lead,Due,Progress\n"
        f'1,Audit the case files,SM,March 2004,"{updates}"\n'
        "2,Train the duty team,JD,June 2004,02/02/2004: dates agreed\n"
    ).encode()
