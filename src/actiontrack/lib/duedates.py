"""Read the due dates people write in action plans ("By end of March", "Summer 2002").

The rules are those of the `actionplan/1` interchange format (section "Due
dates"): the text as printed, one calendar date where the text names one, and
a kind saying how that date was read. Used by the importer and by web forms.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, replace
from typing import Any

from actiontrack.lib.text import clean, strip_markup
from actiontrack.lib.vocabulary import MONTH_NUMBERS, MONTH_PATTERN

KINDS: tuple[str, ...] = (
    "date", "month", "mid_month", "quarter", "season", "year", "range", "from",
    "recurring", "event", "immediate", "ongoing", "done", "unspecified",
)  # fmt: skip

KIND_LABELS: dict[str, str] = {
    "date": "a day",
    "month": "a month",
    "mid_month": "the middle of a month",
    "quarter": "a quarter",
    "season": "a season",
    "year": "a year",
    "range": "a period",
    "from": "from a date onwards",
    "recurring": "recurring",
    "event": "a meeting or event",
    "immediate": "immediately",
    "ongoing": "ongoing",
    "done": "already done",
    "unspecified": "not given",
}


@dataclass(frozen=True)
class Due:
    """A due date as printed, the calendar date it stands for, and how it was read."""

    text: str | None
    date: datetime.date | None
    kind: str | None

    def as_dict(self) -> dict[str, Any]:
        """Return the `actionplan/1` form: `{"text", "date", "kind"}`."""
        return {"text": self.text, "date": self.date.isoformat() if self.date else None, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Due:
        """Build a Due from its `actionplan/1` form."""
        if not data:
            return cls(None, None, None)
        raw = data.get("date")
        date = datetime.date.fromisoformat(raw[:10]) if isinstance(raw, str) and raw else None
        return cls(data.get("text"), date, data.get("kind"))


_MONTHS = MONTH_NUMBERS
_MONTH = MONTH_PATTERN
# A year after a month: "2003", "'04", "’04" or a bare "04" (day-first writing
# puts days before months, so two digits after a month are a year).
_YEAR = (
    r"(?:(?P<{n}4>(?:19|20)\d\d)|['’‘`]\s?(?P<{n}2>\d\d)|(?P<{n}b>\d\d)(?!\s*(?:st|nd|rd|th)\b|[/.:]\d|\d))"
)
_Y = _YEAR.format(n="y")
# Excel's "Dec-24" and "31-Mar-24": a dash or slash between a month and its year.
_DASHED = r"(?:[-/](?=['’‘`]?\d\d))?"
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# Quarters are numbered by the financial year (April to March), as public bodies
# in the UK report them: Q3 is October to December.
_QUARTER_END = {1: 6, 2: 9, 3: 12, 4: 3}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ISO dates come from web forms and exports rather than printed plans.
    ("iso", re.compile(r"(?<![\d/.])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d/])")),
    (
        "numeric",
        re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?![\d/])"),
    ),
    (
        "quarter_ending",
        re.compile(rf"\bquarter\s+end(?:ing|s)?\s+(?:in\s+)?(?P<mon>{_MONTH})\s*(?:{_Y})?", re.I),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
            r"|quarter\s+(?P<qn>[1-4]))\b(?:\s*(?:of\s+)?(?:(?P<fy>(?:19|20)\d\d)(?:[/-]\d{2,4})?))?",
            re.I,
        ),
    ),
    # A financial year, April to March: "2024/25", "2024-25", "2024/2025" (checked to be consecutive).
    (
        "financial",
        re.compile(r"(?<![\d/.])(?P<fy>(?:19|20)\d\d)(?:/(?P<fy2>(?:19|20)?\d\d)|-(?P<fy3>\d\d))(?![\d/.-])"),
    ),
    (
        "mid",
        re.compile(rf"\bmid[-\s]?(?P<mon>{_MONTH})(?![a-z])\s*,?\s*(?:{_Y})?", re.I),
    ),
    (
        "day_month",
        re.compile(
            rf"(?<!['’‘`])\b(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?(?:\s+|-)(?:of\s+)?(?P<mon>{_MONTH})(?![a-z])"
            rf"\s*,?\s*{_DASHED}(?:{_Y})?",
            re.I,
        ),
    ),
    (
        "month_day",
        re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)\b\s*,?\s*(?:{_Y})?", re.I),
    ),
    # "March 31, 2024": a day after the month without a suffix needs the comma and the year.
    (
        "month_day",
        re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}),\s*(?P<y4>(?:19|20)\d\d)\b", re.I),
    ),
    (
        "season",
        re.compile(
            r"\b(?P<season>spring|summer|autumn|winter)\b(?:\s+term)?(?:\s+(?P<y4>(?:19|20)\d\d)(?:/\d{2,4})?)?",
            re.I,
        ),
    ),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH})(?![a-z])\s*,?\s*{_DASHED}(?:{_Y})?", re.I)),
    ("year", re.compile(r"(?<![\d/.'’])\b(?P<y4>(?:19|20)\d\d)\b(?![/.]\d)")),
]

_FROM_BEFORE = re.compile(
    r"(?:\bfrom|\bwef|\bw\.e\.f\.?|with effect from|\bcommenc(?:e|es|ing)(?:\s+wef)?|\bstart(?:s|ing)?"
    r"|\bbeginning)\s+(?:on\s+|in\s+|the\s+)?$",
    re.I,
)
_ONWARDS_AFTER = re.compile(r"^\s*\)?\s*(?:and\s+)?onwards?\b", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|to|until|till|through)\s*$", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:&|and|,|/|or)\s*$", re.I)
# Boards, partnerships and management or leadership teams by their acronyms ("LSCB", "CMT",
# "SLT"; the team ones matched in capitals only, so "result" is no "LT"), and meeting words.
_EVENT_WORDS = (
    r"ACPC|[A-Z]*SC[BP]|[A-Z]*SAB|(?-i:[A-Z]{1,5}[ML]T)|board|meetings?|committee|panel|sub[- ]?group"
    r"|conference|development\s+day|away\s+day|executive|cabinet|scrutiny"
)
_EVENT_WORD = re.compile(rf"\b(?:{_EVENT_WORDS})\b", re.I)
_UNDATED_EVENT = re.compile(
    rf"\b(?:next|report(?:\s+back)?\s+to|present(?:ed)?\s+to|at\s+the)\b[^.]*?\b(?:{_EVENT_WORDS}|group)\b",
    re.I,
)
_DONE_START = re.compile(
    r"^\W*(?:completed?|done|achieved|implemented|finished|in\s+place\s+already"
    r"|already\s+(?:in\s+place|completed?|implemented|done|established|happening))\b(?!\s+by\b)",
    re.I,
)
_RECURRING = re.compile(
    r"\b(?:weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?monthly|bi-?annually|six[- ]monthly"
    r"|termly|daily|thereafter|every|each\s+(?:week|month|quarter|year|term)|per\s+(?:week|month|quarter|annum))\b",
    re.I,
)
_UNSPECIFIED = re.compile(
    r"\b(?:to\s+be\s+(?:determined|confirmed|agreed|decided|arranged|set|fixed|identified)|tb[cda]"
    r"|following\s+further|dependent\s+on|depending\s+on|not\s+(?:yet\s+)?(?:known|set|agreed))\b",
    re.I,
)
_IMMEDIATE = re.compile(r"\b(?:immediate(?:ly)?|forthwith|asap|as\s+soon\s+as\s+possible)\b", re.I)
_FROM_WORDS = re.compile(r"\b(?:onwards?|from\s+(?:now|present|today))\b", re.I)
_ONGOING = re.compile(r"\b(?:on-?\s?going|continuing|continuous|continual)\b", re.I)
# A clause ends at a spaced dash, a semicolon or a full stop before a capital,
# but not at the stop of an abbreviated month ("July & Oct. ACPC").
_CLAUSE_END = re.compile(
    r"\s[-–—]\s|;|(?<!\bJan)(?<!\bFeb)(?<!\bMar)(?<!\bApr)(?<!\bJun)(?<!\bJul)(?<!\bAug)(?<!\bSep)"
    r"(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)\.\s+(?=[A-Z])"
)


@dataclass(frozen=True)
class _Item:
    """One date expression found in a text, before its year is settled."""

    start: int
    end: int
    precision: str  # day, mid, month, quarter, season, year
    month: int = 12
    day: int = 0
    year: int | None = None
    from_marked: bool = False
    event: bool = False
    range_from: _Item | None = None
    financial: bool = False  # a financial year: April to March


def _year_of(match: re.Match[str], pivot: int | None = None) -> int | None:
    groups = match.groupdict()
    for name in ("y4", "fy"):
        if groups.get(name):
            return int(groups[name])
    for name in ("y2", "yb"):
        if groups.get(name):
            return two_digit_year(int(groups[name]), pivot)
    return None


def _month_of(token: str) -> int | None:
    word = token.rstrip(".")
    lower = word.lower()
    if lower not in _MONTHS:
        return None
    # "may" is a verb and "mar", "dec" are word stems: only a capital makes them months.
    if (lower == "may" or len(lower) <= 4 and lower != "june" and lower != "july") and not word[0].isupper():
        return None
    return _MONTHS[lower]


def two_digit_year(year: int, pivot: int | None = None) -> int:
    """Return the century a two-digit year means: of 19YY and 20YY the nearer to `pivot` (else 20YY)."""
    if pivot is None:
        return 2000 + year
    return min((1900 + year, 2000 + year), key=lambda full: (abs(full - pivot), -full))


def _item_from(kind: str, match: re.Match[str], pivot: int | None = None) -> _Item | None:
    start, end = match.span()
    groups = match.groupdict()
    if kind == "financial":
        first = int(groups["fy"])
        if int(groups["fy2"] or groups["fy3"]) % 100 != (first + 1) % 100:
            return None
        return _Item(start, end, "year", 3, 31, first + 1, financial=True)
    if kind in ("iso", "numeric"):
        day, number, raw_year = int(groups["d"]), int(groups["m"]), groups["y"]
        full_year = int(raw_year) if len(raw_year) == 4 else two_digit_year(int(raw_year), pivot)
        try:
            datetime.date(full_year, number, day)
        except ValueError:
            return None
        return _Item(start, end, "day", number, day, full_year)
    if kind in ("quarter", "quarter_ending"):
        if kind == "quarter_ending":
            month = _month_of(groups["mon"])
            if month is None:
                return None
            return _Item(start, end, "quarter", month, 0, _year_of(match))
        number = int(groups["q"] or groups["qn"] or _QUARTER_NUMBER[groups["qw"].lower()])
        year = _year_of(match)
        if year is not None and number == 4:
            year += 1
        return _Item(start, end, "quarter", _QUARTER_END[number], 0, year)
    if kind == "season":
        season = groups["season"].lower()
        year = _year_of(match)
        if year is not None and season == "winter":
            year += 1
        return _Item(start, end, "season", _SEASON_END[season], 0, year)
    if kind == "year":
        return _Item(start, end, "year", 12, 31, int(groups["y4"]))
    month = _month_of(groups["mon"])
    if month is None:
        return None
    year = _year_of(match, pivot)
    if kind == "mid":
        return _Item(start, end, "mid", month, 15, year)
    if kind in ("day_month", "month_day"):
        day = int(groups["d"])
        if not 1 <= day <= 31:
            return None
        return _Item(start, end, "day", month, day, year)
    return _Item(start, end, "month", month, 0, year)


def _find_items(line: str, pivot: int | None = None) -> list[_Item]:
    taken = [False] * len(line)
    items: list[_Item] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            start, end = match.span()
            while end > start and line[end - 1].isspace():
                end -= 1
            if any(taken[start:end]):
                continue
            item = _item_from(kind, match, pivot)
            if item is None:
                continue
            items.append(replace(item, end=end))
            for index in range(start, end):
                taken[index] = True
    return sorted(items, key=lambda item: item.start)


def _is_range(line: str, first: _Item, second: _Item) -> bool:
    between = line[first.end : second.start]
    if _RANGE_JOIN.match(between):
        return True
    return bool(re.match(r"^\s*and\s*$", between) and re.search(r"\bbetween\s*$", line[: first.start], re.I))


def _annotate(line: str, items: list[_Item]) -> list[_Item]:
    """Join ranges and lists, share years along them, mark from-dates and events."""
    # "July & Oct 2004": a list of months shares the year printed at its end.
    for index in range(len(items) - 2, -1, -1):
        here, after = items[index], items[index + 1]
        between = line[here.end : after.start]
        if (
            here.year is None
            and after.year is not None
            and (_LIST_JOIN.match(between) or _RANGE_JOIN.match(between))
        ):
            year = after.year if here.month <= after.month else after.year - 1
            items[index] = replace(here, year=year)
    joined: list[_Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        if index + 1 < len(items) and _is_range(line, item, items[index + 1]):
            end_item = items[index + 1]
            item = replace(end_item, start=item.start, range_from=item)
            index += 1
        joined.append(item)
        index += 1
    clause_starts = [0] + [match.end() for match in _CLAUSE_END.finditer(line)] + [len(line)]
    annotated = []
    for item in joined:
        from_marked = bool(_FROM_BEFORE.search(line[: item.start]) or _ONWARDS_AFTER.match(line[item.end :]))
        clause_start = max(start for start in clause_starts if start <= item.start)
        clause_end = min(start for start in clause_starts if start > item.start)
        event = item.precision == "month" and bool(_EVENT_WORD.search(line[clause_start:clause_end]))
        annotated.append(replace(item, from_marked=from_marked, event=event))
    return annotated


def _span(item: _Item, year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day the item covers, given the year its last day falls in."""
    last_day = calendar.monthrange(year, item.month)[1]
    if item.precision == "day":
        day = min(item.day, last_day)
        return datetime.date(year, item.month, day), datetime.date(year, item.month, day)
    if item.precision == "mid":
        return datetime.date(year, item.month, 15), datetime.date(year, item.month, 15)
    end = datetime.date(year, item.month, last_day)
    if item.precision == "month":
        return datetime.date(year, item.month, 1), end
    if item.precision == "year":
        return datetime.date(year - 1, 4, 1) if item.financial else datetime.date(year, 1, 1), end
    first_month = item.month - 2
    first_year = year if first_month >= 1 else year - 1
    return datetime.date(first_year, (first_month - 1) % 12 + 1, 1), end


