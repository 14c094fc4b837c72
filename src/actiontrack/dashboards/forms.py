"""Forms of the dashboards app. They validate input; the services in services.py write."""

from __future__ import annotations

from typing import Any

from django import forms

from actiontrack.accounts.models import Agency
from actiontrack.dashboards.models import DeadlineRule, Measure
from actiontrack.formerrors import GovukErrors
from actiontrack.plans.forms import GovukDateField
from actiontrack.plans.models import Plan, Recommendation, SourceKind

EXAMPLE_DATE = "For example, 14 6 2018"


class MeasureForm(GovukErrors, forms.ModelForm):
    baseline_date = GovukDateField(required=False, help_text=EXAMPLE_DATE)
    target_date = GovukDateField(required=False, help_text=EXAMPLE_DATE)
    recommendations = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The recommendations whose impact this measure shows",
    )

    class Meta:
        model = Measure
        fields = [
            "name",
            "unit",
            "direction",
            "baseline",
            "baseline_date",
            "target",
            "target_date",
            "frequency",
            "recommendations",
        ]
        labels = {"frequency": "How often it is reported", "direction": "Which direction is better"}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recommendations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = plan.recommendations.order_by("order", "pk")
        field.label_from_instance = lambda r: f"{r.ref} {r.text[:90]}".strip()  # type: ignore[method-assign,assignment]


class MeasureValueForm(GovukErrors, forms.Form):
    date = GovukDateField(label="Date of the value", help_text=EXAMPLE_DATE)
    value = forms.DecimalField(max_digits=14, decimal_places=2)
    note = forms.CharField(max_length=500, required=False)


class MeasureCsvForm(GovukErrors, forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="A header row date,value (and optionally note), then one row a value: 2018-03-08,215",
    )


class DeadlineForm(GovukErrors, forms.Form):
    rule = forms.ModelChoiceField(
        queryset=DeadlineRule.objects.none(),
        required=False,
        empty_label="None: I give the name and the days",
        help_text="A rule of the partnership for plans answering this kind of source",
    )
    name = forms.CharField(max_length=300, required=False, help_text="What is due; the rule's name if empty")
    start_date = GovukDateField(
        label="Counted from", help_text="For example, the report's publication date, 14 6 2018"
    )
    working_days = forms.IntegerField(min_value=1, required=False, help_text="The rule's days if empty")

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rule"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = DeadlineRule.objects.filter(source_kind=plan.source_kind)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rule") and not data.get("working_days"):
            self.add_error("working_days", "Enter the number of working days, or choose a rule")
        return data


class DeadlineRuleForm(GovukErrors, forms.ModelForm):
    class Meta:
        model = DeadlineRule
        fields = ["source_kind", "name", "working_days", "counted_from"]
        labels = {"source_kind": "Plans answering"}


class DashboardFilterForm(GovukErrors, forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), required=False, empty_label="All plans")
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), required=False, empty_label="All agencies")
    source_kind = forms.ChoiceField(
        label="Kind of source", choices=[("", "All kinds"), *SourceKind.choices], required=False
    )

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = plans.order_by("title", "pk")
