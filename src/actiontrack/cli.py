"""The `actiontrack` command: ActionTrack's own commands and all of Django's management commands.

actiontrack serve | demo | export PLAN_ID | load FILE.json | convert FILE | import FILE...
actiontrack migrate | createsuperuser | ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a command, as `django-admin` would, with ActionTrack's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontrack.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["actiontrack", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
