"""Read the rows of an unruled table: which printed lines make up which cell and row.

Without rules, cells are told apart by spacing. In each column a cell's lines
follow at the line spacing and the next cell starts further down (padding);
a row starts where cells start in several columns at once, so a cell merged
down beside several rows (a recommendation beside its actions) stays whole.
Where text is centred or set at the foot of its cell, a row is the cells whose
lines overlap. Where no spacing parts the cells (a tight table), rows are
returned one per printed line and the reconstruction step rejoins them.
"""

from __future__ import annotations

import re

from actiontrack.importer.columns import header_roles
from actiontrack.lib.text import SOFT_BREAK

TOLERANCE = 4.0  # points: runs starting this close share a column

Band = tuple[float, float]  # a row's extent down the page: the top and bottom of its text
# A cell: where it starts, its column (None for a heading row), its runs.
_Start = tuple[float, int | None, list[dict]]
# A line that opens a list item or a dated log entry starts a new line in its cell.
_ITEM_START = re.compile(
    r"^([•▪◦·*–-]\s|\(?(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*[:–-])"
)


def column_of(x: float, columns: list[float]) -> int | None:
    """Return the index of the column starting at x, or None."""
    for index, start in enumerate(columns):
        if abs(x - start) <= TOLERANCE:
            return index
    return None


def fits(line: dict, columns: list[float]) -> bool:
    """Say whether every run starts on a column and ends before the next column starts."""
    for run in line["runs"]:
        index = column_of(run["x0"], columns)
        if index is None:
            return False
        if index + 1 < len(columns) and run["x1"] > columns[index + 1] + TOLERANCE:
            return False
    return True


def rows_of(block: list[dict], columns: list[float]) -> tuple[list[list[str]], list[Band]]:
    """Return a table block's rows and each row's band: cell by cell where cells can be told apart."""
    block = _join_header_lines(block, columns)
    return _rows_by_cells(block, columns) or _rows_by_lines(block, columns)


def _join_header_lines(block: list[dict], columns: list[float]) -> list[dict]:
    """Join a header row's wrapped lines ("Action / No.", "Target / completion / date") into one line.

    A line continues the header where it follows at the line spacing, holds
    only a word or three per cell, each under a header word the cell's width
    wrapped, and leaves the header naming the columns.
    """
    out: list[dict] = []
    last: dict | None = None  # the header's last printed line, while it may go on
    rights = _column_rights(block, columns)
    for line in block:
        if last is not None and out and _continues_header(out[-1], last, line, columns, rights):
            out[-1] = _joined_line(out[-1], line, columns)
            last = line
            continue
        last = line if is_header(line, columns) else None
        out.append(line)
    return out


# The wrapped part of a header cell: a word or three, no figures, commas or closing full stop ("No." aside).
_HEADER_WORDS = re.compile(r"^(?:No\.|[^\d,.;:]{1,30})$", re.IGNORECASE)


def _continues_header(
    header: dict, last: dict, line: dict, columns: list[float], rights: list[float]
) -> bool:
    size = max(float(last.get("size") or 0.0), last["bottom"] - last["top"], 1.0)
    if not 0 < y_of(line) - y_of(last) <= 1.4 * size or not fits(line, columns):
        return False
    for run in line["runs"]:
        index = column_of(run["x0"], columns)
        above = next((r for r in last["runs"] if column_of(r["x0"], columns) == index), None)
        # Under a repeated header, the rest of a cell the page break cut ("Lead" / "Assistant ...")
        # would have fitted beside the header's word: a header cell wraps only where its width ends.
        if above is None or index is None or meant_break(above, run, rights[index]):
            return False
    # A number, a date, a sentence's end or a list is the row below, or a cell the page break cut.
    if not all(_HEADER_WORDS.match(run["text"]) and len(run["text"].split()) <= 3 for run in line["runs"]):
        return False
    return is_header(_joined_line(header, line, columns), columns)


def _joined_line(header: dict, line: dict, columns: list[float]) -> dict:
    runs = [dict(run) for run in header["runs"]]
    for run in line["runs"]:
        index = column_of(run["x0"], columns)
        above = next((r for r in runs if column_of(r["x0"], columns) == index), None)
        if above is None:
            runs.append(dict(run))
        else:
            above.update(text=f"{above['text']} {run['text']}", x1=max(above["x1"], run["x1"]))
    runs.sort(key=lambda run: run["x0"])
    return dict(header, runs=runs, bottom=line["bottom"], text=" ".join(run["text"] for run in runs))