def _threshold(as_of: datetime.date) -> datetime.date:
    month = as_of.month - 3
    year = as_of.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, min(as_of.day, calendar.monthrange(year, month)[1]))


def _settle_year(item: _Item, as_of: datetime.date | None) -> int | None:
    """Return the year of the item's last day: as printed, or by the as-of rule."""
    if item.year is not None:
        return item.year
    if as_of is None:
        return None
    earliest = _threshold(as_of)
    for year in range(earliest.year, earliest.year + 3):
        if _reported(item, year) >= earliest:
            return year
    return None


def _reported(item: _Item, year: int, *, kind_from: bool | None = None) -> datetime.date:
    first, last = _span(item, year)
    use_first = item.from_marked if kind_from is None else kind_from
    return first if use_first and item.range_from is None else last


def _kind(item: _Item) -> str:
    if item.range_from is not None:
        return "range"
    if item.from_marked:
        return "from"
    if item.event:
        return "event"
    return {
        "day": "date",
        "mid": "mid_month",
        "month": "month",
        "quarter": "quarter",
        "season": "season",
        "year": "year",
    }[item.precision]


def _dated(item: _Item, as_of: datetime.date | None, **options: bool) -> datetime.date | None:
    if item.range_from is not None and item.year is None and item.range_from.year is not None:
        item = replace(item, year=item.range_from.year + (item.month < item.range_from.month))
    year = _settle_year(item, as_of)
    return None if year is None else _reported(item, year, **options)


