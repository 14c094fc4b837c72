"""Who may see and change what: the one access layer that pages, commands and the API share.

Administrators (staff) see and change everything. Board members read every
plan and report and change nothing. A plan's owners change it. Users of an
agency the plan is shared with see it. A person linked to a lead of an action
sees the plan and records updates on the actions they lead.

What a user may not see answers 404, so a plan's existence is not disclosed;
what they may see but not change answers 403 (PermissionDenied).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from actiontrack.plans.models import Action, Person, Plan, Recommendation


def visible_plans(user: Any) -> QuerySet[Plan]:
    """Return the plans this user may see."""
    if not user.is_authenticated:
        return Plan.objects.none()
    if user.is_staff or user.is_board_member:
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


def is_administrator(user: Any) -> bool:
    """Say whether this user manages accounts and agencies and may change every plan."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_create_plans(user: Any) -> bool:
    """Say whether this user may create or import plans (which they then own): all but read-only roles."""
    return bool(user.is_authenticated and user.is_active and not user.is_read_only)


def can_edit_plan(user: Any, plan: Plan) -> bool:
    """Say whether this user may change the plan, its recommendations and actions."""
    return bool(user.is_authenticated and (user.is_staff or plan.owners.filter(pk=user.pk).exists()))


def can_update_action(user: Any, action: Action) -> bool:
    """Say whether this user may record progress on the action: its plan's editors and its leads."""
    if can_edit_plan(user, action.plan):
        return True
    return action.lead_links.filter(person__user=user).exists() if user.is_authenticated else False


def require(allowed: bool) -> None:
    """Refuse with 403 what the user may see but not do."""
    if not allowed:
        raise PermissionDenied("You can see this but not change it")


def require_plan_creator(user: Any) -> None:
    """Refuse with 403 a read-only user's attempt to create or import a plan."""
    require(can_create_plans(user))


def plan_for_user(user: Any, pk: int, *, write: bool = False) -> Plan:
    """Return the plan: 404 where the user may not see it, 403 where (with write) they may not change it."""
    plan = get_object_or_404(visible_plans(user), pk=pk)
    if write:
        require(can_edit_plan(user, plan))
    return plan


def recommendation_for_user(user: Any, pk: int, *, write: bool = False) -> Recommendation:
    """Return the recommendation: 404 where its plan is not visible, 403 where (with write) not editable."""
    recommendation = get_object_or_404(
        Recommendation.objects.filter(plan__in=visible_plans(user)).select_related("plan"), pk=pk
    )
    if write:
        require(can_edit_plan(user, recommendation.plan))
    return recommendation


def person_for_user(user: Any, pk: int, *, write: bool = False) -> Person:
    """Return a person named in a plan: 404 where the plan is not visible, 403 where not editable."""
    person = get_object_or_404(
        Person.objects.filter(plan__in=visible_plans(user)).select_related("plan", "user", "agency"), pk=pk
    )
    if write:
        require(can_edit_plan(user, person.plan))
    return person


def visible_actions(user: Any) -> QuerySet[Action]:
    """Return the actions of every plan this user may see."""
    return Action.objects.filter(plan__in=visible_plans(user))


def action_for_user(user: Any, pk: int, *, write: bool = False, edit: bool = False) -> Action:
    """Return the action: 404 where not visible; 403 where (write) the user may not add updates
    to it, or (edit) may not change the action itself."""
    action = get_object_or_404(visible_actions(user).select_related("plan", "recommendation"), pk=pk)
    if edit:
        require(can_edit_plan(user, action.plan))
    elif write:
        require(can_update_action(user, action))
    return action


NOT_NAMEABLE = (
    "Enter the usernames of people in this plan's agencies or people you invited; "
    "{names} cannot be named here"
)


def nameable_accounts(user: Any, plan: Plan, agencies: Any = None) -> QuerySet[Any]:
    """Return the accounts this user may make owners of the plan or link to its people.

    Administrators may name anyone; others, themselves, the plan's owners and linked people, staff
    of the plan's agencies (or of `agencies`, when the sharing is being changed) and people they
    invited, so a stranger's plan cannot be pushed into someone's My actions, and no form reveals
    who has an account.
    """
    from actiontrack.accounts.models import User

    active = User.objects.filter(is_active=True)
    if is_administrator(user):
        return active
    agencies = plan.agencies.all() if agencies is None else agencies
    return active.filter(
        Q(pk=user.pk)
        | Q(owned_plans=plan)
        | Q(people__plan=plan)
        | Q(agency__in=agencies)
        | Q(invited_by=user.pk)
    ).distinct()