def _rows_by_cells(block: list[dict], columns: list[float]) -> tuple[list[list[str]], list[Band]] | None:
    """Return the rows read column by column, or None where cells cannot be told apart.

    In each column a cell's lines follow at the line spacing and the next cell
    starts further down (cell padding). A row starts where cells start in two
    or more columns at once, so a cell merged down over several rows (a
    recommendation beside its actions) stays whole in its first row, however
    its lines fall beside the rows next to it.
    """
    gap = _cell_gap(block, columns)
    if gap is None:
        return None
    rights = _column_rights(block, columns)
    starts: list[_Start] = []
    open_cells: list[list[dict] | None] = [None] * len(columns)
    for line in block:
        if not fits(line, columns) or is_header(line, columns):
            # A heading row runs across the columns, a header row names them: each closes every cell.
            starts.append((line["top"], None, [line]))
            open_cells = [None] * len(columns)
            continue
        for run in line["runs"]:
            index = column_of(run["x0"], columns)
            assert index is not None
            cell = open_cells[index]
            if cell is not None and y_of(run) - y_of(cell[-1]) <= gap:
                cell.append(run)
                continue
            fresh = [run]
            open_cells[index] = fresh
            starts.append((y_of(run), index, fresh))
    starts.sort(key=lambda start: start[0])
    groups: list[list[_Start]] = []
    for start in starts:
        group = groups[-1] if groups else None
        if (
            group
            and group[0][1] is not None
            and start[1] is not None
            and start[0] - group[0][0] <= 2.0
            and all(member[1] != start[1] for member in group)
        ):
            group.append(start)
            continue
        groups.append([start])
    cells = [group for group in groups if group[0][1] is not None]
    lone = sum(1 for group in cells if len(group) == 1)
    if lone > max(1.0, 0.25 * len(cells)):
        # Cells that do not start level (text centred or at the foot of its cell): a row is the
        # cells whose lines overlap, as the padding keeps rows apart.
        groups = _overlapping(starts)
    rows: list[list[str]] = []
    bands: list[Band] = []
    for group in groups:
        row = [""] * len(columns)
        printed = [run for _, _, runs in group for run in runs]
        bands.append((min(run["top"] for run in printed), max(run["bottom"] for run in printed)))
        for _, index, runs in group:
            if index is None:
                for run in runs[0]["runs"]:
                    at = column_of(run["x0"], columns)
                    row[at or 0] = f"{row[at or 0]} {run['text']}".strip()
                continue
            text = runs[0]["text"]
            for before, run in zip(runs, runs[1:], strict=False):
                text += line_glue(before, run, rights[index]) + run["text"]
            row[index] = f"{row[index]}\n{text}" if row[index] else text
        rows.append(row)
    return rows, bands


def _overlapping(starts: list[_Start]) -> list[list[_Start]]:
    """Group cells whose printed lines overlap from top to bottom; a heading stands alone."""
    groups: list[list[_Start]] = []
    bottom = float("-inf")
    for start in starts:
        runs = start[2]
        top = min(run["top"] for run in runs)
        if start[1] is None or not groups or groups[-1][0][1] is None or top >= bottom - 1.0:
            groups.append([start])
            bottom = max(run["bottom"] for run in runs)
        else:
            groups[-1].append(start)
            bottom = max(bottom, *(run["bottom"] for run in runs))
    return groups