def read_due(
    text: str | None, as_of: datetime.date | None = None, reference: datetime.date | None = None
) -> Due:
    """Read a due cell into its text, calendar date and kind.

    A two-digit year is the century's nearer to `as_of` (else to `reference`, the document's latest
    printed date; else 20YY).
    """
    printed = clean(text)
    if not printed:
        return Due(None, None, None)
    anchor = as_of or reference
    pivot = anchor.year if anchor else None
    items: list[_Item] = []
    for line in strip_markup(text or "").split("\n"):
        line = clean(line)
        items.extend(_annotate(line, _find_items(line, pivot)))
    dates = [_dated(item, as_of) for item in items]

    if _DONE_START.search(printed):
        ends = [date for item in items if (date := _dated(item, as_of, kind_from=False))]
        return Due(printed, max(ends) if ends else None, "done")
    if _RECURRING.search(printed):
        return Due(printed, dates[0] if items else None, "recurring")
    if items:
        dated = [(date, index) for index, date in enumerate(dates) if date is not None]
        if dated:
            # The latest deadline wins; of two on the same day, the first printed.
            best_date, best = max(dated, key=lambda pair: (pair[0], -pair[1]))
            return Due(printed, best_date, _kind(items[best]))
        # No year to settle: compare within one leap year so "end of March" still beats "15th March".
        best = max(range(len(items)), key=lambda index: (_reported(items[index], 2000), -index))
        return Due(printed, None, _kind(items[best]))
    for kind, pattern in (
        ("unspecified", _UNSPECIFIED),
        ("immediate", _IMMEDIATE),
        ("from", _FROM_WORDS),
        ("event", _UNDATED_EVENT),
        ("ongoing", _ONGOING),
    ):
        if pattern.search(printed):
            return Due(printed, None, kind)
    return Due(printed, None, "unspecified")


