"""Signed links for leads without an account: one round, one recipient, revocable, expiring.

The token is signed with the site's secret key, salted for this use, and
names the round, the recipient and the recipient's current nonce. Revoking a
link changes the nonce, so the old token matches nothing; closing the round
or passing its deadline ends every link of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from actiontrack.plans.rag import format_date
from actiontrack.rounds.models import Recipient

SALT = "actiontrack.rounds.answer-link"


class LinkRefused(Exception):
    """A link that may not be used, with the message to show and the status to answer."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def make_token(recipient: Recipient) -> str:
    """Return the signed token for a recipient's link."""
    return signing.dumps({"r": recipient.round_id, "p": recipient.pk, "n": recipient.nonce}, salt=SALT)


def answer_path(recipient: Recipient) -> str:
    """Return the path of the recipient's answer page."""
    return reverse("round-answer", args=[make_token(recipient)])


@dataclass(frozen=True)
class _Claim:
    round_id: int
    recipient_id: int
    nonce: str


def _read(token: str) -> _Claim:
    try:
        data = signing.loads(token, salt=SALT)
        return _Claim(int(data["r"]), int(data["p"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkRefused(
            "This link is not valid. Check that you copied the whole link from the e-mail.", 404
        ) from None


def recipient_for_token(token: str, *, for_writing: bool = False) -> Recipient:
    """Return the recipient a link belongs to, or refuse it saying why."""
    claim = _read(token)
    recipient = (
        Recipient.objects.select_related("round", "user")
        .filter(pk=claim.recipient_id, round_id=claim.round_id)
        .first()
    )
    if recipient is None:
        raise LinkRefused("This link is not valid.", 404)
    if recipient.revoked_at is not None or recipient.nonce != claim.nonce:
        raise LinkRefused(
            "This link has been withdrawn by the plan's owner. "
            "Ask them for a new one if you still need to answer.",
            403,
        )
    round = recipient.round
    if not round.is_open:
        closed = timezone.localtime(round.closed_at).date()  # a round that is not open was closed
        raise LinkRefused(
            f"“{round.title}” closed on {format_date(closed)}: answers are no longer accepted. "
            "Send your update to the plan's owner instead.",
            410,
        )
    if round.past_deadline():
        raise LinkRefused(
            f"The deadline for “{round.title}” was {format_date(round.deadline)}: this link has expired. "
            "Ask the plan's owner if you still need to answer.",
            410,
        )
    return recipient
