import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from actiontrack.lib.duedates import KIND_LABELS, KINDS, Due, find_date, find_month, not_understood, read_due

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLDEN = sorted((SHARED / "golden").glob("*.json"))

D = datetime.date
AS_OF_2004 = D(2004, 3, 23)
AS_OF_2013 = D(2013, 9, 18)


def test_kinds_follow_the_spec_order_and_all_have_labels() -> None:
    assert KINDS == (
        "date", "month", "mid_month", "quarter", "season", "year", "range", "from",
        "recurring", "event", "immediate", "ongoing", "done", "unspecified",
    )  # fmt: skip
    assert set(KIND_LABELS) == set(KINDS)
    assert KIND_LABELS["month"] == "a month"
    assert KIND_LABELS["season"] == "a season"


@pytest.mark.parametrize(
    ("text", "as_of", "date", "kind"),
    [
        # date
        ("12/01/18", None, D(2018, 1, 12), "date"),
        ("19/03/2018", None, D(2018, 3, 19), "date"),
        ("23.02.18", None, D(2018, 2, 23), "date"),
        ("2.2.18", None, D(2018, 2, 2), "date"),
        ("by 12th March", AS_OF_2004, D(2004, 3, 12), "date"),
        ("by 12 th March", AS_OF_2004, D(2004, 3, 12), "date"),
        ("18th September 2013", None, D(2013, 9, 18), "date"),
        ("June 30th 2013", None, D(2013, 6, 30), "date"),
        ("2013-09-18", None, D(2013, 9, 18), "date"),
        # as Excel prints date cells ("dd-mmm-yy", "mmm-yy") and as US-style exports write them
        ("31-Mar-24", None, D(2024, 3, 31), "date"),
        ("March 31, 2024", None, D(2024, 3, 31), "date"),
        ("Dec-24", None, D(2024, 12, 31), "month"),
        ("Sept-2024", None, D(2024, 9, 30), "month"),
        ("12-01-18", None, D(2018, 1, 12), "date"),
        # month
        ("June 2003", None, D(2003, 6, 30), "month"),
        ("March '04", None, D(2004, 3, 31), "month"),
        ("April ’04", None, D(2004, 4, 30), "month"),
        ("February 2004", None, D(2004, 2, 29), "month"),
        ("end of March", AS_OF_2004, D(2004, 3, 31), "month"),
        ("By end of March", AS_OF_2004, D(2004, 3, 31), "month"),
        ("End of April 2013.", None, D(2013, 4, 30), "month"),
        ("Dec 2013", None, D(2013, 12, 31), "month"),
        ("Business Plan completed by September '04", None, D(2004, 9, 30), "month"),
        ("September 2013 (end of Q2 reporting period).", AS_OF_2013, D(2013, 9, 30), "month"),
        ("Complete by June 2013", None, D(2013, 6, 30), "month"),
        # mid_month
        ("Mid-April 2018", None, D(2018, 4, 15), "mid_month"),
        ("mid May 2018", None, D(2018, 5, 15), "mid_month"),
        # quarter (financial-year numbering: Q3 ends in December)
        ("During Q3 (by end of December 2013)", AS_OF_2013, D(2013, 12, 31), "quarter"),
        ("quarter ending June 04", None, D(2004, 6, 30), "quarter"),
        ("Q2", AS_OF_2013, D(2013, 9, 30), "quarter"),
        ("Q4 2013", None, D(2014, 3, 31), "quarter"),
        # season
        ("Summer 2002", None, D(2002, 8, 31), "season"),
        ("Autumn 2003", None, D(2003, 11, 30), "season"),
        ("Spring 2004", None, D(2004, 5, 31), "season"),
        ("Autumn term 2013", None, D(2013, 11, 30), "season"),
        ("Winter 2003", None, D(2004, 2, 29), "season"),
        ("Winter 2004", None, D(2005, 2, 28), "season"),
        ("Spring", AS_OF_2004, D(2004, 5, 31), "season"),
        # year
        ("2004", None, D(2004, 12, 31), "year"),
        # range
        ("19/02/18 – 18/05/18", None, D(2018, 5, 18), "range"),
        ("March – June '04", None, D(2004, 6, 30), "range"),
        ("Pilot to take place on 19/02/18 – 18/05/18", None, D(2018, 5, 18), "range"),
        ("From April to June 2013", None, D(2013, 6, 30), "range"),
        ("November – February 2004", None, D(2004, 2, 29), "range"),
        ("Between March and June 2004", None, D(2004, 6, 30), "range"),
        ("Dec 2003 - Jan 2004", None, D(2004, 1, 31), "range"),
        # from
        ("From September 2003", None, D(2003, 9, 1), "from"),
        ("January 2004 onwards", None, D(2004, 1, 1), "from"),
        ("To commence wef April 2013", None, D(2013, 4, 1), "from"),
        ("Revised Clinic in place wef March 2013.", None, D(2013, 3, 1), "from"),
        ("From quarter ending June 04.", None, D(2004, 4, 1), "from"),
        ("From 1st April 2013", None, D(2013, 4, 1), "from"),
        ("From Summer 2004", None, D(2004, 6, 1), "from"),
        ("Present onwards", None, None, "from"),
        # recurring
        ("Weekly commencing 29/01/18", None, D(2018, 1, 29), "recurring"),
        ("Fortnightly commencing 29/01/18", None, D(2018, 1, 29), "recurring"),
        ("April 2003 (and yearly thereafter)", None, D(2003, 4, 30), "recurring"),
        ("Quarterly contract monitoring, wef August 2013 onwards", None, D(2013, 8, 1), "recurring"),
        ("Monthly from April 2013", None, D(2013, 4, 1), "recurring"),
        ("Quarterly reports", None, None, "recurring"),
        # event
        ("Report back to April ACPC", AS_OF_2004, D(2004, 4, 30), "event"),
        ("At the October ACPC meeting", AS_OF_2004, D(2004, 10, 31), "event"),
        ("For SLSCB Development Day in June 2013", None, D(2013, 6, 30), "event"),
        ("Report to CMT in April 2013", None, D(2013, 4, 30), "event"),
        ("Draft for Health & Wellbeing Board July 2013.", None, D(2013, 7, 31), "event"),
        ("Report on progress to July & Oct. ACPC meetings.", AS_OF_2004, D(2004, 10, 31), "event"),
        ("Ongoing – to review progress at July ACPC", AS_OF_2004, D(2004, 7, 31), "event"),
        ("Ongoing Review Oct ACPC.", AS_OF_2004, D(2004, 10, 31), "event"),
        ("March – June '04 Analysis presented to July ACPC.", AS_OF_2004, D(2004, 7, 31), "event"),
        ("Discuss at next Training Sub Group.", None, None, "event"),
        ("Report back to April ACPC", None, None, "event"),
        # immediate
        ("With immediate effect", None, None, "immediate"),
        ("Immediately", None, None, "immediate"),
        # ongoing
        ("Ongoing", None, None, "ongoing"),
        ("Continuing", None, None, "ongoing"),
        ("continuing", None, None, "ongoing"),
        ("On-going", None, None, "ongoing"),
        # done
        ("Completed", None, None, "done"),
        ("Completed.", None, None, "done"),
        ("Completed June 2003", None, D(2003, 6, 30), "done"),
        ("Completed – first weekly report wef 11/03/13", None, D(2013, 3, 11), "done"),
        ("In place already as part of existing case file audit tool.", None, None, "done"),
        # unspecified
        ("Following further analysis", None, None, "unspecified"),
        ("Timescale to be determined following CMT discussion.", None, None, "unspecified"),
        (
            "To be confirmed - dependent on new national data collection arrangements.",
            None,
            None,
            "unspecified",
        ),
        ("Review dates to be confirmed.", None, None, "unspecified"),
        ("TBC", None, None, "unspecified"),
        (
            "ACPC Chair to write to Chairs of School Forum x3 to invite representation on ACPC.",
            None,
            None,
            "unspecified",
        ),
        ("this may take some time", None, None, "unspecified"),
        ("15 th", AS_OF_2004, None, "unspecified"),
    ],
)
def test_read_due_follows_the_spec_table(
    text: str, as_of: datetime.date | None, date: datetime.date | None, kind: str
) -> None:
    due = read_due(text, as_of)
    assert (due.date, due.kind) == (date, kind)
    assert due.text == text.strip()


