import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.demo import load_demo


class Command(BaseCommand):
    help = "Load the five seed plans, their agencies and people, and the demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--shared", type=Path, default=settings.SHARED_DIR, help="folder holding seeds/")

    def handle(self, *args: object, **options: object) -> None:
        shared = options["shared"]
        assert isinstance(shared, Path)
        if not (shared / "seeds").is_dir():
            raise CommandError(f"No seed plans found: {shared / 'seeds'} does not exist.")
        result = load_demo(shared, os.environ.get("ACTIONTRACK_DEMO_PASSWORD") or None)
        for plan in result.plans:
            self.stdout.write(f"  plan {plan.pk}: {plan.title}")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"\nSign in at http://127.0.0.1:{port}/ with the password {result.password} as:\n"
            "  admin   an administrator (accounts, agencies, every plan)\n"
            "  board   a board member (reads every plan, changes nothing)\n"
            + "".join(
                f"  {name}   a lead of actions in one plan (My actions)\n" for name in result.usernames[2:]
            )
        )
