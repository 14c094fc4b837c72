"""Class 3 of issue #11: tables with more around them.

(3a) a saved web page: a title block of labelled lines, recommendations as
band rows merged across the table, an Agency column beside the lead, RAG as
cell shading; (3b) a workbook: a title block of label and value cells
("Responding to:", "Owner:", "Version:", "Last updated:", "Prepared for:"),
a Section column, priority, outcomes-sought and how-we-will-know columns in
a one-row-per-action sheet, a directorate column, a RAG word opening each
progress cell, and the RAG key on a second sheet.
"""

from __future__ import annotations

import io

from tests.importer.unseen_v11_common import Case, act, plan, rec

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Ashford Vale SAB</title><style>td{padding:2px}</style></head>
<body>
<nav><a href="/">Home</a></nav>
<h1>Safeguarding Adults Review: Mr B – Action Plan</h1>
<p>Owner: Ashford Vale Safeguarding Adults Board</p>
<p>Version: V2</p>
<p>Last updated: 8 April 2024</p>
<table>
<thead><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Agency</th><th>Due</th><th>RAG</th><th>Progress</th></tr></thead>
<tbody>
<tr><td colspan="7">Recommendation 1: Agencies should use the self-neglect pathway for adults who\
 refuse care.</td></tr>
<tr><td>1.1</td><td>Publish the revised self-neglect pathway.</td><td>Head of Adult\
 Safeguarding</td><td>Ashford Vale Council</td><td>31/01/2024</td><td\
 style="background-color:#0070C0"></td><td><p>Pathway published in January 2024.</p></td></tr>
<tr><td>1.2</td><td>Brief GP practices on the pathway.</td><td>Named GP for Adult\
 Safeguarding</td><td>Ashford Vale Integrated Care Board</td><td>March 2024</td><td\
 style="background:#FFC000"></td><td>Three of eight practices briefed.<br>Remaining briefings\
 booked.</td></tr>
<tr><td colspan="7">Recommendation 2: The Board should seek assurance on hospital discharge for adults\
 who self-neglect.</td></tr>
<tr><td>2.1</td><td>Audit ten discharges of adults known to self-neglect.</td><td>Discharge Lead\
 Nurse</td><td>Ashford Vale Hospitals NHS Trust</td><td>June 2024</td><td\
 bgcolor="#00B050"></td><td></td></tr>