_FULL_DATE_KINDS = ("iso", "numeric", "day_month", "month_day")


def find_date(text: str, pivot: int | None = None) -> datetime.date | None:
    """Return the first full calendar date (day, month and year) written in a text.

    A two-digit year is the century's nearer to the year `pivot` (20YY where none is given).
    """
    found: list[tuple[int, datetime.date]] = []
    plain = clean(text)
    for kind, pattern in _PATTERNS:
        if kind not in _FULL_DATE_KINDS:
            continue
        for match in pattern.finditer(plain):
            item = _item_from(kind, match, pivot)
            if item is None or item.year is None:
                continue
            try:
                found.append((match.start(), datetime.date(item.year, item.month, item.day)))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None


def find_dates(text: str, pivot: int | None = None) -> list[datetime.date]:
    """Return every full calendar date (day, month and year) written in a text, in order."""
    plain = clean(text)
    taken = [False] * len(plain)
    found: list[tuple[int, datetime.date]] = []
    for kind, pattern in _PATTERNS:
        if kind not in _FULL_DATE_KINDS:
            continue
        for match in pattern.finditer(plain):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            item = _item_from(kind, match, pivot)
            if item is None or item.year is None:
                continue
            try:
                found.append((start, datetime.date(item.year, item.month, item.day)))
            except ValueError:
                continue
            taken[start:end] = [True] * (end - start)
    return [date for _, date in sorted(found)]


