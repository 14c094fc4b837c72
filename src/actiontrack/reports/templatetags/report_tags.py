"""The board report panel on the plan page: a link to the report and the plan's versions."""

from __future__ import annotations

from typing import Any

from django import template

from actiontrack.plans.models import Plan

register = template.Library()


@register.inclusion_tag("reports/_plan_panel.html")
def plan_report_panel(plan: Plan, can_edit: bool = False) -> dict[str, Any]:
    versions = plan.report_versions.only("number", "as_at", "frozen_by_name", "plan_id")
    return {
        "plan": plan,
        "versions": list(versions[:10]),
        "more": versions.count() > 10,
        "can_edit": can_edit,
    }
