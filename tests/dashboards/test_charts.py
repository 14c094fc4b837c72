"""Each chart's figures match the database for the demo, and each SVG is accessible."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal

import pytest

from actiontrack.dashboards import charts, stats
from actiontrack.dashboards.demo import MEASURE_NAME, add_demo_measures, quoted_figures
from actiontrack.dashboards.models import Measure
from actiontrack.demo import load_demo
from actiontrack.plans import rag, services
from actiontrack.plans.models import Action, Plan

TODAY = datetime.date(2026, 12, 2)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def demo(db, shared_dir, settings):
    result = load_demo(shared_dir, "demo password")
    add_demo_measures(result.plans)
    # One slipped action, so the slippage chart has something to count.
    action = Action.objects.filter(due_date__isnull=False).order_by("pk").first()
    services.revise_due_date(action, due_text="31/12/2027", reason="Waiting for the new IT system")
    return result


def by_name(actions, key):
    counts: dict[str, list[int]] = {}
    for action in actions:
        assessment = action.assessment(TODAY)
        overdue = action.status != rag.COMPLETED and action.due_date is not None and action.due_date < TODAY
        # Stale as the RAG rule counts it: from the latest update, else from the plan's progress
        # reported at date or the day the action was added, whichever is earlier.
        stale = rag.STALE.holds(action.rag_facts(TODAY))
        del assessment
        for name in key(action):
            row = counts.setdefault(name, [0, 0])
            row[0] += overdue
            row[1] += stale
    return {name: row for name, row in counts.items() if any(row)}


def agency_of(action):
    return [action.agency.name if action.agency else action.agency_name or "No agency named"]


def leads_of(action):
    people = action.ordered_leads()
    return [p.name or p.key for p in people] or ["No lead named"]


def test_every_chart_counts_what_the_rag_rule_says_for_the_demo(demo):
    plans = Plan.objects.all()
    actions = list(Action.objects.for_page().select_related("agency"))
    figures = {f.slug: f for f in stats.action_figures(plans, stats.actions_in_view(plans), TODAY)}

    meanings = Counter(action.assessment(TODAY).meaning for action in actions)
    assert {row[0]: row[1] for row in figures["rag"].rows} == {
        stats.RAG_LABELS[m]: meanings.get(m, 0) for m in rag.MEANINGS
    }
    assert sum(row[1] for row in figures["rag"].rows) == len(actions) == 158

    assert {row[0]: [row[1], row[2]] for row in figures["agency"].rows} == by_name(actions, agency_of)
    assert {row[0]: [row[1], row[2]] for row in figures["lead"].rows} == by_name(actions, leads_of)

    completion = figures["completion"].rows[-1]
    assert completion[2] == sum(a.status == rag.COMPLETED for a in actions)
    assert completion[3] == sum(a.due_date is not None and a.due_date <= TODAY for a in actions)

    end = TODAY + datetime.timedelta(weeks=12)
    assert sum(row[1] for row in figures["upcoming"].rows) == sum(
        a.status != rag.COMPLETED and a.due_date is not None and TODAY <= a.due_date < end for a in actions
    )
    assert figures["slippage"].rows == [["No agency named", 1, 1]]

    progress = stats.recommendation_progress(plans, stats.actions_in_view(plans), TODAY)
    for row in progress:
        own = [a for a in actions if a.recommendation_id == row.recommendation.pk]
        assert row.actions == len(own) and row.completed == sum(a.status == rag.COMPLETED for a in own)
    done = {r[0]: r[1] for r in figures["recommendations"].rows}
    assert sum(done.values()) == len(progress) == sum(p.recommendations.count() for p in plans)
    assert done["Actions done, impact not evidenced"] == sum(p.done and not p.evidenced for p in progress)


def test_demo_measure_follows_the_child_protection_figures_of_the_2018_review(demo):
    measure = Measure.objects.get(name=MEASURE_NAME)
    assert measure.plan.source_kind == "internal" and "2018" in (
        measure.plan.version + str(measure.plan.as_of)
    )
    assert [(v.date, v.value) for v in measure.values.order_by("date")] == [
        (datetime.date(2018, 3, 8), 215),
        (datetime.date(2018, 4, 2), 201),
        (datetime.date(2018, 4, 30), 183),
        (datetime.date(2018, 5, 14), 188),
        (datetime.date(2018, 6, 11), 180),
    ]
    assert measure.direction == "lower" and measure.target == 200
    assert add_demo_measures(Plan.objects.all()) == []  # safe to re-run
    chart = charts.measure_chart(measure, TODAY)
    assert [row[1] for row in chart.rows] == [215, 201, 183, 188, 180]
    assert [row[2] for row in chart.rows] == ["no", "no", "yes", "yes", "yes"]
    assert "improving, target met; stale" in chart.description
    assert measure.plan in [m.plan for m in Measure.objects.all()] and Measure.objects.count() == 1


def test_figures_quoted_in_updates_take_the_day_in_brackets():
    assert quoted_figures("further reduction to 183 (30/04)", datetime.date(2018, 5, 3)) == [
        (datetime.date(2018, 4, 30), Decimal(183))
    ]
    assert quoted_figures("ongoing, further reduction to 215", datetime.date(2018, 3, 8)) == [
        (datetime.date(2018, 3, 8), Decimal(215))
    ]
    assert quoted_figures("reduced to 180 (28/12)", datetime.date(2019, 1, 3))[0][0] == datetime.date(
        2018, 12, 28
    )
    assert quoted_figures("Workshop held on 12 May", datetime.date(2018, 5, 16)) == []


def test_each_chart_is_an_svg_with_a_title_a_description_and_a_table(demo):
    plan = Measure.objects.get().plan
    drawn = charts.plan_charts(plan, TODAY) + charts.dashboard_charts(Plan.objects.all(), TODAY)
    assert len(drawn) == 15
    for chart in drawn:
        root = ET.fromstring(chart.svg)
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title
        assert desc is not None and desc.text == chart.description
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert any(True for _ in root.iter(f"{SVG}text")) and b"<script" not in chart.svg  # text kept as text
        assert chart.headers and all(len(row) == len(chart.headers) for row in chart.rows)
        assert float(root.get("width").removesuffix("pt")) < 340  # drawn for a narrow screen
    assert drawn[0].png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_drawn_in_several_threads_at_once_come_out_whole_and_the_same():
    from concurrent.futures import ThreadPoolExecutor

    figures = stats.Figures(
        "rag",
        "Actions by RAG status",
        "3 actions",
        ["RAG status", "Actions"],
        [["Completed (blue)", 3]],
        "bar",
    )
    figures.colours = ["#1d70b8"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        drawn = list(pool.map(lambda _: charts.Chart(figures).svg, range(8)))
    assert len(set(drawn)) == 1 and drawn[0].rstrip().endswith(b"</svg>")
