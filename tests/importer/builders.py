"""Render actionplan/1 documents into the file formats people upload.

Each builder prints a plan the way such plans are commonly laid out: a
title, a few lines about the version, one table with a row per action under
the header Ref | Recommendation | Action | Lead | Due | Update | RAG
(recommendations merged down over their actions, or repeated in CSV), section
heading rows, then any notes and keys. Importing a rendering and scoring it
against the plan it came from tests the whole importer on that format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLDEN = SHARED / "golden"
HEADER = ["Ref", "Recommendation", "Action", "Lead", "Due", "Update", "RAG", "Objective"]
# Columns that belong to the recommendation: merged down over its actions.
REC_COLUMNS = (0, 1, 7)
_STATUS_COLOURS = {
    "completed": ("blue", "green"),
    "on_track": ("green",),
    "at_risk": ("amber", "yellow"),
    "delayed": ("red",),
}
COLOUR_FILL = {"blue": "5B9BD5", "green": "70AD47", "yellow": "FFFF00", "amber": "FFC000", "red": "FF0000"}


def golden_names() -> list[str]:
    """Return the names of the shared golden files, without extension."""
    return sorted(path.stem for path in GOLDEN.glob("*.json"))


def load_golden(name: str) -> dict:
    """Load one golden actionplan/1 document by name."""
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


@cache
def render(name: str, fmt: str) -> bytes:
    """Return a golden plan rendered in a format ("docx", "xlsx", "csv", "pdf", "unruled.pdf"), built once."""
    if fmt == "unruled.pdf":
        return build_pdf(load_golden(name), ruled=False)
    builder = {"docx": build_docx, "xlsx": build_xlsx, "csv": build_csv, "pdf": build_pdf}[fmt]
    return builder(load_golden(name))


@dataclass
class Row:
    """One printed table row: a section heading, or an action under its recommendation."""

    section: str | None = None
    ref: str = ""
    recommendation: str = ""
    objective: str = ""
    action: str = ""
    leads: str = ""
    due: str = ""
    update: str = ""
    rag: str = ""
    first_of_recommendation: bool = True
    span: int = 1  # rows the recommendation cell covers, on its first row

    def cells(self) -> list[str]:
        return [
            self.ref,
            self.recommendation,
            self.action,
            self.leads,
            self.due,
            self.update,
            self.rag,
            self.objective,
        ]


def preamble(plan: dict) -> list[str]:
    """Return the lines printed above the table: title, version, date, audience."""
    lines = [plan["title"]]
    details = []
    if plan.get("reporting_to"):
        details.append(f"Update for {plan['reporting_to']}")
    if plan.get("as_of"):
        details.append(f"Updated {long_date(plan['as_of'])}")
    if plan.get("version"):
        details.append(f"Version {plan['version']}")
    if details:
        lines.append(" – ".join(details))
    if plan.get("owner") and plan["owner"] not in plan["title"]:
        lines.append(f"Owner: {plan['owner']}")
    return lines


def postscript(plan: dict) -> list[list[str]]:
    """Return the lines printed below the table: notes, then the status key and the key to initials.

    A line of one cell is a paragraph; the keys' lines have two cells (colour
    and meaning, initials and who), printed as a small table where the format has tables.
    """
    lines = [[note] for note in plan.get("notes") or []]
    if plan.get("rag_scale"):
        lines.append(["RAG status key:"])
        lines.extend([entry["code"].capitalize(), entry["label"]] for entry in plan["rag_scale"])
    if plan.get("people"):
        lines.append(["KEY:"])
        for person in plan["people"]:
            who = ", ".join(part for part in (person.get("name"), person.get("role")) if part)
            lines.append([person["key"], who])
    return lines


def key_groups(lines: list[list[str]]) -> list[list[list[str]]]:
    """Group consecutive key lines (several cells) together; each one-cell line stands alone."""
    groups: list[list[list[str]]] = []
    for line in lines:
        if len(line) > 1 and groups and len(groups[-1][-1]) > 1:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def long_date(iso: str) -> str:
    """Return "14 June 2018" for "2018-06-14"."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def table_rows(plan: dict) -> list[Row]:
    """Return the table's rows in document order, section headings included."""
    rows: list[Row] = []
    section = None
    for recommendation in plan["recommendations"]:
        if recommendation.get("section") and recommendation["section"] != section:
            section = recommendation["section"]
            rows.append(Row(section=section))
        actions = recommendation["actions"] or [None]
        for index, action in enumerate(actions):
            row = _action_row(plan, action) if action else Row()
            row.ref = recommendation.get("ref") or ""
            row.recommendation = recommendation["text"]
            row.objective = recommendation.get("objective") or ""
            row.first_of_recommendation = index == 0
            row.span = len(actions) if index == 0 else 1
            rows.append(row)
    for action in plan["actions"]:
        row = _action_row(plan, action)
        row.ref = action.get("ref") or ""
        rows.append(row)
    return rows


