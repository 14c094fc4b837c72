"""The RAG rule in SQL (ActionQuerySet.with_rag) agrees with the Python rule (rag.assess) on every action."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from actiontrack.demo import load_demo
from actiontrack.plans import rag
from actiontrack.plans.models import Action, Plan, Update
from actiontrack.plans.summaries import summarise
from tests import factories

TODAY = datetime.date(2026, 6, 15)
STATUSES = ["", "completed", "delayed", "at_risk", "on_track", "ongoing", "not_started"]
# Days past due (None: undated) and days since the last update (None: never updated), around each threshold.
DUE_OFFSETS = [None, -30, -1, 0, 1, 7, 8, 29, 30, 31, 400]
UPDATE_OFFSETS = [None, 0, 29, 30, 31, 89, 90, 91]
# Days since each action was added, dealt out in turn: they matter to an action never updated.
ADDED_OFFSETS = [0, 30, 31, 90, 91, 400, -5]


def python_view(action: Any, today: datetime.date) -> tuple[str, int | None, bool, bool]:
    """Return (meaning, days overdue, overdue, stale) as the Python rule sees the action."""
    facts = action.rag_facts(today)
    return (
        action.assessment(today).meaning,
        rag.days_overdue(facts),
        rag.OVERDUE.holds(facts),
        rag.STALE.holds(facts),
    )


def sql_view(action: Any) -> tuple[str, int | None, bool, bool]:
    return (action.rag_meaning, action.days_overdue, action.is_overdue, action.is_stale)


def assert_agree(actions: Any, today: datetime.date) -> int:
    disagreements = []
    count = 0
    for action in actions.with_rag(today).select_related("plan"):
        count += 1
        python, sql = python_view(action, today), sql_view(action)
        if python != sql:
            disagreements.append(
                (action.pk, action.status, action.due_date, action.last_update_on(), python, sql)
            )
    assert not disagreements, disagreements[:10]
    return count


def generate(plan: Plan, *, recorded_only: bool) -> None:
    """Make one action per status × due offset × update offset; updates dated, or only recorded."""
    actions = []
    for status, due, _update in itertools.product(STATUSES, DUE_OFFSETS, UPDATE_OFFSETS):
        due_date = TODAY - datetime.timedelta(days=due) if due is not None else None
        actions.append(Action(plan=plan, text=f"{status} {due}", status=status, due_date=due_date))
    created = Action.objects.bulk_create(actions)
    for index, action in enumerate(created):
        added = TODAY - datetime.timedelta(days=ADDED_OFFSETS[index % len(ADDED_OFFSETS)])
        # Just after midnight in London is still the day before in UTC in summer: the local day counts.
        at = timezone.make_aware(datetime.datetime.combine(added, datetime.time(0, 30)))
        Action.objects.filter(pk=action.pk).update(created_at=at)
    offsets = [update for _status, _due, update in itertools.product(STATUSES, DUE_OFFSETS, UPDATE_OFFSETS)]
    updates = []
    for action, offset in zip(created, offsets, strict=True):
        if offset is None:
            continue
        day = TODAY - datetime.timedelta(days=offset)
        # An older update first, so "latest" must be picked by order, not by date alone.
        updates.append(Update(action=action, date=day - datetime.timedelta(days=400), text="old", order=0))
        updates.append(Update(action=action, date=None if recorded_only else day, text=f"{offset}", order=1))
    Update.objects.bulk_create(updates)
    if recorded_only:
        for offset in {o for o in UPDATE_OFFSETS if o is not None}:
            day = TODAY - datetime.timedelta(days=offset)
            # Just after midnight in London is still the day before in UTC in summer: the local day counts.
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 30)))
            Update.objects.filter(action__plan=plan, text=f"{offset}").update(recorded_at=at)


@pytest.mark.django_db
@pytest.mark.parametrize(("red_after", "stale_after"), [(30, 90), (7, 30), (0, 0)])
@pytest.mark.parametrize("recorded_only", [False, True])
@pytest.mark.parametrize("reported_at", [None, 31, 91])
def test_sql_and_python_rag_agree_on_every_generated_action(
    red_after, stale_after, recorded_only, reported_at
):
    as_of = TODAY - datetime.timedelta(days=reported_at) if reported_at is not None else None
    plan = factories.PlanFactory(red_after_days=red_after, stale_after_days=stale_after, as_of=as_of)
    generate(plan, recorded_only=recorded_only)
    count = assert_agree(Action.objects.filter(plan=plan), TODAY)
    assert count == len(STATUSES) * len(DUE_OFFSETS) * len(UPDATE_OFFSETS)
    meanings = set(Action.objects.filter(plan=plan).with_rag(TODAY).values_list("rag_meaning", flat=True))
    # Undated updates count from the plan's progress reported at date: older than the stale period,
    # no open action can be Green (never-updated ones count from that date at the latest too).
    all_stale = recorded_only and reported_at is not None and reported_at > stale_after
    assert meanings == set(rag.MEANINGS) - ({rag.ON_TRACK} if all_stale else set())


# One row per rule and boundary: (status, days past due, days since update, days since added,
# days since the plan's progress reported at date, expected meaning). None: no such date.
BOUNDARIES = [
    ("completed", 400, 400, 0, None, "completed"),
    ("", 31, 0, 0, None, "delayed"),  # one day beyond red_after_days (30)
    ("", 30, 0, 0, None, "at_risk"),  # exactly red_after_days overdue: still amber
    ("delayed", -10, 0, 0, None, "delayed"),
    ("", 1, 0, 0, None, "at_risk"),
    ("", 0, 0, 0, None, "on_track"),  # due today is not overdue
    ("at_risk", -10, 0, 0, None, "at_risk"),
    ("", -10, 91, 0, None, "at_risk"),  # one day beyond stale_after_days (90)
    ("", -10, 90, 0, None, "on_track"),  # exactly stale_after_days without an update
    ("", None, None, 0, None, "on_track"),  # undated, added today
    ("", None, None, 91, None, "at_risk"),  # undated, added 91 days ago and never updated
    ("", None, None, 90, None, "on_track"),
    ("", None, None, 0, 91, "at_risk"),  # imported today, progress reported at 91 days ago: the earlier
    ("", None, None, 0, 90, "on_track"),
    ("", None, 10, 400, 400, "on_track"),  # a recent update counts, however old the action
    ("", -10, None, 91, None, "at_risk"),  # dated too: never updated in the stale period
    ("ongoing", None, 91, 0, None, "at_risk"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "past_due", "since_update", "since_added", "since_reported", "meaning"), BOUNDARIES
)
def test_each_rule_and_boundary_gives_the_same_rag_in_python_and_sql(
    status, past_due, since_update, since_added, since_reported, meaning
):
    as_of = TODAY - datetime.timedelta(days=since_reported) if since_reported is not None else None
    plan = factories.PlanFactory(red_after_days=30, stale_after_days=90, as_of=as_of)
    due = TODAY - datetime.timedelta(days=past_due) if past_due is not None else None
    action = factories.ActionFactory(plan=plan, recommendation=None, status=status, due_date=due)
    added = timezone.make_aware(
        datetime.datetime.combine(TODAY - datetime.timedelta(days=since_added), datetime.time(12))
    )
    Action.objects.filter(pk=action.pk).update(created_at=added)
    if since_update is not None:
        factories.UpdateFactory(action=action, date=TODAY - datetime.timedelta(days=since_update), text="x")
    annotated = Action.objects.with_rag(TODAY).select_related("plan").get(pk=action.pk)
    assert annotated.rag_meaning == meaning
    assert python_view(annotated, TODAY) == sql_view(annotated)


@pytest.mark.django_db
@pytest.mark.parametrize(("reported_at", "meaning"), [(None, "at_risk"), (30, "on_track"), (91, "at_risk")])
def test_an_undated_update_counts_from_the_plans_reported_at_date_never_from_the_import(reported_at, meaning):
    as_of = TODAY - datetime.timedelta(days=reported_at) if reported_at is not None else None
    plan = factories.PlanFactory(stale_after_days=90, as_of=as_of)
    action = factories.ActionFactory(plan=plan, recommendation=None, due_date=None, due_text="Ongoing")
    factories.UpdateFactory(action=action, date=None, text="Guidance issued")  # recorded today: an import
    annotated = Action.objects.with_rag(TODAY).select_related("plan").get(pk=action.pk)
    assert annotated.rag_meaning == meaning
    assert python_view(annotated, TODAY) == sql_view(annotated)


@pytest.mark.django_db
def test_updates_after_the_as_at_date_do_not_count():
    plan = factories.PlanFactory(stale_after_days=90)
    action = factories.ActionFactory(plan=plan, recommendation=None, due_date=None)
    factories.UpdateFactory(action=action, date=TODAY - datetime.timedelta(days=100), text="old", order=0)
    factories.UpdateFactory(action=action, date=TODAY + datetime.timedelta(days=5), text="later", order=1)
    as_at = Action.objects.with_rag(TODAY, updates_up_to=TODAY).get(pk=action.pk)
    assert (as_at.rag_meaning, as_at.is_stale, as_at.latest_update_text) == ("at_risk", True, "old")


@pytest.mark.django_db
def test_sql_and_python_rag_agree_on_the_demo_plans(shared_dir):
    load_demo(shared_dir, "demo password")
    actions = Action.objects.all()
    for today in (datetime.date(2004, 6, 1), TODAY, timezone.localdate()):
        assert assert_agree(actions, today) == actions.count()


@pytest.mark.django_db
def test_plan_list_counts_come_from_sql_and_match_python():
    plan = factories.PlanFactory()
    generate(plan, recorded_only=False)
    (summary,) = summarise([plan], TODAY)
    expected: dict[str, int] = {}
    overdue = 0
    for action in Action.objects.filter(plan=plan).with_latest_update().select_related("plan"):
        meaning, _days, is_overdue, _stale = python_view(action, TODAY)
        expected[meaning] = expected.get(meaning, 0) + 1
        overdue += is_overdue
    assert dict(summary.counts) == expected
    assert summary.overdue == overdue
