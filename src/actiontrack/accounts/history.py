"""The audit trail told in words: "Due date of action 1.2 changed from 31 March 2004 to 30 June 2004".

django-simple-history keeps one historical row per change of every audited
model. This module reads those rows, set-based (a query or two per model, the
previous state of each row found in memory), and turns them into entries for
the History pages and rows for the CSV download. Nothing here writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet

from actiontrack.accounts.audit import AuditFields, Channel
from actiontrack.plans.models import Action, ActionLead, DueDateRevision, Person, Plan, Recommendation, Update
from actiontrack.plans.rag import format_date

# Fields whose changes say nothing to a reader (timestamps, ordering) or are told otherwise
# (an action's due date is told by its revision, with the reason).
QUIET_FIELDS = {"updated_at", "created_at", "recorded_at", "order", "invited_at", "date_joined"}
TOLD_BY_REVISION = {"due_text", "due_date", "due_kind"}
VERBS = {"+": "added", "~": "changed", "-": "removed"}
ADDED_KINDS = {
    Recommendation: "recommendation",
    Action: "action",
    Update: "update",
    ActionLead: "lead",
    Person: "person",
}


@dataclass
class Entry:
    """One change, in words, with who made it, when and through which channel."""

    when: datetime.datetime
    who: str
    channel: str
    sentence: str
    details: list[str] = field(default_factory=list)
    added: str | None = None  # the kind of thing added ("action"), so that an import folds into one entry
    count: int = 1

    @property
    def channel_words(self) -> str:
        return str(Channel(self.channel).label) if self.channel in Channel.values else self.channel

    @property
    def byline(self) -> str:
        return f"by {self.who} on {format_date(self.when.date())}, through {self.channel_words}"


def author(row: Any) -> str:
    """Name who made a historical row: the account, else the person who answered by link."""
    if row.history_user_id is not None and row.history_user is not None:
        return str(row.history_user.display_name)
    if row.actor_name:
        return str(row.actor_name)
    return "ActionTrack" if row.channel == Channel.CLI else "someone signed out"


def describe_value(value: Any) -> str:
    """Write a stored value as people read it."""
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, datetime.datetime):
        return format_date(value.date())
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(describe_value(item) for item in value)
    text = " ".join(str(value).split())
    return f"“{text[:77]}…”" if len(text) > 80 else f"“{text}”" if " " in text else text


def _label(model: type[Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name.replace("_", " ")


class Namer:
    """Names objects in sentences ("action 1.2", "recommendation 3"), from their latest known state."""

    def __init__(self, rows: dict[type[Model], list[Any]]) -> None:
        self.actions = {r.id: r for r in rows.get(Action, [])}
        self.people = {r.id: r for r in rows.get(Person, [])}

    def action(self, pk: int | None) -> str:
        row = self.actions.get(pk)
        if row is None:
            return "an action"
        return f"action {row.ref}" if row.ref else f"action “{row.text[:40]}”"

    def person(self, pk: int | None) -> str:
        row = self.people.get(pk)
        return row.key if row is not None else "someone"

    def of(self, model: type[Model], row: Any) -> str:
        if model is Plan:
            return "the plan"
        if model is Recommendation:
            return f"recommendation {row.ref}" if row.ref else f"recommendation “{row.text[:40]}”"
        if model is Action:
            return self.action(row.id)
        if model is Person:
            return f"{row.key} (named in the plan)"
        if model is Update:
            return f"an update on {self.action(row.action_id)}"
        return str(model._meta.verbose_name)


def sentence(model: type[Model], row: Any, previous: Any, namer: Namer) -> tuple[str, list[str]] | None:
    """Say what a historical row changed, or None when it changed nothing worth telling."""
    kind = row.history_type
    if model is ActionLead:
        verb = "added as a lead of" if kind == "+" else "removed as a lead of" if kind == "-" else None
        return (f"{namer.person(row.person_id)} {verb} {namer.action(row.action_id)}", []) if verb else None
    if model is DueDateRevision:
        if kind != "+":
            return None
        was = format_date(row.previous_date) if row.previous_date else row.previous_text or "no date"
        now = format_date(row.new_date) if row.new_date else row.new_text or "no date"
        return f"Due date of {namer.action(row.action_id)} changed from {was} to {now}", [
            f"Reason: {row.reason}"
        ]
    if model is Update and kind == "+":
        dated = f" dated {format_date(row.date)}" if row.date else ""
        return f"Update{dated} added to {namer.action(row.action_id)}", [describe_value(row.text)]
    name = namer.of(model, row)
    if kind != "~" or previous is None:
        return f"{name[0].upper()}{name[1:]} {VERBS[kind]}", []
    skip = QUIET_FIELDS | (TOLD_BY_REVISION if model is Action else set())
    delta = row.diff_against(previous)
    details = [
        f"{_label(model, c.field).capitalize()} changed from {describe_field(model, c.field, c.old)} "
        f"to {describe_field(model, c.field, c.new)}"
        for c in delta.changes
        if c.field not in skip
    ]
    if not details:
        return None
    return f"{name[0].upper()}{name[1:]} changed", details


def describe_field(model: type[Model], name: str, value: Any) -> str:
    """Write a field's stored value: a related object by its name, an m2m field's state as a list of names."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # simple-history gives an m2m field's state as [{"plan": id, "user": id}, ...]
        related = model._meta.get_field(name).related_model
        key = next(k for k in value[0] if k != model._meta.model_name)
        ids = [entry[key] for entry in value]
        found = related.objects.in_bulk(ids)  # type: ignore[union-attr]
        return ", ".join(_name(found.get(i), i) for i in ids)
    try:
        target = model._meta.get_field(name)
    except FieldDoesNotExist:
        return describe_value(value)
    if target.is_relation and value is not None and not isinstance(value, list):
        related = target.related_model.objects.filter(pk=value).first()  # type: ignore[union-attr]
        return _name(related, value)
    return describe_value(value)


