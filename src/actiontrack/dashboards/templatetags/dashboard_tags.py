"""What the plan page shows of the dashboards app: the link to its dashboard and its deadlines."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from actiontrack.plans.models import Plan

register = template.Library()


@register.inclusion_tag("dashboards/_plan_panel.html")
def plan_dashboard_panel(plan: Plan, can_edit: bool = False) -> dict[str, Any]:
    """Render the plan's statutory deadlines with the working days left, and a link to its dashboard."""
    from actiontrack.dashboards.views import deadline_rows

    deadlines = plan.statutory_deadlines.all()  # type: ignore[attr-defined]
    return {"plan": plan, "deadlines": deadline_rows(deadlines, timezone.localdate()), "can_edit": can_edit}
