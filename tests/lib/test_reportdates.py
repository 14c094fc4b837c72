"""A report's date: kept as actionplan/1.1 keeps it, written and read as people write it."""

from __future__ import annotations

import datetime

import pytest

from actiontrack.lib.duedates import read_as
from actiontrack.lib.reportdates import read_report_date, report_date_words


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("January 2013", "2013-01", "January 2013"),
        ("Jan 2013", "2013-01", "January 2013"),
        ("01/2013", "2013-01", "January 2013"),
        ("2013-01", "2013-01", "January 2013"),
        ("15 January 2013", "2013-01-15", "15 January 2013"),
        ("15/01/2013", "2013-01-15", "15 January 2013"),
        ("", "", ""),
    ],
)
def test_a_report_date_is_read_from_words_or_figures_and_written_in_words(typed, stored, shown):
    assert read_report_date(typed) == stored
    assert report_date_words(stored) == shown


@pytest.mark.parametrize("typed", ["the spring", "31/02/2013", "13/2013", "Smarch 2013"])
def test_a_report_date_that_is_not_one_is_refused(typed):
    assert read_report_date(typed) is None


@pytest.mark.parametrize(
    ("kind", "date", "words"),
    [
        ("month", datetime.date(2027, 3, 31), "the end of March 2027"),
        ("date", datetime.date(2027, 3, 14), "14 March 2027"),
        ("year", datetime.date(2027, 12, 31), "the end of 2027"),
        ("quarter", datetime.date(2013, 12, 31), "the end of the quarter, 31 December 2013"),
        ("from", datetime.date(2003, 9, 1), "from 1 September 2003"),
        ("ongoing", None, "ongoing, with no date"),
        ("unspecified", None, "no date"),
    ],
)
def test_what_a_due_date_was_read_as_is_said_in_words(kind, date, words):
    assert read_as(kind, date) == words