def _name(obj: Any, pk: Any) -> str:
    return str(getattr(obj, "display_name", obj)) if obj is not None else f"#{pk} (since removed)"


def _with_previous(rows: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """Pair each historical row with the one before it for the same object (rows sorted by id, time)."""
    previous = None
    for row in rows:
        yield row, previous if previous is not None and previous.id == row.id else None
        previous = row


def _entries(sources: list[tuple[type[Model], QuerySet[Any]]]) -> list[Entry]:
    rows = {
        model: list(queryset.select_related("history_user").order_by("id", "history_date", "history_id"))
        for model, queryset in sources
    }
    namer = Namer(rows)
    entries = []
    for model, model_rows in rows.items():
        for row, previous in _with_previous(model_rows):
            told = sentence(model, row, previous, namer)
            if told is not None:
                added = ADDED_KINDS.get(model) if row.history_type == "+" else None
                entries.append(Entry(row.history_date, author(row), row.channel, told[0], told[1], added))
    entries.sort(key=lambda e: e.when, reverse=True)
    return group_bulk_changes(entries)


def group_bulk_changes(entries: list[Entry], window: float = 5.0) -> list[Entry]:
    """Fold a run of additions of one kind, by one author within seconds (an import), into one entry."""
    grouped: list[Entry] = []
    for entry in entries:
        last = grouped[-1] if grouped else None
        if (
            last is not None
            and entry.added is not None
            and (last.added, last.who, last.channel) == (entry.added, entry.who, entry.channel)
            and abs((last.when - entry.when).total_seconds()) <= window
        ):
            last.count += 1
            last.sentence = f"{last.count} {entry.added}s added"
            last.details = []
            continue
        grouped.append(entry)
    return grouped


def plan_history(plan: Plan) -> list[Entry]:
    """Return every change to a plan and everything in it, newest first."""
    action_ids = set(Action.history.filter(plan_id=plan.pk).values_list("id", flat=True))
    return _entries(
        [
            (Plan, Plan.history.filter(id=plan.pk)),
            (Recommendation, Recommendation.history.filter(plan_id=plan.pk)),
            (Action, Action.history.filter(plan_id=plan.pk)),
            (Person, Person.history.filter(plan_id=plan.pk)),
            (ActionLead, ActionLead.history.filter(action_id__in=action_ids)),
            (Update, Update.history.filter(action_id__in=action_ids)),
            (DueDateRevision, DueDateRevision.history.filter(action_id__in=action_ids)),
        ]
    )


def action_history(action: Action) -> list[Entry]:
    """Return every change to one action, its leads, updates and due-date revisions, newest first."""
    return _entries(
        [
            (Action, Action.history.filter(id=action.pk)),
            (Person, Person.history.filter(plan_id=action.plan_id)),
            (ActionLead, ActionLead.history.filter(action_id=action.pk)),
            (Update, Update.history.filter(action_id=action.pk)),
            (DueDateRevision, DueDateRevision.history.filter(action_id=action.pk)),
        ]
    )


def audited_models() -> list[Any]:
    """Return every model with an audit trail, by its historical model."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AuditFields) and hasattr(model, "instance_type")
    ]


CSV_HEADER = ["when", "account", "author", "person_id", "channel", "record", "object_id", "change", "details"]


def audit_rows(start: datetime.datetime, end: datetime.datetime) -> Iterator[list[str]]:
    """Yield the trail between two moments as CSV rows, oldest first within each kind of record."""
    yield CSV_HEADER
    for historical in audited_models():
        model = historical.instance_type
        in_period = historical.objects.filter(history_date__gte=start, history_date__lt=end)
        ids = set(in_period.values_list("id", flat=True))
        if not ids:
            continue
        rows = historical.objects.filter(id__in=ids, history_date__lt=end).select_related("history_user")
        for row, previous in _with_previous(rows.order_by("id", "history_date", "history_id")):
            if row.history_date < start:
                continue
            details = ""
            if row.history_type == "~" and previous is not None:
                delta = row.diff_against(previous)
                details = "; ".join(
                    f"{c.field}: {describe_value(c.old)} → {describe_value(c.new)}"
                    for c in delta.changes
                    if c.field not in QUIET_FIELDS
                )
            yield [
                row.history_date.isoformat(),
                row.history_user.username if row.history_user else "",
                author(row),
                str(row.actor_person_id or ""),
                row.channel,
                str(model._meta.verbose_name),
                str(row.id),
                VERBS[row.history_type],
                details,
            ]


def changes_since(instance: Model, version: int) -> list[Entry]:
    """Return what was changed in one object after the given version, newest first."""
    model = type(instance)
    queryset = model.history.filter(id=instance.pk)  # type: ignore[attr-defined]
    entries = _entries([(model, queryset)])
    since = queryset.filter(history_id__gt=version).values_list("history_date", flat=True)
    first = min(since, default=None)
    return [entry for entry in entries if first is not None and entry.when >= first]
