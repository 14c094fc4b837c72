"""Find unruled tables in a PDF page's text lines by the alignment of their columns.

Each line is a list of runs: stretches of text with normal word spacing
between them, separated from the next run by a wider gap. A table shows as
lines of several runs whose left edges fall on a few shared positions (the
column starts), each run staying within its column. A table carried onto the
next page keeps the columns it had; a key ("KEY:", "RAG key") below a table
is not part of it. Which lines make up which cell and row is `aligned_rows`'s
business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actiontrack.importer.readers.aligned_rows import (
    TOLERANCE,
    Band,
    column_of,
    fits,
    is_header,
    line_glue,
    rows_of,
)

__all__ = ["AlignedTable", "aligned_tables", "line_glue"]

_MIN_COLUMNS = 3
_MIN_ROWS = 3

# "KEY:", "RAG key", "Abbreviations": a legend below the table, never a section heading inside it.
_KEY_HEADING = re.compile(
    r"^\W*(?:(?:rag|status|colour|color)\s+){0,2}(?:key|legend|glossary|abbreviations)\b\W*$", re.IGNORECASE
)
Box = tuple[float, float, float, float]


@dataclass
class AlignedTable:
    """A table found by alignment: its box, its rows, where its columns start and each row's band."""

    bbox: Box
    rows: list[list[str]]
    columns: list[float]
    bands: list[Band]


def aligned_tables(lines: list[dict], known: list[float] | None = None) -> list[AlignedTable]:
    """Return (bbox, rows, columns) for each block of lines that forms an aligned grid.

    `known` are the columns of a table printed on the page before: the lines
    at the top of the page that fit them carry that table on, however few
    (too few rows start in each column to show the grid by themselves).
    """
    if known:
        carried = _carried_block(lines, known)
        if carried is not None:
            start, end = carried
            return [_table(lines[start:end], known), *aligned_tables(lines[end:])]
    multi = [line for line in lines if len(line["runs"]) >= 2]
    if len(multi) < _MIN_ROWS:
        return []
    columns = _column_starts(multi)
    if len(columns) < _MIN_COLUMNS:
        return []
    tables = []
    block: list[dict] = []
    padded: list[dict | None] = [*lines, None]
    for index, line in enumerate(padded):
        if line is not None and _in_table(line, padded[index + 1], columns):
            block.append(line)
            continue
        if sum(1 for member in block if len(member["runs"]) >= 2) >= _MIN_ROWS:
            above = index - len(block) - 1
            header = _header_columns(lines[above], block[0], columns) if above >= 0 else None
            if header is not None:
                tables.append(_table([lines[above], *block], header))
            else:
                tables.append(_table(block, columns))
        block = []
    return [table for table in tables if _used_columns(table.rows) >= _MIN_COLUMNS]


def _carried_block(lines: list[dict], columns: list[float]) -> tuple[int, int] | None:
    """Return where the lines carrying a table on from the page before start and end, or None.

    The block opens at the first line of several runs on the columns (a running
    title above it is not a row, though it may start on a column) with any
    single-cell lines just above it, and runs while lines fit the columns.
    """
    first = next((i for i, line in enumerate(lines) if len(line["runs"]) >= 2 and fits(line, columns)), None)
    if first is None:
        return None
    start = first
    while start > 0 and fits(lines[start - 1], columns):
        above, below = lines[start - 1], lines[start]
        if below["top"] - above["top"] > 1.6 * max(above["size"], 1.0):
            break
        start -= 1
    end = first
    padded: list[dict | None] = [*lines, None]
    while end < len(lines) and _in_table(lines[end], padded[end + 1], columns):
        end += 1
    rows = sum(1 for line in lines[start:end] if len(line["runs"]) >= 2)
    # The repeated header alone names the grid: the lines under it carry the table on.
    headed = is_header(lines[first], columns) and end - start >= 2
    if rows < 2 and not headed:
        return None
    return start, end


def _in_table(line: dict, following: dict | None, columns: list[float]) -> bool:
    """Say whether a line belongs to the table on these columns: a row's line or a heading row."""
    if _KEY_HEADING.match(line["text"]):
        return False
    return fits(line, columns) or _bridges(line, following, columns)


def _bridges(line: dict, following: dict | None, columns: list[float]) -> bool:
    """Say whether a line is a heading row inside the table: one run, on a column, with table lines after it.

    Section headings ("SOCIAL SERVICES") run across the columns, so they do not fit them.
    """
    return (
        len(line["runs"]) == 1
        and column_of(line["x0"], columns) is not None
        and following is not None
        and len(following["runs"]) >= 2
        and fits(following, columns)
    )


def _header_columns(line: dict, first: dict, columns: list[float]) -> list[float] | None:
    """Return the columns if the line just above a table is its header, else None.

    A header's cells start on the table's columns, except that a column whose
    cells are all empty (no leads given, RAG shown by colour alone) is known
    only by its header: such a header cell adds its column.
    """
    height = max(first["bottom"] - first["top"], 1.0)
    if first["top"] - line["bottom"] > 2 * height:
        return None
    extended = list(columns)
    matched = 0
    for run in line["runs"]:
        index = column_of(run["x0"], extended)
        if index is None:
            extended = sorted([*extended, run["x0"]])
            index = extended.index(run["x0"])
        else:
            matched += 1
        if index + 1 < len(extended) and run["x1"] > extended[index + 1] + TOLERANCE:
            return None
    return extended if matched >= 2 else None


def _column_starts(lines: list[dict]) -> list[float]:
    starts = sorted(run["x0"] for line in lines for run in line["runs"])
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    needed = _MIN_ROWS  # a sparse column (objectives given for a few rows) is still a column
    return [min(cluster) for cluster in clusters if len(cluster) >= needed]


def _table(block: list[dict], columns: list[float]) -> AlignedTable:
    bbox = (
        min(line["x0"] for line in block),
        min(line["top"] for line in block),
        max(line["x1"] for line in block),
        max(line["bottom"] for line in block),
    )
    rows, bands = rows_of(block, columns)
    return AlignedTable(bbox, rows, columns, bands)


def _used_columns(rows: list[list[str]]) -> int:
    return sum(1 for column in range(len(rows[0])) if any(row[column] for row in rows))
