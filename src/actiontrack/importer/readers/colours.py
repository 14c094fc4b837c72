"""Read RAG statuses printed only as a cell's colour (Word shading, Excel fills).

Plans often mark an action's status by filling its RAG cell green, amber or
red and writing nothing in it. The readers write the colour's name into such
an empty cell, in a column headed RAG or status only, so the status is not
lost and no other cell gains text.
"""

from __future__ import annotations

import colorsys
import re

_RAG_HEADER = re.compile(r"\b(rag|r\s*/\s*a\s*/\s*g|status|rating)\b", re.IGNORECASE)
_HEADER_ROWS = 3  # a table's header is among its first rows (a sheet's title rows come first)
# Hue bands (degrees) of the colours plans use for status.
_BANDS = [
    (15, "Red"),
    (52, "Amber"),
    (70, "Yellow"),
    (165, "Green"),
    (260, "Blue"),
    (330, None),
    (361, "Red"),
]


def colour_name(hex_colour: str | None) -> str | None:
    """Return "Red", "Amber", "Yellow", "Green" or "Blue" for a strong fill colour, else None."""
    if not hex_colour:
        return None
    value = hex_colour.strip().lstrip("#")[-6:]
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, brightness = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.45 or brightness < 0.45:
        return None  # greys, pale tints and dark fills are decoration
    degrees = hue * 360
    return next(name for limit, name in _BANDS if degrees < limit)


def name_rag_fills(
    rows: list[list[str]], fills: list[list[str | None]], header_rows: int = _HEADER_ROWS
) -> None:
    """Write the colour's name into empty, filled cells of columns headed RAG or status."""
    width = max((len(row) for row in rows), default=0)
    rag_columns = 0
    for column in range(width):
        header = next((i for i, row in enumerate(rows[:header_rows]) if _is_rag_header(row, column)), None)
        if header is None:
            continue
        rag_columns += 1
        for row, row_fills in zip(rows[header + 1 :], fills[header + 1 :], strict=False):
            if column < len(row) and column < len(row_fills) and not row[column]:
                row[column] = colour_name(row_fills[column]) or ""
    if rag_columns:
        return
    # No RAG column: a shaded progress cell prints the action's colour, which opens the cell's text.
    from actiontrack.importer.columns import PROGRESS, header_role

    for column in range(width):
        header = next(
            (
                i
                for i, row in enumerate(rows[:header_rows])
                if column < len(row) and header_role(row[column]) == PROGRESS
            ),
            None,
        )
        if header is None:
            continue
        for row, row_fills in zip(rows[header + 1 :], fills[header + 1 :], strict=False):
            if column < len(row) and column < len(row_fills) and (name := colour_name(row_fills[column])):
                row[column] = f"{name}\n{row[column]}" if row[column] else name


def _is_rag_header(row: list[str], column: int) -> bool:
    return column < len(row) and len(row[column]) <= 30 and bool(_RAG_HEADER.search(row[column]))