@pytest.mark.parametrize(
    ("text", "as_of", "date", "kind"),
    [
        # The as-of rule: the first year on or after three months before as_of.
        ("by 12th March", AS_OF_2004, D(2004, 3, 12), "date"),
        ("October", AS_OF_2004, D(2004, 10, 31), "month"),
        ("December", AS_OF_2004, D(2003, 12, 31), "month"),
        ("January", AS_OF_2004, D(2004, 1, 31), "month"),
        ("12th December", AS_OF_2004, D(2004, 12, 12), "date"),
        ("24th December", AS_OF_2004, D(2003, 12, 24), "date"),
        ("23rd December", AS_OF_2004, D(2003, 12, 23), "date"),
        ("22nd December", AS_OF_2004, D(2004, 12, 22), "date"),
        ("May", D(2013, 1, 10), D(2013, 5, 31), "month"),
        ("October", D(2013, 1, 10), D(2012, 10, 31), "month"),
        ("November", D(2013, 1, 10), D(2012, 11, 30), "month"),
        ("September", D(2013, 1, 10), D(2013, 9, 30), "month"),
        # No year and no as_of: the kind is still given, the date is not.
        ("October", None, None, "month"),
        ("by 12th March", None, None, "date"),
        ("end of March", None, None, "month"),
        ("At the October ACPC meeting", None, None, "event"),
    ],
)
def test_a_date_without_a_year_is_placed_by_the_as_of_rule(
    text: str, as_of: datetime.date | None, date: datetime.date | None, kind: str
) -> None:
    assert (read_due(text, as_of).date, read_due(text, as_of).kind) == (date, kind)


