"""Time the board report of a 200-action plan in every format, and the exception report.

    .venv/bin/python scripts/bench_reports.py [--actions 200] [--repeat 3]

Uses a throwaway SQLite database in a temporary directory; prints seconds per
render (best of N) and makes no assertions. Targets on a 2-core machine: the
PDF in under 3 s, the Word document in under 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def best_of(repeat: int, work: Callable[[], Any]) -> str:
    """Run work repeat times; return the best wall-clock and CPU seconds (CPU sees through a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{min(walls):7.3f} {min(cpus):7.3f}"


def make_plan(actions: int) -> Any:
    """Create a plan of `actions` actions over recommendations of five, each with leads and two updates."""
    from actiontrack.plans.models import Action, ActionLead, Person, Plan, Recommendation, Update

    plan = Plan.objects.create(
        title=f"Benchmark plan of {actions} actions", owning_body="Safeguarding Partnership"
    )
    people = [Person.objects.create(plan=plan, key=f"P{n}", name=f"Person {n}") for n in range(8)]
    today = datetime.date.today()
    for number in range(actions // 5):
        recommendation = Recommendation.objects.create(
            plan=plan,
            ref=str(number + 1),
            section=f"Section {number // 8 + 1}",
            order=number,
            text=f"Recommendation {number + 1}: strengthen multi-agency oversight of referrals.",
            objective="Children's needs are identified and assessed in a more timely manner.",
            outcomes=["Fewer repeat referrals"],
            measures=["Monthly case file audit"],
        )
        for index in range(5):
            due = today + datetime.timedelta(days=(number * 5 + index) * 7 - 400)
            action = Action.objects.create(
                plan=plan,
                recommendation=recommendation,
                ref=f"{number + 1}.{index + 1}",
                order=index,
                text="Audit a sample of referral cases each month and report the findings to the board. " * 2,
                due_text=f"{due:%B %Y}",
                due_date=due,
                status=["", "completed", "at_risk", ""][index % 4],
            )
            ActionLead.objects.create(action=action, person=people[(number + index) % 8], order=0)
            for order in range(2):
                Update.objects.create(
                    action=action,
                    date=due - datetime.timedelta(days=30 * (2 - order)),
                    order=order,
                    text="Audit completed for the quarter; findings shared with team managers.",
                )
    return plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["ACTIONTRACK_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontrack.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from actiontrack.accounts.models import User
        from actiontrack.reports.data import build_report
        from actiontrack.reports.exceptions import build_exceptions
        from actiontrack.reports.renderers import render, render_exceptions

        plan = make_plan(args.actions)
        report = build_report(plan)
        if os.environ.get("BENCH_DUMP"):
            Path(os.environ["BENCH_DUMP"]).write_text(json.dumps(report))
        render(report, "pdf")  # the first PDF loads fonts: not what a user waits for each time
        total, repeat = report["counts"]["total"], args.repeat
        print(f"Board report of {total} actions (seconds, best of {repeat}: wall, CPU):")
        print(f"  {'build the data':<16} {best_of(args.repeat, lambda: build_report(plan))}")
        from django.core.cache import cache

        for name in ("html", "pdf", "docx", "xlsx", "csv"):
            cache.clear()  # the first render draws the charts; later ones reuse the drawings
            first = best_of(1, lambda name=name: render(report, name))  # type: ignore[misc]
            seconds = best_of(args.repeat, lambda name=name: render(report, name))  # type: ignore[misc]
            print(f"  {name:<16} {seconds}   (first, drawing its {len(report['charts'])} charts: {first})")
        admin = User(is_staff=True)
        today = datetime.date.today()
        exceptions = build_exceptions(admin, today)
        print(f"Exception report of {len(exceptions['rows'])} actions:")
        print(f"  {'build (SQL RAG)':<16} {best_of(args.repeat, lambda: build_exceptions(admin, today))}")
        for name in ("pdf", "xlsx"):
            seconds = best_of(args.repeat, lambda name=name: render_exceptions(exceptions, name))  # type: ignore[misc]
            print(f"  {name:<16} {seconds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
