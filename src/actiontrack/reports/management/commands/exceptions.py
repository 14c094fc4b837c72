from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from actiontrack.accounts.models import Agency, User
from actiontrack.reports.exceptions import Filters, build_exceptions
from actiontrack.reports.renderers import render_exceptions


class Command(BaseCommand):
    help = "Write the exception report (actions that need attention across plans) as PDF, Word, Excel or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx", "csv", "html"], default="csv")
        parser.add_argument("--agency", help="only actions of this agency (its name or short name)")
        parser.add_argument("--plan", type=int, help="only this plan")
        parser.add_argument(
            "--lead", default="", help="only actions whose lead's initials, name or role match"
        )
        parser.add_argument("--source-kind", default="", help="only plans answering this kind of report")
        parser.add_argument("--user", help="as this user sees it (default: every plan)")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: object, **options: Any) -> None:
        agency_id = None
        if options["agency"]:
            words = options["agency"]
            agency = (
                Agency.objects.filter(name__iexact=words).first()
                or Agency.objects.filter(short_name__iexact=words).first()
            )
            if agency is None:
                raise CommandError(f"No agency is called {words!r}.")
            agency_id = agency.pk
        if options["user"]:
            try:
                user = User.objects.get(username=options["user"])
            except User.DoesNotExist:
                raise CommandError(f"No user is called {options['user']!r}.") from None
        else:
            user = User(is_staff=True)  # the command line sees every plan, as an administrator does
        filters = Filters(
            plan=options["plan"], agency=agency_id, lead=options["lead"], source_kind=options["source_kind"]
        )
        report = build_exceptions(user, timezone.localdate(), filters)
        content = render_exceptions(report, options["format"])
        output = options["output"]
        if isinstance(output, Path):
            output.write_bytes(content)
            self.stderr.write(f"Wrote {len(report['rows'])} actions as {options['format']} to {output}")
        elif options["format"] in ("csv", "html"):
            self.stdout.write(content.decode("utf-8-sig"), ending="")
        else:
            raise CommandError(f"Give -o FILE for the {options['format']} format: it is not text.")
