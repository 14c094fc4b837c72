"""Uploads to plans: read a document into a draft, correct it, confirm it as a plan.

Every change to a draft goes through these functions; nothing becomes a plan
before `confirm_draft`, which creates it in one transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.http import Http404

from actiontrack.importer.analysis import analyse
from actiontrack.importer.models import ImportDraft
from actiontrack.lib.duedates import read_due
from actiontrack.lib.text import clean
from actiontrack.plans.interchange import load_plan
from actiontrack.plans.models import Plan


def create_draft(user: Any, data: bytes, filename: str) -> ImportDraft:
    """Read an uploaded document into a draft; raise UnreadableDocument with the reason."""
    conversion = analyse(data, filename)
    return ImportDraft.objects.create(
        user=user,
        filename=filename,
        data=data,
        document=conversion.document,
        columns=conversion.columns,
        unplaced=conversion.unplaced,
    )


def draft_for_user(user: Any, pk: int) -> ImportDraft:
    """Return the user's own draft, or 404: drafts are private to whoever uploaded them."""
    try:
        return ImportDraft.objects.get(pk=pk, user=user)
    except ImportDraft.DoesNotExist:
        raise Http404("No such import") from None


def reread_draft(draft: ImportDraft, column_roles: dict[str, str | None]) -> ImportDraft:
    """Read the document again with the column roles chosen; earlier corrections are replaced."""
    conversion = analyse(bytes(draft.data), draft.filename, column_roles)
    draft.document, draft.columns, draft.unplaced = (
        conversion.document,
        conversion.columns,
        conversion.unplaced,
    )
    draft.column_roles = column_roles
    draft.save()
    return draft


PLAN_FIELDS = ("title", "owner", "as_of", "version", "reporting_to")
SOURCE_FIELDS = ("kind", "title", "date")


def correct_plan_fields(draft: ImportDraft, values: dict[str, Any]) -> None:
    """Replace the plan's own fields in the draft with corrected values."""
    document = draft.document
    for name in PLAN_FIELDS:
        value = values[name]
        document[name] = value.isoformat() if isinstance(value, datetime.date) else (clean(value) or None)
    if not document["title"]:
        document["title"] = draft.filename
    for name in SOURCE_FIELDS:
        document["source"][name] = clean(values[f"source_{name}"]) or None
    document["source"]["kind"] = document["source"]["kind"] or "other"
    draft.save(update_fields=["document"])


def item_at(document: dict[str, Any], path: str) -> dict[str, Any]:
    """Return the recommendation or action at a path: "r2" (recommendation), "r2a0", "a3" (plan-level)."""
    try:
        if path.startswith("r"):
            rec_index, _, action_index = path[1:].partition("a")
            recommendation = document["recommendations"][int(rec_index)]
            return recommendation["actions"][int(action_index)] if action_index else recommendation
        if path.startswith("a"):
            return document["actions"][int(path[1:])]
    except (ValueError, IndexError):
        pass
    raise Http404("No such item in this import")


def correct_recommendation(draft: ImportDraft, path: str, values: dict[str, Any]) -> None:
    """Replace a recommendation's fields in the draft."""
    recommendation = item_at(draft.document, path)
    for name in ("ref", "section", "priority", "objective"):
        recommendation[name] = clean(values[name]) or None
    recommendation["text"] = clean(values["text"])
    draft.save(update_fields=["document"])


def correct_action(draft: ImportDraft, path: str, values: dict[str, Any]) -> None:
    """Replace an action's fields in the draft, reading its due words again."""
    action = item_at(draft.document, path)
    as_of = draft.document.get("as_of")
    action["ref"] = clean(values["ref"]) or None
    action["text"] = clean(values["text"])
    action["leads"] = [clean(lead) for lead in values["leads"] if clean(lead)]
    action["due"] = read_due(
        values["due_text"], datetime.date.fromisoformat(as_of) if as_of else None
    ).as_dict()
    action["status"] = values["status"] or None
    draft.save(update_fields=["document"])


@transaction.atomic
def confirm_draft(draft: ImportDraft) -> Plan:
    """Create the plan from the checked draft, owned by its uploader, and discard the draft."""
    plan = load_plan(draft.document, owners=[draft.user])
    draft.delete()
    return plan
