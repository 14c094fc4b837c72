"""Every write of update rounds and sign-off goes through these functions, in a transaction.

Updates and due-date revisions are made through the plans services, so they
obey the same rules and land in the same history; answers given through a
link are recorded as the answering person's, through that channel.
"""

from __future__ import annotations

import dataclasses
import datetime
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from actiontrack.accounts.audit import Actor, Channel, acting_as, current_actor
from actiontrack.plans import rag
from actiontrack.plans import services as plan_services
from actiontrack.plans.models import Action, ActionStatus, Person, Plan, Recommendation
from actiontrack.plans.rag import format_date
from actiontrack.rounds import evidence
from actiontrack.rounds.links import answer_path
from actiontrack.rounds.mail import absolute_url, send_email
from actiontrack.rounds.models import (
    Answer,
    ImpactEvidence,
    Recipient,
    Round,
    SignOff,
    SignOffStatus,
)


def open_actions(plans: Iterable[Plan] | QuerySet[Plan]) -> QuerySet[Action]:
    """Return the actions of these plans that are not completed."""
    return Action.objects.filter(plan__in=plans).exclude(status=ActionStatus.COMPLETED)


def person_email(person: Person) -> str:
    """Return where a person is written to: their own address, else their account's."""
    return (person.email or (person.user.email if person.user else "") or "").strip().lower()


def recipient_actions(recipient: Recipient) -> QuerySet[Action]:
    """Return the open actions of the round's plans that this recipient leads."""
    led = open_actions(recipient.round.plans.all()).filter(lead_links__person__in=recipient.people.all())
    return (
        Action.objects.for_page()
        .filter(pk__in=led.values("pk"))
        .order_by("plan__title", "plan_id", "order", "pk")
    )


def leads_without_email(round: Round) -> list[Person]:
    """Return the leads of open actions in the round who have no e-mail address to write to."""
    people = Person.objects.filter(
        lead_links__action__in=open_actions(round.plans.all()), email=""
    ).select_related("user", "plan")
    return sorted({p for p in people if not person_email(p)}, key=lambda p: (p.plan.title, p.key))


def _email_context(recipient: Recipient) -> dict[str, Any]:
    actions = [
        {
            "ref": action.ref,
            "text": action.text,
            "plan": action.plan.title,
            "due": action.due_text,
        }
        for action in recipient_actions(recipient)
    ]
    return {
        "name": recipient.name,
        "round_title": recipient.round.title,
        "deadline": format_date(recipient.round.deadline),
        "link": absolute_url(answer_path(recipient)),
        "actions": actions,
    }


def _send_request(recipient: Recipient, *, reminder: bool = False) -> None:
    round = recipient.round
    by = format_date(round.deadline)
    subject = f"{'Reminder: ' if reminder else ''}{round.title}: your updates by {by}"
    context = {**_email_context(recipient), "reminder": reminder}
    send_email(recipient.email, subject, "rounds/email/request", context, round=round)


@transaction.atomic
def open_round(
    plans: Sequence[Plan], *, title: str, deadline: datetime.date | None, opened_by: Any = None
) -> Round:
    """Open a round on these plans and e-mail every lead of their open actions, once each."""
    title = (title or "").strip()
    errors: dict[str, str] = {}
    if not plans:
        errors["plans"] = "Choose at least one plan"
    if not title:
        errors["title"] = "Enter a title, for example “Updates for the July board”"
    if deadline is None:
        errors["deadline"] = "Enter the deadline for answers"
    elif deadline < timezone.localdate():
        errors["deadline"] = "The deadline must be today or in the future"
    if errors:
        raise ValidationError(errors)
    assert deadline is not None
    opened_by = opened_by if opened_by is not None else current_actor().account
    round = Round.objects.create(title=title, deadline=deadline, opened_by=opened_by)
    round.plans.set(plans)
    by_email: dict[str, list[Person]] = {}
    leads = (
        Person.objects.filter(lead_links__action__in=open_actions(plans)).select_related("user").distinct()
    )
    for person in leads.order_by("plan_id", "order", "pk"):
        address = person_email(person)
        if address:
            by_email.setdefault(address, []).append(person)
    for address, people in sorted(by_email.items()):
        named = next((p for p in people if p.name), people[0])
        user = next((p.user for p in people if p.user is not None), None)
        recipient = Recipient.objects.create(
            round=round,
            email=address,
            name=named.name or (user.display_name if user else "") or named.key,
            user=user,
            nonce=secrets.token_hex(16),
        )
        recipient.people.set(people)
        _send_request(recipient)
    return round


@dataclasses.dataclass
class AnswerInput:
    """One action's answer as a lead gave it."""

    action: Action
    text: str = ""
    rag: str = ""
    due_text: str = ""
    due_reason: str = ""
    files: Sequence[Any] = ()

    @property
    def is_blank(self) -> bool:
        return not (self.text.strip() or self.rag or self.due_text.strip() or self.files)


def check_round_open(round: Round) -> None:
    """Refuse an answer to a closed round, or after its deadline."""
    if not round.is_open:
        raise ValidationError(f"“{round.title}” is closed: answers are no longer accepted.")
    if round.past_deadline():
        raise ValidationError(f"The deadline for “{round.title}” has passed: answers are no longer accepted.")


