"""Layouts (f) to (i) of `unseen_plans`: a tab-separated serious case review plan, a workbook of
several tabs, a Word plan whose header has two rows, and a Word plan set out as one form per
recommendation."""

from __future__ import annotations

import datetime as dt
import io

from tests.importer.unseen_plans import act, plan, rec

# -- (f) a tab-separated serious case review plan with a key of initials ------------------------------

SCR_TEXT = "\n".join(
    [
        "Serious Case Review: Child D",
        "Multi-agency action plan",
        "",
        "Recommendation\tAction\tResponsible\tTimescale\tEvidence of completion",
        "1. All agencies should review how they respond when a child is not brought to appointments.\t"
        "Revise the was not brought policy for community health services.\tJH/CT\tMarch 2024\t"
        "Revised policy on the intranet",
        "\tCheck that the revised policy is being followed through a case file audit.\tCT\tSeptember 2024\t"
        "Audit report to the Board",
        "2. The Board should make sure that practitioners understand the risks of disguised compliance.\t"
        "Deliver briefings on disguised compliance to frontline teams.\tSP\tBy end of June 2024\t"
        "Attendance figures",
        "\tInclude disguised compliance in the multi-agency training programme.\tSP/JH\tOngoing\t"
        "Training programme",
        "3. Children's social care should record the lived experience of the child in every assessment.\t"
        "Add a lived experience section to the assessment template.\tRB\tCompleted January 2024\t"
        "New template in use",
        "",
        "Key:",
        "JH – Jane Hoey, Head of Safeguarding",
        "CT – Cath Thomas, Designated Nurse",
        "SP – Sam Patel, Training Coordinator",
        "RB – Ruth Baines, Principal Social Worker",
    ]
)
SCR_EXPECTED = plan(
    "Serious Case Review: Child D Multi-agency action plan",
    "serious_case_review",
    people=["JH", "CT", "SP", "RB"],
    recs=[
        rec(
            "1",
            "All agencies should review how they respond when a child is not brought to appointments.",
            [
                act("Revise the was not brought policy for community health services.", ["JH", "CT"],
                    "March 2024", "2024-03-31", "month"),
                act("Check that the revised policy is being followed through a case file audit.", ["CT"],
                    "September 2024", "2024-09-30", "month"),
            ],
        ),
        rec(
            "2",
            "The Board should make sure that practitioners understand the risks of disguised compliance.",
            [
                act("Deliver briefings on disguised compliance to frontline teams.", ["SP"],
                    "By end of June 2024",
                    "2024-06-30", "month"),
                act("Include disguised compliance in the multi-agency training programme.", ["SP", "JH"],
                    "Ongoing", None, "ongoing", "ongoing"),
            ],
        ),
        rec(
            "3",
            "Children's social care should record the lived experience of the child in every assessment.",
            [
                act("Add a lived experience section to the assessment template.", ["RB"],
                    "Completed January 2024", "2024-01-31", "done", "completed"),
            ],
        ),
    ],
)  # fmt: skip


# -- (g) a workbook: a guidance tab first, the plan, a RAG key on a tab of its own, a hidden list ------

WORKBOOK_ACTIONS = [
    ("1", "Publish the early help strategy.", "Head of Early Help", dt.date(2024, 6, 30),
     "Draft out for consultation.", "Green"),
    ("2", "Train partners in the early help assessment.", "Early Help Training Officer", dt.date(2024, 9, 30),
     "", "Amber"),
    ("3", "Launch the family hub in the east locality.", "Family Hubs Manager", dt.date(2025, 3, 31),
     "Building works delayed.", "Red"),
]  # fmt: skip
WORKBOOK_KEY = [("Blue", "Complete"), ("Green", "On track"), ("Amber", "At risk"), ("Red", "Off track")]
WORKBOOK_EXPECTED = plan(
    "Early Help Strategy Action Plan 2024-25",
    "internal",
    rag_scale=[{"code": code.lower(), "label": label} for code, label in WORKBOOK_KEY],
    actions=[
        act(
            text,
            [lead],
            due.strftime("%d/%m/%Y"),
            due.isoformat(),
            "date",
            {"Green": "on_track", "Amber": "at_risk", "Red": "delayed"}[rag],
            [(None, progress)] if progress else [],
            ref=ref,
        )
        for ref, text, lead, due, progress, rag in WORKBOOK_ACTIONS
    ],
)