def _cell_gap(block: list[dict], columns: list[float]) -> float | None:
    """Return the distance (top to top) within which a column's next line stays in the same cell.

    None where the spacing of lines inside cells and between cells cannot be told apart.
    """
    pitches: list[float] = []
    last: dict[int, float] = {}
    sizes: list[float] = []
    for line in block:
        if not fits(line, columns) or is_header(line, columns):
            last.clear()
            continue
        for run in line["runs"]:
            index = column_of(run["x0"], columns)
            if index is None:
                continue
            sizes.append(run.get("size") or run["bottom"] - run["top"])
            if index in last and y_of(run) > last[index]:
                pitches.append(y_of(run) - last[index])
            last[index] = y_of(run)
    if not pitches or not sizes:
        return None
    size = sorted(sizes)[len(sizes) // 2]
    pitches.sort()
    if pitches[0] > 1.45 * size:
        return 1.3 * size  # no cell wraps: every line is a cell of its own
    for low, high in zip(pitches, pitches[1:], strict=False):
        if high - low >= max(1.5, 0.15 * low):
            if low > 1.45 * size or not (_off_grid(pitches, low) or _blank_bands(block, columns, low)):
                return None
            return (low + high) / 2
    return None


def _blank_bands(block: list[dict], columns: list[float], line: float) -> bool:
    """Say whether a blank band runs across every column somewhere: rows padded a line apart.

    In a tight table the tallest cell of each row runs on to the next row's
    first line, so no such band appears.
    """
    tops = [y_of(row) for row in block if fits(row, columns) and not is_header(row, columns)]
    return any(b - a >= 1.8 * line for a, b in zip(tops, tops[1:], strict=False))


def _off_grid(pitches: list[float], line: float) -> bool:
    """Say whether some pitches are not whole numbers of lines: padding or spacing parts the cells.

    Without it (a tight table) a column's next cell starts a whole number of
    lines down, just as a line of the same cell would after a blank line.
    """
    off = 0
    for pitch in pitches:
        lines = pitch / line
        if abs(lines - round(lines)) > 0.15:
            off += 1
    return off >= 2


def y_of(run: dict) -> float:
    """Return where a run stands: its baseline where the reader gives one, else its top."""
    return float(run.get("base", run["top"]))


def is_header(line: dict, columns: list[float]) -> bool:
    """Say whether a line's cells name the columns' roles (a header row, perhaps repeated)."""
    cells = [""] * len(columns)
    for run in line["runs"]:
        index = column_of(run["x0"], columns)
        if index is not None:
            cells[index] = run["text"]
    return header_roles(cells) is not None


def _rows_by_lines(block: list[dict], columns: list[float]) -> tuple[list[list[str]], list[Band]]:
    """Return the rows line by line, joining lines that follow closer than rows do."""
    threshold = _row_pitch(block)
    rights = _column_rights(block, columns)
    rows: list[list[str]] = []
    bands: list[Band] = []
    ends: list[list[dict | None]] = []  # each cell's last printed line, for judging line breaks
    previous: dict | None = None
    for line in block:
        cells: list[dict | None] = [None] * len(columns)
        for run in line["runs"]:
            index = column_of(run["x0"], columns)
            assert index is not None
            cells[index] = run
        # A heading row runs across the columns; it never wraps on from the line before, nor takes one.
        heading = not fits(line, columns)
        wrapped = (
            threshold is not None
            and previous is not None
            and not heading
            and fits(previous, columns)
            and y_of(line) - y_of(previous) < threshold
        )
        if wrapped:
            for index, run in enumerate(cells):
                if run is None:
                    continue
                before = ends[-1][index]
                if before is None:
                    rows[-1][index] = run["text"]
                else:
                    glue = line_glue(before, run, rights[index])
                    rows[-1][index] += glue + run["text"]
                ends[-1][index] = run
            bands[-1] = (bands[-1][0], max(bands[-1][1], line["bottom"]))
        else:
            rows.append([run["text"] if run else "" for run in cells])
            bands.append((line["top"], line["bottom"]))
            ends.append(cells)
        previous = line
    return rows, bands


def _row_pitch(block: list[dict]) -> float | None:
    """Return the line pitch above which a line starts a new row, or None if rows cannot be told.

    Lines wrapped inside a cell follow at the font's line spacing; rows stand
    further apart (cell padding). Without two such pitches, nothing is joined.
    """
    pitches = sorted(y_of(b) - y_of(a) for a, b in zip(block, block[1:], strict=False) if y_of(b) > y_of(a))
    for low, high in zip(pitches, pitches[1:], strict=False):
        if high - low >= max(1.5, 0.15 * low):
            return (low + high) / 2 if _off_grid(pitches, low) else None
    return None


def _column_rights(block: list[dict], columns: list[float]) -> list[float]:
    """Return where each column's text may reach: the furthest any of its text reaches.

    Without rules the cell's edge is unknown; the next column's start less the
    padding is further than the text goes, and would make wrapped lines look
    like meant breaks. A column whose text never nears its edge keeps the
    next column's start.
    """
    rights = []
    for index, start in enumerate(columns):
        limit = columns[index + 1] - TOLERANCE if index + 1 < len(columns) else float("inf")
        reach = [
            run["x1"] for line in block for run in line["runs"] if column_of(run["x0"], columns) == index
        ]
        furthest = max(reach, default=start)
        rights.append(furthest if furthest < limit and limit - furthest < 0.25 * (limit - start) else limit)
    rights[-1] = min(rights[-1], max((r["x1"] for ln in block for r in ln["runs"]), default=columns[-1]))
    return rights


def line_glue(before: dict, line: dict, right: float) -> str:
    """Return what joins a cell's printed line to the next: a meant break, nothing, or a soft break.

    A word broken at its own hyphen ("Sub-" / "group") is one word again.
    """
    if meant_break(before, line, right):
        return "\n"
    if re.search(r"[A-Za-z]-$", before["text"]) and line["text"][:1].islower():
        return ""
    return SOFT_BREAK


def meant_break(before: dict, line: dict, right: float) -> bool:
    """Say whether a cell's line break was meant, rather than made by the cell's width (right edge)."""
    if _ITEM_START.match(line["text"]):
        return True
    # The first word's width is its share of the line's width; a break is
    # meant where that word (and a space) would have fitted before it.
    first_word = line["text"].split(" ", 1)[0]
    word = (line["x1"] - line["x0"]) * (len(first_word) + 0.5) / max(len(line["text"]), 1)
    return right - before["x1"] > word * 1.1 + 1.0
