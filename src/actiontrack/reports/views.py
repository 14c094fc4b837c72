"""Board report, versions and exception report pages. Thin: rules live in data, compare and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.formtools import add_service_errors
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.plans import access
from actiontrack.plans.models import Plan
from actiontrack.reports import services
from actiontrack.reports.board import board_report, filename, render_report
from actiontrack.reports.compare import KIND_LABELS, KINDS, compare
from actiontrack.reports.data import build_report
from actiontrack.reports.exceptions import Filters, build_exceptions
from actiontrack.reports.forms import CompareForm, ExceptionsForm, FreezeForm, ReportForm, TemplateForm
from actiontrack.reports.models import ReportTemplate, ReportVersion
from actiontrack.reports.renderers import DOWNLOADS, FORMATS, render_exceptions
from actiontrack.reports.renderers.html import context as report_context
from actiontrack.reports.templating import PLACEHOLDERS, starter_template


def download(content: bytes, name: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[extension].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _report_from(request: HttpRequest, plan: Plan) -> tuple[ReportForm, dict[str, Any]]:
    form = ReportForm(request.GET or None, plan=plan)
    options: dict[str, Any] = {}
    if form.is_valid():
        options = {
            "as_at": form.cleaned_data["as_at"],
            "since": form.cleaned_data["since"],
            "since_version": form.cleaned_data["since_version"],
        }
    try:
        return form, board_report(plan, **options)
    except ReportVersion.DoesNotExist:
        raise Http404("No such version") from None


@require_safe
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    form, report = _report_from(request, plan)
    query = request.GET.urlencode()
    return render(
        request,
        "reports/report.html",
        {
            **report_context(report),
            "plan": plan,
            "form": form,
            "query": query,
            "downloads": [FORMATS[name] for name in DOWNLOADS],
            "can_edit": access.can_edit_plan(request.user, plan),
            "freeze_form": FreezeForm(initial={"as_at": report["as_at"]}),
            "template_form": TemplateForm(),
            "template": ReportTemplate.objects.filter(plan=plan).only("filename", "uploaded_at").first(),
            "versions": plan.report_versions.only("number", "as_at", "frozen_by_name", "frozen_at"),
            "placeholders": PLACEHOLDERS,
        },
    )


@require_safe
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise Http404("No such format")
    _form, report = _report_from(request, plan)
    content = render_report(plan, report, fmt, standard=request.GET.get("layout") == "standard")
    return download(content, filename(report, FORMATS[fmt].extension), fmt)


def version_list_page(
    request: HttpRequest,
    plan: Plan,
    *,
    freeze_form: FreezeForm | None = None,
    compare_form: CompareForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "reports/versions.html",
        {
            "plan": plan,
            "versions": plan.report_versions.only("number", "as_at", "frozen_by_name", "frozen_at"),
            "compare_form": compare_form or CompareForm(plan=plan),
            "freeze_form": freeze_form or FreezeForm(),
            "can_edit": access.can_edit_plan(request.user, plan),
        },
        status=status,
    )


@require_safe
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    return version_list_page(request, access.plan_for_user(request.user, pk))


@require_POST
def version_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return version_list_page(request, plan, freeze_form=form, status=400)
    try:
        version = services.freeze_report_version(
            plan, form.cleaned_data["as_at"] or timezone.localdate(), request.user
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return version_list_page(request, plan, freeze_form=form, status=400)
    messages.success(request, f"Frozen as {version.label}")
    return redirect(version)


def _version(request: HttpRequest, pk: int, number: int) -> tuple[Plan, ReportVersion]:
    plan = access.plan_for_user(request.user, pk)
    return plan, get_object_or_404(plan.report_versions, number=number)


@require_safe
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    plan, version = _version(request, pk, number)
    return render(
        request,
        "reports/version.html",
        {
            **report_context(version.data),
            "plan": plan,
            "version": version,
            "downloads": [FORMATS[name] for name in DOWNLOADS],
        },
    )


@require_safe
def version_download(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    plan, version = _version(request, pk, number)
    if fmt not in FORMATS:
        raise Http404("No such format")
    content = render_report(plan, version.data, fmt, standard=request.GET.get("layout") == "standard")
    return download(content, filename(version.data, FORMATS[fmt].extension), fmt)


@require_safe
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    form = CompareForm(request.GET or None, plan=plan)
    if not form.is_valid():
        return version_list_page(request, plan, compare_form=form, status=400)
    before = get_object_or_404(plan.report_versions, number=form.cleaned_data["before"])
    after_choice = form.cleaned_data["after"]
    if after_choice == "now":
        after, after_label = build_report(plan), "today"
    else:
        after_version = get_object_or_404(plan.report_versions, number=int(after_choice))
        after, after_label = after_version.data, after_version.label
    comparison = compare(before.data, after)
    groups = [(KIND_LABELS[kind], comparison.of_kind(kind)) for kind in KINDS]
    return render(
        request,
        "reports/compare.html",
        {
            "plan": plan,
            "before": before,
            "after_label": after_label,
            "groups": groups,
            "total": len(comparison.changes),
        },
    )


@require_POST
def template_upload(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = TemplateForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["template"]
        try:
            services.save_report_template(plan, upload.name, upload.read(), request.user)
        except UnreadableDocument as error:
            form.add_error("template", str(error))
        else:
            messages.success(request, "The board report's Word download now uses your template")
            return redirect("report", pk=plan.pk)
    return render(request, "reports/template_form.html", {"plan": plan, "form": form}, status=400)


@require_POST
def template_remove(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    services.remove_report_template(plan, request.user)
    messages.success(request, "The board report's Word download is back to the standard layout")
    return redirect("report", pk=plan.pk)


@require_safe
def template_download(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    template = get_object_or_404(ReportTemplate, plan=plan)
    return download(bytes(template.content), template.filename, "docx")


@require_safe
def starter_template_download(request: HttpRequest) -> HttpResponse:
    return download(starter_template(), "actiontrack-board-report-template.docx", "docx")


def _exceptions(request: HttpRequest) -> tuple[ExceptionsForm, dict[str, Any]]:
    plans = access.visible_plans(request.user).order_by("title", "pk").only("title")
    form = ExceptionsForm(request.GET or None, plans=plans)
    filters = Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = Filters(
            plan=data["plan"], agency=data["agency"], lead=data["lead"], source_kind=data["source_kind"]
        )
    return form, build_exceptions(request.user, timezone.localdate(), filters)


@require_safe
def exceptions_page(request: HttpRequest) -> HttpResponse:
    form, report = _exceptions(request)
    return render(
        request,
        "reports/exceptions.html",
        {
            "form": form,
            "report": report,
            "query": request.GET.urlencode(),
            "links": True,
            "downloads": [FORMATS[name] for name in DOWNLOADS],
        },
    )


@require_safe
def exceptions_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    _form, report = _exceptions(request)
    return download(render_exceptions(report, fmt), f"exception-report-{report['as_at']}.{fmt}", fmt)
