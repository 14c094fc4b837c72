"""Forms for plans, recommendations, actions and updates.

Lists (outcomes, measures, notes, leads) are edited one entry per line, as
people write them; due dates are typed as words and read by lib.duedates.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from actiontrack.accounts.models import Agency, User
from actiontrack.dateinput import GovukDateField, ReportDateField
from actiontrack.formerrors import GovukErrors
from actiontrack.formtools import SubmittedOnceForm, VersionedForm
from actiontrack.lib.duedates import KIND_LABELS, Due
from actiontrack.plans import access
from actiontrack.plans.models import Action, Person, Plan, Recommendation
from actiontrack.plans.rag import RagScale, format_date


def split_lines(text: str) -> list[str]:
    """Return the non-empty lines of a textarea, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea holding a list, one entry per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_lines(super().to_python(value) or "")


class PlanForm(VersionedForm, SubmittedOnceForm, forms.ModelForm):
    notes = LinesField(required=False, help_text="One note per line")
    as_of = GovukDateField(required=False, label="Progress reported at", help_text="For example, 14 6 2018")
    source_date = ReportDateField(label="Report date", required=False)

    class Meta:
        model = Plan
        fields = [
            "title",
            "source_kind",
            "source_title",
            "source_date",
            "owning_body",
            "as_of",
            "version",
            "reporting_to",
            "status",
            "notes",
            "red_after_days",
            "stale_after_days",
        ]


def accounts_named(names: list[str], accounts: Any) -> list[User]:
    """Return the accounts among `accounts` with these usernames; the same refusal for unknown and
    not allowed, so the form says nothing of who has an account."""
    found = {user.username: user for user in accounts.filter(username__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        raise forms.ValidationError(access.NOT_NAMEABLE.format(names=", ".join(missing)))
    return [found[name] for name in names]


class PlanSharingForm(VersionedForm):
    owners = LinesField(
        label="Owners", help_text="Usernames of the people who may change this plan, one per line"
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Agencies whose staff may see this plan",
    )

    def __init__(self, *args: Any, nameable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nameable = nameable  # accounts(agencies) -> the accounts that may be named

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "owners" in data and "agencies" in data:
            try:
                data["owners"] = accounts_named(data["owners"], self.nameable(data["agencies"]))
            except forms.ValidationError as error:
                self.add_error("owners", error)
        return data


class PersonForm(VersionedForm, forms.ModelForm):
    username = forms.CharField(
        label="Their ActionTrack account",
        required=False,
        max_length=150,
        help_text="Username; their actions then appear under My actions. Leave empty for none",
    )

    class Meta:
        model = Person
        fields = ["name", "role", "email", "agency"]
        labels = {"email": "E-mail address"}

    def __init__(self, *args: Any, nameable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nameable = nameable
        if self.instance.user_id:
            self.initial.setdefault("username", self.instance.user.username)

    def clean_username(self) -> User | None:
        name = self.cleaned_data["username"].strip()
        return accounts_named([name], self.nameable)[0] if name else None


class RecommendationForm(VersionedForm, SubmittedOnceForm, forms.ModelForm):
    outcomes = LinesField(required=False, help_text="What difference will the actions make? One per line")
    measures = LinesField(required=False, help_text="How will we know? One per line")

    class Meta:
        model = Recommendation
        fields = ["ref", "section", "text", "priority", "objective", "outcomes", "measures"]
        labels = {"ref": "Reference", "text": "Recommendation"}


DUE_HINT = "As you would write it: 31/03/2026, March 2026, Summer 2026, Ongoing, Report back to April board"


def due_reading(due: Due, *, now: bool = False) -> str:
    """Say what a due date's words were read as: "Read as 31 August 2026 (a season)."."""
    lead = "Now read as" if now else "Read as"
    if not due.text:
        return "No due date."
    kind = KIND_LABELS.get(due.kind or "", "")
    if due.date is None:
        return f"{lead} no date{f' ({kind})' if kind else ''}."
    return f"{lead} {format_date(due.date)}{f' ({kind})' if kind else ''}."


class ActionForm(VersionedForm, SubmittedOnceForm, forms.ModelForm):
    leads = LinesField(required=False, help_text="One person, role or team per line, for example SM")
    due_text = forms.CharField(required=False, label="Due", max_length=500, help_text=DUE_HINT)
    due_reason = forms.CharField(
        required=False,
        label="Why is the due date changing?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Needed when you change the due date; the original date is kept",
    )

    class Meta:
        model = Action
        fields = ["recommendation", "ref", "text", "status"]
        labels = {"ref": "Reference", "text": "What will be done"}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = plan.recommendations.order_by("order")  # type: ignore[attr-defined]
        self.fields["recommendation"].required = False
        self.fields["recommendation"].empty_label = "None – a plan-level action"  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial.setdefault("leads", self.instance.lead_keys())
            self.initial.setdefault("due_text", self.instance.due_text)
            if self.instance.due_text:
                self.show_due_reading(self.instance.due, now=True)

    # The form offers "Check the due date": what the words are read as, shown before saving.
    checks_due = True

    def show_due_reading(self, due: Due, *, now: bool = False) -> None:
        """Say under the due field what date the words were read as."""
        hint = f"{due_reading(due, now=now)} {DUE_HINT}"
        self.fields["due_text"].help_text = hint
        self["due_text"].help_text = hint  # a bound field keeps the hint it was made with


class UpdateForm(SubmittedOnceForm):
    error_texts = {"text": {"required": "Enter the progress made"}}

    date = GovukDateField(label="Date of the update", help_text="For example, 14 6 2018")
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    rag = forms.ChoiceField(label="RAG status", required=False, widget=forms.RadioSelect)

    def __init__(self, *args: Any, scale: RagScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [("", "No change"), *scale.choices()]  # type: ignore[attr-defined]
        self.initial.setdefault("date", timezone.localdate().strftime("%d/%m/%Y"))


class SearchForm(GovukErrors, forms.Form):
    q = forms.CharField(label="Search plans, recommendations, actions and updates", max_length=200)


class PlanFilterForm(GovukErrors, forms.Form):
    """The plan page's filters, read from plain GET parameters (?rag=red&overdue=1)."""

    rag = forms.ChoiceField(label="RAG status", required=False)
    lead = forms.TypedChoiceField(label="Lead", required=False, coerce=int, empty_value=None)
    agency = forms.ChoiceField(label="Agency", required=False)
    overdue = forms.BooleanField(label="Overdue", required=False)
    stale = forms.BooleanField(label="Needing an update", required=False)
    due_before = GovukDateField(label="Due before", required=False, help_text="For example, 31 3 2026")
    as_at = GovukDateField(
        label="View the plan as at",
        required=False,
        help_text="The RAG, reasons and latest updates of that day. For example, 14 6 2018",
    )

    def __init__(self, *args: Any, plan: Plan, leads: list[Person], agencies: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [("", "Any"), *plan.scale.choices()]  # type: ignore[attr-defined]
        self.fields["lead"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            *((person.pk, person.name or person.key) for person in leads),
        ]
        self.fields["agency"].choices = [("", "Any"), *((name, name) for name in agencies)]  # type: ignore[attr-defined]

    def clean_as_at(self) -> Any:
        day = self.cleaned_data["as_at"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("The date to view the plan as at must be today or in the past")
        return day
