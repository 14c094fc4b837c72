"""Pages for plans, recommendations, actions and updates. Thin: rules live in access, services, rag."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.accounts.audit import version_of
from actiontrack.formtools import attempt, paginate
from actiontrack.plans import access, asat, listing, rag, services
from actiontrack.plans.forms import (
    ActionForm,
    PersonForm,
    PlanFilterForm,
    PlanForm,
    PlanSharingForm,
    RecommendationForm,
    SearchForm,
    UpdateForm,
    due_reading,
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
    today = timezone.localdate()
    closed_on = asat.closed_on(plan)
    people = list(plan.people.select_related("agency", "user").order_by("order", "key"))
    rows = listing.plan_rows(plan, asat.assessed_on(plan))
    # The filters offer the agencies and leads the plan's actions name, in the plan's order.
    agencies = sorted({row.agency for row in rows if row.agency})
    leading = {person.pk for row in rows for person in row.action.ordered_leads()}
    leads = [person for person in people if person.pk in leading]
    form = PlanFilterForm(request.GET or None, plan=plan, leads=leads, agencies=agencies)
    # Filters that cannot be read are said so (beside the field) and the others still apply.
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
    chosen = listing.Chosen(
        rag=data.get("rag") or "",
        lead=data.get("lead"),
        agency=data.get("agency") or "",
        overdue=bool(data.get("overdue")),
        stale=bool(data.get("stale")),
        due_before=data.get("due_before"),
    )
    as_at = data.get("as_at")
    day = as_at or asat.assessed_on(plan)
    if as_at is not None:
        rows = listing.plan_rows(plan, day)
    shown = [row for row in rows if chosen.keeps(row)]
    by_recommendation: dict[int | None, list[listing.Row]] = {}
    for row in shown:
        by_recommendation.setdefault(row.action.recommendation_id, []).append(row)
    recommendations = list(plan.recommendations.order_by("order", "pk"))
    if chosen.active:
        recommendations = [r for r in recommendations if r.pk in by_recommendation]
    page = paginate(request, recommendations)
    for recommendation in page.object_list:
        recommendation.rows = by_recommendation.get(recommendation.pk, [])
    plan_actions = paginate(request, by_recommendation.get(None, []), "actions_page")
    counts = {pk: len(found) for pk, found in by_recommendation.items() if pk is not None}
    base = {"as_at": as_at.isoformat()} if as_at else {}
    summary = listing.Summary.of(rows)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "page": page,
            "sections": group_by_section(page.object_list),
            "plan_actions": plan_actions,
            "people": people,
            "can_edit": access.can_edit_plan(request.user, plan),
            "today": day,
            "as_at": as_at,
            "closed_on": closed_on,
            "is_today": day == today,
            "form": form,
            "chosen": chosen,
            "summary": summary,
            "summary_colours": summary.colours(plan),
            "unfold_completed": chosen.rag == plan.scale.code_for(rag.COMPLETED),
            "shown_count": len(shown),
            "links": _summary_links(plan, base),
            "base_query": base,
            "contents": listing.contents(recommendations, page.paginator.per_page, counts),
            "current_page": page.number,
        },
    )


def _summary_links(plan: Any, base: dict[str, str]) -> dict[str, str]:
    """Return the query strings the summary's numbers link to: one colour, overdue, needing an update."""
    links = {code: listing.link(base, rag=code) for code, _label in plan.scale.entries}
    for meaning in rag.MEANINGS:
        code = plan.scale.code_for(meaning)
        links.setdefault(code, listing.link(base, rag=code))
    links["overdue"] = listing.link(base, overdue=1)
    links["stale"] = listing.link(base, stale=1)
    links["all"] = listing.link(base)
    return links


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
    if request.method == "POST" and "check_due" in request.POST:
        check_due(form, plan)
    elif request.method == "POST" and form.is_valid():
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
            messages.success(request, f"Action added. {due_reading(action.due)}")
            return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Add an action", "plan": plan})


def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.action_for_user(request.user, pk, edit=True)
    form = ActionForm(request.POST or None, instance=action, plan=action.plan)
    if request.method == "POST" and "check_due" in request.POST:
        check_due(form, action.plan)
    elif request.method == "POST" and form.is_valid():
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
            messages.success(request, f"Action saved. {due_reading(action.due)}")
            return redirect(action)
    return render(request, "plans/form.html", {"form": form, "title": "Edit action", "plan": action.plan})


def check_due(form: ActionForm, plan: Any) -> None:
    """Show under the due field what the typed words are read as (or why they cannot be), saving nothing."""
    form.is_valid()
    try:
        due = services.read_typed_due(plan, form.data.get("due_text", ""))
    except ValidationError as error:
        for message in error.message_dict.get("due_text", []):
            form.add_error("due_text", message)
        return
    form.show_due_reading(due)


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return action_page(request, access.action_for_user(request.user, pk))


def action_page(request: HttpRequest, action: Action, form: UpdateForm | None = None) -> HttpResponse:
    """Show an action, its updates and (to those who may add one) the update form."""
    can_update = access.can_update_action(request.user, action)
    if can_update and form is None:
        form = UpdateForm(scale=action.plan.scale)
    updates = paginate(request, action.updates.select_related("author").order_by("-order", "-pk"))
    plan = action.plan
    day = asat.assessed_on(plan)
    # A closed plan's action is assessed as it stood on the closing date.
    if day < timezone.localdate():
        then = asat.actions_as_at(plan, [action], day)
    else:
        then = list(Action.objects.filter(pk=action.pk).with_latest_update().with_reported_rag())
    rows = listing.rows_for(then, plan, day)
    assessed = rows[0] if rows else None  # added after the plan closed: assessed today
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "plan": plan,
            "assessment": assessed.assessment if assessed else action.assessment(day),
            "differs": assessed.differs if assessed else "",
            "assessed_on": day,
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
    """The actions the signed-in person leads, as a to-do list: open ones first (overdue, then
    soonest due, then undated), completed ones folded away."""
    today = timezone.localdate()
    led = Action.objects.filter(lead_links__person__user=request.user.pk).distinct()
    actions: Any = led.for_page().with_rag(today).with_reported_rag()  # mypy cannot see annotations
    completed = Q(rag_meaning=rag.COMPLETED)
    open_actions = actions.exclude(completed).order_by(
        "-is_overdue", F("due_date").asc(nulls_last=True), "plan__title", "order", "pk"
    )
    done = actions.filter(completed).order_by(F("due_date").desc(nulls_last=True), "pk")
    return render(
        request,
        "plans/my_actions.html",
        {
            "page": paginate(request, open_actions),
            "done": paginate(request, done, "done_page"),
            "today": today,
        },
    )


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