@transaction.atomic
def submit_answer(recipient: Recipient, answers: Sequence[AnswerInput]) -> list[Answer]:
    """Record a lead's answers for the actions they lead in a round (replacing earlier ones)."""
    round = Round.objects.select_for_update().get(pk=recipient.round_id)
    check_round_open(round)
    if recipient.revoked_at is not None:
        raise ValidationError("This link has been withdrawn.")
    allowed = {action.pk: action for action in recipient_actions(recipient)}
    people = list(recipient.people.all())
    given = [item for item in answers if not item.is_blank]
    if not given:
        raise ValidationError("Give an update on at least one action")
    errors: dict[str, list[str]] = {}
    checked: dict[int, list[tuple[Any, tuple[bytes, str]]]] = {}
    for item in given:
        prefix = f"action-{item.action.pk}"
        if item.action.pk not in allowed:
            raise ValidationError("You can only answer for the actions you lead in this round")
        if not item.text.strip():
            errors.setdefault(f"{prefix}-text", []).append("Enter the progress made")
        if item.rag and item.rag not in rag.COLOUR_MEANINGS:
            errors.setdefault(f"{prefix}-rag", []).append("Choose a RAG colour")
        if item.due_text.strip() and not item.due_reason.strip():
            errors.setdefault(f"{prefix}-due_reason", []).append("Enter why the due date should change")
        for upload in item.files:
            try:
                checked.setdefault(item.action.pk, []).append((upload, evidence.check_upload(upload)))
            except ValidationError as error:
                errors.setdefault(f"{prefix}-attachments", []).extend(error.message_dict["attachments"])
    if errors:
        raise ValidationError(errors)
    actor = current_actor()
    saved = []
    for item in given:
        action = allowed[item.action.pk]
        person = next(p for p in people if p in action.ordered_leads())
        with acting_as(
            dataclasses.replace(actor, person_id=person.pk, person_name=person.name or person.key)
        ):
            answer, _created = Answer.objects.update_or_create(
                recipient=recipient,
                action=action,
                defaults={
                    "person": person,
                    "text": item.text.strip(),
                    "rag": item.rag,
                    "due_text": item.due_text.strip(),
                    "due_reason": item.due_reason.strip(),
                    "submitted_at": timezone.now(),
                },
            )
            for upload, data in checked.get(action.pk, []):
                evidence.store(
                    upload, checked=data, answer=answer, uploaded_by=actor.account, uploaded_by_person=person
                )
        saved.append(answer)
    recipient.answered_at = timezone.now()
    recipient.save(update_fields=["answered_at"])
    return saved


@transaction.atomic
def remind_silent(round: Round) -> list[Recipient]:
    """E-mail a reminder to every recipient who has not answered (and whose link stands)."""
    if not round.is_open:
        raise ValidationError("This round is closed: there is no one to remind")
    silent = list(round.recipients.filter(answered_at=None, revoked_at=None))
    now = timezone.now()
    for recipient in silent:
        recipient.reminders += 1
        recipient.last_reminded_at = now
        recipient.save(update_fields=["reminders", "last_reminded_at"])
        _send_request(recipient, reminder=True)
    return silent


@transaction.atomic
def revoke_link(recipient: Recipient) -> Recipient:
    """Withdraw a recipient's link: it opens nothing from now on."""
    recipient.revoked_at = timezone.now()
    recipient.nonce = secrets.token_hex(16)
    recipient.save(update_fields=["revoked_at", "nonce"])
    return recipient


@transaction.atomic
def close_round(round: Round, *, closed_by: Any = None) -> list[Answer]:
    """Close a round: each answer becomes a dated update (and revision), recorded as its author's."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if not round.is_open:
        raise ValidationError("This round is already closed")
    closed_by = closed_by if closed_by is not None else current_actor().account
    answers = list(
        Answer.objects.filter(recipient__round=round, update=None).select_related(
            "recipient__user", "person", "action__plan"
        )
    )
    for answer in answers:
        author = Actor(
            user=answer.recipient.user,
            channel=Channel.LINK,
            person_id=answer.person_id,
            person_name=answer.person.name or answer.person.key,
        )
        with acting_as(author):
            update = plan_services.record_update(
                answer.action,
                text=answer.text,
                date=timezone.localtime(answer.submitted_at).date(),
                rag_code=answer.rag,
            )
        answer.update = update
        answer.save(update_fields=["update"])
        if answer.due_text and answer.due_text != answer.action.due_text:
            plan_services.revise_due_date(
                answer.action, due_text=answer.due_text, reason=answer.due_reason, agreed_by=closed_by
            )
    round.closed_at, round.closed_by = timezone.now(), closed_by
    round.save(update_fields=["closed_at", "closed_by"])
    return answers


# Sign-off with evidence ---------------------------------------------------------------------------


def _check_files(files: Sequence[Any]) -> list[tuple[Any, tuple[bytes, str]]]:
    checked, messages = [], []
    for upload in files:
        try:
            checked.append((upload, evidence.check_upload(upload)))
        except ValidationError as error:
            messages.extend(error.message_dict["attachments"])
    if messages:
        raise ValidationError({"attachments": messages})
    return checked


@transaction.atomic
def request_sign_off(
    action: Action, *, text: str, files: Sequence[Any] = (), requested_by: Any = None
) -> SignOff:
    """Ask the plan's owners to accept an action as complete, with evidence (text and/or files)."""
    text = (text or "").strip()
    if not text and not files:
        raise ValidationError(
            {"text": "Give evidence that the action is complete: describe it or attach files"}
        )
    if action.status == ActionStatus.COMPLETED:
        raise ValidationError("This action is already complete")
    if action.sign_offs.filter(status=SignOffStatus.PENDING).exists():
        raise ValidationError("This action is already waiting for its completion to be approved")
    checked = _check_files(files)
    requested_by = requested_by if requested_by is not None else current_actor().account
    sign_off = SignOff.objects.create(action=action, text=text, requested_by=requested_by)
    for upload, data in checked:
        evidence.store(upload, checked=data, sign_off=sign_off, uploaded_by=requested_by)
    _tell_owners(sign_off)
    return sign_off


