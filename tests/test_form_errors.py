"""Every form of every app: no error message is one of Django's own ("This field is required.").

The forms are found, not listed: every form class defined in an `actiontrack.*.forms`
module. Each is built as its view builds it, then checked two ways: every message
its fields can give (their own and their validators') is GOV.UK wording, and sent
empty it refuses with messages that name the field.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms

import actiontrack
from actiontrack.dateinput import GovukDateField
from actiontrack.formerrors import django_defaults, messages_for, noun
from actiontrack.plans.models import Plan
from actiontrack.plans.rag import RagScale
from tests import factories


def form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.iter_modules(actiontrack.__path__):
        try:
            module = importlib.import_module(f"actiontrack.{module_info.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and not name.endswith(("VersionedForm", "SubmittedOnceForm"))
            ):
                found[f"{cls.__module__}.{name}"] = cls
    return [found[key] for key in sorted(found)]


def build(cls: type[forms.BaseForm], data: dict[str, Any] | None) -> forms.BaseForm:
    """Build the form with what its view passes: a plan, a RAG scale, columns, the accounts to name."""
    plan = factories.PlanFactory()
    factories.RecommendationFactory(plan=plan)
    offered = {
        "plan": plan,
        "scale": RagScale(),
        "plans": Plan.objects.all(),
        "columns": [{"header": "Ref", "role": "ref"}, {"header": "Lead", "role": None}],
        "nameable": (lambda agencies: factories.UserFactory._meta.model.objects.all())
        if cls.__name__ == "PlanSharingForm"
        else factories.UserFactory._meta.model.objects.all(),
    }
    wanted = inspect.signature(cls.__init__).parameters
    kwargs = {name: value for name, value in offered.items() if name in wanted}
    for name, parameter in wanted.items():  # any other list the view passes (leads, agencies …): none
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
            kwargs.setdefault(name, [])
    if cls.__name__.endswith("PasswordForm"):
        return cls(factories.UserFactory(), data)  # type: ignore[call-arg]
    if cls.__name__ == "SignInForm":
        return cls(None, data=data)  # type: ignore[call-arg]
    return cls(data, **kwargs) if data is not None else cls(**kwargs)


def test_the_forms_are_found():
    names = {cls.__name__ for cls in form_classes()}
    assert {"UpdateForm", "RoundForm", "MeasureForm", "ReportForm", "UploadForm", "InviteForm"} <= names


@pytest.mark.parametrize("cls", form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_no_message_a_field_can_give_is_a_django_default(db, cls):
    form = build(cls, None)
    form.full_clean()  # as validating does: a form's messages are set by then
    defaults = django_defaults()
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        for code, message in field.error_messages.items():
            assert str(message) not in defaults, f"{cls.__name__}.{name} [{code}]: {message}"
        for validator in field.validators:
            for code in getattr(validator, "messages", None) or [getattr(validator, "code", None)]:
                assert code in field.error_messages, f"{cls.__name__}.{name}: {code} keeps Django's message"


@pytest.mark.parametrize("cls", form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_an_empty_form_is_refused_in_words_that_name_each_field(db, cls):
    form = build(cls, {})
    form.is_valid()
    defaults = django_defaults()
    for name, errors in form.errors.items():
        for error in errors:
            assert error not in defaults, f"{cls.__name__}.{name}: {error}"
            assert not error.startswith(("This field", "Ensure this", "Enter a valid")), f"{name}: {error}"


def test_messages_are_written_from_the_label():
    assert messages_for(forms.CharField(), "Progress")["required"] == "Enter the progress"
    assert messages_for(forms.ChoiceField(), "RAG status")["required"] == "Select the RAG status"
    assert (
        messages_for(forms.IntegerField(), "Working days")["invalid"] == "Working days must be a whole number"
    )
    assert messages_for(GovukDateField(), "Deadline")["invalid"] == "Deadline must be a real date"
    assert noun("Their ActionTrack account") == "their ActionTrack account"


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({"date_day": "31", "date_month": "2", "date_year": "2024"}, "Date of the value must be a real date"),
        (
            {"date_day": "3", "date_month": "", "date_year": ""},
            "Date of the value must include a month and year",
        ),
        (
            {"date_day": "3", "date_month": "4", "date_year": "26"},
            "Date of the value must have a year of 4 numbers",
        ),
        ({}, "Enter the date of the value"),
    ],
)
def test_the_date_input_says_what_is_missing_or_wrong(sent, message):
    from actiontrack.dashboards.forms import MeasureValueForm

    form = MeasureValueForm({"value": "1", **sent})
    assert not form.is_valid()
    assert form.errors["date"][0].startswith(message)


def test_the_date_input_reads_three_boxes_or_a_date_sent_whole():
    from actiontrack.dashboards.forms import MeasureValueForm

    for sent in ({"date_day": "5", "date_month": "1", "date_year": "2026"}, {"date": "05/01/2026"}):
        form = MeasureValueForm({"value": "1", **sent})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date"].isoformat() == "2026-01-05"
