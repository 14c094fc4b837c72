import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from actiontrack.accounts.commands import acting_user, user_option
from actiontrack.importer import UnreadableDocument
from actiontrack.importer.sandbox import read_bounded
from actiontrack.plans import access
from actiontrack.plans.services import create_plan_from_document


class Command(BaseCommand):
    help = "Convert plan documents and save each as a new plan, each in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        user_option(parser, "who owns the plans and is recorded as importing them")

    def handle(self, *args: object, **options: Any) -> None:
        with acting_user(options) as user:
            if user is not None and not access.can_create_plans(user):
                raise CommandError(f"{user.username} may not create plans.")
            self.import_files(options["files"], owners=[user] if user else [])

    def import_files(self, files: list[Path], owners: list[Any]) -> None:
        failures = []
        for path in tqdm(files, unit="file", disable=len(files) < 2, file=sys.stderr):
            try:
                # Read in a child process with capped memory and time, as uploads are.
                document = read_bounded(path.read_bytes(), path.name).document
                plan = create_plan_from_document(document, owners=owners)
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
