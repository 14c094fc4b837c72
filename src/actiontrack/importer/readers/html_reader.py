"""Read HTML action plans: a saved web page's headings, paragraphs and tables, in reading order.

Parsed with lxml's forgiving HTML parser. `<h1>`–`<h6>` are headings of
their level; paragraphs, list items and other block text are paragraphs;
a `<table>` is a table whose cells keep their paragraphs, list items and
`<br>` as line breaks, a `colspan` or `rowspan` leaving the covered cells
blank as a merged Word cell does (so a band row merged across the table reads
as one lone cell, a section heading). A cell's background colour in a RAG
column names its status, as in Word. Scripts, styles and navigation are not
the plan. A table that lays out the page (one holding other tables) is read
through to the tables and text inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.model import Block, Paragraph, RawDocument, Table
from actiontrack.importer.readers import register
from actiontrack.importer.readers.colours import name_rag_fills
from actiontrack.importer.readers.encoding import decode

_SNIFF_BYTES = 4096
_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
# Not the plan: scripts, styles, navigation and controls (a page-wide ASP.NET <form> is read through).
_SKIP = {"script", "style", "noscript", "template", "nav", "head", "button", "select", "svg"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p", "div", "li", "dt", "dd", "blockquote", "pre", "caption", "section", "article", "header",
    "footer", "main", "aside", "ul", "ol", "dl", "figure", "address", "center", "body", "html", "form",
}  # fmt: skip
_LINE_TAGS = {"p", "div", "li", "br", "tr", "ul", "ol", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
_FILL = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.I)
_NAMED_COLOURS = {
    "red": "FF0000", "green": "00B050", "amber": "FFC000", "orange": "FFA500", "yellow": "FFFF00",
    "blue": "0070C0", "lime": "00FF00", "gold": "FFD700", "limegreen": "32CD32", "darkorange": "FF8C00",
}  # fmt: skip
_MAX_SPAN = 50


def sniff(data: bytes, filename: str) -> bool:
    """Claim a web page: opening with a doctype or an html, head or body tag, or named .html/.htm."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return False
    if _START.match(sample):
        return True
    return filename.lower().endswith((".html", ".htm", ".xhtml")) and b"<" in sample


def read(data: bytes, filename: str) -> RawDocument:
    """Read a web page's headings, paragraphs and tables."""
    import lxml.html  # deferred: only HTML uploads need it

    text = decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # noqa: BLE001 - lxml raises its own parser errors
        raise UnreadableDocument(f"{filename} is not a web page ActionTrack can read ({exc}).") from None
    body = root.find("body")
    blocks = list(_blocks(body if body is not None else root))
    title = root.findtext(".//title")
    if title and title.strip() and not any(isinstance(b, Paragraph) and b.heading for b in blocks[:3]):
        blocks.insert(0, Paragraph(text=" ".join(title.split()), heading=1))
    return RawDocument(name=filename, kind="html", blocks=blocks)


def _blocks(element) -> Iterator[Block]:
    """Yield the blocks of an element's content in reading order."""
    inline: list[str] = []

    def flush() -> Iterator[Block]:
        text = "".join(inline)
        inline.clear()
        lines = [" ".join(line.split()) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            yield Paragraph(text="\n".join(lines))

    if element.text:
        inline.append(element.text)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _SKIP or not tag:
            pass
        elif tag in _HEADINGS:
            yield from flush()
            text = " ".join(_text(child).split())
            if text:
                yield Paragraph(text=text, heading=_HEADINGS[tag])
        elif tag == "table":
            yield from flush()
            yield from _table(child)
        elif tag == "ol" and child.find(".//table") is None:
            # A numbered list prints its numbers: they are the actions' references.
            yield from flush()
            number = _int(child.get("start"))
            for item in child:
                if isinstance(item.tag, str) and item.tag.lower() == "li":
                    text = " ".join(_text(item).split())
                    if text:
                        yield Paragraph(text=f"{number}. {text}")
                    number += 1
        elif tag in _BLOCKS or child.find(".//table") is not None:
            yield from flush()
            yield from _blocks(child)
        elif tag == "br":
            inline.append("\n")
        else:
            inline.append(_text(child))
        if child.tail:
            inline.append(child.tail)
    yield from flush()


def _table(table) -> Iterator[Block]:
    rows = [tr for tr in table.iter("tr") if _own_row(tr, table)]
    if any(cell.find(".//table") is not None for tr in rows for cell in _cells(tr)):
        for tr in rows:  # a layout table: its cells hold the real content
            for cell in _cells(tr):
                yield from _blocks(cell)
        return
    grid: list[list[str]] = []
    fills: list[list[str | None]] = []
    pending: dict[int, int] = {}  # column -> rows a rowspan above still covers
    for tr in rows:
        row: list[str] = []
        row_fills: list[str | None] = []
        column = 0
        for cell in _cells(tr):
            while pending.get(column):
                pending[column] -= 1
                row.append("")
                row_fills.append(None)
                column += 1
            span = min(_int(cell.get("colspan")), _MAX_SPAN)
            down = min(_int(cell.get("rowspan")), _MAX_SPAN)
            row.append(_cell_text(cell))
            row_fills.append(_fill(cell))
            row.extend([""] * (span - 1))
            row_fills.extend([None] * (span - 1))
            for offset in range(span):
                if down > 1:
                    pending[column + offset] = down - 1
            column += span
        while pending.get(column):
            pending[column] -= 1
            row.append("")
            row_fills.append(None)
            column += 1
        grid.append(row)
        fills.append(row_fills)
    if not any(any(cell for cell in row) for row in grid):
        return
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    name_rag_fills(grid, fills)
    caption = table.find("caption")
    if caption is not None and _text(caption).strip():
        yield Paragraph(text=" ".join(_text(caption).split()))
    yield Table(rows=grid, whole_rows=True)


def _own_row(tr, table) -> bool:
    parent = tr.getparent()
    while parent is not None and parent.tag.lower() != "table":
        parent = parent.getparent()
    return parent is table


def _cells(tr) -> list:
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _fill(cell) -> str | None:
    colour = cell.get("bgcolor")
    match = _FILL.search(cell.get("style") or "")
    if match:
        colour = match.group(1).strip()
    if not colour:
        return None
    colour = colour.strip().lower()
    return _NAMED_COLOURS.get(colour, colour.lstrip("#") if re.fullmatch(r"#?[0-9a-f]{6}", colour) else None)


def _cell_text(cell) -> str:
    lines = [" ".join(line.split()) for line in _text(cell).split("\n")]
    return "\n".join(line for line in lines if line)


def _text(element) -> str:
    """Return an element's text, its paragraphs, list items and line breaks as "\\n"."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            if node.tail:
                parts.append(node.tail)
            return
        if tag in _LINE_TAGS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in _LINE_TAGS:
            parts.append("\n")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    return "".join(parts)


register("html", sniff, read)
