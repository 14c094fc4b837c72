"""Read plain-text extracts of action plans: tab-separated rows and prose.

The text reader is the catch-all, registered last. A run of lines holding tab
characters is a table, one row per physical line; a blank line or a line
without tabs ends it, so a page break (blank lines, a repeated running title)
separates two tables. Other lines are paragraphs, one per blank-line-separated
block, its lines kept as "\\n". HTML fragments inside cells (`<p>`, `<ul>`,
`<li>`) become line breaks and the tags go.

Rows are emitted exactly as printed: wrapped rows, rows split by a page break
and repeated header rows are put back together by `reconstruct`, which knows
the column roles and works the same for every file type.
"""

from __future__ import annotations

import re

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import check_text
from actiontrack.importer.model import Block, Paragraph, RawDocument, Table
from actiontrack.importer.readers import register
from actiontrack.importer.readers.encoding import decode
from actiontrack.importer.readers.text_layouts import aligned_blocks, cell_per_line_blocks, separated_blocks
from actiontrack.lib.text import strip_markup

_SNIFF_BYTES = 8192
# Text has tabs, line breaks and the odd form feed; anything more than a
# sprinkling of other control characters means a binary file.
_MAX_CONTROL_RATIO = 0.02
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_SPACES = re.compile(r"[^\S\n]+")


def sniff(data: bytes, filename: str) -> bool:
    """Say whether the bytes are text: decodable, no NUL bytes, few control characters."""
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = sample.decode("utf-16", errors="replace")
    else:
        if b"\x00" in sample:
            return False
        text = decode(sample)
    controls = sum(1 for ch in text if (ord(ch) < 32 or ord(ch) == 127) and ch not in _ALLOWED_CONTROLS)
    replaced = text.count("\ufffd")
    return (controls + replaced) <= _MAX_CONTROL_RATIO * len(text)


def read(data: bytes, filename: str) -> RawDocument:
    """Read a text extract into paragraphs and tables of tab-separated rows."""
    if not sniff(data, filename):
        raise UnreadableDocument(f"{filename} does not look like a text document.")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    check_text(text)
    return RawDocument(name=filename, kind="text", blocks=structured_blocks(text))


def structured_blocks(text: str) -> list[Block]:
    """Read text by its structure: tab-separated rows, else the first other layout its header shows."""
    if "\t" not in text:
        for layout in (separated_blocks, aligned_blocks, cell_per_line_blocks):
            blocks = layout(text, cell_text)
            if blocks and any(isinstance(block, Table) for block in blocks):
                return blocks
    return text_blocks(text)


def text_blocks(text: str) -> list[Block]:
    """Split text into Paragraph and Table blocks in reading order."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    prose: list[str] = []

    def flush_rows() -> None:
        if rows:
            blocks.append(Table(rows=_square(rows)))
            rows.clear()

    def flush_prose() -> None:
        if prose:
            blocks.append(Paragraph(text="\n".join(prose)))
            prose.clear()

    for raw in text.split("\n"):
        if "\t" in raw:
            flush_prose()
            rows.append([cell_text(cell) for cell in raw.split("\t")])
        elif raw.strip():
            flush_rows()
            line = cell_text(raw)
            if line:
                prose.append(line)
        else:
            flush_rows()
            flush_prose()
    flush_rows()
    flush_prose()
    return blocks


def cell_text(raw: str) -> str:
    """Return a cell's text: markup gone, block tags as line breaks, spaces collapsed."""
    text = strip_markup(raw) if "<" in raw or "&" in raw else raw
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _square(rows: list[list[str]]) -> list[list[str]]:
    # Trailing tabs are often dropped on some lines; pad so every row has the table's width.
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


register("text", sniff, read)
