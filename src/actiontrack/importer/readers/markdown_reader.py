"""Read Markdown action plans: `#` headings, paragraphs and pipe tables.

A Markdown file is text with a little structure marked: a line opening with
`#` is a heading of that level, a pipe table (`| Ref | Action |` over a
`|---|---|` rule) is a table whose cells may break lines with `<br>`, and
`**bold**`, `_emphasis_` and `[links](…)` are just their words. The rest is
read as the text reader reads text. Chosen by the file's name (`.md`,
`.markdown`) or by its content: a heading line and a pipe table's rule.
"""

from __future__ import annotations

import re

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import check_text
from actiontrack.importer.model import Block, Paragraph, RawDocument
from actiontrack.importer.readers import register
from actiontrack.importer.readers.encoding import decode
from actiontrack.importer.readers.text_layouts import separated_blocks
from actiontrack.importer.readers.text_reader import cell_text, text_blocks
from actiontrack.importer.readers.text_reader import sniff as sniff_text

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SNIFF_BYTES = 8192


def sniff(data: bytes, filename: str) -> bool:
    """Claim text named .md or .markdown, or text with a heading line and a pipe table's rule."""
    if not sniff_text(data, filename):
        return False
    if filename.lower().endswith((".md", ".markdown")):
        return True
    sample = decode(data[:_SNIFF_BYTES])
    return bool(_RULE.search(sample)) and any(_HEADING.match(line) for line in sample.split("\n"))


def read(data: bytes, filename: str) -> RawDocument:
    """Read a Markdown file into headings, paragraphs and tables."""
    if not sniff_text(data, filename):
        raise UnreadableDocument(f"{filename} does not look like a text document.")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    check_text(text)
    return RawDocument(name=filename, kind="markdown", blocks=markdown_blocks(text))


def markdown_blocks(text: str) -> list[Block]:
    """Return a Markdown text's blocks: headings with their level, tables, paragraphs."""
    blocks: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            segment = "\n".join(run)
            found = separated_blocks(segment, cell_text) if "|" in segment else None
            blocks.extend(found or text_blocks(segment))
            run.clear()

    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Paragraph(text=_inline(heading.group(2)), heading=len(heading.group(1))))
        else:
            run.append(_inline(line))
    flush()
    return blocks


def _inline(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    return _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)


register("markdown", sniff, read)
