"""Pages of the dashboards, outcome measures, deadlines, the calendar feed and the role home page.

Thin: access comes from plans.access, writes from dashboards.services.
Charts are shown as SVG images (<img src="data:image/svg+xml;base64,...">,
which the Content-Security-Policy's img-src allows): matplotlib writes <style>
and style attributes, which a strict policy (style-src 'self') forbids in the
page itself but not inside an image. Drawing them into the page, rather than
as one request each, keeps a page's figures from one moment and one request.
Each chart is also served on its own (…/charts/SLUG.svg) for downloads.
"""

from __future__ import annotations

import datetime
import hmac
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.dashboards import charts, ics, measures, services, stats
from actiontrack.dashboards.forms import (
    DashboardFilterForm,
    DeadlineForm,
    DeadlineRuleForm,
    MeasureCsvForm,
    MeasureForm,
    MeasureValueForm,
)
from actiontrack.dashboards.models import CalendarToken, DeadlineRule, Measure, PlanDeadline
from actiontrack.formtools import add_service_errors
from actiontrack.plans import access, rag
from actiontrack.plans.models import Action, Plan
from actiontrack.rounds.models import Round, SignOff, SignOffStatus

DEADLINE_WARNING_DAYS = 20  # working days before a deadline that dashboards warn of it
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"  # the SVG's own styles, nothing else


