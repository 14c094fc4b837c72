import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from actiontrack.accounts.models import FormSubmission
from actiontrack.importer.drafts import clean_up


class Command(BaseCommand):
    help = "Remove import drafts past their time or already confirmed, and spent form keys (run daily)."

    def handle(self, *args: object, **options: object) -> None:
        drafts = clean_up()
        # A form is sent twice within seconds, not days: its one-time key is not needed after a day.
        spent, _by_model = FormSubmission.objects.filter(
            created_at__lt=timezone.now() - datetime.timedelta(days=1)
        ).delete()
        self.stdout.write(f"Removed {drafts} import drafts and {spent} spent form keys.")
