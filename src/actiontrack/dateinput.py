"""The GOV.UK date input: a single day asked as three boxes, Day, Month and Year.

`GovukDateField` is the one date field of every form (the date of an update,
"as at" dates, deadlines, measure dates). It reads the three boxes, and also a
date sent whole in the field's own name ("14/06/2018", "2018-06-14"), as a link,
a script or an older form sends it. Its refusals follow the GOV.UK pattern:
"Date of the update must include a month", "… must be a real date".
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from actiontrack.lib.reportdates import read_report_date, report_date_words

PARTS = ("day", "month", "year")
INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%m-%Y"]


def parse_date(text: str) -> datetime.date | None:
    """Return the date a whole date's text means, or None."""
    for layout in INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), layout).date()
        except ValueError:
            continue
    return None


class DateInputWidget(forms.MultiWidget):
    """Day, Month and Year boxes, named field_day, field_month and field_year.

    The `field` template tag draws them (includes/field.html) from `boxes()`.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__({part: forms.TextInput(attrs=box) for part in PARTS}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            value = parse_date(value) or value
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return data.get(name)  # a date sent whole
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            if base:
                subwidget["attrs"]["id"] = f"{base}_{part}"  # id_date_day, as the error summary links
            subwidget["label"] = part.title()
            subwidget["width"] = 4 if part == "year" else 2
        return context

    def boxes(self, name: str, value: Any, id_: str) -> list[dict[str, Any]]:
        """Each box's name, id, label, width and value, to draw."""
        return list(self.get_context(name, value, {"id": id_})["widget"]["subwidgets"])


class GovukDateField(forms.DateField):
    """One day, asked with the GOV.UK date input."""

    widget = DateInputWidget
    input_formats = INPUT_FORMATS
    default_error_messages = {
        "invalid": "Enter a real date",
        "incomplete": "The date must include a %(parts)s",
        "invalid_year": "The year must include 4 numbers",
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if not isinstance(value, list | tuple):
            return super().to_python(value)
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [part for part, given in zip(PARTS, (day, month, year), strict=True) if not given]
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"], code="incomplete", params={"parts": " and ".join(missing)}
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise ValidationError(self.error_messages["invalid_year"], code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ReportDateField(forms.CharField):
    """A report's date, a month or a day, typed as people write it ("January 2013", "15/01/2013").

    Kept as actionplan/1.1 keeps it ("2013-01", "2013-01-15"); shown again in words.
    """

    def __init__(self, **kwargs: Any) -> None:
        # Given to the field, not its class: a message of its own, kept by formerrors.GovukErrors.
        invalid = "Enter the report date as a month and year, for example January 2013"
        kwargs["error_messages"] = {"invalid": invalid, **kwargs.get("error_messages", {})}
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", "The month it was published, for example January 2013, or a day")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return report_date_words(value) if isinstance(value, str) else value

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        stored = read_report_date(text)
        if stored is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return stored
