"""Read Word (.docx) documents: body paragraphs and tables in reading order.

The body XML is walked directly (python-docx opens the package and resolves
styles) so that paragraphs and tables keep their order and merged cells can be
laid out on the table grid: a merged cell's text appears once, in its first
row and column, and the cells it covers are empty strings, which is what lets
the reconstruction step recognise continuation rows. A cell's paragraphs (and
the rows of a table nested in it) are joined with "\n"; automatic list
numbers are written out (`docx_numbering`); heading styles give the heading
level; shading in an empty RAG cell becomes the colour's name (`colours`).
Headers, footers, text boxes and deleted revisions are not part of the body
text and are ignored.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import MAX_ROWS, MAX_TABLE_COLUMNS, LimitExceeded, check_count
from actiontrack.importer.model import Block, Paragraph, RawDocument, Table
from actiontrack.importer.readers import register
from actiontrack.importer.readers.colours import name_rag_fills
from actiontrack.importer.readers.docx_numbering import Numbering
from actiontrack.importer.readers.safety import (
    check_zip,
    looks_like_ole,
    looks_like_zip,
    refuse_ole,
    zip_names,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"

# Wrappers that may stand around paragraphs, rows or cells without changing
# what is printed: content controls, custom XML, tracked-change containers.
_TRANSPARENT = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo", f"{_W}smartTag"}
# Text that is not printed (deleted revisions) or printed elsewhere (text
# boxes, whose content is repeated in a VML fallback) is skipped.
_SKIP_IN_PARAGRAPH = {
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}txbxContent",
    f"{{{MC}}}Fallback",
    f"{_W}instrText",
    f"{_W}delText",
}
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def sniff(data: bytes, filename: str) -> bool:
    """Claim Word documents, and any other zip or OLE file that is not a workbook.

    Damaged zips, zip bombs and encrypted Office files are claimed too, so
    that the reader can say what is wrong with them instead of the text
    reader calling them unreadable.
    """
    if looks_like_ole(data):
        return True
    if not looks_like_zip(data):
        return False
    names = zip_names(data)
    return names is None or "xl/workbook.xml" not in names


def read(data: bytes, filename: str) -> RawDocument:
    """Read a .docx into paragraphs and tables in body order."""
    if looks_like_ole(data):
        refuse_ole(data, filename)
    # Damaged workbooks land here too (their parts cannot be listed): name what the file says it is.
    kind = "Excel workbook" if filename.lower().endswith((".xlsx", ".xlsm")) else "Word document"
    check_zip(data, filename, kind)
    names = zip_names(data) or set()
    if "word/document.xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            raise UnreadableDocument(
                f"{filename} is an OpenDocument file (LibreOffice or OpenOffice). Save it as a Word "
                "document (.docx) or Excel workbook (.xlsx) and upload that copy."
            )
        raise UnreadableDocument(
            f"{filename} is a zip archive, not a Word document or Excel workbook ActionTrack can read."
        )
    import docx  # deferred: python-docx is only needed for Word uploads

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception:  # noqa: BLE001 - zlib, lxml, zipfile and python-docx's own errors on damage
        raise UnreadableDocument(
            f"{filename} is damaged: ActionTrack cannot open it as a Word document. "
            "Open it in Word, save it again and upload the new copy."
        ) from None
    # Counted before any row is laid out: each row costs its grid's width.
    check_count(sum(1 for _ in body.iter(f"{_W}tr")), MAX_ROWS, "table rows")
    headings = _heading_styles(document)
    blocks = list(_body_blocks(body, headings, Numbering(document)))
    return RawDocument(name=filename, kind="docx", blocks=blocks)


def _heading_styles(document) -> dict[str, int]:
    """Map paragraph style ids to heading levels ("Heading2" -> 2, "Title" -> 1)."""
    levels: dict[str, int] = {}
    for style in document.styles:
        style_id = getattr(style, "style_id", None)
        name = (getattr(style, "name", None) or "").strip()
        if not style_id:
            continue
        match = _HEADING_STYLE.match(name)
        if match:
            levels[style_id] = max(int(match.group(1)), 1)
        elif name.lower() == "title":
            levels[style_id] = 1
    return levels


def _body_blocks(body, headings: dict[str, int], numbering: Numbering) -> Iterator[Block]:
    for element in _children(body):
        if element.tag == f"{_W}p":
            text = _numbered_text(element, numbering)
            if text:
                yield Paragraph(text=text, heading=_heading_level(element, headings))
        elif element.tag == f"{_W}tbl":
            rows = _table_rows(element, numbering)
            if any(any(cell for cell in row) for row in rows):
                yield Table(rows=rows)


def _children(element) -> Iterator:
    """Yield child elements, looking through transparent wrappers."""
    for child in element:
        if child.tag in _TRANSPARENT:
            yield from _children(child)
        elif isinstance(child.tag, str):
            yield child


def _heading_level(paragraph, headings: dict[str, int]) -> int | None:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    if style is not None:
        level = headings.get(style.get(f"{_W}val", ""))
        if level:
            return level
    outline = paragraph.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        value = outline.get(f"{_W}val", "")
        # Level 9 means "body text" in Word's outline levels.
        if value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def _numbered_text(paragraph, numbering: Numbering) -> str:
    """Return a paragraph's text with its list number ("2. ..."), stripped."""
    label = numbering.label(paragraph)
    text = _paragraph_text(paragraph).strip()
    return f"{label} {text}" if label and text else text


