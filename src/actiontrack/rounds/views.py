"""Pages of update rounds, a lead's answer page, sign-off, evidence and slippage.

Thin: the rules are in services, access in access.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.formtools import add_service_errors
from actiontrack.plans import access as plan_access
from actiontrack.rounds import access, services
from actiontrack.rounds.forms import AnswerForm, ImpactForm, ReturnForm, RoundForm, SignOffForm
from actiontrack.rounds.links import LinkRefused, answer_path, recipient_for_token
from actiontrack.rounds.mail import failure_summary
from actiontrack.rounds.models import Answer, Recipient, SignOff, SignOffStatus
from actiontrack.rounds.slippage import slips


@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = access.manageable_rounds(request.user).prefetch_related("recipients")
    can_open = plan_access.editable_plans(request.user).exists()
    # A lead with an account answers on the same page as everyone else, through their link.
    asked = [
        (recipient, answer_path(recipient))
        for recipient in Recipient.objects.filter(
            user_id=request.user.pk or 0, round__closed_at=None, revoked_at=None
        ).select_related("round")
        if not recipient.round.past_deadline()
    ]
    waiting = SignOff.objects.filter(
        status=SignOffStatus.PENDING, action__plan__in=plan_access.editable_plans(request.user)
    ).select_related("action__plan", "requested_by")
    return render(
        request,
        "rounds/round_list.html",
        {"rounds": rounds, "can_open": can_open, "asked": asked, "waiting": waiting},
    )


def round_create(request: HttpRequest) -> HttpResponse:
    plans = plan_access.editable_plans(request.user).order_by("title", "pk")
    plan_access.require(plans.exists())
    initial = {"plans": [p for p in request.GET.getlist("plan") if p.isdigit()]}
    form = RoundForm(request.POST or None, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.open_round(
                list(form.cleaned_data["plans"]),
                title=form.cleaned_data["title"],
                deadline=form.cleaned_data["deadline"],
                opened_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = round.recipients.count()
            messages.success(request, f"Round opened: {count} lead{'s' if count != 1 else ''} e-mailed")
            return redirect(round)
    return render(request, "rounds/round_form.html", {"form": form, "title": "Start an update round"})


@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.round_for_user(request.user, pk)
    recipients = list(round.recipients.prefetch_related("people", "answers"))
    return render(
        request,
        "rounds/round_detail.html",
        {
            "round": round,
            "plans": round.plans.order_by("title"),
            "answered": [r for r in recipients if r.answered_at],
            "silent": [r for r in recipients if not r.answered_at],
            "total": len(recipients),
            "failures": failure_summary(round.emails.all()),
            "without_email": services.leads_without_email(round) if round.is_open else [],
            "answers": Answer.objects.filter(recipient__round=round)
            .select_related("action", "person", "update")
            .prefetch_related("files"),
        },
    )


@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.round_for_user(request.user, pk)
    try:
        reminded = services.remind_silent(round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Reminder sent to {len(reminded)} lead{'s' if len(reminded) != 1 else ''}")
    return redirect(round)


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = access.round_for_user(request.user, pk)
    try:
        answers = services.close_round(round, closed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Round closed: {len(answers)} update{'s' if len(answers) != 1 else ''} recorded"
        )
    return redirect(round)


@require_POST
def recipient_revoke(request: HttpRequest, pk: int, recipient_pk: int) -> HttpResponse:
    round = access.round_for_user(request.user, pk)
    recipient = get_object_or_404(Recipient, round=round, pk=recipient_pk)
    services.revoke_link(recipient)
    messages.success(request, f"Link withdrawn from {recipient}")
    return redirect(round)


def _answer_forms(recipient: Recipient, data: Any = None, files: Any = None) -> list[tuple[Any, AnswerForm]]:
    previous = {answer.action_id: answer for answer in recipient.answers.all()}
    rows = []
    for action in services.recipient_actions(recipient):
        answer = previous.get(action.pk)
        initial = (
            {
                "text": answer.text,
                "rag": answer.rag,
                "due_text": answer.due_text,
                "due_reason": answer.due_reason,
            }
            if answer
            else {}
        )
        form = AnswerForm(data, files, prefix=f"action-{action.pk}", scale=action.plan.scale, initial=initial)
        rows.append((action, form))
    return rows


@login_not_required
@never_cache  # the page carries its token: keep it out of shared caches
def round_answer(request: HttpRequest, token: str) -> HttpResponse:
    """A lead's one page for a round: their actions only, with or without an account."""
    try:
        recipient = recipient_for_token(token)
    except LinkRefused as refusal:
        return render(
            request, "rounds/link_refused.html", {"message": refusal.message}, status=refusal.status
        )
    post = request.method == "POST"
    rows = _answer_forms(recipient, request.POST if post else None, request.FILES if post else None)
    problem = ""
    if post and all(form.is_valid() for _action, form in rows):
        inputs = [
            services.AnswerInput(
                action=action,
                text=form.cleaned_data["text"],
                rag=form.cleaned_data["rag"],
                due_text=form.cleaned_data["due_text"],
                due_reason=form.cleaned_data["due_reason"],
                files=form.cleaned_data["attachments"],
            )
            for action, form in rows
        ]
        people = list(recipient.people.all())
        actor = Actor(
            user=request.user if request.user.is_authenticated else None,
            channel=Channel.LINK,
            person_id=people[0].pk if people else None,
            person_name=recipient.name,
        )
        try:
            with acting_as(actor):
                services.submit_answer(recipient, inputs)
        except ValidationError as error:
            forms = {f"action-{action.pk}": form for action, form in rows}
            if hasattr(error, "error_dict"):
                for key, errors in error.error_dict.items():
                    prefix, _sep, field = key.rpartition("-")
                    form = forms.get(prefix)
                    if form is not None and field in form.fields:
                        form.add_error(field, errors)
                    else:
                        problem = " ".join(e.message for e in errors if isinstance(e.message, str))
            else:
                problem = " ".join(error.messages)
        else:
            return render(
                request, "rounds/answer_thanks.html", {"recipient": recipient, "round": recipient.round}
            )
    elif post:
        problem = "Check the answers below"
    return render(
        request,
        "rounds/answer.html",
        {"recipient": recipient, "round": recipient.round, "rows": rows, "problem": problem},
        status=400 if problem or any(form.errors for _action, form in rows) else 200,
    )


