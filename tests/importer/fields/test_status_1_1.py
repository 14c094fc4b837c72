"""The 1.1 status rules: a printed RAG code, a RAG word opening a progress cell, a closing status word."""

import datetime as dt

import pytest

from actiontrack.importer.fields.status import closing_status, opening_rag, rag_code, status_from_rag
from actiontrack.importer.fields.updates import split_updates
from actiontrack.importer.plan_meta import status_key


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("Amber", "amber"),
        ("GREEN", "green"),
        ("Orange", "orange"),
        ("R", "red"),
        ("Not started", None),
        ("", None),
    ],
)
def test_the_printed_rag_is_a_lower_case_colour(printed, code):
    assert rag_code(printed) == code


def test_a_label_of_the_plans_key_gives_its_colour():
    assert rag_code("Completed", [{"code": "blue", "label": "Completed"}]) == "blue"


@pytest.mark.parametrize(
    ("cell", "rag", "rest"),
    [
        ("Amber – rota agreed", "Amber", "rota agreed"),
        ("Green: huddles running", "Green", "huddles running"),
        ("Blue\nDeputy agreed", "Blue", "Deputy agreed"),
        ("Greenwich team briefed", "", "Greenwich team briefed"),
    ],
)
def test_a_rag_word_opening_a_progress_cell_is_split_off(cell, rag, rest):
    assert opening_rag(cell) == (rag, rest if rag else cell)


@pytest.mark.parametrize(
    ("update", "status"),
    [
        ("Training delivered and practice now embedded. Completed.", "completed"),
        ("Policy agreed. Ongoing.", "ongoing"),
        ("Agencies have completed their response", None),
        ("Not started.", None),
    ],
)
def test_a_status_word_closing_an_update_gives_the_status(update, status):
    assert closing_status(update) == status


def test_a_numbered_status_key_maps_a_status_column_of_numbers():
    key = status_key([], ["Status key: 1 Fully achieved, 2 On track, 3 Some concerns, 4 Not started"])
    assert key == {"1": "Fully achieved", "2": "On track", "3": "Some concerns", "4": "Not started"}
    assert [status_from_rag(n, (), key) for n in "1234"] == [
        "completed",
        "on_track",
        "at_risk",
        "not_started",
    ]


def test_a_month_only_stamp_opens_an_entry_dated_at_the_months_end_or_as_of():
    entries = split_updates(
        "Jan 2024: Terms agreed.\nMarch 2024 – Pilot started.", None, dt.date(2024, 3, 20)
    )
    assert [(e.date, e.text) for e in entries] == [
        (dt.date(2024, 1, 31), "Terms agreed."),
        (dt.date(2024, 3, 20), "Pilot started."),
    ]
    assert len(split_updates("Completed in March 2024 – all staff trained.")) == 1
