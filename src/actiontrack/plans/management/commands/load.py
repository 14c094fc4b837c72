import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.lib.schema import InvalidPlanDocument
from actiontrack.plans.interchange import load_plan


class Command(BaseCommand):
    help = "Create a plan from an actionplan/1 JSON file; an invalid file changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        for path in options["files"]:  # type: ignore[attr-defined]
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
            except (ValueError, UnicodeDecodeError) as error:
                raise CommandError(f"{path} is not JSON: {error}.") from None
            try:
                plan = load_plan(document)
            except InvalidPlanDocument as error:
                raise CommandError(f"{path}: {error}") from None
            self.stdout.write(f"Loaded {path} as plan {plan.pk}: {plan.title}")
