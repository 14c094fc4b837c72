"""One result per form, however many times it is sent: a double click creates one plan, not two.

Each creating form carries a one-time key. The service claims the key in its
transaction before it creates anything; a second submission of the same key
waits for the first (the key is unique) and gets what the first created.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from actiontrack.accounts.models import FormSubmission


def claim(key: str | None) -> Any:
    """Claim a form's key; return what an earlier submission with it created, or None to go ahead."""
    if not key:
        return None
    submission, created = FormSubmission.objects.get_or_create(key=key[:64])
    if created:
        return None
    if submission.content_type is None:
        raise ValidationError("This form has already been sent. Go back and reload the page to start again.")
    return submission.content_type.get_object_for_this_type(pk=submission.object_id)


def fulfil(key: str | None, result: Any) -> None:
    """Record what the submission with this key created."""
    if key:
        FormSubmission.objects.filter(key=key[:64]).update(
            content_type=ContentType.objects.get_for_model(result), object_id=result.pk
        )
