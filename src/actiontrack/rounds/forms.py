"""Forms of update rounds and sign-off: they check input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from actiontrack.formerrors import GovukErrors
from actiontrack.plans.forms import GovukDateField
from actiontrack.plans.models import Plan
from actiontrack.plans.rag import RagScale
from actiontrack.rounds.evidence import ACCEPTED


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


EVIDENCE_HINT = f"{ACCEPTED}; the type is checked from the file itself"


class RoundForm(GovukErrors, forms.Form):
    plans = forms.ModelMultipleChoiceField(
        queryset=Plan.objects.none(), widget=forms.CheckboxSelectMultiple, label="Plans"
    )
    title = forms.CharField(max_length=300, help_text="For example, Updates for the July board")
    deadline = GovukDateField(label="Deadline for answers", help_text="For example, 14 6 2027")

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans  # type: ignore[attr-defined]


class AnswerForm(GovukErrors, forms.Form):
    """One action's answer on a lead's page; prefixed by the action."""

    text = forms.CharField(
        label="Progress update", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, required=False
    )
    rag = forms.ChoiceField(label="Proposed RAG status", required=False, widget=forms.RadioSelect)
    due_text = forms.CharField(
        label="New due date, if it needs to change",
        max_length=500,
        required=False,
        help_text="As you would write it, for example “March 2027”",
    )
    due_reason = forms.CharField(
        label="Why the due date should change", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    attachments = MultipleFileField(label="Evidence files", help_text=EVIDENCE_HINT)

    def __init__(self, *args: Any, scale: RagScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [("", "No change"), *scale.choices()]  # type: ignore[attr-defined]


class SignOffForm(GovukErrors, forms.Form):
    text = forms.CharField(
        label="Evidence that the action is complete",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
        help_text="What was done and where it is recorded",
    )
    attachments = MultipleFileField(label="Evidence files", help_text=EVIDENCE_HINT)


class ReturnForm(GovukErrors, forms.Form):
    reason = forms.CharField(
        label="Why the evidence is not enough", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ImpactForm(GovukErrors, forms.Form):
    text = forms.CharField(
        label="The difference made",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text="Against the recommendation's measures: what changed, and how you know",
    )
    attachments = MultipleFileField(label="Evidence files", help_text=EVIDENCE_HINT)
