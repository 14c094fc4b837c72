"""One renderer per format: each turns a board report's data (see reports/data.py) into bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from actiontrack.lib.garbage import fewer_collections


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    "html": Format("html", "Web page (print it from your browser)", "text/html; charset=utf-8", "html"),
    "pdf": Format("pdf", "PDF", "application/pdf", "pdf"),
    "docx": Format(
        "docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
    ),
    "xlsx": Format(
        "xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
    "csv": Format("csv", "CSV", "text/csv; charset=utf-8", "csv"),
}
DOWNLOADS = ("pdf", "docx", "xlsx", "csv")


def renderer(name: str) -> Callable[[dict[str, Any]], bytes]:
    """Return the function that renders a board report in a format."""
    from actiontrack.reports.renderers import csvfile, excel, html, pdf, word

    return {
        "html": html.render,
        "pdf": pdf.render,
        "docx": word.render,
        "xlsx": excel.render,
        "csv": csvfile.render,
    }[name]


@fewer_collections()
def render(report: dict[str, Any], name: str) -> bytes:
    """Render a board report in a format: html, pdf, docx, xlsx or csv."""
    return renderer(name)(report)


@fewer_collections()
def render_exceptions(report: dict[str, Any], name: str) -> bytes:
    """Render the exception report in a format: html, pdf, docx, xlsx or csv."""
    from django.template.loader import render_to_string

    from actiontrack.reports.exceptions import table
    from actiontrack.reports.renderers import csvfile, excel, pdf, word
    from actiontrack.reports.renderers.text import day

    title, subtitle = "Exception report", f"Actions that need attention, as at {day(report['as_at'])}"
    if name in ("html", "pdf"):
        page = render_to_string("reports/exceptions_document.html", {"report": report, "title": title})
        return page.encode("utf-8") if name == "html" else pdf.render_html(page)
    if name == "docx":
        return word.render_table(title, subtitle, table(report))
    if name == "xlsx":
        return excel.render_table(table(report), title)
    return csvfile.render_table(table(report))
