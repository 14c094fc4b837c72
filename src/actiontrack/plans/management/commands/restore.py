from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty, migrated site; a damaged backup changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a file written by `actiontrack backup`")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            summary = restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary.rows} rows and {summary.files} stored files from {options['file']}."
        )
