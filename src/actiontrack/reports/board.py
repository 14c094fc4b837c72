"""A board report with what changed since a date, a version, or (by default) the last version."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from actiontrack.plans.models import Plan
from actiontrack.reports.compare import mark_changes
from actiontrack.reports.data import build_report
from actiontrack.reports.models import ReportTemplate
from actiontrack.reports.renderers import render
from actiontrack.reports.renderers.text import day
from actiontrack.reports.templating import render_into


def board_report(
    plan: Plan,
    as_at: datetime.date | None = None,
    *,
    since: datetime.date | None = None,
    since_version: int | None = None,
) -> dict[str, Any]:
    """Return the plan's board report as at a date, marked with the changes since a baseline.

    The baseline is the version numbered since_version, else the report as at the date since,
    else the last version frozen on or before as_at; with none of these nothing is marked.
    Raises ReportVersion.DoesNotExist for a version the plan does not have.
    """
    as_at = as_at or timezone.localdate()
    report = build_report(plan, as_at)
    if since_version is not None:
        version = plan.report_versions.get(number=since_version)
        return mark_changes(report, version.data, f"{version.label} ({day(version.as_at.isoformat())})")
    if since is not None:
        return mark_changes(report, build_report(plan, since), day(since.isoformat()))
    last = plan.report_versions.filter(as_at__lte=as_at).order_by("-number").first()
    if last is not None:
        return mark_changes(report, last.data, f"{last.label} ({day(last.as_at.isoformat())})")
    return report


def render_report(plan: Plan, report: dict[str, Any], name: str, *, standard: bool = False) -> bytes:
    """Render a board report; Word goes into the plan's own template when it has one (unless standard)."""
    if name == "docx" and not standard:
        template = ReportTemplate.objects.filter(plan=plan).only("content").first()
        if template is not None:
            return render_into(bytes(template.content), report)
    return render(report, name)


def filename(report: dict[str, Any], extension: str) -> str:
    """Return a download's file name: plan-12-board-report-2026-06-15[-V3].pdf."""
    version = report.get("version")
    suffix = f"-{version['label']}" if version else ""
    return f"plan-{report['plan']['id']}-board-report-{report['as_at']}{suffix}.{extension}"
