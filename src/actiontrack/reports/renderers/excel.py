"""The board report as an Excel workbook: one row per action, frozen header, filters, RAG fills."""

from __future__ import annotations

import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actiontrack.lib.text import spreadsheet_safe as neutralise
from actiontrack.reports.renderers.rows import table

FILLS = {
    "Blue": "9DC3E6",
    "Green": "A9D18E",
    "Amber": "F4B183",
    "Yellow": "FFE699",
    "Red": "FF8B8B",
}
WIDTHS = {
    "Plan": 30,
    "Why listed": 30,
    "Recommendation": 40,
    "Action": 50,
    "RAG reason": 30,
    "Latest update": 50,
    "Objective": 30,
}
DATE_COLUMNS = {"Due date", "Latest update date"}


def render(report: dict[str, Any]) -> bytes:
    return render_table(table(report), "Board report")


def render_table(rows: list[list[Any]], title: str) -> bytes:
    """Write a header row and rows as a workbook: frozen header, filters, RAG fills, formulas neutralised."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    columns = rows[0]
    rag_column = columns.index("RAG") + 1
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_cell(columns[i], value) for i, value in enumerate(row)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 14)
        if name in DATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "d mmmm yyyy"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
        colour = FILLS.get(str(row_cells[rag_column - 1].value))
        if colour:
            row_cells[rag_column - 1].fill = PatternFill("solid", start_color=colour, end_color=colour)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(column: str, value: Any) -> Any:
    if column in DATE_COLUMNS and value:
        return datetime.date.fromisoformat(value)
    return neutralise(value)
