"""The board report as PDF, by WeasyPrint from the same HTML and the print stylesheet."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from actiontrack.reports.renderers import html

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "reports.css"


@cache
def stylesheet() -> Any:
    """The print stylesheet, parsed once per process (it has no web fonts to tie it to one render)."""
    import weasyprint

    return weasyprint.CSS(filename=str(STYLESHEET))


def render(report: dict[str, Any]) -> bytes:
    return render_html(html.render(report).decode("utf-8"))


def render_html(page: str) -> bytes:
    """Typeset an HTML document with the print stylesheet."""
    import weasyprint  # imported here: it loads Pango, which only PDF rendering needs

    return bytes(weasyprint.HTML(string=page).write_pdf(stylesheets=[stylesheet()]))