# Sign-off --------------------------------------------------------------------------------------


def sign_off_request(request: HttpRequest, pk: int) -> HttpResponse:
    action = plan_access.action_for_user(request.user, pk, write=True)
    form = SignOffForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            sign_off = services.request_sign_off(
                action,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["attachments"],
                requested_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Completion sent to the plan's owners for approval")
            return redirect(sign_off)
    return render(request, "rounds/sign_off_form.html", {"form": form, "action": action, "plan": action.plan})


@require_safe
def sign_off_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign_off_page(request, pk)


def _sign_off_page(
    request: HttpRequest, pk: int, form: ReturnForm | None = None, problem: str = ""
) -> HttpResponse:
    sign_off = access.sign_off_for_user(request.user, pk)
    can_decide = plan_access.can_edit_plan(request.user, sign_off.action.plan)
    return render(
        request,
        "rounds/sign_off_detail.html",
        {
            "sign_off": sign_off,
            "action": sign_off.action,
            "plan": sign_off.action.plan,
            "can_decide": can_decide and sign_off.status == SignOffStatus.PENDING,
            "form": form or ReturnForm(),
            "problem": problem,
        },
        status=400 if form is not None or problem else 200,
    )


@require_POST
def sign_off_approve(request: HttpRequest, pk: int) -> HttpResponse:
    sign_off = access.sign_off_for_user(request.user, pk, decide=True)
    try:
        services.approve_sign_off(sign_off, user=request.user)
    except ValidationError as error:
        return _sign_off_page(request, pk, problem=" ".join(error.messages))
    messages.success(request, "Completion approved: the action is Blue")
    return redirect(sign_off.action)


@require_POST
def sign_off_return(request: HttpRequest, pk: int) -> HttpResponse:
    sign_off = access.sign_off_for_user(request.user, pk, decide=True)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_sign_off(sign_off, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Returned to the lead with your reason")
            return redirect(sign_off.action)
    return _sign_off_page(request, pk, form)


def impact_create(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = plan_access.recommendation_for_user(request.user, pk, write=True)
    form = ImpactForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_impact_evidence(
                recommendation,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["attachments"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Evidence of impact recorded")
            return redirect(recommendation.get_absolute_url())
    return render(
        request,
        "rounds/impact_form.html",
        {"form": form, "recommendation": recommendation, "plan": recommendation.plan},
    )


@require_safe
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access.evidence_for_user(request.user, pk)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Slippage --------------------------------------------------------------------------------------


@require_safe
def slippage(request: HttpRequest) -> HttpResponse:
    rows = slips(plan_access.visible_actions(request.user))
    return render(request, "rounds/slippage.html", {"rows": rows, "plan": None})


@require_safe
def plan_slippage(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_access.plan_for_user(request.user, pk)
    rows = slips(plan.actions.all())
    return render(request, "rounds/slippage.html", {"rows": rows, "plan": plan})
