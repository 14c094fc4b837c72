"""Template helpers the plan and action pages use to show revisions, sign-off and impact."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from actiontrack.plans.models import Action, ActionStatus, Plan
from actiontrack.rounds.models import SignOff
from actiontrack.rounds.slippage import Slip, slip_for, slips

register = template.Library()


@register.simple_tag
def plan_revisions(plan: Plan) -> list[Slip]:
    """Return the plan's actions whose due date moved (two queries, however many actions)."""
    return slips(plan.actions.all())


@register.simple_tag
def plan_impact(plan: Plan) -> dict[int, str]:
    """Return, per recommendation of the plan, where it stands beyond its actions' completion (one query)."""
    recommendations = plan.recommendations.annotate(
        action_count=Count("actions", distinct=True),
        done=Count("actions", filter=Q(actions__status=ActionStatus.COMPLETED), distinct=True),
        evidenced=Count("impact_evidence", distinct=True),
    ).values("pk", "action_count", "done", "evidenced")
    states = {}
    for row in recommendations:
        if row["evidenced"]:
            states[row["pk"]] = "impact evidenced"
        elif row["action_count"] and row["done"] == row["action_count"]:
            states[row["pk"]] = "actions complete, impact not yet evidenced"
    return states


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.simple_tag
def action_revision(action: Action) -> Slip | None:
    return slip_for(action)


@register.simple_tag
def action_sign_offs(action: Action) -> list[SignOff]:
    return list(action.sign_offs.select_related("requested_by", "decided_by").prefetch_related("files"))
