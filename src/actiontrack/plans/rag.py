"""RAG ratings that explain themselves: plain rules, no database.

Blue when completed; Red when more than `red_after_days` overdue or reported
delayed; Amber when overdue, reported at risk, or with no update for
`stale_after_days`; Green otherwise. Each rating carries its reason in words,
so a page can say "Red: due 31 March 2004, 2 months overdue".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

COMPLETED, ON_TRACK, AT_RISK, DELAYED = "completed", "on_track", "at_risk", "delayed"
MEANINGS = (COMPLETED, ON_TRACK, AT_RISK, DELAYED)

# The colours a plan's key may use, and what each means.
COLOUR_MEANINGS = {"blue": COMPLETED, "green": ON_TRACK, "amber": AT_RISK, "yellow": AT_RISK, "red": DELAYED}
DEFAULT_SCALE = (
    ("blue", "Completed"),
    ("green", "On track"),
    ("amber", "At risk"),
    ("red", "Delayed"),
)


@dataclass(frozen=True)
class Thresholds:
    red_after_days: int = 30
    stale_after_days: int = 90


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class RagScale:
    """A plan's colours in order: code ("yellow") and label ("In progress – potential problems")."""

    entries: tuple[tuple[str, str], ...] = DEFAULT_SCALE

    @classmethod
    def from_entries(cls, entries: list[dict[str, str]] | None) -> RagScale:
        """Build a scale from a plan's printed key, falling back to the default colours."""
        usable = tuple(
            (entry["code"].lower(), entry.get("label") or entry["code"].title())
            for entry in entries or []
            if entry.get("code", "").lower() in COLOUR_MEANINGS
        )
        return cls(usable) if usable else cls()

    def code_for(self, meaning: str) -> str:
        """Return the colour this plan uses for a meaning (a plan may say yellow for at risk)."""
        for code, _label in self.entries:
            if COLOUR_MEANINGS[code] == meaning:
                return code
        return next(code for code, _label in DEFAULT_SCALE if COLOUR_MEANINGS[code] == meaning)

    def label_for(self, code: str) -> str:
        """Return the printed label of a colour."""
        for entry_code, label in self.entries:
            if entry_code == code:
                return label
        return dict(DEFAULT_SCALE).get(code, code.title())

    def choices(self) -> list[tuple[str, str]]:
        """Return (code, "Colour – label") pairs for a form."""
        return [(code, f"{code.title()} – {label}") for code, label in self.entries]


@dataclass(frozen=True)
class Assessment:
    meaning: str  # one of MEANINGS
    reason: str

    def code(self, scale: RagScale | None = None) -> str:
        return (scale or RagScale()).code_for(self.meaning)

    def describe(self, scale: RagScale | None = None) -> str:
        """Return the tag text with its reason: "Red: due 31 March 2004, 2 months overdue"."""
        return f"{self.code(scale).title()}: {self.reason}"


def assess(
    *,
    status: str | None,
    due_date: datetime.date | None,
    last_update_on: datetime.date | None,
    today: datetime.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Assessment:
    """Return an action's RAG and the reason for it."""
    if status == COMPLETED:
        return Assessment(COMPLETED, "completed")
    overdue_days = (today - due_date).days if due_date else 0
    due_words = f"due {format_date(due_date)}" if due_date else ""
    if overdue_days > thresholds.red_after_days:
        return Assessment(DELAYED, f"{due_words}, {how_long(due_date, today)} overdue")  # type: ignore[arg-type]
    if status == DELAYED:
        return Assessment(DELAYED, "reported delayed")
    if overdue_days > 0:
        return Assessment(AT_RISK, f"{due_words}, {how_long(due_date, today)} overdue")  # type: ignore[arg-type]
    if status == AT_RISK:
        return Assessment(AT_RISK, "reported at risk")
    if last_update_on is not None and (today - last_update_on).days > thresholds.stale_after_days:
        return Assessment(AT_RISK, f"no update for {how_long(last_update_on, today)}")
    if due_date:
        return Assessment(ON_TRACK, f"{due_words}, on track")
    return Assessment(ON_TRACK, "no due date, on track")


def format_date(day: datetime.date) -> str:
    """Write a date as people do: "14 June 2018"."""
    return f"{day.day} {day:%B %Y}"


def how_long(start: datetime.date, end: datetime.date) -> str:
    """Say how long from start to end in the largest sensible unit: "3 days", "2 months", "1 year"."""
    days = (end - start).days
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    if months >= 24:
        return _plural(months // 12, "year")
    if months >= 2:
        return _plural(months, "month")
    if days >= 14:
        return _plural(days // 7, "week")
    return _plural(max(days, 1), "day")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
