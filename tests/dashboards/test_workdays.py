"""Working days in England and Wales skip weekends and bank holidays, substitute days included."""

from __future__ import annotations

import datetime

import pytest

from actiontrack.dashboards.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 12, 3), 1, D(2026, 12, 4)),  # Thursday to Friday
        (D(2026, 12, 4), 1, D(2026, 12, 7)),  # Friday over the weekend to Monday
        (D(2026, 12, 5), 0, D(2026, 12, 5)),  # day 0 is the start itself
        (D(2024, 12, 24), 1, D(2024, 12, 27)),  # Christmas and Boxing Day 2024 (Wednesday, Thursday)
        (D(2020, 12, 24), 1, D(2020, 12, 29)),  # 2020: Boxing Day a Saturday, its substitute Monday 28th
        (D(2022, 12, 23), 1, D(2022, 12, 28)),  # 2022: Christmas a Sunday, substitutes 26th and 27th
        (D(2021, 12, 24), 1, D(2021, 12, 29)),  # 2021: both on the weekend, substitutes 27th and 28th
        (D(2024, 3, 28), 1, D(2024, 4, 2)),  # Easter 2024: Good Friday 29 March, Easter Monday 1 April
        (D(2025, 4, 17), 1, D(2025, 4, 22)),  # Easter 2025: 18 and 21 April
        (D(2019, 4, 18), 1, D(2019, 4, 23)),  # Easter 2019: 19 and 22 April
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # the King's coronation, Monday 8 May 2023
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_ilacs_action_plan_is_due_70_working_days_after_publication():
    # 70 working days are 14 weeks of weekdays: from Monday 6 January 2025 to Monday 14 April,
    # with no bank holiday between.
    assert add_working_days(D(2025, 1, 6), 70) == D(2025, 4, 14)
    # From Monday 3 February 2025 over Good Friday, Easter Monday and the May Day holiday: 3 days later.
    assert add_working_days(D(2025, 2, 3), 70) == D(2025, 5, 15)
    # From Monday 1 December 2025 over Christmas, Boxing Day and New Year's Day 2026: 3 days later.
    due = add_working_days(D(2025, 12, 1), 70)
    assert due == D(2026, 3, 12)
    assert working_days_between(D(2025, 12, 1), due) == 70


def test_days_between_counts_back_when_the_date_has_passed():
    assert working_days_between(D(2026, 12, 7), D(2026, 12, 4)) == -1
    assert working_days_between(D(2026, 12, 4), D(2026, 12, 4)) == 0


def test_christmas_easter_and_weekends_are_not_working_days():
    for holiday in [
        D(2023, 12, 25),
        D(2023, 12, 26),
        D(2023, 4, 7),
        D(2023, 4, 10),
        D(2026, 4, 3),
        D(2026, 4, 6),
    ]:
        assert not is_working_day(holiday)
    assert not is_working_day(D(2026, 12, 5))  # a Saturday
    assert is_working_day(D(2026, 12, 4))
