"""Read Excel (.xlsx) workbooks: each visible sheet as its title and a table.

Cells are read as the values Excel last showed (`data_only`), turned into
strings as a person would read them: dates as DD/MM/YYYY, whole numbers
without a decimal point. Merged ranges keep their value in the first cell and
blanks elsewhere (openpyxl's MergedCell), so a recommendation merged down over
its actions reads like a vertically merged Word cell. A solid fill in an
empty RAG cell becomes the colour's name (`colours`). Title rows above the
table and notes and keys below it are split off by `grid`. A sheet's tab name
heads it only where the sheet prints no title of its own; sheets of notes
alone (a "Guidance" tab) are read after the sheets with tables, so that the
plan's own title heads the document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from typing import Any

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import (
    MAX_MERGED_CELLS,
    MAX_SHEET_CELLS,
    MAX_WORKBOOK_CELLS,
    LimitExceeded,
    check_count,
)
from actiontrack.importer.model import Block, Paragraph, RawDocument, Table
from actiontrack.importer.readers import register
from actiontrack.importer.readers.colours import name_rag_fills
from actiontrack.importer.readers.grid import grid_blocks
from actiontrack.importer.readers.safety import check_zip, looks_like_zip, zip_names

# Found in the sheets' XML before openpyxl reads them: each <c> is a cell it builds, and each
# merged range (or range given a link) is laid out cell by cell, A1:XFD1048576 as 17 billion.
_CELL_ELEMENT = re.compile(rb"<(?:\w+:)?c[\s/>]")
_RANGE_ELEMENT = re.compile(rb"<(?:\w+:)?(?:mergeCell|hyperlink)\s[^>]*?\bref=[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_SHEET_HEADER_ROWS = 20  # title and note rows stand above a sheet's header row
_DEFAULT_SHEET_NAME = re.compile(r"^(sheet|feuil|tabelle|hoja)\s*\d*$", re.IGNORECASE)
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LOCALE = re.compile(r"\[[^\]]*\]|@")
_DAY_FIRST = re.compile(r"^dd?([/.-])mm?([/.-])(yyyy|yy)$")
_DATE_FORMATS = {
    "mmmm yyyy": "%B %Y",
    "mmm yyyy": "%b %Y",
    "mmm-yy": "%b-%y",
    "mmmm-yy": "%B-%y",
    "dd mmmm yyyy": "%d %B %Y",
    "dd mmm yyyy": "%d %b %Y",
}


def sniff(data: bytes, filename: str) -> bool:
    """Claim zip archives holding an Excel workbook part."""
    if not looks_like_zip(data):
        return False
    names = zip_names(data)
    return names is not None and "xl/workbook.xml" in names


def read(data: bytes, filename: str) -> RawDocument:
    """Read every visible sheet into its name and its used range."""
    check_zip(data, filename, "Excel workbook")
    try:
        _check_sheets(data)
    except LimitExceeded as error:
        raise error.for_file(filename) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise UnreadableDocument(
            f"{filename} is damaged: it is not a complete Excel workbook (a sheet cannot be unpacked: "
            f"{exc}). Open it and save it again, then upload the new copy."
        ) from None
    import openpyxl  # deferred: only workbook uploads need it

    try:
        # read_only=False: merged ranges are only known to the full reader.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocument(
            f"{filename} is not an Excel workbook ActionTrack can open ({exc})."
        ) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl surfaces lxml and its own parse errors
        raise UnreadableDocument(
            f"{filename} is damaged: ActionTrack cannot read its sheets ({exc})."
        ) from None
    blocks: list[Block] = []
    prose: list[Block] = []  # sheets of notes alone ("Guidance"): read after the plan, not as its title
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            if sheet.sheet_state != "visible":
                continue  # hidden sheets hold lookup lists, not the plan
            rows = _sheet_rows(sheet, filename)
            if not rows:
                continue
            sheet_blocks = grid_blocks(rows, page=number)
            # The tab's name heads the sheet only where the sheet prints no title of its own above
            # its table: a tab named "Tracker" is not part of the title printed in the sheet.
            titled = bool(sheet_blocks) and isinstance(sheet_blocks[0], Paragraph)
            target = blocks if any(isinstance(block, Table) for block in sheet_blocks) else prose
            if not titled and not _DEFAULT_SHEET_NAME.match(sheet.title.strip()):
                target.append(Paragraph(text=sheet.title.strip(), page=number, heading=1))
            target.extend(sheet_blocks)
        blocks.extend(prose)
    finally:
        workbook.close()
    if not blocks:
        raise UnreadableDocument(f"{filename} has no filled cells on any visible sheet.")
    return RawDocument(name=filename, kind="xlsx", blocks=blocks)


def _check_sheets(data: bytes) -> None:
    """Count the cells the sheets define and the cells their ranges cover, before openpyxl lays them out."""
    cells = covered = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = archive.read(name)  # `check_zip` has bounded every part's size
            cells += sum(1 for _ in _CELL_ELEMENT.finditer(xml))
            covered += sum(_range_cells(match.group(1)) for match in _RANGE_ELEMENT.finditer(xml))
            check_count(cells, MAX_WORKBOOK_CELLS, "cells", "workbooks")
            if covered > MAX_MERGED_CELLS:
                raise LimitExceeded(
                    f"has merged (or linked) ranges covering more than {MAX_MERGED_CELLS:,} cells",
                    f"workbooks whose merged ranges cover at most {MAX_MERGED_CELLS:,} cells",
                )


def _range_cells(ref: bytes) -> int:
    """Return how many cells a range ("A1:C10", "B2") covers; a reference openpyxl cannot read covers none."""
    corners = []
    for part in ref.decode("ascii", "replace").split(":")[:2]:
        match = _CELL_REF.match(part.strip())
        if match is None:
            return 0
        column = 0
        for letter in match.group(1).upper():
            column = column * 26 + ord(letter) - 64
        corners.append((column, int(match.group(2))))
    if len(corners) == 1:
        return 1
    (left, top), (right, bottom) = corners
    return (abs(right - left) + 1) * (abs(bottom - top) + 1)


def _sheet_rows(sheet: Any, filename: str) -> list[list[str]]:
    """Return the strings of the sheet's cells within the range that holds values."""
    # sheet._cells holds only the cells the file defines; formatting alone can
    # stretch max_row/max_column to the sheet's limits, so bound by values.
    filled = [(r, c) for (r, c), cell in sheet._cells.items() if cell.value not in (None, "")]
    if not filled:
        return []
    top = min(r for r, _ in filled)
    bottom = max(r for r, _ in filled)
    left = min(c for _, c in filled)
    right = max(c for _, c in filled)
    if (bottom - top + 1) * (right - left + 1) > MAX_SHEET_CELLS:
        raise UnreadableDocument(
            f"{filename}: sheet {sheet.title!r} spans {bottom - top + 1} rows by {right - left + 1} "
            "columns, more than an action plan; delete the unused rows and columns and upload it again."
        )
    rows = []
    fills: list[list[str | None]] = []
    for r in range(top, bottom + 1):
        row, row_fills = [], []
        for c in range(left, right + 1):
            cell = sheet._cells.get((r, c))
            row.append(cell_text(cell.value, cell.number_format) if cell is not None else "")
            row_fills.append(_fill(cell) if cell is not None else None)
        rows.append(row)
        fills.append(row_fills)
    name_rag_fills(rows, fills, header_rows=_SHEET_HEADER_ROWS)
    return rows


