"""The board report as PDF, by WeasyPrint from the same HTML and the print stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from actiontrack.reports.renderers import html

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "reports.css"


def render(report: dict[str, Any]) -> bytes:
    return render_html(html.render(report).decode("utf-8"))


def render_html(page: str) -> bytes:
    """Typeset an HTML document with the print stylesheet."""
    import weasyprint  # imported here: it loads Pango, which only PDF rendering needs

    document = weasyprint.HTML(string=page)
    return bytes(document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]))
