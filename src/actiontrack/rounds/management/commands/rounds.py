import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.plans.models import Plan
from actiontrack.plans.rag import format_date
from actiontrack.rounds import services
from actiontrack.rounds.mail import failure_summary
from actiontrack.rounds.models import Round


def _date(value: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Give the deadline as YYYY-MM-DD or DD/MM/YYYY, not {value!r}")


class Command(BaseCommand):
    help = "Open, list, remind and close update rounds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user", help="The username to record as acting (default: none, the command line)"
        )
        sub = parser.add_subparsers(dest="subcommand", required=True)
        opening = sub.add_parser("open", help="Open a round on plans and e-mail their leads")
        opening.add_argument("plan_ids", nargs="+", type=int, metavar="PLAN_ID")
        opening.add_argument("--title", required=True)
        opening.add_argument("--deadline", required=True, type=_date, help="YYYY-MM-DD")
        sub.add_parser("list", help="List rounds and who has answered")
        for name, what in (("remind", "Remind the leads who have not answered"), ("close", "Close a round")):
            parser_ = sub.add_parser(name, help=what)
            parser_.add_argument("round_id", type=int, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user called {options['user']!r}")
        with acting_as(Actor(user=user, channel=Channel.CLI)):
            try:
                getattr(self, f"do_{options['subcommand']}")(user, options)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None

    def _round(self, pk: int) -> Round:
        round = Round.objects.filter(pk=pk).first()
        if round is None:
            raise CommandError(f"No round {pk}")
        return round

    def do_open(self, user: Any, options: dict[str, Any]) -> None:
        ids = options["plan_ids"]
        plans = list(Plan.objects.filter(pk__in=ids))
        missing = sorted(set(ids) - {p.pk for p in plans})
        if missing:
            raise CommandError(f"No plan {', '.join(map(str, missing))}")
        round = services.open_round(
            plans, title=options["title"], deadline=options["deadline"], opened_by=user
        )
        self.stdout.write(f"Opened round {round.pk}: {round.title}, deadline {format_date(round.deadline)}")
        for recipient in round.recipients.all():
            self.stdout.write(f"  e-mail queued to {recipient.name} <{recipient.email}>")
        for person in services.leads_without_email(round):
            self.stdout.write(f"  no e-mail address for {person.name or person.key} ({person.plan.title})")

    def do_list(self, user: Any, options: dict[str, Any]) -> None:
        rounds = Round.objects.prefetch_related("plans", "recipients")
        if not rounds:
            self.stdout.write("No rounds.")
        for round in rounds:
            recipients = list(round.recipients.all())
            answered = sum(1 for r in recipients if r.answered_at)
            state = "open" if round.is_open else "closed"
            self.stdout.write(
                f"{round.pk}\t{round.title}\tdeadline {round.deadline:%Y-%m-%d}\t{state}\t"
                f"{answered} of {len(recipients)} answered\t"
                f"plans {', '.join(str(p.pk) for p in round.plans.all())}"
            )

    def do_remind(self, user: Any, options: dict[str, Any]) -> None:
        reminded = services.remind_silent(self._round(options["round_id"]))
        self.stdout.write(f"Reminded {len(reminded)} lead(s)")
        for recipient in reminded:
            self.stdout.write(f"  {recipient.name} <{recipient.email}>")

    def do_close(self, user: Any, options: dict[str, Any]) -> None:
        round = self._round(options["round_id"])
        answers = services.close_round(round, closed_by=user)
        self.stdout.write(f"Closed round {round.pk}: {len(answers)} update(s) recorded")
        failures = failure_summary(round.emails.all())
        if failures:
            self.stdout.write(failures)
