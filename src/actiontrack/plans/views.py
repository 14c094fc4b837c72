"""Pages for plans, recommendations, actions and updates. Thin: rules live in access, services, rag."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actiontrack.plans import access, services
from actiontrack.plans.forms import (
    ActionForm,
    PersonForm,
    PlanForm,
    PlanSharingForm,
    RecommendationForm,
    SearchForm,
    UpdateForm,
)
from actiontrack.plans.interchange import export_plan
from actiontrack.plans.models import Action, Person, Recommendation, Update
from actiontrack.plans.summaries import summarise


def paginate(request: HttpRequest, items: Any, parameter: str = "page") -> Page:
    """Return the page of items the request asks for (?page=N), the last page if N is too big."""
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get(parameter))
    page.parameter = parameter  # type: ignore[attr-defined]  # for the pagination links
    return page


def plan_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, access.visible_plans(request.user).order_by("title", "pk"))
    return render(request, "plans/plan_list.html", {"page": page, "summaries": summarise(page.object_list)})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    actions = Action.objects.for_page().order_by("order", "pk")
    page = paginate(
        request,
        plan.recommendations.order_by("order", "pk").prefetch_related(Prefetch("actions", queryset=actions)),
    )
    plan_actions = paginate(request, actions.filter(plan=plan, recommendation=None), "actions_page")
    sections = group_by_section(page.object_list)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "page": page,
            "sections": sections,
            "plan_actions": plan_actions,
            "people": plan.people.select_related("agency", "user").order_by("order", "key"),
            "can_edit": access.can_edit_plan(request.user, plan),
            "today": timezone.localdate(),
        },
    )


def group_by_section(recommendations: Any) -> list[tuple[str, list[Recommendation]]]:
    """Group consecutive recommendations under their section headings, keeping document order."""
    sections: list[tuple[str, list[Recommendation]]] = []
    for recommendation in recommendations:
        if not sections or sections[-1][0] != recommendation.section:
            sections.append((recommendation.section, []))
        sections[-1][1].append(recommendation)
    return sections


def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.save_plan(form.save(commit=False), owner=request.user)
        messages.success(request, f"Plan “{plan.title}” created")
        return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Create a plan"})


def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.save_plan(form.save(commit=False))
        messages.success(request, "Plan saved")
        return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Edit plan", "plan": plan})


def plan_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    initial = {"owners": [u.username for u in plan.owners.all()], "agencies": plan.agencies.all()}
    form = PlanSharingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.share_plan(plan, owners=form.cleaned_data["owners"], agencies=form.cleaned_data["agencies"])
        messages.success(request, "Sharing saved")
        return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Share this plan", "plan": plan})


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.filter(plan__in=access.editable_plans(request.user)).select_related("plan", "user"),
        pk=pk,
    )
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.save_person(form.save(commit=False), user=form.cleaned_data["username"])
        messages.success(request, f"{person.key} saved")
        return redirect(person.plan.get_absolute_url() + "#people")
    title = f"Change {person.key}"
    return render(request, "plans/form.html", {"form": form, "title": title, "plan": person.plan})


def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    response = HttpResponse(
        json.dumps(export_plan(plan), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response


def recommendation_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, plan_pk, write=True)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        recommendation.plan = plan
        services.save_recommendation(recommendation)
        messages.success(request, "Recommendation added")
        return redirect(recommendation)
    return render(request, "plans/form.html", {"form": form, "title": "Add a recommendation", "plan": plan})


def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.filter(plan__in=access.editable_plans(request.user)), pk=pk
    )
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        services.save_recommendation(form.save(commit=False))
        messages.success(request, "Recommendation saved")
        return redirect(recommendation)
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": "Edit recommendation", "plan": recommendation.plan},
    )


def action_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, plan_pk, write=True)
    initial = {"recommendation": request.GET.get("recommendation")}
    form = ActionForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        action.plan = plan
        services.save_action(action, leads=form.cleaned_data["leads"], due_text=form.cleaned_data["due_text"])
        messages.success(request, "Action added")
        return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Add an action", "plan": plan})


def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.filter(plan__in=access.editable_plans(request.user)).select_related("plan"), pk=pk
    )
    form = ActionForm(request.POST or None, instance=action, plan=action.plan)
    if request.method == "POST" and form.is_valid():
        services.save_action(
            form.save(commit=False), leads=form.cleaned_data["leads"], due_text=form.cleaned_data["due_text"]
        )
        messages.success(request, "Action saved")
        return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Edit action", "plan": action.plan})


def action_detail(request: HttpRequest, pk: int, form: UpdateForm | None = None) -> HttpResponse:
    action = access.action_for_user(request.user, pk)
    can_update = access.can_update_action(request.user, action)
    if can_update and form is None:
        form = UpdateForm(scale=action.plan.scale)
    updates = paginate(request, action.updates.select_related("author").order_by("-order", "-pk"))
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "plan": action.plan,
            "assessment": action.assessment(),
            "updates": updates,
            "form": form if can_update else None,
            "can_edit": access.can_edit_plan(request.user, action.plan),
        },
    )


@require_POST
def action_add_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.action_for_user(request.user, pk, write=True)
    form = UpdateForm(request.POST, scale=action.plan.scale)
    if not form.is_valid():
        return action_detail(request, pk, form=form)
    services.record_update(
        action,
        text=form.cleaned_data["text"],
        date=form.cleaned_data["date"],
        rag_code=form.cleaned_data["rag"],
        author=request.user,
    )
    messages.success(request, "Update added")
    return redirect(action)


def my_actions(request: HttpRequest) -> HttpResponse:
    actions = (
        Action.objects.filter(lead_links__person__user=request.user.pk)
        .distinct()
        .for_page()
        .order_by("due_date", "pk")
    )
    return render(request, "plans/my_actions.html", {"page": paginate(request, actions)})


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results: QuerySet[Any] | list[Any] = []
    if form.is_valid():
        results = search_results(request.user, form.cleaned_data["q"])
    return render(request, "plans/search.html", {"form": form, "page": paginate(request, results)})


def search_results(user: Any, query: str) -> list[tuple[str, Any]]:
    """Return ("recommendation" | "action" | "update", object) pairs matching the words, in plan order."""
    plans = access.visible_plans(user)
    words = query.split()

    def matching(queryset: QuerySet[Any], *fields: str) -> QuerySet[Any]:
        for word in words:
            condition = Q()
            for name in fields:
                condition |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    limit = 500  # a search that matches more than this is too broad to read through
    recommendations = matching(Recommendation.objects.filter(plan__in=plans), "text", "ref", "objective")
    actions = matching(Action.objects.filter(plan__in=plans), "text", "ref", "due_text")
    updates = matching(Update.objects.filter(action__plan__in=plans), "text")
    return (
        [("recommendation", r) for r in recommendations.select_related("plan")[:limit]]
        + [("action", a) for a in actions.select_related("plan")[:limit]]
        + [("update", u) for u in updates.select_related("action__plan")[:limit]]
    )
