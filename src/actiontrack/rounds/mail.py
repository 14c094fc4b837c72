"""E-mail for every app: queued as a background task, rendered as plain text and HTML, retried.

`send_email(to, subject, template_base, context)` records an OutgoingEmail and
enqueues `deliver_email`; the worker (`actiontrack worker`) renders
`<template_base>.txt` and `<template_base>.html` and sends them through
Django's e-mail backend (SMTP when EMAIL_HOST is set, else the console).
A failed send is retried with a growing delay; after the last attempt the
e-mail is marked failed, and whoever sent it sees so.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from actiontrack.rounds.models import EmailStatus, OutgoingEmail, Round

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAYS = (60, 300, 1800)  # seconds before the 2nd, 3rd and 4th attempt


def absolute_url(path: str) -> str:
    """Return a link for an e-mail: ACTIONTRACK_BASE_URL and the path."""
    return f"{settings.BASE_URL}{path}"


def send_email(
    to: str, subject: str, template_base: str, context: dict[str, Any], *, round: Round | None = None
) -> OutgoingEmail:
    """Queue an e-mail; `context` must be JSON (it waits in the database for the worker)."""
    email = OutgoingEmail.objects.create(
        to=to, subject=subject, template_base=template_base, context=context, round=round
    )
    deliver_email.enqueue(email.pk)
    return email


def render_email(email: OutgoingEmail) -> EmailMultiAlternatives:
    """Build the message: plain text with an HTML alternative."""
    context = {**email.context, "subject": email.subject, "base_url": settings.BASE_URL}
    text = render_to_string(f"{email.template_base}.txt", context)
    html = render_to_string(f"{email.template_base}.html", context)
    message = EmailMultiAlternatives(email.subject, text, settings.DEFAULT_FROM_EMAIL, [email.to])
    message.attach_alternative(html, "text/html")
    return message


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued e-mail; on failure try again later, up to MAX_ATTEMPTS."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status == EmailStatus.SENT:
        return "nothing to send"
    while True:
        email.attempts += 1
        try:
            render_email(email).send()
        except Exception as error:  # noqa: BLE001 - any failure of the backend is a failed delivery
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            logger.warning(
                "E-mail %s to %s failed (attempt %s): %s", email.pk, email.to, email.attempts, error
            )
            if email.attempts >= MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
                email.save(update_fields=["attempts", "last_error", "status"])
                return "failed"
            email.save(update_fields=["attempts", "last_error"])
            if deliver_email.get_backend().supports_defer:
                delay = RETRY_DELAYS[min(email.attempts - 1, len(RETRY_DELAYS) - 1)]
                run_after = timezone.now() + datetime.timedelta(seconds=delay)
                deliver_email.using(run_after=run_after).enqueue(email.pk)
                return "retry queued"
            continue  # a backend that cannot defer (tests, immediate): try again now
        email.status, email.sent_at, email.last_error = EmailStatus.SENT, timezone.now(), ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def failure_summary(emails: Any) -> str:
    """Say which e-mails could not be delivered: "2 e-mails could not be delivered to a@x, b@y"."""
    failed = sorted({email.to for email in emails if email.status == EmailStatus.FAILED})
    if not failed:
        return ""
    count = len(failed)
    return f"{count} e-mail{'s' if count != 1 else ''} could not be delivered to {', '.join(failed)}"
