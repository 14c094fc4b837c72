"""Forms of the board report pages: the report's date and baseline, freezing, templates, exceptions."""

from __future__ import annotations

from typing import Any

from django import forms

from actiontrack.accounts.models import Agency
from actiontrack.formerrors import GovukErrors
from actiontrack.plans.forms import GovukDateField
from actiontrack.plans.models import Plan, SourceKind

DATE_HINT = "For example, 14 6 2026"


def choices(field: forms.Field) -> forms.ChoiceField:
    """Return a choice field, typed as one, to set its choices."""
    assert isinstance(field, forms.ChoiceField)
    return field


class ReportForm(GovukErrors, forms.Form):
    """As at a date, and what to show changes since: a date, a version, or (by default) the last version."""

    as_at = GovukDateField(required=False, label="As at", help_text=f"Today if empty. {DATE_HINT}")
    since = GovukDateField(required=False, label="Changes since a date", help_text=DATE_HINT)
    since_version = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Or changes since a version"
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = plan.report_versions.order_by("-number")
        choices(self.fields["since_version"]).choices = [("", "The last version before this date")] + [
            (v.number, f"V{v.number}, as at {v.as_at:%d/%m/%Y}") for v in versions
        ]


class FreezeForm(GovukErrors, forms.Form):
    as_at = GovukDateField(required=False, label="As at", help_text=f"Today if empty. {DATE_HINT}")


class TemplateForm(GovukErrors, forms.Form):
    template = forms.FileField(
        label="Word template (.docx)", help_text="Placeholders as in the starter template"
    )


class CompareForm(GovukErrors, forms.Form):
    before = forms.TypedChoiceField(coerce=int, label="From version")
    after = forms.ChoiceField(label="To")

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = [(str(v.number), f"V{v.number} ({v.as_at:%d/%m/%Y})") for v in plan.report_versions.all()]
        choices(self.fields["before"]).choices = versions
        choices(self.fields["after"]).choices = [("now", "Today")] + versions


class ExceptionsForm(GovukErrors, forms.Form):
    plan = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Plan")
    agency = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Agency")
    lead = forms.CharField(required=False, label="Lead", help_text="Initials, name or role")
    source_kind = forms.ChoiceField(required=False, label="What the plan answers")

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self.fields["plan"]).choices = [("", "Every plan")] + [(p.pk, p.title[:80]) for p in plans]
        choices(self.fields["agency"]).choices = [("", "Every agency")] + [
            (a.pk, a.name) for a in Agency.objects.order_by("name")
        ]
        choices(self.fields["source_kind"]).choices = [("", "Any")] + list(SourceKind.choices)
