import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from actiontrack.importer import UnreadableDocument, convert_path
from actiontrack.plans.interchange import load_plan


class Command(BaseCommand):
    help = "Convert plan documents and save each as a new plan, each in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: object, **options: Any) -> None:
        files: list[Path] = options["files"]
        failures = []
        for path in tqdm(files, unit="file", disable=len(files) < 2, file=sys.stderr):
            try:
                with transaction.atomic():
                    plan = load_plan(convert_path(path))
            except FileNotFoundError:
                failures.append(f"{path} does not exist.")
            except OSError as error:
                failures.append(f"Cannot read {path}: {error.strerror}.")
            except UnreadableDocument as error:
                failures.append(str(error))
            else:
                self.stdout.write(f"Imported {path} as plan {plan.pk}: {plan.title}")
        if failures:
            raise CommandError("\n".join(["Not imported:", *failures]))
