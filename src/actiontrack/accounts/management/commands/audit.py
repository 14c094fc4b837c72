import contextlib
import csv
import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from actiontrack.accounts.history import audit_rows
from actiontrack.lib.text import spreadsheet_safe


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Write the audit trail of a period (every change, who, when, through which channel) as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, type=str, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, type=str, help="last day, YYYY-MM-DD")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: object, **options: Any) -> None:
        start, end = day(options["start"]), day(options["end"])
        if end < start:
            raise CommandError("--to must be on or after --from.")
        zone = timezone.get_current_timezone()
        rows = audit_rows(
            datetime.datetime.combine(start, datetime.time(), zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), zone),
        )
        output = options["output"]
        with (
            output.open("w", newline="", encoding="utf-8")
            if output
            else contextlib.nullcontext(self.stdout) as stream
        ):
            writer = csv.writer(stream)
            for row in rows:
                writer.writerow([spreadsheet_safe(cell) for cell in row])
