"""Pages for plans, recommendations, actions and updates. Thin: rules live in access, services, rag."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.accounts.audit import version_of
from actiontrack.formtools import attempt, paginate
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
from actiontrack.plans.models import Action, Recommendation, Update
from actiontrack.plans.summaries import summarise


@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, access.visible_plans(request.user).order_by("title", "pk"))
    return render(request, "plans/plan_list.html", {"page": page, "summaries": summarise(page.object_list)})


@require_safe
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
    access.require_plan_creator(request.user)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = attempt(
            form,
            services.create_plan,
            form.save(commit=False),
            owner=request.user,
            submission=form.cleaned_data["submission"],
        )
        if plan is not None:
            messages.success(request, f"Plan “{plan.title}” created")
            return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Create a plan"})


def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["seen_version"]
        if attempt(form, services.edit_plan, form.save(commit=False), version=version) is not None:
            messages.success(request, "Plan saved")
            return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Edit plan", "plan": plan})


def plan_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk, write=True)
    initial = {
        "owners": [u.username for u in plan.owners.all()],
        "agencies": plan.agencies.all(),
        "seen_version": version_of(plan),
    }
    form = PlanSharingForm(
        request.POST or None,
        initial=initial,
        nameable=lambda agencies: access.nameable_accounts(request.user, plan, agencies),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            services.share_plan,
            plan,
            owners=data["owners"],
            agencies=data["agencies"],
            version=data["seen_version"],
        ):
            messages.success(request, "Sharing saved")
            return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": "Share this plan", "plan": plan})


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.person_for_user(request.user, pk, write=True)
    form = PersonForm(
        request.POST or None, instance=person, nameable=access.nameable_accounts(request.user, person.plan)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            services.link_person,
            form.save(commit=False),
            user=data["username"],
            email=data["email"],
            agency=data["agency"],
            version=data["seen_version"],
        ):
            messages.success(request, f"{person.key} saved")
            return redirect(person.plan.get_absolute_url() + "#people")
    title = f"Change {person.key}"
    return render(request, "plans/form.html", {"form": form, "title": title, "plan": person.plan})


@require_safe
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, pk)
    response = HttpResponse(
        json.dumps(export_plan(plan), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response


def recommendation_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = access.plan_for_user(request.user, plan_pk, write=True)
    form = RecommendationForm(request.POST or None, instance=Recommendation(plan=plan))
    if request.method == "POST" and form.is_valid():
        recommendation = attempt(
            form,
            services.save_recommendation,
            form.save(commit=False),
            submission=form.cleaned_data["submission"],
        )
        if recommendation is not None:
            messages.success(request, "Recommendation added")
            return redirect(recommendation)
    return render(request, "plans/form.html", {"form": form, "title": "Add a recommendation", "plan": plan})


def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = access.recommendation_for_user(request.user, pk, write=True)
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["seen_version"]
        if attempt(form, services.save_recommendation, form.save(commit=False), version=version) is not None:
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
    form = ActionForm(request.POST or None, plan=plan, initial=initial, instance=Action(plan=plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = attempt(
            form,
            services.add_action,
            form.save(commit=False),
            leads=data["leads"],
            due_text=data["due_text"],
            submission=data["submission"],
        )
        if action is not None:
            messages.success(request, "Action added")
            return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Add an action", "plan": plan})


def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.action_for_user(request.user, pk, edit=True)
    form = ActionForm(request.POST or None, instance=action, plan=action.plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            services.edit_action,
            form.save(commit=False),
            leads=data["leads"],
            due_text=data["due_text"],
            due_reason=data["due_reason"],
            version=data["seen_version"],
        ):
            messages.success(request, "Action saved")
            return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Edit action", "plan": action.plan})


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return action_page(request, access.action_for_user(request.user, pk))


def action_page(request: HttpRequest, action: Action, form: UpdateForm | None = None) -> HttpResponse:
    """Show an action, its updates and (to those who may add one) the update form."""
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
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            services.record_update,
            action,
            text=data["text"],
            date=data["date"],
            rag_code=data["rag"],
            submission=data["submission"],
        ):
            messages.success(request, "Update added")
            return redirect(action)
    return action_page(request, action, form=form)


@require_safe
def my_actions(request: HttpRequest) -> HttpResponse:
    actions = (
        Action.objects.filter(lead_links__person__user=request.user.pk)
        .distinct()
        .for_page()
        .order_by("due_date", "pk")
    )
    return render(request, "plans/my_actions.html", {"page": paginate(request, actions)})


@require_safe
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
