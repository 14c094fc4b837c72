"""The board report as a standalone HTML document (the PDF's source; the page uses the same body)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from actiontrack.dashboards.charts import Chart, chart_from_data
from actiontrack.plans import rag


def context(report: dict[str, Any]) -> dict[str, Any]:
    """Return the template context the report's body needs."""
    counts = report["counts"]
    summary_scale = [
        {
            "code": entry["code"],
            "label": entry["label"],
            "count": counts.get(rag.COLOUR_MEANINGS[entry["code"]], 0),
        }
        for entry in report["scale"]
    ]
    return {"report": report, "summary_scale": summary_scale, "charts": report_charts(report)}


def report_charts(report: dict[str, Any]) -> list[Chart]:
    """Return the charts the report keeps (none in a version frozen before reports had them)."""
    return [chart_from_data(data) for data in report.get("charts", [])]


def render(report: dict[str, Any]) -> bytes:
    return render_to_string("reports/board_report_document.html", context(report)).encode("utf-8")
