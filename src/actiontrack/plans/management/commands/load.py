import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actiontrack.accounts.audit import Channel
from actiontrack.accounts.commands import acting_user, user_option
from actiontrack.lib.schema import InvalidPlanDocument
from actiontrack.plans import access
from actiontrack.plans.services import create_plan_from_document


class Command(BaseCommand):
    help = "Create a plan from an actionplan/1 or 1.1 JSON file; an invalid file changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        user_option(parser, "who owns the plans and is recorded as loading them")

    def handle(self, *args: object, **options: Any) -> None:
        with acting_user(options) as user:
            if user is not None and not access.can_create_plans(user):
                raise CommandError(f"{user.username} may not create plans.")
            for path in options["files"]:
                try:
                    document = json.loads(path.read_text(encoding="utf-8"))
                except OSError as error:
                    raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
                except (ValueError, UnicodeDecodeError) as error:
                    raise CommandError(f"{path} is not JSON: {error}.") from None
                try:
                    plan = create_plan_from_document(
                        document, owners=[user] if user else [], channel=Channel.CLI
                    )
                except (InvalidPlanDocument, ValidationError) as error:
                    raise CommandError(f"{path}: {error}") from None
                self.stdout.write(f"Loaded {path} as plan {plan.pk}: {plan.title}")