def saved(form: Any, write: Any) -> bool:
    """Run a service for a valid form; put a refusal on the form. Return whether it was saved."""
    if not form.is_valid():
        return False
    try:
        write()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def svg_response(chart: charts.Chart) -> HttpResponse:
    response = HttpResponse(chart.svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = CHART_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


def chart_list(figures: list[stats.Figures]) -> list[dict[str, Any]]:
    """Return each chart's figures with its image as a data: address for <img src>."""
    return [{"figures": f, "src": charts.Chart(f).data_uri} for f in figures]


def deadline_rows(deadlines: Any, today: datetime.date) -> list[dict[str, Any]]:
    """Return each deadline with its due date, working days left and whether to warn of it."""
    rows = []
    for deadline in deadlines:
        left = deadline.working_days_left(today)
        rows.append(
            {
                "deadline": deadline,
                "due": deadline.due_date,
                "left": left,
                "ago": -left,
                "passed": left < 0 or (left == 0 and deadline.due_date < today),
                "warn": 0 <= left <= DEADLINE_WARNING_DAYS,
            }
        )
    return rows


# Dashboards ------------------------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[DashboardFilterForm, QuerySet[Plan], int | None]:
    visible = access.visible_plans(request.user)
    form = DashboardFilterForm(request.GET or None, plans=visible)
    plans, agency_id = visible, None
    if form.is_valid():
        if form.cleaned_data["plan"]:
            plans = plans.filter(pk=form.cleaned_data["plan"].pk)
        if form.cleaned_data["source_kind"]:
            plans = plans.filter(source_kind=form.cleaned_data["source_kind"])
        if form.cleaned_data["agency"]:
            agency_id = form.cleaned_data["agency"].pk
    return form, plans, agency_id


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, plans, agency_id = _filtered(request)
    actions = stats.actions_in_view(plans, agency_id)
    figures = stats.action_figures(plans, actions, today)
    deadlines = [
        row
        for row in deadline_rows(PlanDeadline.objects.filter(plan__in=plans).select_related("plan"), today)
        if row["warn"]
    ]
    context = {
        "form": form,
        "charts": chart_list(figures),
        "deadlines": deadlines,
        "plan_count": plans.count(),
        "today": today,
    }
    return render(request, "dashboards/dashboard.html", context)


@require_safe
def dashboard_chart(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in stats.SLUGS:
        raise Http404("No such chart")
    _, plans, agency_id = _filtered(request)
    today = timezone.localdate()
    return svg_response(
        charts.Chart(stats.one_figure(slug, plans, stats.actions_in_view(plans, agency_id), today))
    )


@require_safe
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    today = timezone.localdate()
    plans = Plan.objects.filter(pk=plan.pk)
    actions = stats.actions_in_view(plans)
    progress = stats.recommendation_progress(plans, actions, today)
    figures = [stats.one_figure(slug, plans, actions, today, plan.scale) for slug in stats.ACTION_FIGURES]
    figures.append(stats.recommendation_figures(progress))
    measure_rows = [
        {"measure": m, "status": s, "figures": f, "src": charts.Chart(f).data_uri}
        for m, s, f in (
            (m, s, stats.measure_figures(m, sorted(m.values.all(), key=lambda v: v.date), s))
            for m, s in stats.measure_statuses(plan.outcome_measures.all(), today)  # type: ignore[attr-defined]
        )
    ]
    context = {
        "plan": plan,
        "charts": chart_list(figures),
        "progress": progress,
        "measures": measure_rows,
        "deadlines": deadline_rows(plan.statutory_deadlines.all(), today),  # type: ignore[attr-defined]
        "can_edit": access.can_edit_plan(request.user, plan),
        "today": today,
    }
    return render(request, "dashboards/plan_dashboard.html", context)


@require_safe
def plan_dashboard_chart(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    if slug not in stats.SLUGS:
        raise Http404("No such chart")
    plans = Plan.objects.filter(pk=plan.pk)
    figures = stats.one_figure(slug, plans, stats.actions_in_view(plans), timezone.localdate(), plan.scale)
    return svg_response(charts.Chart(figures))


# Outcome measures ------------------------------------------------------------------------------------


def measure_for_user(user: Any, pk: int, *, write: bool = False) -> Measure:
    """Return the measure: 404 where its plan is not visible, 403 where (with write) not editable."""
    measure = get_object_or_404(
        Measure.objects.filter(plan__in=access.visible_plans(user)).select_related("plan"), pk=pk
    )
    if write:
        access.require(access.can_edit_plan(user, measure.plan))
    return measure


def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = MeasureForm(request.POST or None, plan=plan, instance=Measure(plan=plan))
    if request.method == "POST" and saved(
        form,
        lambda: services.add_measure(
            form.save(commit=False), recommendations=form.cleaned_data["recommendations"]
        ),
    ):
        messages.success(request, f"Measure “{form.instance.name}” added")
        return redirect(form.instance)
    return render(request, "plans/form.html", {"form": form, "title": "Add an outcome measure", "plan": plan})


def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user(request.user, pk, write=True)
    form = MeasureForm(request.POST or None, plan=measure.plan, instance=measure)
    if request.method == "POST" and saved(
        form,
        lambda: services.add_measure(
            form.save(commit=False), recommendations=form.cleaned_data["recommendations"]
        ),
    ):
        messages.success(request, "Measure saved")
        return redirect(measure)
    context = {"form": form, "title": f"Change “{measure.name}”", "plan": measure.plan}
    return render(request, "plans/form.html", context)


@require_safe
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user(request.user, pk)
    today = timezone.localdate()
    values = list(measure.values.order_by("date"))
    status = measures.status(measure, values, today)
    figures = stats.measure_figures(measure, values, status)
    context = {
        "measure": measure,
        "plan": measure.plan,
        "status": status,
        "figures": figures,
        "src": charts.Chart(figures).data_uri,
        "values": list(reversed(values)),
        "recommendations": measure.recommendations.order_by("order", "pk"),
        "can_edit": access.can_edit_plan(request.user, measure.plan),
    }
    return render(request, "dashboards/measure_detail.html", context)


@require_safe
def measure_chart(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user(request.user, pk)
    return svg_response(charts.measure_chart(measure, timezone.localdate()))


def measure_add_value(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user(request.user, pk, write=True)
    form = MeasureValueForm(request.POST or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.record_measure_value(
            measure,
            date=form.cleaned_data["date"],
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, "Value recorded")
        return redirect(measure)
    context = {"form": form, "title": f"Add a value: {measure.name}", "plan": measure.plan}
    return render(request, "plans/form.html", context)


def measure_upload(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_for_user(request.user, pk, write=True)
    form = MeasureCsvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            loaded = services.load_measure_values_csv(measure, form.cleaned_data["file"].read())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{len(loaded)} values loaded")
            return redirect(measure)
    return render(request, "dashboards/measure_upload.html", {"form": form, "measure": measure})


# Statutory deadlines ---------------------------------------------------------------------------------


def deadline_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = DeadlineForm(request.POST or None, plan=plan)
    if request.method == "POST" and saved(
        form,
        lambda: services.add_deadline(
            plan,
            name=form.cleaned_data["name"] or "",
            start_date=form.cleaned_data["start_date"],
            working_days=form.cleaned_data["working_days"] or 0,
            rule=form.cleaned_data["rule"],
        ),
    ):
        messages.success(request, "Deadline added")
        return redirect(reverse("plan-dashboard", args=[plan.pk]) + "#deadlines")
    context = {"form": form, "title": "Add a deadline in working days", "plan": plan}
    return render(request, "plans/form.html", context)


def deadline_rules(request: HttpRequest) -> HttpResponse:
    """List the partnership's deadline rules; administrators add them."""
    form = DeadlineRuleForm(request.POST or None)
    if request.method == "POST":
        access.require(bool(request.user.is_staff))
        if saved(form, lambda: services.add_deadline_rule(form.save(commit=False))):
            messages.success(request, "Rule added")
            return redirect("deadline-rules")
    context = {"rules": DeadlineRule.objects.all(), "form": form, "can_add": request.user.is_staff}
    return render(request, "dashboards/deadline_rules.html", context)


# Calendar feed ---------------------------------------------------------------------------------------


@require_safe
def calendar_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {"has_feed": CalendarToken.objects.filter(user=user).exists(), "feed_url": None}
    return render(request, "dashboards/calendar.html", context)


@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    if not request.user.is_active:
        raise PermissionDenied
    token = services.renew_calendar_token(request.user)
    url = request.build_absolute_uri(reverse("calendar-feed", args=[token]))
    # The secret is kept only as a hash, so it is shown now, once, rather than after a redirect.
    return render(request, "dashboards/calendar.html", {"has_feed": True, "feed_url": url})


@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    services.revoke_calendar_token(request.user)
    messages.success(request, "Your calendar address no longer works")
    return redirect("calendar")


@login_not_required
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = CalendarToken.objects.filter(token_hash=services.hash_token(token)).select_related("user").first()
    # The lookup is by hash; compare again in constant time so the answer never hangs on the secret.
    if found is None or not hmac.compare_digest(found.token_hash, services.hash_token(token)):
        raise Http404("No such calendar")
    if not found.user.is_active:
        raise Http404("No such calendar")
    body = ics.feed(found.user, request.build_absolute_uri("/").rstrip("/"), request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# Home pages -----------------------------------------------------------------------------------------

URGENCY = Case(
    When(rag_meaning=rag.DELAYED, then=Value(0)),
    When(rag_meaning=rag.AT_RISK, then=Value(1)),
    When(rag_meaning=rag.ON_TRACK, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
HOME_ROWS = 15


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Land each role on what it needs: a board member on the dashboard, owners and leads on their work."""
    user: Any = request.user
    if user.is_board_member and not user.is_staff:
        return redirect("dashboard")
    today = timezone.localdate()
    owned = access.editable_plans(user)
    context: dict[str, Any] = {"today": today, "owner": owned.exists()}
    if context["owner"]:
        actions: Any = Action.objects.filter(plan__in=owned).with_rag(today).select_related("plan")
        context["overdue"] = actions.filter(is_overdue=True).order_by("due_date", "pk")
        context["stale"] = actions.filter(is_stale=True).order_by("plan", "order", "pk")
        context["overdue_count"] = context["overdue"].count()
        context["stale_count"] = context["stale"].count()
        context["overdue"] = context["overdue"][:HOME_ROWS]
        context["stale"] = context["stale"][:HOME_ROWS]
        deadlines = PlanDeadline.objects.filter(plan__in=owned).select_related("plan")
        context["deadlines"] = [row for row in deadline_rows(deadlines, today) if row["warn"]]
        context["rounds"] = (
            Round.objects.filter(plans__in=owned, closed_at__isnull=True)
            .distinct()
            .annotate(
                waiting=Count(
                    "recipients",
                    filter=Q(recipients__answered_at__isnull=True, recipients__revoked_at__isnull=True),
                    distinct=True,
                )
            )
            .filter(waiting__gt=0)
            .order_by("deadline", "pk")
        )
        context["approvals"] = (
            SignOff.objects.filter(action__plan__in=owned, status=SignOffStatus.PENDING)
            .select_related("action", "action__plan")
            .order_by("requested_at", "pk")
        )
    led_ids = Action.objects.filter(lead_links__person__user=user).values("pk")
    led = Action.objects.filter(pk__in=led_ids).with_rag(today)
    context["led"] = list(led.select_related("plan").order_by(URGENCY, "due_date", "pk")[:50])
    return render(request, "dashboards/home.html", context)
