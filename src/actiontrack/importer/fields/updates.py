"""Split a progress cell into dated updates ("08/03/2018: Complete 03/05/2018: ...").

An entry of an update log begins with a date stamp at the start of the cell or
of one of its lines or paragraphs (the `actionplan/1` "Status" rules). Text
extracted from documents often loses those line breaks, so a stamp is also
recognised mid-text where it is followed by ":" or a dash, or where it
continues a log in date order; a date inside a sentence ("arranged for
02/05/18", "Completed on 2.2.18") stays in its text. At the head of a line a
stamp may be bracketed ("[12/01/2024]") or labelled ("Update 12/01/2024:").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from actiontrack.importer.limits import MAX_UPDATES_PER_CELL, LimitExceeded
from actiontrack.lib.duedates import find_date, find_month
from actiontrack.lib.text import clean, strip_markup
from actiontrack.lib.vocabulary import MONTH_WORD

_MONTH_WORD = MONTH_WORD
# A stamp may be bracketed ("[12/01/2024]") or labelled ("Update 12/01/2024:") at the head of a line.
_STAMP = re.compile(
    r"(?<![\w/.])(?P<label>(?m:^)[ \t]*(?:updated?|progress|reviewed)\s+(?:on\s+|at\s+|as\s+at\s+)?)?"
    r"(?P<open>[(\[])?"
    rf"(?P<stamp>\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}\s*(?:st|nd|rd|th)?\s+{_MONTH_WORD}\s+\d{{4}}"
    # a month alone ("Jan 2024:", "March 2019 –"), 1.1: dated at the month's end
    rf"|(?P<month>{_MONTH_WORD}\s+\d{{4}}))(?![\w/])"
    r"(?(open)[)\]])"
    r"(?P<sep>\s*(?::|[-–—](?=\s))\s*|\s+|$)",
    re.IGNORECASE,
)
_NEXT_STAMP_WINDOW = 200
# Words that put a date inside a sentence rather than at the head of an entry.
_PREPOSITIONS = {
    "on", "to", "for", "from", "by", "until", "till", "of", "at", "since", "before", "after", "wef",
    "between", "and", "commencing", "dated", "w/c", "than", "in", "as", "is", "was", "the",
}  # fmt: skip


@dataclass
class UpdateEntry:
    """One progress entry: the date that heads it (or its column's date) and its text."""

    date: datetime.date | None
    text: str


@dataclass(frozen=True)
class _Stamp:
    start: int
    end: int
    date: datetime.date


def _stamps(text: str, as_of: datetime.date | None = None) -> list[_Stamp]:
    """Return the stamps that open entries, in time linear in the text (no copy of what precedes each)."""
    accepted: list[_Stamp] = []
    content_end = len(text.rstrip())
    for match in _STAMP.finditer(text):
        start, end = match.span()
        separator = match.group("sep").strip()
        # Only spaces or tabs stand between the line's start (or the text's) and the stamp.
        at_line_start = not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t")
        if match.group("month"):
            # "Jan 2024: ..." opens an entry only as a stamp: at the head of a line, before ":" or a dash.
            if not at_line_start or not separator or match.group("label") or match.group("open"):
                continue
            date = _month_end(match.group("month"), as_of)
        else:
            date = find_date(match.group("stamp"), as_of.year if as_of else None)
        if date is None:
            continue
        if (match.group("label") or match.group("open")) and not at_line_start:
            continue  # a label or bracket marks a stamp only at the head of a line
        # "19/02/18 – 18/05/18" is a period, not a stamp heading an entry.
        # A stamp and its separator are far shorter than the window looked at for the next one.
        if separator in "-–—" and separator and _STAMP.match(text[end : end + _NEXT_STAMP_WINDOW]):
            continue
        if end >= content_end and not at_line_start:
            continue
        if not at_line_start:
            previous_word = _word_before(text, start).lower()
            if previous_word.strip("(,") in _PREPOSITIONS or previous_word.endswith("("):
                continue
            in_order = not accepted or date >= accepted[-1].date
            if separator != ":" and not in_order:
                continue
            if not separator and not accepted:
                continue
        accepted.append(_Stamp(start, end, date))
        if len(accepted) > MAX_UPDATES_PER_CELL:
            raise LimitExceeded(
                f"has a cell of more than {MAX_UPDATES_PER_CELL:,} dated updates",
                f"cells of at most {MAX_UPDATES_PER_CELL:,} updates",
            )
    return accepted


def _word_before(text: str, at: int) -> str:
    """Return the word (run of non-space characters) that ends before `at`, or "" if there is none."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def split_updates(
    text: str | None, column_date: datetime.date | None = None, as_of: datetime.date | None = None
) -> list[UpdateEntry]:
    """Split a progress cell into entries, each dated by its own stamp or else by its column."""
    if not text:
        return []
    plain = re.sub(r"[^\S\n]+", " ", strip_markup(text))
    entries: list[UpdateEntry] = []
    stamps = _stamps(plain, as_of)
    head = clean(plain[: stamps[0].start] if stamps else plain)
    if head:
        entries.append(UpdateEntry(column_date, head))
    for index, stamp in enumerate(stamps):
        stop = stamps[index + 1].start if index + 1 < len(stamps) else len(plain)
        body = clean(plain[stamp.end : stop])
        if body:
            entries.append(UpdateEntry(stamp.date, body))
    return entries


def column_date(header: str, as_of: datetime.date | None) -> datetime.date | None:
    """Return the date a column heading gives its entries ("Update August 2013" is 2013-08-31).

    A heading naming only a month dates its entries at the month's end, or at
    the plan's as-of date where that is earlier.
    """
    if not header:
        return None
    day = find_date(header)
    if day is not None:
        return day
    return _month_end(header, as_of)


def _month_end(text: str, as_of: datetime.date | None) -> datetime.date | None:
    """Return the last day of the month a text names, or the plan's as-of date where that is earlier."""
    month = find_month(text)
    if month is None:
        return None
    year, number = month
    following = datetime.date(year + number // 12, number % 12 + 1, 1)
    month_end = following - datetime.timedelta(days=1)
    if as_of is not None and as_of < month_end:
        return as_of
    return month_end
