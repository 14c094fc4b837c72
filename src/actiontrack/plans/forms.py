"""Forms for plans, recommendations, actions and updates.

Lists (outcomes, measures, notes, leads) are edited one entry per line, as
people write them; due dates are typed as words and read by lib.duedates.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from actiontrack.accounts.models import Agency, User
from actiontrack.plans.models import Action, Person, Plan, Recommendation
from actiontrack.plans.rag import RagScale


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


class GovukDateField(forms.DateField):
    """A date typed as day/month/year or "14 June 2018"."""

    input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%m-%Y"]
    default_error_messages = {"invalid": "Enter a real date, for example 14/06/2018"}


class PlanForm(forms.ModelForm):
    notes = LinesField(required=False, help_text="One note per line")
    as_of = GovukDateField(required=False, label="Progress reported at", help_text="For example, 14/06/2018")

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

    def clean_source_date(self) -> str:
        value = self.cleaned_data["source_date"].strip()
        if value:
            try:
                datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
            except ValueError:
                raise forms.ValidationError("Enter the report date as YYYY-MM or YYYY-MM-DD") from None
        return value


class UsernamesField(LinesField):
    """Usernames, one per line, cleaned into the users they name."""

    def clean(self, value: Any) -> list[User]:  # type: ignore[override]
        names = super().clean(value)
        users = {user.username: user for user in User.objects.filter(username__in=names, is_active=True)}
        unknown = [name for name in names if name not in users]
        if unknown:
            raise forms.ValidationError(f"No one has the username {', '.join(unknown)}")
        return [users[name] for name in names]


class PlanSharingForm(forms.Form):
    owners = UsernamesField(
        label="Owners", help_text="Usernames of the people who may change this plan, one per line"
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Agencies whose staff may see this plan",
    )


class PersonForm(forms.ModelForm):
    username = forms.CharField(
        label="Their ActionTrack account",
        required=False,
        max_length=150,
        help_text="Username; their actions then appear under My actions. Leave empty for none",
    )

    class Meta:
        model = Person
        fields = ["name", "role", "agency"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.initial.setdefault("username", self.instance.user.username)

    def clean_username(self) -> User | None:
        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(f"No one has the username {name}")
        return user


class RecommendationForm(forms.ModelForm):
    outcomes = LinesField(required=False, help_text="What difference will the actions make? One per line")
    measures = LinesField(required=False, help_text="How will we know? One per line")

    class Meta:
        model = Recommendation
        fields = ["ref", "section", "text", "priority", "objective", "outcomes", "measures"]
        labels = {"ref": "Reference", "text": "Recommendation"}


class ActionForm(forms.ModelForm):
    leads = LinesField(required=False, help_text="One person, role or team per line, for example SM")
    due_text = forms.CharField(
        required=False,
        label="Due",
        max_length=500,
        help_text=(
            "As you would write it: 31/03/2026, March 2026, Summer 2026, Ongoing, Report back to April board"
        ),
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


class UpdateForm(forms.Form):
    date = GovukDateField(label="Date of the update", help_text="For example, 14/06/2018")
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    rag = forms.ChoiceField(label="RAG status", required=False)

    def __init__(self, *args: Any, scale: RagScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [("", "No change"), *scale.choices()]  # type: ignore[attr-defined]
        self.initial.setdefault("date", timezone.localdate().strftime("%d/%m/%Y"))

    def clean_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date of the update must be today or in the past")
        return value


class SearchForm(forms.Form):
    q = forms.CharField(label="Search plans, recommendations, actions and updates", max_length=200)
