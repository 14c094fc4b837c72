"""Who may see and change what. Pages and (later) the API share these helpers.

Administrators (staff) see and change everything. A plan's owners change it.
Users of an agency the plan is shared with see it. A person linked to a lead
of an action sees the plan and records updates on the actions they lead.
Everyone else gets a 404, so a plan's existence is not disclosed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from actiontrack.plans.models import Action, Person, Plan


def visible_plans(user: Any) -> QuerySet[Plan]:
    """Return the plans this user may see."""
    if not user.is_authenticated:
        return Plan.objects.none()
    if user.is_staff:
        return Plan.objects.all()
    led = Person.objects.filter(user=user).values("plan_id")
    shared = Q(agencies=user.agency_id) if user.agency_id else Q(pk__in=[])
    visible = Plan.objects.filter(Q(owners=user) | shared | Q(pk__in=led)).values("pk")
    return Plan.objects.filter(pk__in=visible)


def editable_plans(user: Any) -> QuerySet[Plan]:
    """Return the plans this user may change."""
    if not user.is_authenticated:
        return Plan.objects.none()
    if user.is_staff:
        return Plan.objects.all()
    return Plan.objects.filter(pk__in=Plan.objects.filter(owners=user).values("pk"))


def can_edit_plan(user: Any, plan: Plan) -> bool:
    """Say whether this user may change the plan, its recommendations and actions."""
    return bool(user.is_authenticated and (user.is_staff or plan.owners.filter(pk=user.pk).exists()))


def can_update_action(user: Any, action: Action) -> bool:
    """Say whether this user may record progress on the action: its plan's editors and its leads."""
    if can_edit_plan(user, action.plan):
        return True
    return action.lead_links.filter(person__user=user).exists() if user.is_authenticated else False


def plan_for_user(user: Any, pk: int, *, write: bool = False) -> Plan:
    """Return the plan, or 404 where the user may not see (or, with write, change) it."""
    plans = editable_plans(user) if write else visible_plans(user)
    return get_object_or_404(plans, pk=pk)


def visible_actions(user: Any) -> QuerySet[Action]:
    """Return the actions of every plan this user may see."""
    return Action.objects.filter(plan__in=visible_plans(user))


def action_for_user(user: Any, pk: int, *, write: bool = False) -> Action:
    """Return the action, or 404 where the user may not see it (or, with write, update it)."""
    action = get_object_or_404(visible_actions(user).select_related("plan", "recommendation"), pk=pk)
    if write and not can_update_action(user, action):
        raise Http404("No action found")
    return action
