"""The intermediate document model every reader produces.

A reader turns a file into a `RawDocument`: the document's blocks in reading
order, each a paragraph of text or a table of rows of cell texts, exactly as
printed (repeated header rows, running titles and rows split by page breaks
included). Everything after the readers works on this model only, whatever
the file type.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """A run of text outside any table: a title, heading, note or key line."""

    text: str
    page: int | None = None
    heading: int | None = None  # heading level where the source marks one (docx styles, html <h1>)


@dataclass
class Table:
    """A table as printed: rows of cell texts, line breaks inside a cell kept as "\n"."""

    rows: list[list[str]]
    page: int | None = None
    exact: bool = False  # rows already logical (a form read by `labelled`): no rejoining, header first
    whole_rows: bool = False  # each row printed whole (separated cells, HTML, Markdown): no wrapped lines


Block = Paragraph | Table


@dataclass
class RawDocument:
    """What a reader saw: blocks in reading order, plus where it came from."""

    name: str
    kind: str  # the reader that produced it: "text", "docx", "pdf", "xlsx", "csv", "html", "markdown"
    blocks: list[Block] = field(default_factory=list)