def find_month(text: str) -> tuple[int, int] | None:
    """Return the (year, month) of the first month-and-year written in a text ("May 2003")."""
    plain = clean(text)
    for match in _PATTERNS[-2][1].finditer(plain):
        month = _month_of(match.group("mon"))
        year = _year_of(match)
        if month is not None and year is not None and (match.group("y4") or match.group("y2")):
            return year, month
    return None


# Day/month/year written in figures, to tell an impossible date ("31/06/2026") from words.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})(?![\d/.-])")
# What a form suggests when a due date cannot be read.
DUE_EXAMPLES = (
    "31/03/2026, March 2026, Summer 2026, Q3 2026/27, Ongoing, With immediate effect or To be confirmed"
)


def not_understood(text: str | None, as_of: datetime.date | None = None) -> str | None:
    """Return the part of a typed due date that cannot be read, None when it all reads.

    A due date reads when it names a date ("March 2026", "Report back to April board") or says
    why it has none ("Ongoing", "With immediate effect", "To be confirmed"); a date in figures must
    be a real one ("31/06/2026" is not).
    """
    printed = clean(text)
    if not printed:
        return None
    for match in _NUMERIC_DATE.finditer(printed):
        if find_date(match.group()) is None:
            return match.group()
    due = read_due(printed, as_of)
    if due.date is not None or due.kind != "unspecified" or _UNSPECIFIED.search(printed):
        return None
    return printed


def read_as(kind: str | None, date: datetime.date | str | None) -> str:
    """Say in words what a due date was read as: "the end of March 2027", "ongoing, with no date"."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date[:10]) if date else None
    if date is None:
        return {
            "immediate": "immediately, with no date",
            "ongoing": "ongoing, with no date",
            "done": "already done",
            "recurring": "recurring, with no single date",
            "event": "a meeting or event, with no date",
        }.get(kind or "", "no date")
    day = f"{date.day} {calendar.month_name[date.month]} {date.year}"
    month = f"{calendar.month_name[date.month]} {date.year}"
    year_end = (date.month, date.day) == (12, 31)
    return {
        "date": day,
        "month": f"the end of {month}",
        "mid_month": f"the middle of {month} ({day})",
        "quarter": f"the end of the quarter, {day}",
        "season": f"the end of the season, {day}",
        "year": f"the end of {date.year}" if year_end else f"the end of the year, {day}",
        "range": f"the end of the period, {day}",
        "from": f"from {day}",
        "recurring": f"recurring, next {day}",
        "event": f"a meeting or event, {day}",
    }.get(kind or "", day)
