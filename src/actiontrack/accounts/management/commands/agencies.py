from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.accounts import services
from actiontrack.accounts.commands import acting_user, user_option
from actiontrack.accounts.models import Agency


class Command(BaseCommand):
    help = "Add and list the partnership's agencies."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        add = commands.add_parser("add", help="add an agency")
        add.add_argument("name")
        add.add_argument("--short-name", default="")
        add.add_argument(
            "--domain", default="", help="the e-mail domain of its staff, e.g. westmere.police.uk"
        )
        user_option(add, "recorded as adding it")
        commands.add_parser("list", help="list the agencies")

    def handle(self, *args: object, **options: Any) -> None:
        if options["command"] == "list":
            for agency in Agency.objects.order_by("name"):
                self.stdout.write(f"{agency.name}\t{agency.short_name or '-'}\t{agency.email_domain or '-'}")
            return
        with acting_user(options):
            try:
                agency = services.save_agency(
                    Agency(
                        name=options["name"], short_name=options["short_name"], email_domain=options["domain"]
                    )
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Added {agency.name}.")