def _paragraph_text(paragraph) -> str:
    """Return a paragraph's printed text; line breaks become "\n"."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return "".join(parts).replace("\u00a0", " ")


def _collect_text(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            # A page break inside a paragraph separates text like a line break.
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}sym":
            parts.append(_symbol(child))
        elif tag == f"{_W}pPr" or tag == f"{_W}rPr":
            continue
        else:
            _collect_text(child, parts)


def _symbol(sym) -> str:
    # Symbol-font bullets and ticks: keep a readable stand-in for the common ones.
    code = sym.get(f"{_W}char", "").upper()
    return {"F0B7": "•", "F0FC": "✓", "F0FB": "✗", "F0A7": "▪"}.get(code, "")


def _table_rows(table, numbering: Numbering) -> list[list[str]]:
    """Lay a table's rows out on its grid, merged cells given once."""
    grid = table.findall(f"{_W}tblGrid/{_W}gridCol")
    _check_width(len(grid))
    rows: list[list[str]] = []
    fills: list[list[str | None]] = []
    for tr in _children(table):
        if tr.tag != f"{_W}tr":
            continue
        before = _grid_skip(tr, "gridBefore")
        row: list[str] = [""] * before
        row_fills: list[str | None] = [None] * before
        for tc in _children(tr):
            if tc.tag != f"{_W}tc":
                continue
            span = _cell_span(tc)
            _check_width(len(row) + span)
            merged = _continues_vertical_merge(tc)
            row.append("" if merged else _cell_text(tc, numbering))
            row.extend([""] * (span - 1))
            row_fills.append(None if merged else _fill(tc))
            row_fills.extend([None] * (span - 1))
        after = _grid_skip(tr, "gridAfter")
        _check_width(len(row) + after)
        row.extend([""] * after)
        rows.append(row)
        fills.append(row_fills)
    width = max([len(grid)] + [len(row) for row in rows]) if rows else 0
    for row in rows:
        row.extend([""] * (width - len(row)))
    name_rag_fills(rows, fills)
    # Grid columns that no row fills (left over from deleted or split columns)
    # carry nothing and would only shift the column mapping.
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    if keep and len(keep) < width:
        rows = [[row[c] for c in keep] for row in rows]
    return rows


def _fill(tc) -> str | None:
    shading = tc.find(f"{_W}tcPr/{_W}shd")
    return shading.get(f"{_W}fill") if shading is not None else None


def _check_width(columns: int) -> None:
    """Refuse a row wider than MAX_TABLE_COLUMNS before its cells are laid out."""
    if columns > MAX_TABLE_COLUMNS:
        raise LimitExceeded(
            f"has a table more than {MAX_TABLE_COLUMNS} columns wide",
            f"tables of at most {MAX_TABLE_COLUMNS} columns",
        )


def _grid_skip(tr, name: str) -> int:
    element = tr.find(f"{_W}trPr/{_W}{name}")
    return _count(element.get(f"{_W}val", "0") if element is not None else "0", 0)


def _cell_span(tc) -> int:
    element = tc.find(f"{_W}tcPr/{_W}gridSpan")
    return max(_count(element.get(f"{_W}val", "1") if element is not None else "1", 1), 1)


def _count(value: str, default: int) -> int:
    """Read a count of grid columns; one wider than any table is refused before it is used."""
    if not (value.isascii() and value.isdigit()):
        return default
    # Judged on the digits first: int("1" * 5000) would itself raise.
    count = int(value) if len(value) <= 6 else MAX_TABLE_COLUMNS + 1
    _check_width(count)
    return count


def _continues_vertical_merge(tc) -> bool:
    element = tc.find(f"{_W}tcPr/{_W}vMerge")
    return element is not None and element.get(f"{_W}val", "continue") == "continue"


def _cell_text(tc, numbering: Numbering) -> str:
    """Join a cell's paragraphs (and any nested table's rows) with "\n"."""
    lines: list[str] = []
    for child in _children(tc):
        if child.tag == f"{_W}p":
            text = _numbered_text(child, numbering)
            if text:
                lines.append(text)
        elif child.tag == f"{_W}tbl":
            # A table inside a cell splits the cell: each of its rows is a line,
            # its cells separated by spaces.
            for row in _table_rows(child, numbering):
                line = " ".join(cell.replace("\n", " ") for cell in row if cell)
                if line:
                    lines.append(line)
    return "\n".join(lines)


register("docx", sniff, read)
