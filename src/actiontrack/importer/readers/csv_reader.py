"""Read comma- or semicolon-separated files exported from a spreadsheet.

The sniffer is deliberately conservative: prose and tab-separated text
extracts contain commas too, and those belong to the text reader. A file is
taken as CSV only when its first records split on one delimiter into the
same number (three or more) of fields, and that delimiter beats the tab.
"""

from __future__ import annotations

import csv
import io

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import MAX_ROWS, MAX_TABLE_COLUMNS, check_count, check_text
from actiontrack.importer.model import RawDocument
from actiontrack.importer.readers import register
from actiontrack.importer.readers.encoding import decode
from actiontrack.importer.readers.grid import grid_blocks

_SAMPLE_BYTES = 64 * 1024
_SAMPLE_RECORDS = 20
_MIN_COLUMNS = 3
_DELIMITERS = ",;"
# Large CSV fields (long update logs) exceed the module's 128 KB default only
# in crafted files; the upload limit bounds them anyway.
csv.field_size_limit(8 * 1024 * 1024)


def sniff(data: bytes, filename: str) -> bool:
    """Claim text whose first records form a consistent comma/semicolon grid."""
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        return False  # UTF-16 or binary: never CSV here
    return _dialect(decode(sample), truncated=len(data) > _SAMPLE_BYTES) is not None


def read(data: bytes, filename: str) -> RawDocument:
    """Read a CSV file into one table (with any title rows above it as paragraphs)."""
    text = decode(data)
    check_text(text, lines=False)  # its rows are counted below: a cell may hold many lines
    dialect = _dialect(text[: _SAMPLE_BYTES * 2], truncated=len(text) > _SAMPLE_BYTES * 2)
    if dialect is None:
        raise UnreadableDocument(f"{filename} does not look like a comma-separated table.")
    try:
        rows = []
        for row in csv.reader(io.StringIO(text), dialect):
            cells = [cell.strip() for cell in row]
            while len(cells) > MAX_TABLE_COLUMNS and not cells[-1]:
                cells.pop()
            check_count(len(cells), MAX_TABLE_COLUMNS, "columns", "tables")
            rows.append(cells)
            check_count(len(rows), MAX_ROWS, "rows")
    except csv.Error as exc:
        raise UnreadableDocument(f"{filename} is not a well-formed CSV file ({exc}).") from None
    rows = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows]
    blocks = grid_blocks(rows)
    if not blocks:
        raise UnreadableDocument(f"{filename} has no filled cells.")
    return RawDocument(name=filename, kind="csv", blocks=blocks)


def _dialect(text: str, truncated: bool) -> type[csv.Dialect] | None:
    """Return the dialect if the text's first records form a grid of 3+ columns.

    The delimiter is chosen by trying each in turn, most frequent first, in
    time linear in the sample: the standard library's `csv.Sniffer` takes
    quadratic time on some inputs (a line of repeated `,"` took 51 s).
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if truncated and lines:
        lines = lines[:-1]  # the sample may cut the last line short
    head = "\n".join(lines[: _SAMPLE_RECORDS * 4])
    if not head:
        return None
    for delimiter in sorted(_DELIMITERS, key=head.count, reverse=True):
        if delimiter in head and _grid_of(head, lines, _dialect_for(delimiter, lines[0]), truncated):
            return _dialect_for(delimiter, lines[0])
    return None


def _dialect_for(delimiter: str, first_line: str) -> type[csv.Dialect]:
    # A space after every delimiter of the header ("Ref, Action, Lead") goes before a quoted field too.
    spaced = first_line.count(delimiter) == first_line.count(delimiter + " ")

    class Dialect(csv.excel):
        pass

    Dialect.delimiter, Dialect.skipinitialspace = delimiter, spaced
    return Dialect


def _grid_of(head: str, lines: list[str], dialect: type[csv.Dialect], truncated: bool) -> bool:
    """Say whether the head's first records split by the dialect into a grid of 3+ columns."""
    try:
        records = [row for row in csv.reader(io.StringIO(head), dialect) if any(c.strip() for c in row)]
    except csv.Error:
        return False
    if truncated or len(records) > _SAMPLE_RECORDS:
        records = records[:-1] if len(records) > 1 else records
    records = records[:_SAMPLE_RECORDS]
    if len(records) < 2:
        return False
    widths = [len(row) for row in records]
    common = max(set(widths), key=widths.count)
    if common < _MIN_COLUMNS or widths.count(common) < max(2, (len(widths) * 2 + 2) // 3):
        return False
    # Tab-separated extracts also hold commas inside their cells; the tab wins
    # wherever a line holds more tabs than delimiters.
    first_lines = lines[: len(records)]
    return sum(line.count("\t") for line in first_lines) < sum(
        line.count(dialect.delimiter) for line in first_lines
    )


register("csv", sniff, read)
