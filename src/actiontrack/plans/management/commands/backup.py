from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write the whole site (every row, the history, stored files) to one file, with checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup to write, e.g. actiontrack-2026-12-02.zip")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            summary = backup(options["file"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {summary.rows} rows and {summary.files} stored files to {options['file']}."
        )
