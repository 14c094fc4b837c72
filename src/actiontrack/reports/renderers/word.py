"""The board report as a Word document a manager can edit: real headings, tables and RAG shading."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from actiontrack.dashboards.charts import PAPER_DPI
from actiontrack.plans import rag
from actiontrack.reports.renderers.html import report_charts
from actiontrack.reports.renderers.text import due_words, title_line, update_words

SHADES = {"blue": "9DC3E6", "green": "A9D18E", "amber": "F4B183", "yellow": "FFE699", "red": "FF8B8B"}
ACTION_COLUMNS = (
    ("Ref", 1.6),
    ("Action", 8.5),
    ("Lead", 2.8),
    ("Due", 3.2),
    ("RAG", 3.8),
    ("Latest update", 7.5),
)


def render(report: dict[str, Any]) -> bytes:
    document = _landscape()
    plan = report["plan"]
    if plan["owning_body"]:
        document.add_paragraph(plan["owning_body"])
    document.add_heading(plan["title"], level=0)
    document.add_paragraph(title_line(report))
    document.add_heading("Summary", level=1)
    _summary(document, report)
    for part in report["sections"]:
        if part["title"]:
            document.add_heading(part["title"], level=1)
        for recommendation in part["recommendations"]:
            heading = recommendation["text"]
            if recommendation["ref"]:
                heading = f"Recommendation {recommendation['ref']}: {heading}"
            document.add_heading(heading, level=2)
            for label, key in (("Priority", "priority"), ("Objective", "objective")):
                if recommendation[key]:
                    _fact(document, label, recommendation[key])
            for label, key in (("Outcomes", "outcomes"), ("Measures", "measures")):
                if recommendation[key]:
                    _fact(document, label, "; ".join(recommendation[key]))
            if recommendation["actions"]:
                _actions(document, recommendation["actions"])
    _charts(document, report)  # after the plan: the paper opens with the summary, then the plan
    return _saved(document)


def _charts(document: Any, report: dict[str, Any]) -> None:
    """Add the dashboard charts, as pictures with their description in words beneath."""
    charts = report_charts(report)
    if not charts:
        return
    document.add_heading("Charts", level=1)
    for chart in charts:
        document.add_picture(io.BytesIO(chart.png(PAPER_DPI)), width=Cm(12))
        document.add_paragraph(f"{chart.title}. {chart.description}")


def render_table(title: str, subtitle: str, rows: list[list[Any]]) -> bytes:
    """Write a titled table (the exception report) as a Word document, RAG cells shaded."""
    document = _landscape()
    document.add_heading(title, level=0)
    document.add_paragraph(subtitle)
    table = document.add_table(rows=1, cols=len(rows[0]))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, rows[0], strict=True):
        cell.text = name
    _bold_row(table.rows[0])
    _repeat_as_header(table.rows[0])
    rag_column = rows[0].index("RAG")
    for row in rows[1:]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
        _shade(cells[rag_column], str(row[rag_column]).lower())
    return _saved(document)


def _saved(document: Any) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _landscape() -> Any:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.name = "Arial"  # type: ignore[attr-defined]
    normal.font.size = Pt(9)  # type: ignore[attr-defined]
    return document


def _summary(document: Any, report: dict[str, Any]) -> None:
    counts = report["counts"]
    cells: list[tuple[str, Any, str | None]] = [
        (
            f"{entry['code'].title()} – {entry['label']}",
            counts[rag.COLOUR_MEANINGS[entry["code"]]],
            entry["code"],
        )
        for entry in report["scale"]
    ]
    cells += [("Overdue", counts["overdue"], None), ("Outstanding", counts["outstanding"], None)]
    cells += [("Due dates revised", counts["revised"], None)]
    if report.get("since"):
        cells += [
            ("Completed since", counts["completed_since"], None),
            ("New since", counts["new"], None),
            ("Slipped since", counts["slipped"], None),
            ("Changed since", counts["changed_since"], None),
        ]
    table = document.add_table(rows=2, cols=len(cells))
    table.style = "Table Grid"
    for index, (label, value, code) in enumerate(cells):
        table.cell(0, index).text = label
        table.cell(1, index).text = str(value)
        if code:
            _shade(table.cell(1, index), code)
    _bold_row(table.rows[0])
    document.add_paragraph(f"{counts['total']} actions under {counts['recommendations']} recommendations.")


def _fact(document: Any, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(text)


def _actions(document: Any, actions: list[dict[str, Any]]) -> None:
    table = document.add_table(rows=1, cols=len(ACTION_COLUMNS))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, (name, width) in zip(header.cells, ACTION_COLUMNS, strict=True):
        cell.text = name
        cell.width = Cm(width)
    _bold_row(header)
    _repeat_as_header(header)
    for action in actions:
        cells = table.add_row().cells
        text = action["text"]
        for change in action.get("changes", []):
            detail = change["detail"] if change["kind"] != "new_updates" else ""
            text += f"\n[{change['label']}: {detail}]" if detail else f"\n[{change['label']}]"
        values = (
            action["ref"],
            text,
            ", ".join(action["leads"]),
            due_words(action),
            f"{action['rag']['code'].title()}: {action['rag']['reason']}",
            update_words(action),
        )
        for cell, value, (_name, width) in zip(cells, values, ACTION_COLUMNS, strict=True):
            cell.text = value
            cell.width = Cm(width)
        _shade(cells[4], action["rag"]["code"])


def _bold_row(row: Any) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _repeat_as_header(row: Any) -> None:
    """Make Word repeat this row at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _shade(cell: Any, code: str) -> None:
    colour = SHADES.get(code)
    if not colour:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
