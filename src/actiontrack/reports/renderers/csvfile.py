"""The board report as CSV: one row per action, cells that could be formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

from actiontrack.lib.text import spreadsheet_safe as neutralise
from actiontrack.reports.renderers.rows import table


def render(report: dict[str, Any]) -> bytes:
    return render_table(table(report))


def render_table(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8