def _fill(cell: Any) -> str | None:
    """Return a cell's solid fill colour as hex, where it is given as RGB (theme colours are not resolved)."""
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    return colour.rgb if colour is not None and colour.type == "rgb" and isinstance(colour.rgb, str) else None


def cell_text(value: Any, number_format: str = "General") -> str:
    """Return a cell value as a person reads it in the sheet."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return _date_text(value, number_format or "General")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | int):
        return _number_text(value, number_format or "General")
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _date_text(value: dt.date, number_format: str) -> str:
    """Print a date as the sheet shows it where its format is a day-first or month-name one.

    Other formats, including Excel's built-in short date (shown day first on
    UK machines), print as DD/MM/YYYY.
    """
    pattern = _LOCALE.sub("", number_format).split(";")[0].replace("\\", "").strip().lower()
    strftime = _DATE_FORMATS.get(pattern)
    if strftime is None:
        match = _DAY_FIRST.match(pattern)
        if match:
            year = "%Y" if len(match.group(3)) == 4 else "%y"
            strftime = f"%d{match.group(1)}%m{match.group(2)}{year}"
    text = value.strftime(strftime or "%d/%m/%Y")
    if isinstance(value, dt.datetime) and value.time() != dt.time(0, 0) and "h" not in pattern:
        text += value.strftime(" %H:%M")
    return text


def _number_text(value: float | int, number_format: str) -> str:
    if "%" in number_format:
        return f"{value * 100:g}%"
    decimals = re.search(r"0\.(0+)", number_format)
    if decimals and isinstance(value, float):
        # A format like "0.00" makes 1.1 print as "1.10": refs such as 1.10 need it.
        return f"{value:.{len(decimals.group(1))}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


register("xlsx", sniff, read)