def build_workbook() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    guidance = workbook.active
    guidance.title = "Guidance"
    guidance["A1"] = "How to use this tracker"
    guidance["A2"] = "Update the progress column each month and set the RAG rating using the key."
    sheet = workbook.create_sheet("Action Plan")
    sheet["A1"] = "Early Help Strategy Action Plan 2024-25"
    sheet.append([])
    sheet.append(["Ref", "Action", "Lead", "Due", "Progress", "RAG"])
    for row in WORKBOOK_ACTIONS:
        sheet.append(list(row))
    key = workbook.create_sheet("RAG key")
    for row in [("Colour", "Meaning"), *WORKBOOK_KEY]:
        key.append(list(row))
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    lists["A1"], lists["A2"] = "Green", "Amber"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- (h) a Word plan whose header has a second row: "Progress" over two dated update columns ---------

TWO_ROW_ACTIONS = [
    ("1", "Relaunch the neglect toolkit.", "Neglect Lead", "January 2024", "Relaunch event booked.",
     "Complete – launched 10 January."),
    ("2", "Audit use of the toolkit.", "QA Manager", "June 2024", "", "Audit scoped."),
]  # fmt: skip
TWO_ROW_EXPECTED = plan(
    "Neglect Strategy Action Plan",
    "internal",
    actions=[
        act(TWO_ROW_ACTIONS[0][1], ["Neglect Lead"], "January 2024", "2024-01-31", "month", "completed",
            [("2023-12-31", "Relaunch event booked."), ("2024-03-31", "Complete – launched 10 January.")],
            ref="1"),
        act(TWO_ROW_ACTIONS[1][1], ["QA Manager"], "June 2024", "2024-06-30", "month", None,
            [("2024-03-31", "Audit scoped.")], ref="2"),
    ],
)  # fmt: skip


def build_two_row_header_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Neglect Strategy Action Plan", level=1)
    table = document.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Lead", "Timescale"], strict=False):
        cell.text = text
    table.cell(0, 4).merge(table.cell(0, 5)).text = "Progress"
    for column in range(4):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(1, 4).text = "Update December 2023"
    table.cell(1, 5).text = "Update March 2024"
    for values in TWO_ROW_ACTIONS:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- (i) a Word plan set out as a form per recommendation: one field a row ------------------------------

FORM_RECS = [
    ("1", "Agencies should ensure that the views of the child are recorded at every contact.",
     "Add a prompt for the child's views to all assessment templates.", "Head of Safeguarding", "March 2024",
     "Templates updated in January 2024.", "Green"),
    ("2", "The Partnership should audit the use of chronologies.",
     "Carry out a multi-agency chronology audit.", "Partnership Business Manager", "June 2024", "", "Amber"),
]  # fmt: skip
FORM_EXPECTED = plan(
    "Serious Case Review – Child P: Action Plan",
    "serious_case_review",
    recs=[
        rec(ref, text, [act(action, [lead], due, {"March 2024": "2024-03-31", "June 2024": "2024-06-30"}[due],
                            "month", {"Green": "on_track", "Amber": "at_risk"}[rag],
                            [(None, progress)] if progress else [])])
        for ref, text, action, lead, due, progress, rag in FORM_RECS
    ],
)  # fmt: skip


def build_form_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Serious Case Review – Child P: Action Plan", level=1)
    for ref, text, action, lead, due, progress, rag in FORM_RECS:
        fields = [(f"Recommendation {ref}", text), ("Action", action), ("Lead", lead), ("Timescale", due),
                  ("Progress", progress), ("RAG", rag)]  # fmt: skip
        table = document.add_table(rows=len(fields), cols=2)
        table.style = "Table Grid"
        for row, (label, value) in zip(table.rows, fields, strict=True):
            row.cells[0].text, row.cells[1].text = label, value
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