def _action_row(plan: dict, action: dict) -> Row:
    text = action["text"]
    if action.get("ref") and plan["recommendations"]:
        text = f"{action['ref']}. {text}"
    updates = []
    for update in action["updates"]:
        stamp = dt.date.fromisoformat(update["date"]).strftime("%d/%m/%Y") + ": " if update["date"] else ""
        updates.append(stamp + update["text"])
    return Row(
        action=text,
        leads="\n".join(action["leads"]),
        due=action["due"]["text"] or "",
        update="\n".join(updates),
        rag=_rag(plan, action.get("status")),
    )


def _rag(plan: dict, status: str | None) -> str:
    """Print the scale's colour for a status, where the plan has a scale that names one."""
    codes = [entry["code"] for entry in plan.get("rag_scale") or []]
    for colour in _STATUS_COLOURS.get(status or "", ()):
        if colour in codes:
            return colour.capitalize()
    return ""


def header_for(plan: dict) -> list[int]:
    """Return the columns to print, in order.

    A plan without recommendations has no Recommendation column; one whose
    recommendations state objectives prints them beside the recommendation.
    """
    if not plan["recommendations"]:
        return [0, 2, 3, 4, 5, 6]
    if any(recommendation.get("objective") for recommendation in plan["recommendations"]):
        return [0, 1, 7, 2, 3, 4, 5, 6]
    return [0, 1, 2, 3, 4, 5, 6]


# --- Word -------------------------------------------------------------------------------------------


