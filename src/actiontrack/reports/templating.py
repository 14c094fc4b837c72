"""A partnership's own Word template: docxtpl placeholders filled from the board report's data.

The placeholders (Jinja2 syntax, typed in Word) are listed in PLACEHOLDERS and
in the README; `starter_template()` builds a template that uses them all, which
the report page offers for download as a starting point.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.readers.safety import (
    check_size,
    check_zip,
    looks_like_ole,
    looks_like_zip,
    refuse_ole,
)
from actiontrack.reports.data import rows
from actiontrack.reports.renderers.text import day, due_words, title_line, update_words

PLACEHOLDERS = {
    "plan.title": "the plan's title",
    "plan.owning_body": "the board or body that owns it",
    "plan.source_title": "the report it answers",
    "as_at": "the report's date, written as people do (14 June 2026)",
    "title_line": "Board report as at …, with the version and what changes are shown since",
    "counts.completed, counts.on_track, counts.at_risk, counts.delayed": "actions per RAG",
    "counts.overdue, counts.outstanding, counts.revised, counts.total": "overdue, open, revised, all",
    "counts.completed_since, counts.new, counts.slipped, counts.changed_since": "changes since",
    "sections": "each section: section.title and section.recommendations",
    "rec (each of section.recommendations)": "ref, text, priority, objective, outcomes, measures, actions",
    "action (each of rec.actions)": "ref, text, leads, due, rag, rag_label, rag_reason, latest, changes",
    "actions": "every action in order, also with recommendation_ref, recommendation and section",
}


def context(report: dict[str, Any]) -> dict[str, Any]:
    """Return what the template's placeholders see: the report, with words ready to print."""

    def action_words(action: dict[str, Any]) -> dict[str, Any]:
        return {
            **action,
            "leads": ", ".join(action["leads"]),
            "due": due_words(action),
            "rag": action["rag"]["code"].title(),
            "rag_label": action["rag"]["label"],
            "rag_reason": action["rag"]["reason"],
            "latest": update_words(action),
            "changes": "; ".join(c["label"] for c in action.get("changes", [])),
        }

    sections = [
        {
            "title": section["title"],
            "recommendations": [
                {
                    **rec,
                    "outcomes": "; ".join(rec["outcomes"]),
                    "measures": "; ".join(rec["measures"]),
                    "actions": [action_words(a) for a in rec["actions"]],
                }
                for rec in section["recommendations"]
            ],
        }
        for section in report["sections"]
    ]
    actions = [
        {
            **action_words(action),
            "recommendation_ref": rec["ref"],
            "recommendation": rec["text"],
            "section": title,
        }
        for rec, action, title in rows(report)
    ]
    return {
        "plan": report["plan"],
        "as_at": day(report["as_at"]),
        "title_line": title_line(report),
        "counts": report["counts"],
        "version": report.get("version") or {},
        "since": report.get("since") or {},
        "sections": sections,
        "actions": actions,
    }


def check_template(content: bytes, filename: str) -> None:
    """Refuse what is not a usable Word template, with a plain message."""
    check_size(content, filename)
    if looks_like_ole(content):
        refuse_ole(content, filename)
    if not looks_like_zip(content):
        raise UnreadableDocument(f"{filename} is not a Word document (.docx).")
    check_zip(content, filename, "Word document")
    try:
        render_into(content, _sample_report())
    except UnreadableDocument:
        raise
    except Exception as exc:  # docxtpl reports template mistakes as Jinja2 or XML errors
        raise UnreadableDocument(f"{filename} cannot be used as a template: {exc}") from None


def render_into(template: bytes, report: dict[str, Any]) -> bytes:
    """Render the board report into a Word template and return the document."""
    from docxtpl import DocxTemplate  # imported here: only template rendering needs Jinja2
    from jinja2.sandbox import SandboxedEnvironment

    document = DocxTemplate(io.BytesIO(template))
    # An uploaded template is someone else's code: the sandbox keeps it to the report's data.
    environment = SandboxedEnvironment(autoescape=True)
    try:
        document.render(context(report), jinja_env=environment, autoescape=True)
    except KeyError as exc:
        raise UnreadableDocument(f"The Word template is not a complete document: {exc}") from None
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def starter_template() -> bytes:
    """Build a Word template that uses every placeholder: a starting point to restyle."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    document.add_paragraph("{{ plan.owning_body }}")
    document.add_heading("{{ plan.title }}", level=0)
    document.add_paragraph("{{ title_line }}")
    document.add_heading("Summary", level=1)
    summary = document.add_table(rows=2, cols=6)
    summary.style = "Table Grid"
    labels = ["Completed", "On track", "At risk", "Delayed", "Overdue", "Outstanding"]
    keys = ["completed", "on_track", "at_risk", "delayed", "overdue", "outstanding"]
    for index, (label, key) in enumerate(zip(labels, keys, strict=True)):
        summary.cell(0, index).text = label
        summary.cell(1, index).text = "{{ counts." + key + " }}"
    document.add_paragraph(
        "{% if since %}Since {{ since.label }}: {{ counts.completed_since }} completed, "
        "{{ counts.new }} new, {{ counts.slipped }} slipped.{% endif %}"
    )
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p for rec in section.recommendations %}")
    document.add_heading("Recommendation {{ rec.ref }}: {{ rec.text }}", level=2)
    document.add_paragraph("{% if rec.objective %}Objective: {{ rec.objective }}{% endif %}")
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for index, name in enumerate(["Ref", "Action", "Lead", "Due", "RAG", "Latest update"]):
        table.cell(0, index).text = name
    table.cell(1, 0).text = "{%tr for action in rec.actions %}"
    for index, key in enumerate(["ref", "text", "leads", "due", "rag", "latest"]):
        value = "{{ action.rag }}: {{ action.rag_reason }}" if key == "rag" else "{{ action." + key + " }}"
        table.cell(2, index).text = value
    table.cell(3, 0).text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _sample_report() -> dict[str, Any]:
    action = {
        "id": 1,
        "ref": "1.1",
        "text": "Audit cases",
        "leads": ["SM"],
        "lead_names": ["Sam Moore"],
        "agency": "",
        "status": "",
        "due_text": "March 2026",
        "due_date": "2026-03-31",
        "original_due_text": "",
        "original_due_date": None,
        "revisions": 0,
        "rag": {"meaning": "on_track", "code": "green", "label": "On track", "reason": "on track"},
        "overdue": False,
        "days_overdue": None,
        "stale": False,
        "latest_update": None,
        "updates": 0,
    }
    recommendation = {
        "id": 1,
        "ref": "1",
        "text": "Improve",
        "priority": "",
        "objective": "",
        "outcomes": [],
        "measures": [],
        "actions": [action],
    }
    counts = {
        "completed": 0,
        "on_track": 1,
        "at_risk": 0,
        "delayed": 0,
        "total": 1,
        "overdue": 0,
        "outstanding": 1,
        "revised": 0,
        "recommendations": 1,
    }
    return {
        "plan": {"id": 1, "title": "Plan", "owning_body": "", "source_title": ""},
        "as_at": "2026-06-15",
        "scale": [],
        "counts": counts,
        "sections": [{"title": "", "recommendations": [recommendation]}],
    }
