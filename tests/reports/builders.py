"""A small plan with everything a board report shows, for the reports tests."""

from __future__ import annotations

import datetime
from typing import Any

from actiontrack.plans.models import DueDateRevision
from tests import factories

AS_AT = datetime.date(2026, 6, 15)


def board_plan(plan: Any, lead_person: Any) -> dict[str, Any]:
    """Fill the shared `plan` fixture: two sections, three recommendations, five actions."""
    first = factories.RecommendationFactory(
        plan=plan,
        ref="1",
        section="Strategic",
        text="Improve oversight of referrals",
        order=0,
        priority="High",
        objective="Referrals are screened within a day",
        outcomes=["Fewer repeat referrals"],
        measures=["Audit of 20 cases a quarter"],
    )
    second = factories.RecommendationFactory(
        plan=plan, ref="2", section="Strategic", text="Train staff", order=1
    )
    third = factories.RecommendationFactory(
        plan=plan, ref="3", section="Operational", text="Audit cases", order=2
    )
    other = factories.PersonFactory(plan=plan, key="JH", name="Jane Hoey")
    a11 = factories.ActionFactory(
        recommendation=first,
        ref="1.1",
        text="Audit referral cases monthly",
        status="",
        due_text="March 2026",
        due_date=datetime.date(2026, 3, 31),
        order=0,
    )
    factories.lead(a11, lead_person)
    factories.lead(a11, other)
    a12 = factories.ActionFactory(
        recommendation=first,
        ref="1.2",
        text='=HYPERLINK("http://evil")',
        status="completed",
        due_text="12/01/26",
        due_date=datetime.date(2026, 1, 12),
        order=1,
    )
    a21 = factories.ActionFactory(
        recommendation=second,
        ref="2.1",
        text="Run safeguarding training",
        status="",
        due_text="Summer 2026",
        due_date=datetime.date(2026, 8, 31),
        order=0,
    )
    factories.lead(a21, other)
    a31 = factories.ActionFactory(
        recommendation=third,
        ref="3.1",
        text="Report back to April board",
        status="delayed",
        due_text="Ongoing",
        due_date=None,
        due_kind="ongoing",
        order=0,
    )
    DueDateRevision.objects.create(
        action=a21,
        previous_text="May 2026",
        previous_date=datetime.date(2026, 5, 31),
        new_text="Summer 2026",
        new_date=datetime.date(2026, 8, 31),
        reason="Trainer unavailable",
    )
    factories.UpdateFactory(action=a11, date=datetime.date(2026, 2, 1), text="Audit tool agreed", order=0)
    factories.UpdateFactory(action=a11, date=datetime.date(2026, 6, 1), text="First audit done", order=1)
    factories.UpdateFactory(
        action=a11, date=datetime.date(2026, 7, 1), text="Second audit (after the date)", order=2
    )
    factories.UpdateFactory(action=a12, date=datetime.date(2026, 1, 10), text="-Completed early", order=0)
    return {"first": first, "second": second, "third": third, "a11": a11, "a12": a12, "a21": a21, "a31": a31}
