import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.plans.interchange import export_plan
from actiontrack.plans.models import Plan


class Command(BaseCommand):
    help = "Write a plan as actionplan/1 JSON to standard output or a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            plan = Plan.objects.get(pk=options["plan_id"])
        except Plan.DoesNotExist:
            raise CommandError(f"No plan has the id {options['plan_id']}.") from None
        text = json.dumps(export_plan(plan), ensure_ascii=False, indent=2) + "\n"
        output = options["output"]
        if isinstance(output, Path):
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote plan {plan.pk} to {output}")
        else:
            self.stdout.write(text, ending="")