def build_docx(plan: dict) -> bytes:
    """Render a plan as a Word document split over two pages, the header row repeated."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    lines = preamble(plan)
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    rows = table_rows(plan)
    columns = header_for(plan)
    split = _split_point(rows)
    for part, chunk in enumerate((rows[:split], rows[split:])):
        if not chunk:
            continue
        if part == 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            document.add_paragraph(lines[0])  # the running title printed on each page
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(_flag(OxmlElement, qn, "w:tblHeader"))
        for cell, column in zip(header.cells, columns, strict=True):
            cell.text = HEADER[column]
        start_index = len(table.rows)
        for row in chunk:
            cells = table.add_row().cells
            if row.section is not None:
                merged = cells[0].merge(cells[-1])
                merged.text = row.section
                continue
            values = row.cells()
            for cell, column in zip(cells, columns, strict=True):
                if column in REC_COLUMNS and plan["recommendations"] and not row.first_of_recommendation:
                    continue  # covered by the merged recommendation cell above
                if column == 6:
                    # Word plans mark the status by shading the RAG cell, with no text in it.
                    if values[6]:
                        _shade(cell, COLOUR_FILL[values[6].lower()], OxmlElement, qn)
                    continue
                _set_lines(cell, values[column])
        if plan["recommendations"]:
            _merge_recommendations(table, chunk, start_index, columns)
    document.add_paragraph()
    for group in key_groups(postscript(plan)):
        if len(group[0]) == 1:
            document.add_paragraph(group[0][0])
            continue
        key = document.add_table(rows=len(group), cols=len(group[0]))
        key.style = "Table Grid"
        for row, line in zip(key.rows, group, strict=True):
            for cell, text in zip(row.cells, line, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _split_point(rows: list[Row]) -> int:
    """Pick a row near the middle, inside a recommendation where one allows it."""
    middle = len(rows) // 2
    for offset in range(len(rows)):
        for index in (middle + offset, middle - offset):
            if (
                0 < index < len(rows)
                and rows[index].section is None
                and not rows[index].first_of_recommendation
            ):
                return index
    return middle


def _merge_recommendations(table, chunk: list[Row], start_index: int, columns: list[int]) -> None:
    positions = [position for position, column in enumerate(columns) if column in REC_COLUMNS]
    index = start_index
    while index - start_index < len(chunk):
        row = chunk[index - start_index]
        length = 1
        while (
            index - start_index + length < len(chunk)
            and not chunk[index - start_index + length].first_of_recommendation
        ):
            if chunk[index - start_index + length].section is not None:
                break
            length += 1
        if row.section is None and length > 1:
            for position in positions:
                table.cell(index, position).merge(table.cell(index + length - 1, position))
        index += length


def _set_lines(cell, text: str) -> None:
    lines = text.split("\n") if text else [""]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _flag(OxmlElement, qn, tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _shade(cell, fill: str, OxmlElement, qn) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


# --- Excel ------------------------------------------------------------------------------------------


def build_xlsx(plan: dict) -> bytes:
    """Render a plan as a workbook: title rows, a header row, one row per action, merged recommendations."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    lines = preamble(plan)
    for number, line in enumerate(lines, start=1):
        sheet.cell(row=number, column=1, value=line).font = Font(
            bold=number == 1, size=14 if number == 1 else 11
        )
    columns = header_for(plan)
    top = len(lines) + 2
    for position, column in enumerate(columns, start=1):
        sheet.cell(row=top, column=position, value=HEADER[column]).font = Font(bold=True)
    rows = table_rows(plan)
    current = top
    for row in rows:
        current += 1
        if row.section is not None:
            sheet.cell(row=current, column=1, value=row.section).font = Font(bold=True)
            sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=len(columns))
            continue
        values = row.cells()
        for position, column in enumerate(columns, start=1):
            if column in REC_COLUMNS and plan["recommendations"] and not row.first_of_recommendation:
                continue
            value = values[column] or None
            if column == 6:
                # As in Word, the status is the RAG cell's fill, with no text in it.
                if value:
                    fill = COLOUR_FILL[value.lower()]
                    sheet.cell(row=current, column=position).fill = PatternFill(
                        "solid", start_color=fill, end_color=fill
                    )
                continue
            typed, shown = _typed(value, column)
            cell = sheet.cell(row=current, column=position, value=typed)
            if shown:
                cell.number_format = shown
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if plan["recommendations"] and row.first_of_recommendation and row.span > 1:
            for position in [p + 1 for p, column in enumerate(columns) if column in REC_COLUMNS]:
                sheet.merge_cells(
                    start_row=current,
                    start_column=position,
                    end_row=current + row.span - 1,
                    end_column=position,
                )
    current += 1
    for line in postscript(plan):
        current += 1
        for position, text in enumerate(line, start=1):
            sheet.cell(row=current, column=position, value=text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(value: str | None, column: int) -> tuple[object, str | None]:
    """Store due dates printed as dd/mm/yy(yy) as real dates with that format, as a spreadsheet user would."""
    if value and column == 4:
        for pattern, shown in (("%d/%m/%Y", "dd/mm/yyyy"), ("%d/%m/%y", "dd/mm/yy")):
            try:
                return dt.datetime.strptime(value, pattern), shown
            except ValueError:
                pass
    return value, None


# --- CSV --------------------------------------------------------------------------------------------


def build_csv(plan: dict) -> bytes:
    """Render a plan as a CSV export: a title row, the header, one row per action, recommendation repeated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = header_for(plan)
    pad = [""] * (len(columns) - 1)
    for line in preamble(plan):
        writer.writerow([line, *pad])
    writer.writerow([HEADER[column] for column in columns])
    for row in table_rows(plan):
        if row.section is not None:
            writer.writerow([row.section, *pad])
            continue
        values = row.cells()
        writer.writerow([values[column] for column in columns])
    for line in postscript(plan):
        writer.writerow([*line, *[""] * (len(columns) - len(line))])
    return buffer.getvalue().encode("utf-8-sig")


# --- PDF --------------------------------------------------------------------------------------------


def build_pdf(plan: dict, repeat: int = 1, ruled: bool = True) -> bytes:
    """Render a plan as a PDF through HTML (see `builders_pdf`)."""
    from tests.importer.builders_pdf import build_pdf as build

    return build(plan, repeat, ruled)
