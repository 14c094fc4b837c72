"""GOV.UK error messages for every form field: each names the field and says how to put it right.

Django's own messages ("This field is required.", "Enter a whole number.") name no
field and read badly in an error summary. `GovukErrors`, mixed into every form,
replaces each of them with one written from the field's label ("Enter the
progress made", "Deadline must be a real date"); a form states its own wording for
a field in `error_texts` where the label does not make a good phrase.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core import validators
from django.db import models
from django.forms.utils import pretty_name

CHOSEN = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField, forms.BooleanField)
NUMBERS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


@cache
def django_defaults() -> frozenset[str]:
    """Every error message Django itself writes for form fields, model fields and validators."""
    found: set[str] = set()

    def subclasses(root: type) -> list[type]:
        every: list[type] = [root]
        sub: type
        for sub in root.__subclasses__():
            every += subclasses(sub)
        return every

    for root in (forms.Field, models.Field):
        for cls in subclasses(root):
            if cls.__module__.startswith("django."):
                found.update(str(text) for text in getattr(cls, "default_error_messages", {}).values())
    for name in dir(validators):
        message = getattr(getattr(validators, name), "message", None)
        if message is not None:
            found.add(str(message))
    found.update(str(text) for text in validators.DecimalValidator.messages.values())
    for form in (auth_forms.AuthenticationForm, auth_forms.SetPasswordForm):
        found.update(str(text) for text in form.error_messages.values())
    found.add(str(models.Model.unique_error_message))  # not a message, but never one of ours
    return frozenset(found)


# Labels that are not noun phrases ("Due", "As at"), as the thing to enter.
LABEL_NOUNS = {
    "due": "a due date, for example March 2027 or 31/03/2027",
    "new due date, if it needs to change": "a due date, for example March 2027 or 31/03/2027",
    "as at": "the date the report is as at",
    "from": "the first day of the period",
    "to (inclusive)": "the last day of the period",
    "counted from": "the date the working days are counted from",
    "owned by": "who owns the plan",
    "reporting to": "who the plan reports to",
    "plans answering": "the kind of source the plans answer",
    "progress reported at": "the date progress was reported at",
    "search plans, recommendations, actions and updates": "words to search for",
    "or changes since a version": "a version",
    "to": "what to compare with",
    "from version": "the version to compare from",
    "why is the due date changing": "why the due date is changing",
}
NO_ARTICLE = {"the", "a", "an", "their", "your", "its", "what", "why", "which", "how", "who", "when", "words"}


def noun(label: str) -> str:
    """The field's label as the object of "Enter …": "Date of the update" -> "the date of the update"."""
    words = label.strip().rstrip(":?")
    if words.lower() in LABEL_NOUNS:
        return LABEL_NOUNS[words.lower()]
    first = words.split(" ", 1)[0]
    if not first.isupper():  # keep acronyms: "RAG status"
        words = words[:1].lower() + words[1:]
    if words.split(" ", 1)[0] in NO_ARTICLE:
        return words
    return f"the {words}"


def subject(label: str) -> str:
    """The field as the subject of "… must be a real date": its label, or its noun where that reads better."""
    words = label.strip().rstrip(":?")
    if words.lower() in LABEL_NOUNS:
        phrase = LABEL_NOUNS[words.lower()].split(",")[0]
        return phrase[:1].upper() + phrase[1:]
    return words


def messages_for(field: forms.Field, label: str) -> dict[str, str]:
    """GOV.UK messages for every way the field can be refused."""
    what = noun(label)
    named = subject(label)
    choose = isinstance(field, CHOSEN) or isinstance(field.widget, forms.CheckboxSelectMultiple)
    texts = {
        "required": f"Select {what}" if choose else f"Enter {what}",
        "invalid_choice": f"Select {what} from the list",
        "invalid_list": f"Select {what} from the list",
        "invalid_pk_value": f"Select {what} from the list",
        "max_length": f"{named} must be %(limit_value)d characters or fewer",
        "min_length": f"{named} must be %(limit_value)d characters or more",
        "min_value": f"{named} must be %(limit_value)s or more",
        "max_value": f"{named} must be %(limit_value)s or less",
        "step_size": f"{named} must be a multiple of %(limit_value)s",
        "unique": f"Enter a different {what.removeprefix('the ')}: this one is already used",
        "blank": f"Enter {what}",
        "null": f"Enter {what}",
        "incomplete": f"Enter {what} in full",
    }
    if isinstance(field, NUMBERS):
        whole = not isinstance(field, forms.DecimalField | forms.FloatField)  # both are IntegerFields
        texts["invalid"] = f"{named} must be a {'whole ' if whole else ''}number"
        texts["max_digits"] = f"{named} must have %(max)s digits or fewer"
        texts["max_decimal_places"] = f"{named} must have %(max)s decimal places or fewer"
        texts["max_whole_digits"] = f"{named} must have %(max)s digits or fewer before the decimal point"
    elif isinstance(field, forms.DateField):
        texts["invalid"] = f"{named} must be a real date"
        texts["incomplete"] = f"{named} must include a %(parts)s"
        texts["invalid_year"] = f"{named} must have a year of 4 numbers, for example 2026"
    elif isinstance(field, forms.EmailField):
        texts["invalid"] = "Enter an e-mail address in the correct format, like name@example.org"
    elif isinstance(field, forms.FileField):
        texts |= {
            "required": f"Select {what}",
            "missing": f"Select {what}",
            "invalid": "The selected file could not be read: choose it again",
            "empty": "The selected file is empty",
            "max_length": "The selected file's name must be %(max)d characters or fewer",
            "contradiction": "Either choose a new file or remove the current one, not both",
        }
    else:
        texts["invalid"] = f"Enter {what} in the correct format"
    return texts


def apply_govuk_errors(form: forms.BaseForm, overrides: dict[str, dict[str, str]] | None = None) -> None:
    """Give each field of the form GOV.UK messages, in place of every message Django wrote for it."""
    defaults = django_defaults()
    overrides = overrides or {}
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        ours = messages_for(field, str(field.label or pretty_name(name))) | overrides.get(name, {})
        own = (vars(cls).get("default_error_messages", {}) for cls in type(field).__mro__)
        generic = defaults | {str(text) for texts in own for text in texts.values()}
        field.error_messages = dict(field.error_messages)  # the field's own copy, never its class's
        codes: set[str] = set(field.error_messages)
        for validator in field.validators:
            code = getattr(validator, "code", None)
            codes |= {code} if isinstance(code, str) else set()
            codes |= set(getattr(validator, "messages", {}))  # DecimalValidator: one code a message
        if isinstance(field, forms.FileField):
            codes |= {"max_length"}
        for code in codes:
            current = field.error_messages.get(code)
            if code in overrides.get(name, {}) or current is None or str(current) in generic:
                field.error_messages[code] = ours.get(code, ours["invalid"])


class GovukErrors:
    """Mix into a form (first) so that every field's errors name it, GOV.UK style."""

    # {field name: {error code: message}} where the label does not make the message.
    error_texts: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_govuk_errors(self, self.error_texts)  # type: ignore[arg-type]

    def full_clean(self) -> None:
        # Again, for the fields a form adds in its own __init__, after this one has run.
        apply_govuk_errors(self, self.error_texts)  # type: ignore[arg-type]
        super().full_clean()  # type: ignore[misc]