@pytest.mark.parametrize(
    ("text", "as_of", "date", "kind"),
    [
        (
            "- by 12 th March - by 15 th March and completion by end of March - By end of March"
            " - Report back to April ACPC",
            AS_OF_2004,
            D(2004, 4, 30),
            "event",
        ),
        ("by 15 th March and completion by end of March", AS_OF_2004, D(2004, 3, 31), "month"),
        ("by 15 th March and completion by end of March", None, None, "month"),
        ("March '04 April '04", None, D(2004, 4, 30), "month"),
        ("March '04\nApril '04", None, D(2004, 4, 30), "month"),
        ("June 2003 October 2003", None, D(2003, 10, 31), "month"),
        ("12/01/18 and 30/01/18", None, D(2018, 1, 30), "date"),
        ("<p>May '04</p> <p>Report on progress July ACPC.</p>", AS_OF_2004, D(2004, 7, 31), "event"),
    ],
)
def test_several_deadlines_in_one_cell_give_the_latest(
    text: str, as_of: datetime.date | None, date: datetime.date | None, kind: str
) -> None:
    due = read_due(text, as_of)
    assert (due.date, due.kind) == (date, kind)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t", "<p> </p>"])
def test_empty_due_cell_reads_as_nothing(text: str | None) -> None:
    assert read_due(text, AS_OF_2004) == Due(None, None, None)


def test_due_text_is_whitespace_cleaned_and_unmarked() -> None:
    due = read_due("<p>March – June '04</p>\n<p>Analysis  presented to July ACPC.</p>", AS_OF_2004)
    assert due.text == "March – June '04 Analysis presented to July ACPC."


