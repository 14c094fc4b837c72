"""The dashboards' figures, counted by the database with the SQL RAG rule (`Action.objects.with_rag`).

Each function takes the actions (or plans) in view and returns a `Figures`:
a title, a description in words, the table of figures, and the series a chart
draws from them. `charts.py` draws them; pages and board reports show both.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf, TruncDate, TruncMonth, TruncWeek

from actiontrack.dashboards import measures
from actiontrack.dashboards.models import Measure
from actiontrack.plans import rag
from actiontrack.plans.models import Action, ActionQuerySet, DueDateRevision, Plan, Recommendation
from actiontrack.plans.rag import format_date

MEANING_WORDS = {
    rag.COMPLETED: "Completed",
    rag.ON_TRACK: "On track",
    rag.AT_RISK: "At risk",
    rag.DELAYED: "Delayed",
}
RAG_LABELS = {
    meaning: f"{words} ({rag.RagScale().code_for(meaning)})" for meaning, words in MEANING_WORDS.items()
}
# GOV.UK colours for the codes a plan's key may use.
RAG_COLOURS = {
    "blue": "#1d70b8",
    "green": "#00703c",
    "amber": "#f47738",
    "yellow": "#ffdd00",
    "red": "#d4351c",
}
MOST_ROWS = 12  # bars a chart shows; the table beside it lists every row
UPCOMING_WEEKS = 12


@dataclass
class Figures:
    """One chart's figures: what it is, in words, and its table."""

    slug: str
    title: str
    description: str
    headers: list[str]
    rows: list[list[Any]]
    kind: str  # "bar", "hbar" (grouped, one bar per series) or "line"
    series: list[str] = field(default_factory=list)  # the columns (after the first) a chart draws
    colours: list[str] = field(default_factory=list)
    reference: tuple[str, float] | None = None  # a labelled horizontal line (a measure's target)
    dates: list[datetime.date] = field(default_factory=list)  # a line chart's x positions, one a row
    steps: bool = False  # a running total, drawn as steps


def _open(actions: ActionQuerySet) -> ActionQuerySet:
    return actions.exclude(status=rag.COMPLETED)


def rag_distribution(
    actions: ActionQuerySet, today: datetime.date, scale: rag.RagScale | None = None
) -> Figures:
    """Count the actions of each RAG colour (named by a plan's own key when given its scale)."""
    scale = scale or rag.RagScale()
    codes = {meaning: scale.code_for(meaning) for meaning in rag.MEANINGS}
    annotated: Any = actions.with_rag(today)  # the plugin cannot see the annotations
    counts = dict(
        annotated.order_by()
        .values_list("rag_meaning")
        .annotate(n=Count("pk"))
        .values_list("rag_meaning", "n")
    )
    rows: list[list[Any]] = [
        [f"{MEANING_WORDS[meaning]} ({codes[meaning]})", counts.get(meaning, 0)] for meaning in rag.MEANINGS
    ]
    total = sum(row[1] for row in rows)
    words = ", ".join(f"{row[1]} {row[0].split(' (')[0].lower()}" for row in rows)
    return Figures(
        "rag",
        "Actions by RAG status",
        f"{total} actions on {format_date(today)}: {words}.",
        ["RAG status", "Actions"],
        rows,
        "bar",
        ["Actions"],
        [RAG_COLOURS.get(codes[meaning], "#505a5f") for meaning in rag.MEANINGS],
    )


