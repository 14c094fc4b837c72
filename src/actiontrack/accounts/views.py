"""Pages for administrators (accounts, agencies, the audit trail), invitations and History pages."""

from __future__ import annotations

import csv
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.accounts import history, services
from actiontrack.accounts.forms import (
    AccountForm,
    AgencyForm,
    AuditPeriodForm,
    InvitationPasswordForm,
    InviteForm,
)
from actiontrack.accounts.models import Agency, User
from actiontrack.formtools import add_service_errors, paginate
from actiontrack.lib.text import spreadsheet_safe
from actiontrack.plans import access


def require_administrator(request: HttpRequest) -> None:
    """Answer 404 to anyone but an administrator: these pages are not there for them."""
    if not access.is_administrator(request.user):
        raise Http404("No such page")


@require_safe
def agency_list(request: HttpRequest) -> HttpResponse:
    require_administrator(request)
    return render(request, "accounts/agency_list.html", {"agencies": Agency.objects.order_by("name")})


def agency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_administrator(request)
    agency = get_object_or_404(Agency, pk=pk) if pk else Agency()
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_agency(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agency.name} saved")
            return redirect("agency-list")
    title = f"Change {agency.name}" if pk else "Add an agency"
    return render(request, "accounts/form.html", {"form": form, "title": title, "back": "agency-list"})


@require_safe
def user_list(request: HttpRequest) -> HttpResponse:
    require_administrator(request)
    users = User.objects.select_related("agency").order_by(
        "-is_active", "last_name", "first_name", "username"
    )
    page = paginate(request, users, size=50)
    return render(request, "accounts/user_list.html", {"page": page})


def roles_from(form: Any) -> dict[str, bool]:
    roles = form.cleaned_data["roles"]
    return {"is_staff": "administrator" in roles, "is_board_member": "board" in roles}


def user_invite(request: HttpRequest) -> HttpResponse:
    require_administrator(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_user(
                data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                agency=data["agency"],
                invited_by=request.user,
                **roles_from(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Invitation sent to {user.email}")
            return redirect("user-list")
    return render(
        request, "accounts/form.html", {"form": form, "title": "Invite someone", "back": "user-list"}
    )


def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_administrator(request)
    account = get_object_or_404(User.objects.select_related("agency"), pk=pk)
    roles = [
        name
        for name, held in (("administrator", account.is_staff), ("board", account.is_board_member))
        if held
    ]
    form = AccountForm(request.POST or None, initial={"agency": account.agency, "roles": roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_roles(
                account, agency=form.cleaned_data["agency"], by=request.user, **roles_from(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{account.display_name} saved")
            return redirect("user-list")
    return render(request, "accounts/user_edit.html", {"form": form, "account": account})


@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return set_active(request, pk, active=False)


@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return set_active(request, pk, active=True)


def set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    require_administrator(request)
    account = get_object_or_404(User, pk=pk)
    try:
        services.set_active(account, active, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("user-edit", pk=pk)
    messages.success(request, f"{account.display_name} {'reactivated' if active else 'deactivated'}")
    return redirect("user-list")


@require_POST
def user_reinvite(request: HttpRequest, pk: int) -> HttpResponse:
    require_administrator(request)
    account = get_object_or_404(User, pk=pk, is_active=True)
    services.send_invitation(account)
    messages.success(request, f"A new invitation was sent to {account.email}")
    return redirect("user-edit", pk=pk)


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Let an invited person choose their password; the link works once and expires."""
    user = services.user_for_invitation(token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(user, form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your password is set. Sign in with your username and new password")
            return redirect("login")
    return render(request, "accounts/invitation.html", {"form": form, "invited": user})


@require_safe
def audit_trail(request: HttpRequest) -> HttpResponseBase:
    """Download the whole audit trail for a period, as CSV."""
    require_administrator(request)
    form = AuditPeriodForm(request.GET or None)
    if not form.is_valid():
        return render(request, "accounts/audit.html", {"form": form})
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    moment = timezone.get_current_timezone()
    rows = history.audit_rows(
        datetime.datetime.combine(start, datetime.time(), moment),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), moment),
    )
    writer = csv.writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow([spreadsheet_safe(cell) for cell in row]) for row in rows), content_type="text/csv"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{start}-to-{end}.csv"'
    return response


class Echo:
    """A file-like object whose write returns the line: csv.writer into a streaming response."""

    def write(self, value: str) -> str:
        return value


@require_safe
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    page = paginate(request, history.plan_history(plan), size=50)
    return render(request, "accounts/history.html", {"page": page, "plan": plan, "subject": plan.title})


@require_safe
def action_history(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.action_for_user(request.user, pk)
    page = paginate(request, history.action_history(action), size=50)
    subject = f"Action {action.ref}".strip()
    return render(
        request,
        "accounts/history.html",
        {"page": page, "plan": action.plan, "action": action, "subject": subject},
    )
