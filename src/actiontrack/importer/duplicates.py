"""Imports that were made before: the same file, or a plan of the same title, warned of in the preview."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import OuterRef, Subquery

from actiontrack.importer.models import ImportDraft, ImportedFile
from actiontrack.plans import access
from actiontrack.plans.models import Plan


def file_digest(data: bytes | memoryview) -> str:
    """Return the SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(bytes(data)).hexdigest()


def record_import(draft: ImportDraft, plan: Plan) -> ImportedFile:
    """Remember that the draft's file became this plan (called as the draft is confirmed)."""
    return ImportedFile.objects.create(
        plan=plan, sha256=file_digest(draft.data), filename=draft.filename, imported_by=draft.user
    )


def earlier_imports(user: Any, draft: ImportDraft) -> dict[str, list[Any]]:
    """Return the plans, among those the user may see, made from this same file or with this title."""
    visible = access.visible_plans(user)
    same_file: list[Any] = []
    if draft.data:
        records = ImportedFile.objects.filter(sha256=file_digest(draft.data), plan__in=visible)
        same_file = list(records.select_related("plan"))
    title = (draft.document.get("title") or "").strip()
    first_import = ImportedFile.objects.filter(plan=OuterRef("pk")).order_by("imported_at")
    same_title = (
        list(
            visible.filter(title__iexact=title)
            .exclude(pk__in=[record.plan_id for record in same_file])
            .annotate(imported_at=Subquery(first_import.values("imported_at")[:1]))
            .order_by("-created_at")[:5]
        )
        if title
        else []
    )
    return {"same_file": same_file, "same_title": same_title}
