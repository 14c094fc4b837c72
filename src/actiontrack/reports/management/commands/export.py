import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.plans.interchange import export_plan
from actiontrack.plans.models import Plan
from actiontrack.reports.board import board_report, render_report
from actiontrack.reports.models import ReportVersion
from actiontrack.reports.templating import check_template, render_into

FORMATS = ["json", "pdf", "docx", "xlsx", "csv", "html"]


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Write a plan as actionplan/1.1 JSON, or its board report as PDF, Word, Excel, CSV or HTML, "
        "to standard output or a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--as-of", type=str, help="the report's date, YYYY-MM-DD (default today)")
        since = parser.add_mutually_exclusive_group()
        since.add_argument("--since", type=str, help="show changes since this date, YYYY-MM-DD")
        since.add_argument("--since-version", type=int, help="show changes since this version number")
        parser.add_argument(
            "--template", type=Path, help="a Word template (.docx) to render into (docx only)"
        )
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            plan = Plan.objects.get(pk=options["plan_id"])
        except Plan.DoesNotExist:
            raise CommandError(f"No plan has the id {options['plan_id']}.") from None
        fmt = options["format"]
        if fmt == "json":
            content = (json.dumps(export_plan(plan), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            content = self.report(plan, fmt, options)
        output = options["output"]
        if isinstance(output, Path):
            output.write_bytes(content)
            self.stderr.write(f"Wrote plan {plan.pk} as {fmt} to {output}")
        elif fmt in ("json", "csv", "html"):
            self.stdout.write(content.decode("utf-8-sig"), ending="")
        else:
            raise CommandError(f"Give -o FILE for the {fmt} format: it is not text.")

    def report(self, plan: Plan, fmt: str, options: dict[str, Any]) -> bytes:
        as_at = iso_date(options["as_of"]) if options["as_of"] else None
        since = iso_date(options["since"]) if options["since"] else None
        try:
            report = board_report(plan, as_at, since=since, since_version=options["since_version"])
        except ReportVersion.DoesNotExist:
            raise CommandError(f"Plan {plan.pk} has no version {options['since_version']}.") from None
        template = options["template"]
        if template is not None:
            if fmt != "docx":
                raise CommandError("--template goes with --format docx.")
            try:
                data = template.read_bytes()
                check_template(data, template.name)
            except OSError as error:
                raise CommandError(f"Cannot read {template}: {error.strerror}") from None
            except UnreadableDocument as error:
                raise CommandError(str(error)) from None
            return render_into(data, report)
        return render_report(plan, report, fmt)
