"""Find unruled tables in a PDF page's text lines by the alignment of their columns.

Each line is a list of runs: stretches of text with normal word spacing
between them, separated from the next run by a wider gap. A table shows as
lines of several runs whose left edges fall on a few shared positions (the
column starts), each run staying within its column. Where rows stand further
apart than the lines wrapped inside a cell, the wrapped lines are joined into
their row; otherwise rows are returned one per printed line, and the
reconstruction step rejoins them.
"""

from __future__ import annotations

import re

_TOLERANCE = 4.0  # points: runs starting this close share a column
_MIN_COLUMNS = 3
_MIN_ROWS = 3

Box = tuple[float, float, float, float]
# A line that opens a list item or a dated log entry starts a new line in its cell.
_ITEM_START = re.compile(
    r"^([•▪◦·*–-]\s|\(?(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*[:–-])"
)


def aligned_tables(lines: list[dict]) -> list[tuple[Box, list[list[str]]]]:
    """Return (bbox, rows) for each block of lines that forms an aligned grid."""
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
        if line is not None and (_fits(line, columns) or _bridges(line, padded[index + 1], columns)):
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
    return [table for table in tables if _used_columns(table[1]) >= _MIN_COLUMNS]


def _bridges(line: dict, following: dict | None, columns: list[float]) -> bool:
    """Say whether a line is a heading row inside the table: one run, on a column, with table lines after it.

    Section headings ("SOCIAL SERVICES") run across the columns, so they do not fit them.
    """
    return (
        len(line["runs"]) == 1
        and _column_of(line["x0"], columns) is not None
        and following is not None
        and len(following["runs"]) >= 2
        and _fits(following, columns)
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
        index = _column_of(run["x0"], extended)
        if index is None:
            extended = sorted([*extended, run["x0"]])
            index = extended.index(run["x0"])
        else:
            matched += 1
        if index + 1 < len(extended) and run["x1"] > extended[index + 1] + _TOLERANCE:
            return None
    return extended if matched >= 2 else None


def _column_starts(lines: list[dict]) -> list[float]:
    starts = sorted(run["x0"] for line in lines for run in line["runs"])
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= _TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    needed = _MIN_ROWS  # a sparse column (objectives given for a few rows) is still a column
    return [min(cluster) for cluster in clusters if len(cluster) >= needed]


def _column_of(x: float, columns: list[float]) -> int | None:
    for index, start in enumerate(columns):
        if abs(x - start) <= _TOLERANCE:
            return index
    return None


def _fits(line: dict, columns: list[float]) -> bool:
    """Say whether every run starts on a column and ends before the next column starts."""
    for run in line["runs"]:
        index = _column_of(run["x0"], columns)
        if index is None:
            return False
        if index + 1 < len(columns) and run["x1"] > columns[index + 1] + _TOLERANCE:
            return False
    return True


def _table(block: list[dict], columns: list[float]) -> tuple[Box, list[list[str]]]:
    threshold = _row_pitch(block)
    rights = _column_rights(block, columns)
    rows: list[list[str]] = []
    ends: list[list[dict | None]] = []  # each cell's last printed line, for judging line breaks
    previous: dict | None = None
    for line in block:
        cells: list[dict | None] = [None] * len(columns)
        for run in line["runs"]:
            index = _column_of(run["x0"], columns)
            assert index is not None
            cells[index] = run
        # A heading row runs across the columns; it never wraps on from the line before, nor takes one.
        heading = not _fits(line, columns)
        wrapped = (
            threshold is not None
            and previous is not None
            and not heading
            and _fits(previous, columns)
            and line["top"] - previous["top"] < threshold
        )
        if wrapped:
            for index, run in enumerate(cells):
                if run is None:
                    continue
                before = ends[-1][index]
                if before is None:
                    rows[-1][index] = run["text"]
                else:
                    glue = "\n" if meant_break(before, run, rights[index]) else " "
                    rows[-1][index] += glue + run["text"]
                ends[-1][index] = run
        else:
            rows.append([run["text"] if run else "" for run in cells])
            ends.append(cells)
        previous = line
    bbox = (
        min(line["x0"] for line in block),
        min(line["top"] for line in block),
        max(line["x1"] for line in block),
        max(line["bottom"] for line in block),
    )
    return bbox, rows


def _row_pitch(block: list[dict]) -> float | None:
    """Return the line pitch (top to top) above which a line starts a new row, or None if rows cannot be told.

    Lines wrapped inside a cell follow at the font's line spacing; rows stand
    further apart (cell padding). Without two such pitches, nothing is joined.
    """
    pitches = sorted(
        b["top"] - a["top"] for a, b in zip(block, block[1:], strict=False) if b["top"] > a["top"]
    )
    for low, high in zip(pitches, pitches[1:], strict=False):
        if high - low >= max(1.5, 0.15 * low):
            return (low + high) / 2
    return None


def _column_rights(block: list[dict], columns: list[float]) -> list[float]:
    """Return where each column's text may reach: the next column, or the furthest text in the last."""
    rights = [start - _TOLERANCE for start in columns[1:]]
    last = [run["x1"] for line in block for run in line["runs"] if run["x0"] >= columns[-1] - _TOLERANCE]
    return [*rights, max(last, default=columns[-1])]


def meant_break(before: dict, line: dict, right: float) -> bool:
    """Say whether a cell's line break was meant, rather than made by the cell's width (right edge)."""
    if _ITEM_START.match(line["text"]):
        return True
    # The first word's width is its share of the line's width; a break is
    # meant where that word (and a space) would have fitted before it.
    first_word = line["text"].split(" ", 1)[0]
    word = (line["x1"] - line["x0"]) * (len(first_word) + 0.5) / max(len(line["text"]), 1)
    return right - before["x1"] > word * 1.1 + 1.0


def _used_columns(rows: list[list[str]]) -> int:
    return sum(1 for column in range(len(rows[0])) if any(row[column] for row in rows))
