import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.importer import UnreadableDocument
from actiontrack.importer.sandbox import read_bounded


class Command(BaseCommand):
    help = (
        "Convert a plan document (.docx, .pdf, .xlsx, .csv, .html, .md, .txt) to actionplan/1.1 JSON; "
        "touches no database."
    )

    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: object, **options: Any) -> None:
        path: Path = options["file"]
        try:
            document = read_bounded(path.read_bytes(), path.name).document  # capped memory and time
        except FileNotFoundError:
            raise CommandError(f"{path} does not exist.") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except UnreadableDocument as error:
            raise CommandError(str(error)) from None
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
