"""The 1.1 date rules (financial years, the two-digit-year rule) and the shared vocabulary."""

import datetime as dt

import pytest

from actiontrack.lib.duedates import find_date, read_due
from actiontrack.lib.vocabulary import RAG_COLOURS, RAG_STATUS, month_number


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        ("2024/25", "2025-03-31", "year"),
        ("2024-25", "2025-03-31", "year"),
        ("2024/2025", "2025-03-31", "year"),
        ("End of 2024/25", "2025-03-31", "year"),
        ("Q2 2023/24", "2023-09-30", "quarter"),
        ("Q4 2023-24", "2024-03-31", "quarter"),
        ("2020-2021", "2021-12-31", "range"),
    ],
)
def test_financial_years_run_from_april_to_march(text, date, kind):
    due = read_due(text)
    assert (due.date.isoformat() if due.date else None, due.kind) == (date, kind)


def test_a_two_digit_year_is_the_century_nearer_the_plans_date():
    assert read_due("31/12/99", dt.date(2002, 5, 1)).date == dt.date(1999, 12, 31)
    assert read_due("March '04", dt.date(2004, 1, 1)).date == dt.date(2004, 3, 31)
    assert read_due("31/12/99").date == dt.date(2099, 12, 31)  # no plan date: 20YY, as in 1.0
    assert find_date("12/03/99", pivot=2000) == dt.date(1999, 3, 12)


def test_one_vocabulary_of_months_and_colours():
    assert month_number("Sept.") == 9 and month_number("june") == 6 and month_number("Juno") is None
    assert "orange" in RAG_COLOURS and RAG_STATUS["orange"] == "at_risk"