@pytest.mark.parametrize(
    ("due", "data"),
    [
        (
            Due("June 2003", D(2003, 6, 30), "month"),
            {"text": "June 2003", "date": "2003-06-30", "kind": "month"},
        ),
        (Due("Ongoing", None, "ongoing"), {"text": "Ongoing", "date": None, "kind": "ongoing"}),
        (Due(None, None, None), {"text": None, "date": None, "kind": None}),
    ],
)
def test_due_round_trips_through_its_dict_form(due: Due, data: dict[str, Any]) -> None:
    assert due.as_dict() == data
    assert Due.from_dict(data) == due


def test_due_from_missing_dict_is_empty() -> None:
    assert Due.from_dict(None) == Due(None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CP Reduction Action Plan Review- 14/06/2018 – V8", D(2018, 6, 14)),
        ("update for CYP Select Committee 18th September 2013", D(2013, 9, 18)),
        ("Updated 23.03.04", D(2004, 3, 23)),
        ("as_of 2018-06-14", D(2018, 6, 14)),
        ("Agreed at ACPC on 3rd March 2004", D(2004, 3, 3)),
        ("14/06/2018 then 18th September 2013", D(2018, 6, 14)),
        ("18th September 2013 then 14/06/2018", D(2013, 9, 18)),
        ("Brent May 2003", None),
        ("Version 1.13 of 2.8", None),
        ("31/02/2018", None),
        ("", None),
    ],
)
def test_find_date_returns_the_first_full_date(text: str, expected: datetime.date | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inter-agency Inspections London Borough of Brent May 2003", (2003, 5)),
        ("the January 2013 Ofsted Inspection", (2013, 1)),
        ("Action Plan October 2002", (2002, 10)),
        ("no month here", None),
        ("October", None),
    ],
)
def test_find_month_returns_the_first_month_and_year(text: str, expected: tuple[int, int] | None) -> None:
    assert find_month(text) == expected


def _golden_actions() -> list[tuple[str, datetime.date | None, dict[str, Any]]]:
    found: list[tuple[str, datetime.date | None, dict[str, Any]]] = []
    for path in GOLDEN:
        plan = json.loads(path.read_text(encoding="utf-8"))
        as_of = datetime.date.fromisoformat(plan["as_of"]) if plan.get("as_of") else None
        actions = [action for rec in plan["recommendations"] for action in rec["actions"]] + plan["actions"]
        found.extend((path.stem, as_of, action["due"]) for action in actions)
    return found


@pytest.mark.skipif(not GOLDEN, reason=f"no golden documents at {SHARED / 'golden'}")
def test_every_golden_due_date_is_reproduced() -> None:
    actions = _golden_actions()
    wrong = [
        (name, expected, got)
        for name, as_of, expected in actions
        if (got := read_due(expected["text"], as_of).as_dict()) != expected
    ]
    assert len(actions) > 100
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Report to SLT in May 2024", "event"),
        ("Report to the CSCP in May 2024", "event"),
        ("Report back to DMT", "event"),
        ("Result expected May 2024", "month"),
    ],
)
def test_board_and_team_acronyms_mark_events_in_general(text, kind):
    assert read_due(text, datetime.date(2024, 1, 1)).kind == kind


@pytest.mark.parametrize(
    ("typed", "not_read"),
    [
        ("31/06/2026", "31/06/2026"),  # June has 30 days
        ("30/02/2026", "30/02/2026"),
        ("By 31/06/2026 at the latest", "31/06/2026"),
        ("when pigs fly", "when pigs fly"),
        ("next week", "next week"),
        ("31/03/2026", None),
        ("March 2026", None),
        ("Summer 2026", None),
        ("Q2 2023/24", None),
        ("Report back to April board", None),
        ("Ongoing", None),
        ("With immediate effect", None),
        ("To be confirmed", None),
        ("", None),
    ],
)
def test_a_typed_due_date_that_cannot_be_read_names_what_was_not_understood(typed, not_read):
    assert not_understood(typed, datetime.date(2026, 1, 1)) == not_read
