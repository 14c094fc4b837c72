"""Forms of the upload, preview and correction pages."""

from __future__ import annotations

from typing import Any

from django import forms

from actiontrack.dateinput import ReportDateField
from actiontrack.formerrors import GovukErrors
from actiontrack.importer.analysis import ROLE_LABELS, ROLES
from actiontrack.importer.readers.safety import MAX_UPLOAD_BYTES
from actiontrack.lib.vocabulary import RAG_STATUS
from actiontrack.plans.forms import GovukDateField, LinesField
from actiontrack.plans.models import ActionStatus, SourceKind

ACCEPTED = ".docx,.pdf,.xlsx,.csv,.txt,.html,.htm,.md"


class UploadForm(GovukErrors, forms.Form):
    document = forms.FileField(
        label="Upload an action plan",
        help_text=(
            "Word (.docx), PDF, Excel (.xlsx), CSV, a web page (.html), Markdown or text, "
            f"up to {MAX_UPLOAD_BYTES // 1_000_000} MB"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_BYTES // 1_000_000} MB"
            )
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        return upload


class PlanFieldsForm(GovukErrors, forms.Form):
    title = forms.CharField(max_length=500)
    source_kind = forms.ChoiceField(label="What the plan answers", choices=SourceKind.choices)
    source_title = forms.CharField(label="Report", max_length=500, required=False)
    source_date = ReportDateField(label="Report date", required=False)
    owner = forms.CharField(label="Owned by", max_length=200, required=False)
    as_of = GovukDateField(label="Progress reported at", required=False, help_text="For example, 14 6 2018")
    version = forms.CharField(max_length=40, required=False)
    reporting_to = forms.CharField(max_length=300, required=False)


class ColumnRolesForm(GovukErrors, forms.Form):
    """One select per column header found in the document."""

    def __init__(self, *args: Any, columns: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Ignore this column"), *[(role, ROLE_LABELS[role]) for role in ROLES]]
        self.headers: list[str] = []
        for index, column in enumerate(columns):
            name = f"column_{index}"
            self.headers.append(column["header"])
            self.fields[name] = forms.ChoiceField(
                label=f"“{column['header']}”", choices=choices, required=False, initial=column["role"] or ""
            )

    def roles(self) -> dict[str, str | None]:
        """Return the chosen role of each header."""
        return {
            header: self.cleaned_data[f"column_{index}"] or None for index, header in enumerate(self.headers)
        }


class RecommendationCorrectionForm(GovukErrors, forms.Form):
    ref = forms.CharField(label="Reference", max_length=100, required=False)
    section = forms.CharField(max_length=300, required=False)
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 4}))
    priority = forms.CharField(max_length=200, required=False)
    objective = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ActionCorrectionForm(GovukErrors, forms.Form):
    ref = forms.CharField(label="Reference", max_length=100, required=False)
    text = forms.CharField(label="What will be done", widget=forms.Textarea(attrs={"rows": 4}))
    leads = LinesField(required=False, help_text="One person, role or team per line")
    due_text = forms.CharField(
        label="Due", max_length=500, required=False, help_text="As written in the plan"
    )
    status = forms.ChoiceField(choices=[("", "Not stated"), *ActionStatus.choices], required=False)
    agency = forms.CharField(
        label="Agency", max_length=300, required=False, help_text="The organisation responsible, as printed"
    )
    evidence = LinesField(required=False, help_text="Evidence as printed, one entry per line")
    rag = forms.ChoiceField(
        label="RAG printed on the plan",
        choices=[("", "None printed"), *[(code, code.title()) for code in RAG_STATUS]],
        required=False,
        widget=forms.RadioSelect,
    )
