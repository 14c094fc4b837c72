"""Uploads to plans: read a document into a draft, correct it, confirm it as a plan.

Every change to a draft goes through these functions; nothing becomes a plan
before `confirm_draft`, which creates it in one transaction. An upload is read
off the web worker: `start_draft` stores it in the "reading" state and queues
`read_draft_task` for the background worker (`actiontrack worker`), which
reads it in a child process with capped memory and time (`sandbox`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from actiontrack.importer.duplicates import record_import
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.models import ImportDraft
from actiontrack.importer.sandbox import read_bounded
from actiontrack.lib.duedates import read_due
from actiontrack.lib.text import clean
from actiontrack.plans.models import Plan
from actiontrack.plans.services import create_plan_from_document


def _own(user: Any) -> QuerySet[ImportDraft]:
    """Return the user's drafts not yet confirmed nor expired, in any state."""
    oldest = timezone.now() - datetime.timedelta(days=settings.IMPORT_DRAFT_DAYS)
    return ImportDraft.objects.filter(user=user.pk, plan=None, created_at__gte=oldest)


def waiting(user: Any) -> QuerySet[ImportDraft]:
    """Return the user's drafts being read or waiting to be confirmed, newest first; expired ones are gone."""
    return _own(user).exclude(state=ImportDraft.State.FAILED)


def _check_quota(user: Any) -> None:
    """Someone with as many drafts waiting as the quota allows must confirm or discard one first."""
    if waiting(user).count() >= settings.IMPORT_DRAFT_QUOTA:
        raise ValidationError(
            f"You have {settings.IMPORT_DRAFT_QUOTA} imports waiting to be confirmed. "
            "Confirm or discard one of them, below, before importing another"
        )


def create_draft(user: Any, data: bytes, filename: str) -> ImportDraft:
    """Read an uploaded document into a draft now; raise UnreadableDocument with the reason."""
    _check_quota(user)
    conversion = read_bounded(data, filename)
    return ImportDraft.objects.create(
        user=user,
        filename=filename,
        data=data,
        document=conversion.document,
        columns=conversion.columns,
        unplaced=conversion.unplaced,
    )


def start_draft(user: Any, data: bytes, filename: str) -> ImportDraft:
    """Keep an upload as a draft in the "reading" state and queue its reading for the background worker.

    Under a task backend that runs tasks at once (tests, development) the draft comes back read.
    """
    _check_quota(user)
    draft = ImportDraft.objects.create(
        user=user,
        filename=filename,
        data=data,
        state=ImportDraft.State.READING,
        progress="Waiting to be read",
    )
    read_draft_task.enqueue(draft.pk)
    draft.refresh_from_db()
    return draft


@task()
def read_draft_task(draft_id: int) -> str:
    """Read a draft waiting in the "reading" state (the background worker runs this)."""
    draft = ImportDraft.objects.filter(pk=draft_id, state=ImportDraft.State.READING).first()
    if draft is None:
        return "nothing to read"
    read_draft(draft)
    return draft.state


def read_draft(draft: ImportDraft) -> None:
    """Read the draft's document, saying how far it has got; it ends ready to check, or failed with why."""
    same = ImportDraft.objects.filter(pk=draft.pk)

    def say(stage: str) -> None:
        same.update(progress=stage[:200])

    say("Reading the document")
    try:
        conversion = read_bounded(bytes(draft.data), draft.filename, on_progress=say)
    except UnreadableDocument as error:
        # The file is not kept: nothing can be done with it but upload a better one.
        draft.state, draft.error, draft.data, draft.progress = ImportDraft.State.FAILED, str(error), b"", ""
    else:
        draft.state, draft.progress = ImportDraft.State.READY, ""
        draft.document, draft.columns, draft.unplaced = (
            conversion.document,
            conversion.columns,
            conversion.unplaced,
        )
    draft.save()


def draft_for_user(user: Any, pk: int) -> ImportDraft:
    """Return the user's own draft ready to check, or 404: drafts are their uploader's only, and expire."""
    try:
        return waiting(user).filter(state=ImportDraft.State.READY).get(pk=pk)
    except ImportDraft.DoesNotExist:
        raise Http404("No such import") from None


def own_draft(user: Any, pk: int) -> ImportDraft:
    """Return the user's own draft in whatever state (being read, ready, not readable), or 404."""
    try:
        return _own(user).get(pk=pk)
    except ImportDraft.DoesNotExist:
        raise Http404("No such import") from None


def reread_draft(draft: ImportDraft, column_roles: dict[str, str | None]) -> ImportDraft:
    """Read the document again with the column roles chosen; earlier corrections are replaced.

    The document was read within every limit once, so this second reading, bounded the same way
    (`sandbox`), is done while its page waits.
    """
    conversion = read_bounded(bytes(draft.data), draft.filename, column_roles)
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
    action["agency"] = clean(values["agency"]) or None
    action["evidence"] = [clean(entry) for entry in values["evidence"] if clean(entry)]
    action["rag"] = values["rag"] or None
    draft.save(update_fields=["document"])


@transaction.atomic
def confirm_draft(draft: ImportDraft) -> Plan:
    """Create the plan from the checked draft, owned by its uploader: once, however often it is sent.

    The draft's row is locked, so parallel confirmations wait for the first and get its plan.
    """
    locked = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.plan is not None:
        return locked.plan
    plan = create_plan_from_document(locked.document, owners=[locked.user])
    record_import(locked, plan)  # before its bytes go: a later import of the same file is warned of
    locked.plan, locked.data = plan, b""  # the file is no longer needed
    locked.save(update_fields=["plan", "data"])
    return plan


def confirmed_plan(user: Any, pk: int) -> Plan | None:
    """Return the plan a user's confirmed draft became (for a Confirm sent again), if any."""
    draft = ImportDraft.objects.filter(pk=pk, user=user.pk).exclude(plan=None).select_related("plan").first()
    return draft.plan if draft is not None else None


def clean_up(now: datetime.datetime | None = None) -> int:
    """Delete confirmed drafts and drafts past their time; return how many went."""
    oldest = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORT_DRAFT_DAYS)
    deleted, _by_model = ImportDraft.objects.filter(Q(created_at__lt=oldest) | ~Q(plan=None)).delete()
    return deleted


def discard_draft(draft: ImportDraft) -> None:
    """Throw a draft away, file and reading; nothing of it was ever a plan."""
    draft.delete()
