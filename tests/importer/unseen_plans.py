"""Action plans laid out unlike the seeds, built in each format, with their expected reading.

Each layout is one that safeguarding partnerships commonly use: (a) a Word
JTAI improvement plan with a dated progress log, (b) an Excel tracker with
priority groups, merged recommendations and real date cells, (c) a CSV export
from another tracker, (d) an unruled PDF over two pages, (e) a ruled PDF whose
lead cells list one person per line, (f) a tab-separated serious case review
plan with a key of initials, (g) a workbook whose plan follows a guidance tab
and whose RAG key has a tab of its own, (h) a Word plan whose header has a
second row of dated update columns, (i) a Word plan set out as a form per
recommendation. (d) and (e) are in `unseen_plans_pdf`, (f) to (i) in
`unseen_plans_extra`. The expected `actionplan/1` documents
are written by hand from the spec, not produced by the importer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

# -- expected documents --------------------------------------------------------------------------


def act(
    text: str,
    leads: list[str],
    due: str | None,
    date: str | None,
    kind: str | None,
    status: str | None = None,
    updates: Sequence[tuple[str | None, str]] = (),
    ref: str | None = None,
) -> dict[str, Any]:
    return {
        "ref": ref,
        "text": text,
        "leads": leads,
        "due": {"text": due, "date": date, "kind": kind},
        "status": status,
        "updates": [{"date": d, "text": t} for d, t in updates],
    }


def rec(ref: str | None, text: str, actions: list[dict[str, Any]], section: str | None = None) -> dict:
    return {
        "ref": ref,
        "section": section,
        "text": text,
        "priority": None,
        "objective": None,
        "outcomes": [],
        "measures": [],
        "actions": actions,
    }


def plan(
    title: str, kind: str, recs: Sequence[dict] = (), actions: Sequence[dict] = (), **fields: Any
) -> dict:
    return {
        "format": "actionplan/1",
        "title": title,
        "source": {"kind": kind, "title": None, "date": None},
        "owner": fields.get("owner"),
        "as_of": fields.get("as_of"),
        "version": fields.get("version"),
        "reporting_to": fields.get("reporting_to"),
        "notes": [],
        "rag_scale": fields.get("rag_scale", []),
        "people": [{"key": k, "name": None, "role": None} for k in fields.get("people", [])],
        "recommendations": list(recs),
        "actions": list(actions),
    }


# -- (a) a Word JTAI improvement plan with a dated progress log -------------------------------------

JTAI_TITLE = "Westmoor Safeguarding Children Partnership: JTAI Improvement Plan"
JTAI_HEADER = ["Area for improvement", "Actions", "Lead officer", "Target date", "RAG", "Progress update"]
JTAI_ROWS = [
    [
        "1. Information about domestic abuse incidents is not shared with schools and health visitors "
        "quickly enough.",
        "Introduce a daily domestic abuse triage meeting with police, health and education.",
        "Head of Service, Front Door",
        "31/03/2024",
        "Green",
        "12/01/2024 – Terms of reference agreed by the Partnership Executive.\n"
        "08/02/2024 – Pilot started in the north locality.",
    ],
    [
        "",
        "Extend Operation Encompass notifications to early years settings.",
        "Education Safeguarding Lead and Designated Nurse",
        "June 2024",
        "Amber",
        "15/02/2024 – Early years providers consulted; data sharing agreement in draft.",
    ],
    [
        "2. Leaders do not have a clear picture of the quality of practice with children living with "
        "domestic abuse.",
        "Carry out a multi-agency audit of twenty cases each quarter.",
        "Partnership Business Manager",
        "Quarterly from April 2024",
        "Green",
        "",
    ],
    [
        "",
        "Report the audit findings to the Partnership Executive.",
        "Independent Scrutineer",
        "September 2024",
        "",
        "",
    ],
    [
        "",
        "Publish a domestic abuse practice guide for practitioners.",
        "Head of Quality Assurance",
        "31 January 2024",
        "Blue",
        "29/01/2024 – Guide published on the Partnership website.",
    ],
]
JTAI_EXPECTED = plan(
    JTAI_TITLE,
    "joint_inspection",
    owner="Westmoor Safeguarding Children Partnership",
    as_of="2024-03-20",
    version="Version 3",
    recs=[
        rec(
            "1",
            "Information about domestic abuse incidents is not shared with schools and health visitors "
            "quickly enough.",
            [
                act(
                    "Introduce a daily domestic abuse triage meeting with police, health and education.",
                    ["Head of Service, Front Door"],
                    "31/03/2024",
                    "2024-03-31",
                    "date",
                    "on_track",
                    [
                        ("2024-01-12", "Terms of reference agreed by the Partnership Executive."),
                        ("2024-02-08", "Pilot started in the north locality."),
                    ],
                ),
                act(
                    "Extend Operation Encompass notifications to early years settings.",
                    ["Education Safeguarding Lead", "Designated Nurse"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    "at_risk",
                    [("2024-02-15", "Early years providers consulted; data sharing agreement in draft.")],
                ),
            ],
        ),
        rec(
            "2",
            "Leaders do not have a clear picture of the quality of practice with children living with "
            "domestic abuse.",
            [
                act(
                    "Carry out a multi-agency audit of twenty cases each quarter.",
                    ["Partnership Business Manager"],
                    "Quarterly from April 2024",
                    "2024-04-01",
                    "recurring",
                    "on_track",
                ),
                act(
                    "Report the audit findings to the Partnership Executive.",
                    ["Independent Scrutineer"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                ),
                act(
                    "Publish a domestic abuse practice guide for practitioners.",
                    ["Head of Quality Assurance"],
                    "31 January 2024",
                    "2024-01-31",
                    "date",
                    "completed",
                    [("2024-01-29", "Guide published on the Partnership website.")],
                ),
            ],
        ),
    ],
)


def build_jtai_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(JTAI_TITLE, level=1)
    document.add_paragraph("Version 3 – updated 14 March 2024")
    document.add_paragraph(
        "This plan responds to the joint targeted area inspection of the multi-agency response to "
        "children living with domestic abuse in November 2023."
    )
    table = document.add_table(rows=1 + len(JTAI_ROWS), cols=len(JTAI_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, JTAI_HEADER, strict=True):
        cell.text = text
    for r, values in enumerate(JTAI_ROWS, start=1):
        for c, value in enumerate(values):
            if c == 0 and not value:
                continue
            lines = value.split("\n")
            cell = table.cell(r, c)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 0).merge(table.cell(5, 0))
    document.add_paragraph("Agreed by the Partnership Executive on 20 March 2024.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- (b) an Excel tracker: title rows, priority groups, merged recommendations, date cells ------------

SAR_ROWS: list[tuple[str, str, str, str, Any, str]] = [
    ("1", "Practitioners should be trained to recognise self-neglect.", "Commission self-neglect training "
     "for adult social care staff.", "Principal Social Worker", dt.date(2024, 3, 31), "Complete"),
    ("", "", "Add self-neglect to the multi-agency training offer.", "Board Training Lead",
     dt.date(2024, 6, 30), "On track"),
    ("", "", "Audit the use of the self-neglect toolkit.", "Quality Assurance Manager",
     dt.date(2024, 9, 30), "Not started"),
    ("2", "Commissioners should check that care providers escalate missed visits.", "Add escalation of "
     "missed visits to the provider contract monitoring tool.", "Head of Commissioning",
     dt.date(2024, 1, 31), "Delayed"),
    ("", "", "Report missed visits data to the Board quarterly.", "Contracts Manager",
     dt.date(2024, 6, 1), "On track"),
    ("3", "The Board should seek assurance that the learning has been shared.", "Publish a seven-minute "
     "briefing on the review.", "Board Business Manager", dt.date(2024, 2, 29), "Complete"),
]  # fmt: skip
SAR_EXPECTED = plan(
    "Eastbury Safeguarding Adults Board Safeguarding Adults Review (Adult K) – Action Plan",
    "safeguarding_adults_review",
    owner="Eastbury Safeguarding Adults Board",
    as_of="2024-02-05",
    recs=[
        rec(
            "1",
            SAR_ROWS[0][1],
            [
                act(
                    SAR_ROWS[0][2],
                    ["Principal Social Worker"],
                    "31/03/2024",
                    "2024-03-31",
                    "date",
                    "completed",
                ),
                act(SAR_ROWS[1][2], ["Board Training Lead"], "30/06/2024", "2024-06-30", "date", "on_track"),
                act(
                    SAR_ROWS[2][2],
                    ["Quality Assurance Manager"],
                    "30/09/2024",
                    "2024-09-30",
                    "date",
                    "not_started",
                ),
            ],
            section="Priority 1: Workforce",
        ),
        rec(
            "2",
            SAR_ROWS[3][1],
            [
                act(SAR_ROWS[3][2], ["Head of Commissioning"], "31/01/2024", "2024-01-31", "date", "delayed"),
                act(SAR_ROWS[4][2], ["Contracts Manager"], "Jun-24", "2024-06-30", "month", "on_track"),
            ],
            section="Priority 2: Commissioning",
        ),
        rec(
            "3",
            SAR_ROWS[5][1],
            [
                act(
                    SAR_ROWS[5][2],
                    ["Board Business Manager"],
                    "29/02/2024",
                    "2024-02-29",
                    "date",
                    "completed",
                )
            ],
            section="Priority 2: Commissioning",
        ),
    ],
)


def build_sar_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "SAR tracker"
    sheet["A1"] = "Eastbury Safeguarding Adults Board"
    sheet["A2"] = "Safeguarding Adults Review (Adult K) – Action Plan"
    sheet["A3"] = "Last updated: 05/02/2024"
    sheet.append([])
    sheet.append(["Ref", "Recommendation", "Action", "Lead", "Due date", "Status"])
    row = 6
    groups = {0: "Priority 1: Workforce", 3: "Priority 2: Commissioning"}
    spans = {0: 3, 3: 2, 5: 1}
    for index, (ref, recommendation, action, lead, due, status) in enumerate(SAR_ROWS):
        if index in groups:
            sheet.cell(row, 1, groups[index])
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
            row += 1
        if index in spans:
            sheet.cell(row, 1, int(ref))
            sheet.cell(row, 2, recommendation)
            if spans[index] > 1:
                for column in (1, 2):
                    sheet.merge_cells(
                        start_row=row, start_column=column, end_row=row + spans[index] - 1, end_column=column
                    )
        sheet.cell(row, 3, action)
        sheet.cell(row, 4, lead)
        due_cell = sheet.cell(row, 5, due)
        due_cell.number_format = "mmm-yy" if due.day == 1 else "dd/mm/yyyy"
        sheet.cell(row, 6, status)
        row += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- (c) a CSV export from another tracker, one row per action -----------------------------------------

CSV_HEADER = ["Rec No", "Recommendation", "Action", "Owner", "Due Date", "Status", "Latest Update"]
CSV_RECS = {
    "1": "Partners should agree a shared definition of contextual safeguarding, including exploitation.",
    "2": "The partnership should improve the voice of the child in strategy meetings.",
}
CSV_ROWS = [
    ["1", CSV_RECS["1"], "Draft the definition with the exploitation sub-group.", "Jane Hoey", "31/01/2024",
     "Complete", "10/01/2024: Definition agreed by the sub-group."],
    ["1", CSV_RECS["1"], "Train front door staff in the definition.", "Cath Thomas", "30/04/2024", "On track",
     "Training sessions booked for March and April."],
    ["1", CSV_RECS["1"], "Add the definition to the threshold document.", "Policy Officer",
     "End of June 2024",
     "Not started", ""],
    ["2", CSV_RECS["2"], "Add a section on the child's views to the strategy meeting template.",
     "Head of Service, Safeguarding", "29/02/2024", "Delayed", "Template change waiting for IT release."],
    ["2", CSV_RECS["2"], "Dip-sample twenty strategy meeting records.", "Quality Assurance Team", "Ongoing",
     "On track", "05/03/2024: First sample of ten completed, findings to April meeting."],
]  # fmt: skip
CSV_EXPECTED = plan(
    "tracker_export",
    "internal",
    recs=[
        rec(
            "1",
            CSV_RECS["1"],
            [
                act(CSV_ROWS[0][2], ["Jane Hoey"], "31/01/2024", "2024-01-31", "date", "completed",
                    [("2024-01-10", "Definition agreed by the sub-group.")]),
                act(CSV_ROWS[1][2], ["Cath Thomas"], "30/04/2024", "2024-04-30", "date", "on_track",
                    [(None, "Training sessions booked for March and April.")]),
                act(CSV_ROWS[2][2], ["Policy Officer"], "End of June 2024", "2024-06-30", "month",
                    "not_started"),
            ],
        ),
        rec(
            "2",
            CSV_RECS["2"],
            [
                act(CSV_ROWS[3][2], ["Head of Service, Safeguarding"], "29/02/2024", "2024-02-29", "date",
                    "delayed", [(None, "Template change waiting for IT release.")]),
                act(CSV_ROWS[4][2], ["Quality Assurance Team"], "Ongoing", None, "ongoing", "on_track",
                    [("2024-03-05", "First sample of ten completed, findings to April meeting.")]),
            ],
        ),
    ],
)  # fmt: skip


def build_tracker_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows(CSV_ROWS)
    return buffer.getvalue().encode("utf-8-sig")
