"""Split a spreadsheet-like grid into notes and a table, shared by xlsx and csv."""

from __future__ import annotations

from actiontrack.importer.model import Block, Paragraph, Table


def grid_blocks(rows: list[list[str]], page: int | None = None) -> list[Block]:
    """Return a grid's blocks: lone-cell rows above and below the table as paragraphs.

    Spreadsheets put a title, a date or a note in a single cell above the
    header row and a key or sign-off below the last row; those read as
    paragraphs. Lone-cell rows inside the table (section headings, a
    recommendation on its own row) stay in it. Fully empty rows and columns
    are dropped.
    """
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    used = [c for c in range(width) if any(row[c] for row in rows)]
    rows = [[row[c] for c in used] for row in rows]
    multi = [i for i, row in enumerate(rows) if sum(1 for cell in row if cell) >= 2]
    if not multi:
        return [Paragraph(text=_lone(row), page=page) for row in rows]
    first, last = multi[0], multi[-1]
    blocks: list[Block] = [Paragraph(text=_lone(row), page=page) for row in rows[:first]]
    blocks.append(Table(rows=rows[first : last + 1], page=page))
    blocks.extend(Paragraph(text=_lone(row), page=page) for row in rows[last + 1 :])
    return blocks


def _lone(row: list[str]) -> str:
    return next(cell for cell in row if cell)
