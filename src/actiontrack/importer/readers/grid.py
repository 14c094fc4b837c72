"""Split a spreadsheet-like grid into notes, the plan's table and keys, shared by xlsx and csv."""

from __future__ import annotations

from actiontrack.importer.model import Block, Paragraph, Table

# A block below the table, after a blank row, that fills at most this many
# cells a row is a key or a note (a RAG legend, a sign-off), not more actions.
_KEY_WIDTH = 2


def grid_blocks(rows: list[list[str]], page: int | None = None) -> list[Block]:
    """Return a grid's blocks: the table, with notes above it and notes and keys below it.

    Spreadsheets put a title, a date or a note in a single cell above the
    header row; those read as paragraphs. Below the last row of several
    filled cells, lone-cell rows are paragraphs, and a narrow block set off
    by a blank row (a "Blue | Completed" legend) is a table of its own.
    Lone-cell rows inside the table (section headings) stay in it. Empty
    rows and columns are dropped.
    """
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    used = [c for c in range(width) if any(row[c] for row in rows)]
    rows = [[row[c] for c in used] for row in rows]
    wide = [i for i, row in enumerate(rows) if _filled(row) > _KEY_WIDTH]
    if not wide:
        wide = [i for i, row in enumerate(rows) if _filled(row) >= 2]
    if not wide:
        return [Paragraph(text=_lone(row), page=page) for row in rows if _filled(row)]
    first = next(i for i, row in enumerate(rows) if _filled(row) >= 2)
    last = _table_end(rows, wide[-1])
    blocks: list[Block] = [Paragraph(text=_lone(row), page=page) for row in rows[:first] if _filled(row)]
    blocks.append(Table(rows=[row for row in rows[first : last + 1] if _filled(row)], page=page))
    blocks.extend(_notes_and_keys(rows[last + 1 :], page))
    return blocks


def _table_end(rows: list[list[str]], last_wide: int) -> int:
    """Return the table's last row: the last wide row and the rows of two cells that follow it unbroken."""
    end = last_wide
    while end + 1 < len(rows) and _filled(rows[end + 1]) >= 2:
        end += 1
    return end


def _notes_and_keys(rows: list[list[str]], page: int | None) -> list[Block]:
    blocks: list[Block] = []
    key: list[list[str]] = []
    for row in [*rows, []]:
        if row and _filled(row) >= 2:
            key.append(row)
            continue
        if key:
            columns = [c for c in range(len(key[0])) if any(r[c] for r in key)]
            blocks.append(Table(rows=[[r[c] for c in columns] for r in key], page=page))
            key = []
        if row and _filled(row) == 1:
            blocks.append(Paragraph(text=_lone(row), page=page))
    return blocks


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _lone(row: list[str]) -> str:
    return next(cell for cell in row if cell)
