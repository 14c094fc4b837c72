"""How an outcome measure is doing: its trend against the target, and whether a value is late.

Plain rules over a measure and its values, with `today` passed in, and the
CSV reader the value upload uses. Nothing here writes to the database.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from actiontrack.dashboards.models import Direction, Measure, MeasureValue
from actiontrack.plans.rag import format_date, how_long

IMPROVING, WORSENING, UNCHANGED, NO_TREND = "improving", "worsening", "unchanged", "no trend yet"


@dataclass(frozen=True)
class Status:
    """A measure's state in words, for its page, the dashboard and the board report."""

    latest: MeasureValue | None
    trend: str  # IMPROVING, WORSENING, UNCHANGED or NO_TREND: the latest value against the one before
    since_start: str  # the same, the latest value against the baseline (else the first value)
    target_met: bool
    stale: bool
    stale_reason: str
    next_due: datetime.date | None

    @property
    def summary(self) -> str:
        if self.latest is None:
            return "No value yet"
        target = "target met" if self.target_met else "target not yet met"
        words = (
            f"{self.latest.value.normalize():f} on {format_date(self.latest.date)}: {self.trend}, {target}"
        )
        return f"{words}; {self.stale_reason}" if self.stale else words


def compare(direction: str, before: Decimal, after: Decimal) -> str:
    """Say whether moving from before to after is an improvement, given which direction is better."""
    if after == before:
        return UNCHANGED
    better = after < before if direction == Direction.LOWER else after > before
    return IMPROVING if better else WORSENING


def status(measure: Measure, values: list[MeasureValue], today: datetime.date) -> Status:
    """Return the measure's trend, target and staleness from its values in date order."""
    values = sorted(values, key=lambda value: value.date)
    latest = values[-1] if values else None
    if latest is None:
        return Status(None, NO_TREND, NO_TREND, False, True, "no value recorded yet", None)
    trend = compare(measure.direction, values[-2].value, latest.value) if len(values) > 1 else NO_TREND
    start = measure.baseline if measure.baseline is not None else values[0].value
    since_start = (
        compare(measure.direction, start, latest.value) if len(values) > 1 or measure.baseline else NO_TREND
    )
    next_due = latest.date + datetime.timedelta(days=measure.frequency_days)
    stale = today > next_due
    reason = f"stale: no value for {how_long(latest.date, today)} ({measure.get_frequency_display().lower()})"
    return Status(
        latest=latest,
        trend=trend,
        since_start=since_start,
        target_met=measure.meets_target(latest.value),
        stale=stale,
        stale_reason=reason if stale else "",
        next_due=next_due,
    )


@dataclass(frozen=True)
class Row:
    number: int
    date: datetime.date
    value: Decimal
    note: str


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_csv(data: bytes) -> tuple[list[Row], list[str]]:
    """Read `date,value[,note]` rows under a header; return the rows and one error per bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:2] != ["date", "value"]:
        return [], ["Row 1: the first row must be the header date,value (and optionally note)"]
    rows: list[Row] = []
    errors: list[str] = []
    seen: dict[datetime.date, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        date_text = cells[0] if cells else ""
        value_text = cells[1].strip().replace(",", "") if len(cells) > 1 else ""
        day = parse_date(date_text)
        problems = []
        if day is None:
            problems.append(f"date “{date_text.strip()}” is not a date like 2018-03-08 or 08/03/2018")
        elif day in seen:
            problems.append(f"{format_date(day)} is also on row {seen[day]}")
        try:
            value = Decimal(value_text)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            problems.append(f"value “{value_text}” is not a number")
            value = Decimal(0)
        if problems:
            errors.append(f"Row {number}: " + "; ".join(problems))
            continue
        assert day is not None
        seen[day] = number
        rows.append(Row(number, day, value, cells[2].strip() if len(cells) > 2 else ""))
    if not rows and not errors:
        errors.append("The file has no rows of values under its header")
    return rows, errors
