from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.accounts import services
from actiontrack.accounts.commands import acting_user, user_option
from actiontrack.accounts.models import Agency, User

ROLES = ("administrator", "board")


def find_agency(name: str | None) -> Agency | None:
    """Return the agency with this name or short name (any case), or stop the command."""
    if not name:
        return None
    agencies = Agency.objects.all()
    agency = agencies.filter(name__iexact=name).first() or agencies.filter(short_name__iexact=name).first()
    if agency is None:
        raise CommandError(f"No agency is called {name!r}; `actiontrack agencies list` shows them.")
    return agency


class Command(BaseCommand):
    help = "Invite, list, deactivate and reactivate accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        invite = commands.add_parser("invite", help="create an account and e-mail it an invitation")
        invite.add_argument("email")
        invite.add_argument("--first-name", default="")
        invite.add_argument("--last-name", default="")
        invite.add_argument("--agency", help="name or short name; default: by the e-mail domain")
        invite.add_argument("--role", action="append", choices=ROLES, default=[], help="may be repeated")
        invite.add_argument("--print-link", action="store_true", help="also print the invitation link")
        user_option(invite, "recorded as inviting them")
        commands.add_parser("list", help="list every account with its agency, roles and status")
        for name, words in (
            ("deactivate", "stop an account signing in"),
            ("reactivate", "let it sign in again"),
        ):
            sub = commands.add_parser(name, help=words)
            sub.add_argument("account", help="username or e-mail address")
            user_option(sub, "recorded as making the change")

    def handle(self, *args: object, **options: Any) -> None:
        command = options["command"]
        if command == "list":
            return self.list_users()
        with acting_user(options) as by:
            try:
                if command == "invite":
                    roles = options["role"]
                    user = services.invite_user(
                        options["email"],
                        first_name=options["first_name"],
                        last_name=options["last_name"],
                        agency=find_agency(options["agency"]),
                        is_staff="administrator" in roles,
                        is_board_member="board" in roles,
                        invited_by=by,
                    )
                    self.stdout.write(f"Invited {user.email} (username {user.username}).")
                    if options["print_link"]:
                        self.stdout.write(services.invitation_url(user))
                else:
                    user = services.set_active(
                        find_user_any(options["account"]), command == "reactivate", by=by
                    )
                    self.stdout.write(f"{user.username} {command}d.")
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None

    def list_users(self) -> None:
        for user in User.objects.select_related("agency").order_by("username"):
            status = "active" if user.is_active else "deactivated"
            if user.is_active and not user.has_usable_password():
                status = "invited"
            agency = user.agency.name if user.agency else "-"
            roles = ", ".join(user.role_names())
            self.stdout.write(f"{user.username}\t{user.display_name}\t{agency}\t{roles}\t{status}")


def find_user_any(name: str) -> User:
    """Return the account with this username or e-mail, active or not."""
    user = User.objects.filter(username=name).first() or User.objects.filter(email__iexact=name).first()
    if user is None:
        raise CommandError(f"No account has the username or e-mail address {name!r}.")
    return user
