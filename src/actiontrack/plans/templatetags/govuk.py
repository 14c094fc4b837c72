"""Template helpers for GOV.UK Design System markup: fields, RAG tags, dates."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template

from actiontrack.dateinput import DateInputWidget
from actiontrack.lib.reportdates import report_date_words
from actiontrack.plans import rag
from actiontrack.plans.models import Action, Plan

register = template.Library()

# GOV.UK tag colours for the RAG colours a plan's key may use.
TAG_CLASSES = {
    "blue": "govuk-tag--blue",
    "green": "govuk-tag--green",
    "amber": "govuk-tag--orange",
    "orange": "govuk-tag--orange",
    "yellow": "govuk-tag--yellow",
    "red": "govuk-tag--red",
}


@register.filter
def govuk_date(value: datetime.date | datetime.datetime | str | None) -> str:
    """Write a date (or an ISO date string, as in actionplan/1) as people do: 14 June 2018."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            return rag.format_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = value.date()
    return rag.format_date(value)


@register.filter
def report_date(value: str | None) -> str:
    """Write a report's date, stored as 2013-01 or 2013-01-15, as people do: January 2013."""
    return report_date_words(value)


@register.inclusion_tag("includes/rag_tag.html")
def rag_tag(action: Action, plan: Plan | None = None, today: datetime.date | None = None) -> dict[str, Any]:
    """Render an action's RAG tag with its reason beside it."""
    return assessment_tag(action.assessment(today), plan or action.plan)


@register.simple_tag
def rag_colour_tag(code: str) -> str:
    return TAG_CLASSES.get(code, "")


@register.inclusion_tag("includes/field.html")
def field(bound_field: forms.BoundField, classes: str = "") -> dict[str, Any]:
    """Render one form field as a GOV.UK form group: label, hint, error and input."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return {"field": bound_field, "kind": "checkboxes"}
    if isinstance(widget, DateInputWidget | forms.RadioSelect):
        # A fieldset: its legend names the boxes or choices, and it carries the hint and the error.
        ids = [f"{bound_field.auto_id}-hint"] if bound_field.help_text else []
        ids += [f"{bound_field.auto_id}-error"] if bound_field.errors else []
        context = {"field": bound_field, "describedby": " ".join(ids), "kind": "radios"}
        if isinstance(widget, DateInputWidget):
            boxes = widget.boxes(bound_field.html_name, bound_field.value(), str(bound_field.auto_id))
            context |= {"kind": "date", "boxes": boxes}
        return context
    if isinstance(widget, forms.Textarea):
        kind, css = "textarea", "govuk-textarea"
    elif isinstance(widget, forms.Select):
        kind, css = "select", "govuk-select"
    elif isinstance(widget, forms.FileInput):
        kind, css = "file", "govuk-file-upload"
    else:
        kind, css = "input", "govuk-input"
    if bound_field.errors:
        css += f" {css}--error"
    attrs: dict[str, str | bool] = {"class": f"{css} {classes}".strip()}
    describedby = []
    if bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    return {"field": bound_field, "widget_html": bound_field.as_widget(attrs=attrs), "kind": kind}


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], number: int, parameter: str = "page") -> str:
    """Return the current URL with ?page=number (or another parameter), keeping the rest of the query."""
    query = context["request"].GET.copy()
    query[parameter] = number
    return "?" + query.urlencode()


@register.filter
def error_anchor(bound_field: forms.BoundField) -> str:
    """Return the id an error summary links to: the field's input, or the first of its boxes or choices."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        return f"{bound_field.auto_id}_day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return str(bound_field.auto_id)


@register.simple_tag(takes_context=True)
def error_prefix(context: Any) -> str:
    """Return "Error: " when any form on the page was refused, for the start of the page's title."""

    def refused(value: Any) -> bool:
        if isinstance(value, forms.BaseForm):
            return value.is_bound and bool(value.errors)
        if isinstance(value, list | tuple):
            return any(refused(item) for item in value[:200])
        return False

    return "Error: " if any(refused(value) for value in context.flatten().values()) else ""


@register.inclusion_tag("includes/rag_tag.html")
def assessment_tag(assessment: rag.Assessment, plan: Plan) -> dict[str, Any]:
    """Render a RAG already worked out (a list's row) as its tag with the reason beside it."""
    scale = plan.scale
    code = assessment.code(scale)
    return {
        "code": code,
        "label": code.title(),
        "meaning": scale.label_for(code),
        "reason": assessment.reason,
        "tag_class": TAG_CLASSES.get(code, ""),
    }


@register.filter
def item(mapping: dict[str, Any], key: str) -> Any:
    """Return mapping[key] in a template ("" when missing)."""
    return mapping.get(key, "")


@register.simple_tag
def split_completed(rows: list[Any]) -> dict[str, list[Any]]:
    """Split a list's rows (plans.listing.Row) into open and completed, for completed to fold away."""
    done = [row for row in rows if row.completed]
    return {"open": [row for row in rows if not row.completed], "done": done}


@register.simple_tag
def imported_updates(updates: Any) -> set[int]:
    """Return the ids, among these updates, of those read from a document (an import, `load`, the demo).

    One query for the page: the audit trail says through which channel each update was created.
    """
    from actiontrack.accounts.audit import Channel
    from actiontrack.plans.models import Update

    ids = [update.pk for update in updates]
    created = Update.history.filter(id__in=ids, history_type="+", channel__in=[Channel.IMPORT, Channel.CLI])
    return set(created.filter(author__isnull=True, author_person__isnull=True).values_list("id", flat=True))


@register.filter
def due_read_as(due: dict[str, Any] | None) -> str:
    """Say what an actionplan/1 due date ({text, date, kind}) was read as: "the end of March 2027"."""
    from actiontrack.lib.duedates import read_as

    return read_as((due or {}).get("kind"), (due or {}).get("date"))


@register.filter
def source_kind(code: str | None) -> str:
    """Name the kind of source a plan answers in words: "serious_case_review" -> "Serious case review"."""
    from actiontrack.plans.models import SourceKind

    try:
        return str(SourceKind(code or "").label)
    except ValueError:
        return (code or "").replace("_", " ").capitalize()
