"""Who may use a round's pages and see evidence: built on the plans' access rules.

A round's pages are for those who may change every plan of the round; one
whose plans the user may see but not all change answers 403, one they cannot
see at all 404. Evidence files are served to those who may see their plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from actiontrack.plans import access
from actiontrack.rounds.models import EvidenceFile, Round, SignOff


def manageable_rounds(user: Any) -> QuerySet[Round]:
    """Return the rounds whose every plan this user may change."""
    editable = access.editable_plans(user)
    rounds = Round.objects.filter(plans__in=editable).distinct()
    not_all = Round.objects.filter(pk__in=rounds.values("pk")).exclude(plans__in=editable).values("pk")
    return Round.objects.filter(pk__in=rounds.values("pk")).exclude(pk__in=not_all).prefetch_related("plans")


def round_for_user(user: Any, pk: int) -> Round:
    """Return the round: 404 if the user sees none of its plans, 403 if they may not change them all."""
    round = Round.objects.filter(pk=pk).first()
    if round is None:
        raise Http404("No such round")
    plans = list(round.plans.all())
    visible = set(
        access.visible_plans(user).filter(pk__in=[p.pk for p in plans]).values_list("pk", flat=True)
    )
    if not visible:
        raise Http404("No such round")
    access.require(all(access.can_edit_plan(user, plan) for plan in plans))
    return round


def sign_off_for_user(user: Any, pk: int, *, decide: bool = False) -> SignOff:
    """Return a completion request: 404 where its plan is hidden, 403 where (decide) not an owner."""
    sign_off = (
        SignOff.objects.filter(pk=pk, action__in=access.visible_actions(user))
        .select_related("action__plan", "requested_by", "decided_by")
        .first()
    )
    if sign_off is None:
        raise Http404("No such request")
    if decide:
        access.require(access.can_edit_plan(user, sign_off.action.plan))
    return sign_off


def evidence_for_user(user: Any, pk: int) -> EvidenceFile:
    """Return an evidence file whose plan the user may see, else 404 (its existence is not disclosed)."""
    evidence = (
        EvidenceFile.objects.filter(pk=pk)
        .select_related("sign_off__action", "impact__recommendation", "answer__action")
        .first()
    )
    if evidence is None:
        raise Http404("No such file")
    if evidence.sign_off is not None:
        plan_id = evidence.sign_off.action.plan_id
    elif evidence.impact is not None:
        plan_id = evidence.impact.recommendation.plan_id
    elif evidence.answer is not None:
        plan_id = evidence.answer.action.plan_id
    else:
        raise Http404("No such file")
    if not access.visible_plans(user).filter(pk=plan_id).exists():
        raise Http404("No such file")
    return evidence