def _sign_off_context(sign_off: SignOff) -> dict[str, Any]:
    action = sign_off.action
    return {
        "ref": action.ref or action.text[:40],
        "text": action.text,
        "plan": action.plan.title,
        "evidence": sign_off.text,
        "link": absolute_url(sign_off.get_absolute_url()),
        "requested_by": getattr(sign_off.requested_by, "display_name", "") or "A lead",
    }


def _tell_owners(sign_off: SignOff) -> None:
    context = _sign_off_context(sign_off)
    subject = f"Completion to approve: action {context['ref']}"
    for owner in sign_off.action.plan.owners.exclude(email=""):
        send_email(owner.email, subject, "rounds/email/sign_off", {**context, "name": owner.display_name})


def leads_action(user: Any, action: Action) -> bool:
    """Say whether this account is linked to a lead of the action."""
    return bool(user is not None and action.lead_links.filter(person__user=user).exists())


@transaction.atomic
def approve_sign_off(sign_off: SignOff, *, user: Any) -> SignOff:
    """Accept the action as complete: it turns Blue, with an update saying who approved it."""
    if sign_off.status != SignOffStatus.PENDING:
        raise ValidationError("This request has already been decided")
    action = sign_off.action
    if leads_action(user, action) and not action.plan.allow_self_approval:
        raise ValidationError(
            "You lead this action, so another owner of the plan must approve its completion"
        )
    name = getattr(user, "display_name", "") or "the plan's owner"
    plan_services.record_update(
        action,
        text=f"Completion approved by {name}. Evidence: {sign_off.text or 'files attached to the sign-off'}",
        date=timezone.localdate(),
        rag_code=action.plan.scale.code_for(rag.COMPLETED),
    )
    sign_off.status, sign_off.decided_by, sign_off.decided_at = SignOffStatus.APPROVED, user, timezone.now()
    sign_off.save(update_fields=["status", "decided_by", "decided_at"])
    return sign_off


@transaction.atomic
def return_sign_off(sign_off: SignOff, *, user: Any, reason: str) -> SignOff:
    """Send a completion request back to the lead with the reason; the action stays open."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the evidence is not enough"})
    if sign_off.status != SignOffStatus.PENDING:
        raise ValidationError("This request has already been decided")
    sign_off.status, sign_off.decided_by, sign_off.decided_at = SignOffStatus.RETURNED, user, timezone.now()
    sign_off.return_reason = reason
    sign_off.save(update_fields=["status", "decided_by", "decided_at", "return_reason"])
    lead = sign_off.requested_by
    if lead is not None and lead.email:
        context = {
            **_sign_off_context(sign_off),
            "name": lead.display_name,
            "returned": True,
            "reason": reason,
            "decided_by": getattr(user, "display_name", "") or "the plan's owner",
        }
        send_email(
            lead.email, f"Completion returned: action {context['ref']}", "rounds/email/sign_off", context
        )
    return sign_off


@transaction.atomic
def record_impact_evidence(
    recommendation: Recommendation, *, text: str, files: Sequence[Any] = (), user: Any = None
) -> ImpactEvidence:
    """Record evidence that a recommendation made the intended difference (its measures)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Describe the difference made, against the recommendation's measures"})
    checked = _check_files(files)
    user = user if user is not None else current_actor().account
    impact = ImpactEvidence.objects.create(recommendation=recommendation, text=text, recorded_by=user)
    for upload, data in checked:
        evidence.store(upload, checked=data, impact=impact, uploaded_by=user)
    return impact


def impact_state(recommendation: Recommendation) -> str:
    """Say where a recommendation stands beyond its actions' completion."""
    actions = list(recommendation.actions.all())
    if recommendation.impact_evidence.exists():
        return "impact evidenced"
    if actions and all(a.status == ActionStatus.COMPLETED for a in actions):
        return "actions complete, impact not yet evidenced"
    return ""