</tbody></table>
<p>Agreed by the Board on 8 April 2024.</p>
</body></html>
"""
HTML_EXPECTED = plan(
    "Safeguarding Adults Review: Mr B – Action Plan",
    "safeguarding_adults_review",
    source_title="Safeguarding Adults Review: Mr B",
    owner="Ashford Vale Safeguarding Adults Board",
    version="V2",
    as_of="2024-04-08",
    notes=["Agreed by the Board on 8 April 2024."],
    recs=[
        rec(
            "1",
            "Agencies should use the self-neglect pathway for adults who refuse care.",
            [
                act(
                    "Publish the revised self-neglect pathway.",
                    ["Head of Adult Safeguarding"],
                    "31/01/2024",
                    "2024-01-31",
                    "date",
                    "completed",
                    [(None, "Pathway published in January 2024.")],
                    ref="1.1",
                    agency="Ashford Vale Council",
                    rag="blue",
                ),
                act(
                    "Brief GP practices on the pathway.",
                    ["Named GP for Adult Safeguarding"],
                    "March 2024",
                    "2024-03-31",
                    "month",
                    "at_risk",
                    [(None, "Three of eight practices briefed. Remaining briefings booked.")],
                    ref="1.2",
                    agency="Ashford Vale Integrated Care Board",
                    rag="amber",
                ),
            ],
        ),
        rec(
            "2",
            "The Board should seek assurance on hospital discharge for adults who self-neglect.",
            [
                act(
                    "Audit ten discharges of adults known to self-neglect.",
                    ["Discharge Lead Nurse"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    "on_track",
                    ref="2.1",
                    agency="Ashford Vale Hospitals NHS Trust",
                    rag="green",
                ),
            ],
        ),
    ],
)


def build_workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "Children's Services Improvement Plan"
    ws["A2"] = "Responding to:"
    ws["B2"] = "Ofsted inspection of local authority children's services (ILACS), January 2024"
    ws["A3"] = "Owner:"
    ws["B3"] = "Improvement Board"
    ws["A4"] = "Version:"
    ws["B4"] = "4.2"
    ws["A5"] = "Last updated:"
    ws["B5"] = "15/04/2024"
    ws["A6"] = "Prepared for:"
    ws["B6"] = "Improvement Board, 22 April 2024"
    ws.append([])
    ws.append(
        [
            "Section",
            "Ref",
            "Recommendation",
            "Priority",
            "Outcomes sought",
            "How we will know",
            "Action",
            "Responsible officer",
            "Directorate",
            "Deadline",
            "Progress",
        ]
    )
    rows = [
        [
            "Front door",
            "1",
            "Strengthen management oversight of contacts in the front door.",
            "High",
            "Children get the right help first time.",
            "Re-referral rate below 20%",
            "Introduce daily management huddles.",
            "Head of Front Door",
            "Children's Social Care",
            "31/05/2024",
            "Green – huddles running since March.",
        ],
        [
            "Front door",
            "1",
            "Strengthen management oversight of contacts in the front door.",
            "High",
            "Children get the right help first time.",
            "Re-referral rate below 20%",
            "Audit thirty contacts each month.",
            "Principal Social Worker",
            "Quality Assurance",
            "Monthly",
            "Amber: audits started; capacity is limited.",
        ],
        [
            "Care leavers",
            "2",
            "Improve the quality of pathway plans.",
            "Medium",
            "Care leavers have plans that reflect their wishes.",
            "Audit grades good or better",
            "Relaunch the pathway plan template.",
            "Service Manager, Leaving Care",
            "Children's Social Care",
            "30/09/2024",
            "Red - template delayed by the new case recording system.",
        ],
    ]
    for r in rows:
        ws.append(r)
    ks = wb.create_sheet("RAG key")
    ks.append(["Colour", "Meaning"])
    ks.append(["Green", "On track"])
    ks.append(["Amber", "Some slippage"])
    ks.append(["Red", "Off track"])
    ks.append(["Blue", "Completed"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_OUTCOME = "Children get the right help first time."
WORKBOOK_EXPECTED = plan(
    "Children's Services Improvement Plan",
    "inspection",
    source_title="Ofsted inspection of local authority children's services (ILACS)",
    source_date="2024-01",
    owner="Improvement Board",
    version="4.2",
    as_of="2024-04-22",  # the latest date printed for this version: the meeting it is prepared for
    reporting_to="Improvement Board",
    rag_scale=[
        ("green", "On track"),
        ("amber", "Some slippage"),
        ("red", "Off track"),
        ("blue", "Completed"),
    ],
    recs=[
        rec(
            "1",
            "Strengthen management oversight of contacts in the front door.",
            [
                act(
                    "Introduce daily management huddles.",
                    ["Head of Front Door"],
                    "31/05/2024",
                    "2024-05-31",
                    "date",
                    "on_track",
                    [(None, "huddles running since March.")],
                    agency="Children's Social Care",
                    rag="green",
                ),
                act(
                    "Audit thirty contacts each month.",
                    ["Principal Social Worker"],
                    "Monthly",
                    None,
                    "recurring",
                    "at_risk",
                    [(None, "audits started; capacity is limited.")],
                    agency="Quality Assurance",
                    rag="amber",
                ),
            ],
            section="Front door",
            priority="High",
            outcomes=[_OUTCOME],
            measures=["Re-referral rate below 20%"],
        ),
        rec(
            "2",
            "Improve the quality of pathway plans.",
            [
                act(
                    "Relaunch the pathway plan template.",
                    ["Service Manager, Leaving Care"],
                    "30/09/2024",
                    "2024-09-30",
                    "date",
                    "delayed",
                    [(None, "template delayed by the new case recording system.")],
                    agency="Children's Social Care",
                    rag="red",
                ),
            ],
            section="Care leavers",
            priority="Medium",
            outcomes=["Care leavers have plans that reflect their wishes."],
            measures=["Audit grades good or better"],
        ),
    ],
)


def build_banded_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Youth Justice Improvement Plan", level=1)
    for line in [
        "Responding to: HM Inspectorate of Probation inspection of youth justice services, October 2023",
        "Owner: Youth Justice Management Board",
        "Version: 3",
        "Last updated: 19 February 2024",
        "Prepared for: Youth Justice Management Board",
    ]:
        d.add_paragraph(line)
    hdr = ["Ref", "Action", "Lead", "Directorate", "Due", "Progress"]
    t = d.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, hdr, strict=True):
        c.text = h

    def band(text):
        cells = t.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = text

    def row(values):
        for c, v in zip(t.add_row().cells, values, strict=True):
            c.text = v

    band("PRIORITY 1: RISK AND SAFETY")
    band("1. Assessments should consider the safety of other people, not just the child.")
    row(
        [
            "1.1",
            "Revise the risk of harm guidance for case managers.",
            "Operations Manager",
            "Youth Justice Service",
            "31/03/2024",
            "Green – draft guidance out for comment.",
        ]
    )
    row(
        [
            "1.2",
            "Audit risk of harm assessments each quarter.",
            "Quality Assurance Officer",
            "Children's Services",
            "Quarterly",
            "Amber: first audit delayed to March.",
        ]
    )
    band("PRIORITY 2: PARTNERSHIPS")
    band("2. The Board should make sure that education partners attend its meetings.")
    row(
        [
            "2.1",
            "Agree a deputy for the education representative on the Board.",
            "Head of Youth Justice",
            "Youth Justice Service",
            "December 2023",
            "Blue. Deputy agreed and attending.",
        ]
    )
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


_YJS = "Youth Justice Service"
BANDED_EXPECTED = plan(
    "Youth Justice Improvement Plan",
    "inspection",
    source_title="HM Inspectorate of Probation inspection of youth justice services",
    source_date="2023-10",
    owner="Youth Justice Management Board",
    version="3",
    as_of="2024-02-19",
    reporting_to="Youth Justice Management Board",
    recs=[
        rec(
            "1",
            "Assessments should consider the safety of other people, not just the child.",
            [
                act(
                    "Revise the risk of harm guidance for case managers.",
                    ["Operations Manager"],
                    "31/03/2024",
                    "2024-03-31",
                    "date",
                    "on_track",
                    [(None, "draft guidance out for comment.")],
                    ref="1.1",
                    agency=_YJS,
                    rag="green",
                ),
                act(
                    "Audit risk of harm assessments each quarter.",
                    ["Quality Assurance Officer"],
                    "Quarterly",
                    None,
                    "recurring",
                    "at_risk",
                    [(None, "first audit delayed to March.")],
                    ref="1.2",
                    agency="Children's Services",
                    rag="amber",
                ),
            ],
            section="PRIORITY 1: RISK AND SAFETY",
        ),
        rec(
            "2",
            "The Board should make sure that education partners attend its meetings.",
            [
                act(
                    "Agree a deputy for the education representative on the Board.",
                    ["Head of Youth Justice"],
                    "December 2023",
                    "2023-12-31",
                    "month",
                    "completed",
                    [(None, "Deputy agreed and attending.")],
                    ref="2.1",
                    agency=_YJS,
                    rag="blue",
                ),
            ],
            section="PRIORITY 2: PARTNERSHIPS",
        ),
    ],
)


def build_document_control_docx() -> bytes:
    import docx

    d = docx.Document()
    meta = [
        ("Title", "Missing Children Action Plan"),
        ("Owner", "Missing and Exploitation Sub-group"),
        ("Version", "V5"),
        ("Last updated", "2 May 2024"),
        ("Prepared for", "Safeguarding Partnership Executive"),
    ]
    t = d.add_table(rows=len(meta), cols=2)
    t.style = "Table Grid"
    for row, (a, b) in zip(t.rows, meta, strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    d.add_paragraph("")
    hdr = ["Ref", "Action", "Owner", "Target", "Update"]
    t = d.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, hdr, strict=True):
        c.text = h
    for r in [
        [
            "1",
            "Offer every child a return home interview within 72 hours.",
            "Missing Children Coordinator",
            "Ongoing",
            "85% offered within 72 hours in April.",
        ],
        [
            "2",
            "Share return home interview findings with the police.",
            "Detective Sergeant, Missing Persons Unit",
            "June 2024",
            "",
        ],
    ]:
        for c, v in zip(t.add_row().cells, r, strict=True):
            c.text = v
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


DOCUMENT_CONTROL_EXPECTED = plan(
    "Missing Children Action Plan",
    owner="Missing and Exploitation Sub-group",
    version="V5",
    as_of="2024-05-02",
    reporting_to="Safeguarding Partnership Executive",
    actions=[
        act(
            "Offer every child a return home interview within 72 hours.",
            ["Missing Children Coordinator"],
            "Ongoing",
            None,
            "ongoing",
            "ongoing",
            [(None, "85% offered within 72 hours in April.")],
            ref="1",
        ),
        act(
            "Share return home interview findings with the police.",
            ["Detective Sergeant, Missing Persons Unit"],
            "June 2024",
            "2024-06-30",
            "month",
            ref="2",
        ),
    ],
)


def build_banded_workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Early Help Partnership Action Plan"
    ws["A2"] = "Last updated: 01/07/2024"
    ws.append([])
    ws.append(["Action", "Lead", "Lead agency", "Due", "RAG", "Update"])

    def band(text: str) -> None:
        ws.append([text])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)

    band("Priority 1 – Early help and prevention")
    band("Partners should offer early help assessments to every family referred by schools.")
    ws.append(
        [
            "Train school staff in the early help assessment.",
            "Early Help Manager",
            "Westvale Council",
            "30/09/2024",
            "Green",
            "Two sessions delivered.",
        ]
    )
    ws.append(
        [
            "Publish an early help directory for schools.",
            "Family Hub Lead",
            "Westvale Council",
            "31/07/2024",
            "Amber",
            "",
        ]
    )
    band("Priority 2 – Voice of the family")
    band("The Partnership must hear from families about the help they receive.")
    ws.append(
        [
            "Survey families after each early help episode.",
            "Participation Officer",
            "Westvale Council",
            "Quarterly",
            "Red",
            "Survey delayed.",
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_WESTVALE = "Westvale Council"
BANDED_WORKBOOK_EXPECTED = plan(
    "Early Help Partnership Action Plan",
    as_of="2024-07-01",
    recs=[
        rec(
            None,
            "Partners should offer early help assessments to every family referred by schools.",
            [
                act(
                    "Train school staff in the early help assessment.",
                    ["Early Help Manager"],
                    "30/09/2024",
                    "2024-09-30",
                    "date",
                    "on_track",
                    [(None, "Two sessions delivered.")],
                    agency=_WESTVALE,
                    rag="green",
                ),
                act(
                    "Publish an early help directory for schools.",
                    ["Family Hub Lead"],
                    "31/07/2024",
                    "2024-07-31",
                    "date",
                    "at_risk",
                    agency=_WESTVALE,
                    rag="amber",
                ),
            ],
            section="Priority 1 – Early help and prevention",
        ),
        rec(
            None,
            "The Partnership must hear from families about the help they receive.",
            [
                act(
                    "Survey families after each early help episode.",
                    ["Participation Officer"],
                    "Quarterly",
                    None,
                    "recurring",
                    "delayed",
                    [(None, "Survey delayed.")],
                    agency=_WESTVALE,
                    rag="red",
                ),
            ],
            section="Priority 2 – Voice of the family",
        ),
    ],
)

CASES = [
    Case(
        "3",
        "saved web page with a title block, band rows, agency column and shaded RAG",
        "sar-plan.html",
        lambda: HTML_PAGE.encode(),
        HTML_EXPECTED,
    ),
    Case(
        "3",
        "workbook with a title block, section and outcome columns, RAG words, key on a second sheet",
        "improvement-plan.xlsx",
        build_workbook,
        WORKBOOK_EXPECTED,
    ),
    Case(
        "3",
        "Word plan with a labelled title block, priority and recommendation band rows, a directorate column",
        "youth-justice-plan.docx",
        build_banded_docx,
        BANDED_EXPECTED,
    ),
    Case(
        "3",
        "Word plan whose title block is a document-control table above the plan's table",
        "missing-children.docx",
        build_document_control_docx,
        DOCUMENT_CONTROL_EXPECTED,
    ),
    Case(
        "3",
        "workbook with priorities and recommendations as band rows merged across the sheet",
        "early-help-plan.xlsx",
        build_banded_workbook,
        BANDED_WORKBOOK_EXPECTED,
    ),
]
