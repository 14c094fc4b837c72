"""Upload a document, check and correct what was read, then confirm it as a plan."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from actiontrack.importer import drafts, duplicates
from actiontrack.importer.analysis import ROLE_LABELS
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.forms import (
    ActionCorrectionForm,
    ColumnRolesForm,
    PlanFieldsForm,
    RecommendationCorrectionForm,
    UploadForm,
)
from actiontrack.importer.limits import READ_WALL_SECONDS
from actiontrack.importer.models import ImportDraft
from actiontrack.plans import access

# A reading not finished this long after the upload has stopped (no worker running, or it was stopped).
STALLED_AFTER = datetime.timedelta(seconds=READ_WALL_SECONDS + 60)


def upload(request: HttpRequest) -> HttpResponse:
    access.require_plan_creator(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            draft = drafts.start_draft(request.user, document.read(), document.name)
        except ValidationError as error:
            form.add_error("document", error)
        else:
            # Under a task backend that runs tasks as they are queued, the draft comes back read.
            if draft.state == ImportDraft.State.READY:
                return redirect("import-preview", pk=draft.pk)
            if draft.state == ImportDraft.State.READING:
                return redirect("import-reading", pk=draft.pk)
            form.add_error("document", draft.error)
            drafts.discard_draft(draft)
    recent = drafts.waiting(request.user).only("pk", "filename", "created_at", "state")
    return render(request, "importer/upload.html", {"form": form, "drafts": recent})


@require_safe
def reading(request: HttpRequest, pk: int) -> HttpResponse:
    """Say how far the reading of an upload has got, refreshing itself; then the preview, or why not."""
    draft = drafts.own_draft(request.user, pk)
    if draft.state == ImportDraft.State.READY:
        return redirect("import-preview", pk=draft.pk)
    stalled = draft.state == ImportDraft.State.READING and timezone.now() - draft.created_at > STALLED_AFTER
    return render(request, "importer/reading.html", {"draft": draft, "stalled": stalled})


@require_safe
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    draft = drafts.draft_for_user(request.user, pk)
    columns_form = ColumnRolesForm(columns=draft.columns)
    return render(request, "importer/preview.html", preview_context(draft, columns_form))


def preview_context(draft: ImportDraft, columns_form: ColumnRolesForm) -> dict[str, object]:
    document = draft.document
    recommendations = [
        {
            **rec,
            "path": f"r{i}",
            "actions": [{**a, "path": f"r{i}a{j}"} for j, a in enumerate(rec["actions"])],
        }
        for i, rec in enumerate(document["recommendations"])
    ]
    plan_actions = [{**a, "path": f"a{j}"} for j, a in enumerate(document["actions"])]
    action_count = sum(len(r["actions"]) for r in recommendations) + len(plan_actions)
    return {
        "earlier": duplicates.earlier_imports(draft.user, draft),
        "draft": draft,
        "document": document,
        "recommendations": recommendations,
        "plan_actions": plan_actions,
        "action_count": action_count,
        "columns_form": columns_form,
        "role_labels": ROLE_LABELS,
    }


@require_POST
def columns(request: HttpRequest, pk: int) -> HttpResponse:
    draft = drafts.draft_for_user(request.user, pk)
    form = ColumnRolesForm(request.POST, columns=draft.columns)
    if form.is_valid():
        try:
            drafts.reread_draft(draft, form.roles())
        except UnreadableDocument as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Read the document again with the columns you chose")
            return redirect("import-preview", pk=draft.pk)
    return render(request, "importer/preview.html", preview_context(draft, form))


def edit_plan_fields(request: HttpRequest, pk: int) -> HttpResponse:
    draft = drafts.draft_for_user(request.user, pk)
    document = draft.document
    initial = {name: document[name] for name in drafts.PLAN_FIELDS}
    initial.update({f"source_{name}": document["source"][name] for name in drafts.SOURCE_FIELDS})
    if initial["as_of"]:
        initial["as_of"] = datetime.date.fromisoformat(initial["as_of"]).strftime("%d/%m/%Y")
    form = PlanFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        drafts.correct_plan_fields(draft, form.cleaned_data)
        return redirect(reverse("import-preview", args=[draft.pk]) + "#plan")
    return render(
        request, "importer/edit.html", {"form": form, "draft": draft, "title": "Change the plan’s details"}
    )


def edit_item(request: HttpRequest, pk: int, path: str) -> HttpResponse:
    draft = drafts.draft_for_user(request.user, pk)
    item = drafts.item_at(draft.document, path)
    is_action = "due" in item
    if is_action:
        initial = {**item, "due_text": item["due"]["text"] or "", "status": item["status"] or ""}
        form: ActionCorrectionForm | RecommendationCorrectionForm = ActionCorrectionForm(
            request.POST or None, initial=initial
        )
    else:
        form = RecommendationCorrectionForm(request.POST or None, initial=item)
    if request.method == "POST" and form.is_valid():
        if is_action:
            drafts.correct_action(draft, path, form.cleaned_data)
        else:
            drafts.correct_recommendation(draft, path, form.cleaned_data)
        return redirect(reverse("import-preview", args=[draft.pk]) + f"#item-{path}")
    title = "Change the action" if is_action else "Change the recommendation"
    return render(request, "importer/edit.html", {"form": form, "draft": draft, "title": title})


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    plan = drafts.confirmed_plan(request.user, pk)
    if plan is None:  # not confirmed yet (a second click finds the plan the first one made)
        draft = drafts.draft_for_user(request.user, pk)
        access.require_plan_creator(request.user)
        plan = drafts.confirm_draft(draft)
    messages.success(request, f"Imported “{plan.title}”")
    return redirect(plan)


@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = drafts.own_draft(request.user, pk)  # one still being read, or not readable, may go too
    drafts.discard_draft(draft)
    messages.success(request, f"Discarded the import of {draft.filename}")
    return redirect("import-upload")
