"""The exception report: across every plan a user may see, the actions that need attention.

Overdue, Red or Amber, without an update for the plan's stale period, due in
the next 30 days, or revised more often than the plan allows. RAG, overdue
and stale are worked out in the database (ActionQuerySet.with_rag).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from actiontrack.plans import access, rag
from actiontrack.plans.models import ActionLead, ActionQuerySet, DueDateRevision
from actiontrack.plans.rag import format_date, how_long

DUE_SOON_DAYS = 30
COLUMNS = (
    "Plan",
    "Recommendation",
    "Action ref",
    "Action",
    "Leads",
    "Due",
    "RAG",
    "RAG reason",
    "Why listed",
    "Latest update",
)


@dataclass
class Filters:
    plan: int | None = None
    agency: int | None = None
    lead: str = ""
    source_kind: str = ""


def exception_actions(user: Any, today: datetime.date, filters: Filters | None = None) -> Any:
    """Return the actions of the user's plans that need attention, with the RAG annotations."""
    filters = filters or Filters()
    revisions = (
        DueDateRevision.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
    )
    visible = cast(ActionQuerySet, access.visible_actions(user))
    actions = visible.with_rag(today).annotate(
        revision_count=Coalesce(Subquery(revisions.values("n")[:1]), Value(0), output_field=IntegerField())
    )
    open_ = ~Q(status=rag.COMPLETED)
    due_soon = open_ & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    actions = actions.filter(
        Q(is_overdue=True)
        | Q(rag_meaning__in=[rag.DELAYED, rag.AT_RISK])
        | Q(is_stale=True)
        | due_soon
        | Q(revision_count__gt=F("plan__revision_limit"))
    )
    if filters.plan:
        actions = actions.filter(plan_id=filters.plan)
    if filters.agency:
        actions = actions.filter(Q(agency_id=filters.agency) | Q(leads__agency_id=filters.agency))
    if filters.lead:
        words = filters.lead.strip()
        actions = actions.filter(
            Q(leads__key__icontains=words) | Q(leads__name__icontains=words) | Q(leads__role__icontains=words)
        )
    if filters.source_kind:
        actions = actions.filter(plan__source_kind=filters.source_kind)
    leads = ActionLead.objects.select_related("person").order_by("order")
    return (
        actions.distinct()
        .select_related("plan", "recommendation")
        .prefetch_related(Prefetch("lead_links", queryset=leads, to_attr="_prefetched_lead_links"))
        .order_by(F("days_overdue").desc(nulls_last=True), "due_date", "plan__title", "order", "pk")
    )


def why_listed(action: Any, today: datetime.date) -> list[str]:
    """Say in words why an action is on the exception report."""
    reasons = []
    if action.is_overdue:
        reasons.append(f"{action.days_overdue} day{'s' if action.days_overdue != 1 else ''} overdue")
    if action.rag_meaning == rag.DELAYED:
        reasons.append("Red")
    elif action.rag_meaning == rag.AT_RISK:
        reasons.append(action.plan.scale.code_for(rag.AT_RISK).title())
    if action.is_stale:
        last = action.last_update_on()
        reasons.append(f"no update for {how_long(last, today)}" if last else "no update")
    if (
        action.status != rag.COMPLETED
        and action.due_date
        and 0 <= (action.due_date - today).days <= DUE_SOON_DAYS
    ):
        reasons.append(f"due {format_date(action.due_date)}")
    if action.revision_count > action.plan.revision_limit:
        reasons.append(
            f"revised {action.revision_count} times (the plan allows {action.plan.revision_limit})"
        )
    return reasons


def build_exceptions(user: Any, today: datetime.date, filters: Filters | None = None) -> dict[str, Any]:
    """Return the exception report's data: a title and one row per action that needs attention."""
    rows = []
    for action in exception_actions(user, today, filters):
        assessment = action.assessment(today)
        code = assessment.code(action.plan.scale)
        recommendation = action.recommendation
        rows.append(
            {
                "id": action.pk,
                "plan_id": action.plan_id,
                "plan": action.plan.title,
                "recommendation": f"{recommendation.ref} {recommendation.text}".strip()
                if recommendation
                else "",
                "ref": action.ref,
                "text": action.text,
                "leads": ", ".join(action.lead_keys()),
                "due": " ".join(
                    filter(
                        None,
                        [action.due_text, f"({format_date(action.due_date)})" if action.due_date else ""],
                    )
                ),
                "rag": code,
                "rag_reason": assessment.reason,
                "why": "; ".join(why_listed(action, today)),
                "latest_update": action.latest_update_text or "",
            }
        )
    return {"as_at": today.isoformat(), "rows": rows}


def table(report: dict[str, Any]) -> list[list[Any]]:
    """Return the exception report's header and rows, for the spreadsheet formats."""
    keys = (
        "plan",
        "recommendation",
        "ref",
        "text",
        "leads",
        "due",
        "rag",
        "rag_reason",
        "why",
        "latest_update",
    )
    return [list(COLUMNS)] + [
        [row[key].title() if key == "rag" else row[key] for key in keys] for row in report["rows"]
    ]
