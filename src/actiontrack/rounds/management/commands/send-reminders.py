from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.rounds.reminders import already_sent, build_digests, send_digest


class Command(BaseCommand):
    help = "Send each lead one digest of actions due soon, overdue or stale; escalate to owners. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        sent = skipped = 0
        with acting_as(Actor(channel=Channel.CLI)):
            for digest in build_digests(today):
                if already_sent(digest, today):
                    skipped += 1
                    self.stdout.write(f"already sent today: {digest.kind} to {digest.email}")
                    continue
                if options["dry_run"]:
                    self.stdout.write(
                        f"would send {digest.kind} to {digest.name} <{digest.email}>: {digest.subject}"
                    )
                    for item in digest.items:
                        ref = f"{item.action.ref} " if item.action.ref else ""
                        self.stdout.write(f"  {ref}{item.action.text[:70]} ({'; '.join(item.reasons)})")
                    continue
                if send_digest(digest, today):
                    sent += 1
                    self.stdout.write(f"sent {digest.kind} to {digest.email} ({len(digest.items)} actions)")
                else:
                    skipped += 1
        if not options["dry_run"]:
            self.stdout.write(f"{sent} digest(s) sent, {skipped} already sent today")
