"""Find unruled tables in a PDF page's text lines by the alignment of their columns.

Each line is a list of runs: stretches of text with normal word spacing
between them, separated from the next run by a wider gap. A table shows as
lines of several runs whose left edges fall on a few shared positions (the
column starts), each run staying within its column. Rows are returned as
printed, one per line: the reconstruction step rejoins wrapped rows.
"""

from __future__ import annotations

_TOLERANCE = 4.0  # points: runs starting this close share a column
_MIN_COLUMNS = 3
_MIN_ROWS = 3

Box = tuple[float, float, float, float]


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
    for line in [*lines, None]:
        if line is not None and _fits(line, columns):
            block.append(line)
            continue
        if sum(1 for member in block if len(member["runs"]) >= 2) >= _MIN_ROWS:
            tables.append(_table(block, columns))
        block = []
    return [table for table in tables if _used_columns(table[1]) >= _MIN_COLUMNS]


def _column_starts(lines: list[dict]) -> list[float]:
    starts = sorted(run["x0"] for line in lines for run in line["runs"])
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= _TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    needed = max(_MIN_ROWS, len(lines) // 4)
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
    rows = []
    for line in block:
        row = [""] * len(columns)
        for run in line["runs"]:
            index = _column_of(run["x0"], columns)
            assert index is not None
            row[index] = f"{row[index]} {run['text']}".strip()
        rows.append(row)
    bbox = (
        min(line["x0"] for line in block),
        min(line["top"] for line in block),
        max(line["x1"] for line in block),
        max(line["bottom"] for line in block),
    )
    return bbox, rows


def _used_columns(rows: list[list[str]]) -> int:
    return sum(1 for column in range(len(rows[0])) if any(row[column] for row in rows))