def completion_over_time(actions: ActionQuerySet, today: datetime.date) -> Figures:
    """Count, month by month, the actions completed so far and the actions due so far."""
    done_on = Coalesce(F("latest_update_date"), TruncDate("updated_at"))
    completed = dict(
        actions.filter(status=rag.COMPLETED)
        .with_latest_update()
        .annotate(month=TruncMonth(done_on))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    due = dict(
        actions.filter(due_date__lte=today)
        .annotate(month=TruncMonth("due_date"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    months = sorted(set(completed) | set(due))
    rows: list[list[Any]] = []
    done_total = due_total = 0
    for month in months:
        done_total += completed.get(month, 0)
        due_total += due.get(month, 0)
        rows.append([f"{month:%b %Y}", completed.get(month, 0), done_total, due_total])
    if rows:
        last = rows[-1]
        words = f"By {last[0]}, {last[2]} actions were completed and {last[3]} had fallen due."
    else:
        words = "No action is completed or due yet."
    return Figures(
        "completion",
        "Completion over time",
        "Actions completed (by the month of their last update) and actions due, counted up month by month. "
        + words,
        ["Month", "Completed that month", "Completed so far", "Due so far"],
        rows,
        "line",
        ["Completed so far", "Due so far"],
        ["#1d70b8", "#505a5f"],
        dates=months,
        steps=True,
    )


def _by_name(
    actions: ActionQuerySet, today: datetime.date, name: Any, slug: str, title: str, what: str
) -> Figures:
    counted = (
        actions.with_rag(today)
        .annotate(group=name)
        .order_by()
        .values("group")
        .annotate(
            overdue=Count("pk", filter=Q(is_overdue=True), distinct=True),
            stale=Count("pk", filter=Q(is_stale=True), distinct=True),
        )
        .filter(Q(overdue__gt=0) | Q(stale__gt=0))
    )
    rows = sorted(
        ([row["group"], row["overdue"], row["stale"]] for row in counted), key=lambda r: (-r[1], -r[2], r[0])
    )
    if rows:
        words = "; ".join(f"{row[0]}: {row[1]} overdue, {row[2]} stale" for row in rows[:5])
        description = (
            f"Open actions overdue and without an update for too long, by {what}. Most first: {words}."
        )
    else:
        description = f"No action is overdue or stale, by any {what}."
    return Figures(
        slug,
        title,
        description,
        [what.capitalize(), "Overdue", "Stale"],
        rows,
        "hbar",
        ["Overdue", "Stale"],
        ["#d4351c", "#f47738"],
    )


def overdue_by_agency(actions: ActionQuerySet, today: datetime.date) -> Figures:
    """Count the overdue and the stale actions of each agency (as linked, else as printed)."""
    name = Coalesce(F("agency__name"), NullIf(F("agency_name"), Value("")), Value("No agency named"))
    return _by_name(actions, today, name, "agency", "Overdue and stale actions by agency", "agency")


def overdue_by_lead(actions: ActionQuerySet, today: datetime.date) -> Figures:
    """Count the overdue and the stale actions of each lead (an action with two leads counts for both)."""
    name = Coalesce(
        NullIf(F("lead_links__person__name"), Value("")), F("lead_links__person__key"), Value("No lead named")
    )
    return _by_name(actions, today, name, "lead", "Overdue and stale actions by lead", "lead")


def upcoming_deadlines(actions: ActionQuerySet, today: datetime.date) -> Figures:
    """Count the open actions falling due in each of the next twelve weeks."""
    end = today + datetime.timedelta(weeks=UPCOMING_WEEKS)
    counts = dict(
        _open(actions)
        .filter(due_date__gte=today, due_date__lt=end)
        .annotate(week=TruncWeek("due_date"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    monday = today - datetime.timedelta(days=today.weekday())
    weeks = [monday + datetime.timedelta(weeks=n) for n in range(UPCOMING_WEEKS)]
    rows: list[list[Any]] = [[f"w/c {week.day} {week:%b}", counts.get(week, 0)] for week in weeks]
    total = sum(row[1] for row in rows)
    return Figures(
        "upcoming",
        "Actions falling due in the next 12 weeks",
        f"{total} open actions fall due between {format_date(today)} and {format_date(end)}, week by week.",
        ["Week commencing", "Actions due"],
        rows,
        "bar",
        ["Actions due"],
        ["#505a5f"],
    )


def slippage(actions: ActionQuerySet, today: datetime.date) -> Figures:
    """Count the actions whose due date was revised, and the revisions, by agency."""
    name = Coalesce(
        F("action__agency__name"), NullIf(F("action__agency_name"), Value("")), Value("No agency named")
    )
    counted = (
        DueDateRevision.objects.filter(action__in=actions)
        .annotate(group=name)
        .order_by()
        .values("group")
        .annotate(actions=Count("action", distinct=True), revisions=Count("pk"))
    )
    rows = sorted(
        ([row["group"], row["actions"], row["revisions"]] for row in counted), key=lambda r: (-r[2], r[0])
    )
    total_actions = sum(row[1] for row in rows)
    total = sum(row[2] for row in rows)
    description = (
        f"{total_actions} actions had their due date revised, {total} times in all, by agency."
        if rows
        else "No action's due date has been revised."
    )
    return Figures(
        "slippage",
        "Slippage: revised due dates by agency",
        description,
        ["Agency", "Actions revised", "Revisions"],
        rows,
        "hbar",
        ["Actions revised", "Revisions"],
        ["#4c2c92", "#505a5f"],
    )


@dataclass
class RecommendationProgress:
    recommendation: Recommendation
    actions: int
    completed: int
    measures: list[tuple[Measure, measures.Status]]
    impact_records: int = 0

    @property
    def done(self) -> bool:
        return self.actions > 0 and self.completed == self.actions

    @property
    def evidenced(self) -> bool:
        """Say whether the impact is evidenced: a linked measure meets its target, or evidence is recorded."""
        return self.impact_records > 0 or any(state.target_met for _, state in self.measures)


def recommendation_progress(
    plans: QuerySet[Plan], actions: ActionQuerySet, today: datetime.date
) -> list[RecommendationProgress]:
    """Return, for each recommendation, its actions done and whether its impact is evidenced."""
    in_view = Q(actions__in=actions)
    recommendations = (
        Recommendation.objects.filter(plan__in=plans)
        .select_related("plan")
        .annotate(
            n_actions=Count("actions", filter=in_view, distinct=True),
            n_completed=Count("actions", filter=in_view & Q(actions__status=rag.COMPLETED), distinct=True),
            n_impact=Count("impact_evidence", distinct=True),  # written evidence recorded at sign-off
        )
        .order_by("plan__title", "plan", "order", "pk")
    )
    statuses = measure_statuses(Measure.objects.filter(plan__in=plans), today)
    linked: dict[int, list[tuple[Measure, measures.Status]]] = {}
    for measure, state in statuses:
        for recommendation_id in measure.recommendation_ids:  # type: ignore[attr-defined]
            linked.setdefault(recommendation_id, []).append((measure, state))
    return [
        RecommendationProgress(
            r,
            r.n_actions,  # type: ignore[attr-defined]
            r.n_completed,  # type: ignore[attr-defined]
            linked.get(r.pk, []),
            r.n_impact,  # type: ignore[attr-defined]
        )
        for r in recommendations
    ]


def recommendation_figures(progress: Sequence[RecommendationProgress]) -> Figures:
    """Count the recommendations by whether their actions are done and their impact evidenced."""
    groups = [
        ("Actions done, impact evidenced", lambda p: p.done and p.evidenced),
        ("Actions done, impact not evidenced", lambda p: p.done and not p.evidenced),
        ("Actions not done, impact evidenced", lambda p: not p.done and p.evidenced),
        ("Actions not done, impact not evidenced", lambda p: not p.done and not p.evidenced),
    ]
    rows: list[list[Any]] = [[label, sum(1 for p in progress if test(p))] for label, test in groups]
    words = "; ".join(f"{row[0].lower()}: {row[1]}" for row in rows)
    return Figures(
        "recommendations",
        "Recommendations: actions done and impact evidenced",
        f"{len(progress)} recommendations. {words}. "
        "Impact is evidenced when a linked outcome measure meets its target "
        "or evidence of impact is recorded.",
        ["Recommendations", "Number"],
        rows,
        "hbar",
        ["Number"],
        ["#00703c"],
    )


def measure_statuses(
    queryset: QuerySet[Measure], today: datetime.date
) -> list[tuple[Measure, measures.Status]]:
    """Return each measure with its status (values and linked recommendations prefetched)."""
    found = list(queryset.prefetch_related("values", "recommendations").select_related("plan"))
    result = []
    for measure in found:
        measure.recommendation_ids = [r.pk for r in measure.recommendations.all()]  # type: ignore[attr-defined]
        result.append((measure, measures.status(measure, list(measure.values.all()), today)))
    return result


def measure_figures(measure: Measure, values: Sequence[Any], state: measures.Status) -> Figures:
    """Return a measure's values over time against its target."""
    unit = f" {measure.unit}" if measure.unit else ""
    rows = [
        [format_date(value.date), float(value.value), "yes" if measure.meets_target(value.value) else "no"]
        for value in values
    ]
    target = f"{measure.target.normalize():f}{unit}"
    better = "lower" if measure.direction == "lower" else "higher"
    description = (
        f"{measure.name}: {len(rows)} values, {better} is better, target {target}"
        f"{' by ' + format_date(measure.target_date) if measure.target_date else ''}. {state.summary}."
    )
    return Figures(
        f"measure-{measure.pk}",
        f"{measure.name} against its target",
        description,
        ["Date", f"Value{(' (' + measure.unit + ')') if measure.unit else ''}", "Target met"],
        rows,
        "line",
        [f"Value{(' (' + measure.unit + ')') if measure.unit else ''}"],
        ["#1d70b8"],
        reference=(f"Target {target}", float(measure.target)),
        dates=[value.date for value in values],
    )


def actions_in_view(plans: QuerySet[Plan], agency_id: int | None = None) -> ActionQuerySet:
    """Return the actions of these plans, of one agency (linked to the action or to its lead) if given."""
    actions = Action.objects.filter(plan__in=plans)
    if agency_id:
        actions = actions.filter(Q(agency_id=agency_id) | Q(lead_links__person__agency_id=agency_id))
        actions = Action.objects.filter(pk__in=actions.values("pk"))
    return actions


ACTION_FIGURES = {
    "rag": rag_distribution,
    "completion": completion_over_time,
    "agency": overdue_by_agency,
    "lead": overdue_by_lead,
    "upcoming": upcoming_deadlines,
    "slippage": slippage,
}
SLUGS = [*ACTION_FIGURES, "recommendations"]


def one_figure(
    slug: str,
    plans: QuerySet[Plan],
    actions: ActionQuerySet,
    today: datetime.date,
    scale: rag.RagScale | None = None,
) -> Figures:
    """Return one action chart's figures by its slug (KeyError for an unknown one)."""
    if slug == "recommendations":
        return recommendation_figures(recommendation_progress(plans, actions, today))
    if slug == "rag":
        return rag_distribution(actions, today, scale)
    return ACTION_FIGURES[slug](actions, today)


def action_figures(
    plans: QuerySet[Plan], actions: ActionQuerySet, today: datetime.date, scale: rag.RagScale | None = None
) -> list[Figures]:
    """Return every action chart's figures, in the order a dashboard shows them."""
    return [one_figure(slug, plans, actions, today, scale) for slug in SLUGS]
