"""Template helpers for GOV.UK Design System markup: fields, RAG tags, dates."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template

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


@register.inclusion_tag("includes/rag_tag.html")
def rag_tag(action: Action, plan: Plan | None = None, today: datetime.date | None = None) -> dict[str, Any]:
    """Render an action's RAG tag with its reason beside it."""
    scale = (plan or action.plan).scale
    assessment = action.assessment(today)
    code = assessment.code(scale)
    return {
        "code": code,
        "label": code.title(),
        "meaning": scale.label_for(code),
        "reason": assessment.reason,
        "tag_class": TAG_CLASSES.get(code, ""),
    }


@register.simple_tag
def rag_colour_tag(code: str) -> str:
    return TAG_CLASSES.get(code, "")


@register.inclusion_tag("includes/field.html")
def field(bound_field: forms.BoundField, classes: str = "") -> dict[str, Any]:
    """Render one form field as a GOV.UK form group: label, hint, error and input."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return {"field": bound_field, "kind": "checkboxes"}
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
