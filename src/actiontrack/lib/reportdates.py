"""A report's date, as precise as printed: a month ("2013-01") or a day ("2013-01-15").

Stored as in actionplan/1.1 (YYYY-MM or YYYY-MM-DD); written and read as people
write it: "January 2013", "15 January 2013", "01/2013", "15/01/2013". Plain Python.
"""

from __future__ import annotations

import calendar
import datetime
import re

from actiontrack.lib.vocabulary import MONTH_NUMBERS


def report_date_words(value: str | None) -> str:
    """Write a stored report date as people do: "2013-01" -> "January 2013"; anything else as it is."""
    value = (value or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return f"{calendar.month_name[int(value[5:])]} {value[:4]}"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = datetime.date.fromisoformat(value)
            return f"{day.day} {calendar.month_name[day.month]} {day.year}"
    except (ValueError, IndexError):
        pass
    return value


def read_report_date(text: str | None) -> str | None:
    """Return the stored form of a report date written in words or figures, "" for none, None if unread."""
    text = " ".join((text or "").replace(",", " ").split()).strip(". ")
    if not text:
        return ""
    found = _read(text.lower())
    if found is None:
        return None
    year, month, day = found
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _read(text: str) -> tuple[int, int, int | None] | None:
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text):
        return int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    if match := re.fullmatch(r"(?:(\d{1,2})[/. ])?(\d{1,2})[/. ](\d{4})", text):
        return int(match[3]), int(match[2]), int(match[1]) if match[1] else None
    if match := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([a-z]+)\.? (\d{4})", text):
        month = MONTH_NUMBERS.get(match[2])
        if month is not None:
            return int(match[3]), month, int(match[1]) if match[1] else None
    return None
