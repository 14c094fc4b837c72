"""Table reconstruction: repeated headers, page-split rows, wrapped rows, running titles, sections."""

from __future__ import annotations

import pytest

from actiontrack.importer import columns
from actiontrack.importer.fields.leads import split_leads
from actiontrack.importer.model import Paragraph, RawDocument, Table
from actiontrack.importer.reconstruct import Loose, Row, Section, Text, reconstruct, split_glued_heading
from actiontrack.lib.text import SOFT_BREAK

HEADER = ["No", "Recommendation", "Action to be taken", "By when", "Lead officer", "Progress"]


def rows_of(items):
    return [item for item in items if isinstance(item, Row)]


def test_header_words_map_to_roles():
    assert columns.header_roles(HEADER) == ["ref", "recommendation", "action", "due", "lead", "progress"]
    assert columns.header_role("Action taken") == "progress"
    assert columns.header_role("Actions to date") == "progress"
    assert columns.header_role("What we will do (5a)") == "action"
    assert columns.header_role("Update August 2013") == "progress"
    assert columns.header_role("Person Responsible") == "lead"
    assert columns.header_role("Timescales") == "due"
    assert columns.header_role("RAG") == "rag"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Action No.", "ref"),
        ("Rec Ref", "ref"),
        ("Recommendation number", "ref"),
        ("Action owner", "lead"),
        ("Lead agency", "agency"),
        ("Agency", "agency"),
        ("Directorate", "agency"),
        ("Responsible officer", "lead"),
        ("Owner", "lead"),
        ("Agency response", "progress"),
        ("Key milestones achieved", "progress"),
        ("Completion date and outcome", "progress"),
        ("Current position", "progress"),
        ("Comments", "progress"),
        ("Progress/Evidence", "progress"),
        ("Deadline", "due"),
        ("Completion date", "due"),
        ("Target", "due"),
        ("Outcomes sought", "outcomes"),
        ("Success measures", "measures"),
        ("Section", "section"),
        ("Progress RAG", "rag"),
        ("Current RAG rating", "rag"),
        ("BRAG", "rag"),
        ("Status", "rag"),
        ("Status update", "progress"),
        ("Notes", "progress"),
        ("How will we know", "measures"),
        ("Outcome measures", "measures"),
        ("Evidence of completion", "evidence"),
        ("Improvement required", "recommendation"),
        ("Learning point", "recommendation"),
        ("Area for improvement", "recommendation"),
    ],
)
def test_header_words_of_other_trackers_map_to_roles(header, role):
    assert columns.header_role(header) == role


def test_of_several_date_columns_the_deadline_is_the_due_date():
    roles = columns.header_roles(["Ref", "Action", "Lead", "Date raised", "Target date", "Date completed"])
    assert roles == ["ref", "action", "lead", None, "due", None]
    roles = columns.header_roles(["Action", "Lead", "Original target date", "Revised target date", "Update"])
    assert roles == ["action", "lead", None, "due", "progress"]


def test_a_sentence_row_is_not_a_header():
    assert columns.header_roles(["1", "The action plan should be reviewed by the board", "March"]) is None


def test_repeated_header_after_a_page_break_continues_the_table_and_rejoins_the_split_row():
    doc = RawDocument(
        "p.txt",
        "text",
        [
            Paragraph("Plan"),
            Table(
                [
                    HEADER,
                    ["1", "Referrals should be acknowledged within", "Send a letter to", "May", "AB", ""],
                ]
            ),
            Paragraph("Plan"),
            Table([HEADER, ["", "three days.", "every referrer", "", "", ""]]),
        ],
    )
    items = reconstruct(doc)
    assert [type(i) for i in items] == [Text, Row]
    row = rows_of(items)[0]
    assert row.get("recommendation") == "Referrals should be acknowledged within three days."
    assert row.get("action") == "Send a letter to every referrer"


def test_rows_without_reference_under_a_recommendation_stay_separate_actions():
    table = Table(
        [
            HEADER,
            ["7", "Publish guidance.", "Issue interim guidance", "March 2003", "SM", "Done"],
            ["", "", "Amend existing protocol", "October 2002", "ACPC", ""],
        ]
    )
    items = reconstruct(RawDocument("p.docx", "docx", [table]))
    assert [r.get("action") for r in rows_of(items)] == ["Issue interim guidance", "Amend existing protocol"]


def test_wrapped_lines_of_a_pdf_row_join_into_one_row():
    table = Table(
        [
            ["Recommendation", "Action taken", "Lead", "Action to be taken", "By when"],
            ["1.1 The board should", "The group has been", "Assistant Director,", "Agree the", "June 2003"],
            ["meet quarterly.", "meeting since May", "Children's Services", "terms of reference", ""],
        ]
    )
    row = rows_of(reconstruct(RawDocument("p.txt", "text", [table])))[0]
    assert row.get("recommendation") == "1.1 The board should meet quarterly."
    # A lead cell's rejoined lines stay apart (a soft break): the lead splitter tells wraps from new leads.
    assert row.get("lead") == f"Assistant Director,{SOFT_BREAK}Children's Services"
    assert split_leads(row.get("lead")) == ["Assistant Director, Children's Services"]
    assert row.get("action") == "Agree the terms of reference"


def test_a_lone_capitals_row_is_a_section_heading():
    table = Table([HEADER, ["", "SOCIAL SERVICES", "", "", "", ""], ["1", "Text.", "Act", "May", "AB", ""]])
    items = reconstruct(RawDocument("p.txt", "text", [table]))
    assert isinstance(items[0], Section) and items[0].text == "SOCIAL SERVICES"


def test_cell_ending_mid_phrase_before_a_page_break_takes_the_next_pages_text():
    doc = RawDocument(
        "p.txt",
        "text",
        [
            Table([HEADER, ["1", "Text.", "Identify cases", "Continuing", "SM", "Overseen monthly since"]]),
            Paragraph("APPENDIX 1"),
            Table([["", "", "Publish procedures", "April 2003", "SM", "September 2001"]]),
        ],
    )
    rows = rows_of(reconstruct(doc))
    assert rows[0].get("progress") == "Overseen monthly since September 2001"
    assert rows[1].get("action") == "Publish procedures" and rows[1].get("progress") == ""


def test_rows_above_a_header_are_paragraphs_and_headerless_tables_are_loose():
    doc = RawDocument(
        "p.txt",
        "text",
        [
            Table(
                [
                    ["Recommendation No. 2 - for immediate improvement", "", ""],
                    ["What we will do", "By when", "Lead"],
                ]
            ),
            Paragraph("Notes"),
            Table([["Blue", "Completed"], ["Red", "Delayed"]]),
        ],
    )
    items = reconstruct(doc)
    assert isinstance(items[0], Text) and items[0].text.startswith("Recommendation No. 2")
    assert isinstance(items[-1], Loose)


def test_glued_capitals_heading_is_split_from_the_title():
    assert split_glued_heading("ACPC Action Plans from SSI ReportRECOMMENDATIONS – STRATEGIC") == [
        "ACPC Action Plans from SSI Report",
        "RECOMMENDATIONS – STRATEGIC",
    ]
    assert split_glued_heading("An ordinary line") == ["An ordinary line"]
