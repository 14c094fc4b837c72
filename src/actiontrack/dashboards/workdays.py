"""Working days in England and Wales: weekdays that are not bank holidays.

The bank holidays come from the maintained `holidays` library (England's,
which are also Wales's), so substitute days ("Boxing Day (observed)") and
one-off holidays (a coronation, a jubilee) are counted as the government
announces them.
"""

from __future__ import annotations

import datetime
from functools import cache

import holidays

ONE_DAY = datetime.timedelta(days=1)


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    """Say whether a day is a working day: Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """Return the date `days` working days after `start` (the start itself is day 0)."""
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Return the working days after start up to and including end; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_working_day(day):
            count += 1
    return count
