"""Class 2 of issue #11: a form per recommendation, labels each followed by a list.

(2a) an NHS serious-incident plan as text, "Label: value" lines with parallel
numbered lists and one owner for all the actions; (2b) a domestic homicide
review plan in Word, headings and bold labels over numbered list paragraphs,
one timescale and one lead agency for all the actions.
"""

from __future__ import annotations

import io

from tests.importer.unseen_v11_common import Case, act, plan, rec

SI_TEXT = """Northfield Hospitals NHS Foundation Trust
Serious Incident Investigation – Action Plan
Last updated: 14/05/2024

Recommendation 1: The Trust should make sure that deteriorating patients are escalated to a senior doctor.
Issue: Early warning scores were recorded but not acted on overnight.
Actions:
1. Revise the escalation policy for deteriorating patients.
2. Train all ward nurses in the revised policy.
3. Audit escalation on three wards.
Owner: Deputy Chief Nurse
Due:
1. 31/03/2024
2. June 2024
3. September 2024
Progress:
1. Revised policy approved by the Clinical Governance Committee. Completed.
2. 60% of nurses trained by April 2024.
Evidence:
Revised policy
Training records
RAG: Amber

Recommendation 2: The Trust should improve handover between the emergency department and the wards.
Actions:
1. Introduce a structured handover template.
2. Review handover at the monthly governance meeting.
Owner: Clinical Director, Emergency Medicine
Due: July 2024
Progress:
1. Template in use since February 2024.
RAG: Green
"""

_EVIDENCE = ["Revised policy", "Training records"]
SI_EXPECTED = plan(
    "Northfield Hospitals NHS Foundation Trust Serious Incident Investigation – Action Plan",
    "serious_incident",
    owner="Northfield Hospitals NHS Foundation Trust",
    as_of="2024-05-14",
    recs=[
        rec(
            "1",
            "The Trust should make sure that deteriorating patients are escalated to a senior doctor.",
            [
                act(
                    "Revise the escalation policy for deteriorating patients.",
                    ["Deputy Chief Nurse"],
                    "31/03/2024",
                    "2024-03-31",
                    "date",
                    "at_risk",
                    [(None, "Revised policy approved by the Clinical Governance Committee. Completed.")],
                    ref="1",
                    evidence=_EVIDENCE,
                    rag="amber",
                ),
                act(
                    "Train all ward nurses in the revised policy.",
                    ["Deputy Chief Nurse"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    "at_risk",
                    [(None, "60% of nurses trained by April 2024.")],
                    ref="2",
                    evidence=_EVIDENCE,
                    rag="amber",
                ),
                act(
                    "Audit escalation on three wards.",
                    ["Deputy Chief Nurse"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                    "at_risk",
                    ref="3",
                    evidence=_EVIDENCE,
                    rag="amber",
                ),
            ],
        ),
        rec(
            "2",
            "The Trust should improve handover between the emergency department and the wards.",
            [
                act(
                    "Introduce a structured handover template.",
                    ["Clinical Director, Emergency Medicine"],
                    "July 2024",
                    "2024-07-31",
                    "month",
                    "on_track",
                    [(None, "Template in use since February 2024.")],
                    ref="1",
                    rag="green",
                ),
                act(
                    "Review handover at the monthly governance meeting.",
                    ["Clinical Director, Emergency Medicine"],
                    "July 2024",
                    "2024-07-31",
                    "month",
                    "on_track",
                    ref="2",
                    rag="green",
                ),
            ],
        ),
    ],
)


def build_dhr_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Domestic Homicide Review: Adult L – Action Plan", level=1)
    document.add_paragraph("Brookvale Community Safety Partnership")
    document.add_paragraph("Progress at 1 March 2024")

    def label(text: str) -> None:
        document.add_paragraph().add_run(text).bold = True

    for ref, text, actions, owner, agency, due, progress, rag in DHR_RECS:
        document.add_heading(f"Recommendation {ref}", level=2)
        document.add_paragraph(text)
        label("Actions")
        for action in actions:
            document.add_paragraph(action, style="List Number")
        label("Owner")
        document.add_paragraph(owner)
        label("Lead agency")
        document.add_paragraph(agency)
        label("Timescale")
        for line in due:
            document.add_paragraph(line)
        if progress:
            label("Progress")
            for line in progress:
                document.add_paragraph(line)
        label("RAG")
        document.add_paragraph(rag)
    document.add_paragraph("Signed off by the Partnership Board on 1 March 2024.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DHR_RECS = [
    (
        "1",
        "Health services should ask about domestic abuse when adults present with injuries.",
        [
            "Add routine enquiry prompts to the GP injury template.",
            "Train practice staff in routine enquiry.",
            "Audit the use of the prompts.",
        ],
        "Named GP for Safeguarding",
        "Brookvale Integrated Care Board",
        ["December 2023"],
        ["Prompts added to the template in October 2023.", "Two training sessions held."],
        "Blue",
    ),
    (
        "2",
        "The police should refer repeat victims to the specialist domestic abuse service.",
        ["Change the referral pathway for repeat victims.", "Report referral numbers to the Partnership."],
        "Detective Superintendent, Public Protection",
        "Brookvale Police",
        ["1. April 2024", "2. Quarterly from June 2024"],
        [],
        "Green",
    ),
]
_ICB = "Brookvale Integrated Care Board"
DHR_EXPECTED = plan(
    "Domestic Homicide Review: Adult L – Action Plan Brookvale Community Safety Partnership",
    "domestic_homicide_review",
    source_title="Domestic Homicide Review: Adult L",
    owner="Brookvale Community Safety Partnership",
    as_of="2024-03-01",
    notes=["Signed off by the Partnership Board on 1 March 2024."],
    recs=[
        rec(
            "1",
            DHR_RECS[0][1],
            [
                act(
                    DHR_RECS[0][2][0],
                    ["Named GP for Safeguarding"],
                    "December 2023",
                    "2023-12-31",
                    "month",
                    "completed",
                    [(None, "Prompts added to the template in October 2023.")],
                    ref="1",
                    agency=_ICB,
                    rag="blue",
                ),
                act(
                    DHR_RECS[0][2][1],
                    ["Named GP for Safeguarding"],
                    "December 2023",
                    "2023-12-31",
                    "month",
                    "completed",
                    [(None, "Two training sessions held.")],
                    ref="2",
                    agency=_ICB,
                    rag="blue",
                ),
                act(
                    DHR_RECS[0][2][2],
                    ["Named GP for Safeguarding"],
                    "December 2023",
                    "2023-12-31",
                    "month",
                    "completed",
                    ref="3",
                    agency=_ICB,
                    rag="blue",
                ),
            ],
        ),
        rec(
            "2",
            DHR_RECS[1][1],
            [
                # Word numbers one list across the document: the actions print as 4 and 5.
                act(
                    DHR_RECS[1][2][0],
                    ["Detective Superintendent, Public Protection"],
                    "April 2024",
                    "2024-04-30",
                    "month",
                    "on_track",
                    ref="4",
                    agency="Brookvale Police",
                    rag="green",
                ),
                act(
                    DHR_RECS[1][2][1],
                    ["Detective Superintendent, Public Protection"],
                    "Quarterly from June 2024",
                    "2024-06-01",
                    "recurring",
                    "on_track",
                    ref="5",
                    agency="Brookvale Police",
                    rag="green",
                ),
            ],
        ),
    ],
)

SI_PAGE = """<html><body>
<h1>Serious Incident Report 2024/117: Action Plan</h1>
<p>Greenfield Mental Health NHS Trust</p>
<p>Version 1.2 – reviewed 3 April 2024</p>
<h2>Recommendation 1</h2>
<p>The Trust should review how risk assessments are updated after a missed appointment.</p>
<p><strong>Actions</strong></p>
<ol><li>Update the did-not-attend policy to require a risk review.</li>
<li>Add a risk review prompt to the electronic record.</li></ol>
<p><strong>Lead:</strong> Associate Director of Nursing</p>
<p><strong>Timescale:</strong></p>
<ol><li>30 June 2024</li><li>31 August 2024</li></ol>
<p><strong>Update</strong></p>
<ol><li>Policy revised and out for consultation.</li></ol>
<p><strong>RAG:</strong> Amber</p>
<h2>Recommendation 2</h2>
<p>The Trust should share the learning from this incident with community teams.</p>
<p><strong>Actions</strong></p>
<ul><li>Hold learning events in each locality.</li></ul>
<p><strong>Lead:</strong> Head of Patient Safety</p>
<p><strong>Timescale:</strong> May 2024</p>
<p><strong>Evidence</strong></p>
<ul><li>Attendance lists</li><li>Event slides</li></ul>
<p><strong>RAG:</strong> Green</p>
</body></html>
"""
SI_PAGE_EXPECTED = plan(
    "Serious Incident Report 2024/117: Action Plan Greenfield Mental Health NHS Trust",
    "serious_incident",
    source_title="Serious Incident Report 2024/117",
    owner="Greenfield Mental Health NHS Trust",
    version="Version 1.2",
    as_of="2024-04-03",
    recs=[
        rec(
            "1",
            "The Trust should review how risk assessments are updated after a missed appointment.",
            [
                act(
                    "Update the did-not-attend policy to require a risk review.",
                    ["Associate Director of Nursing"],
                    "30 June 2024",
                    "2024-06-30",
                    "date",
                    "at_risk",
                    [(None, "Policy revised and out for consultation.")],
                    ref="1",
                    rag="amber",
                ),
                act(
                    "Add a risk review prompt to the electronic record.",
                    ["Associate Director of Nursing"],
                    "31 August 2024",
                    "2024-08-31",
                    "date",
                    "at_risk",
                    ref="2",
                    rag="amber",
                ),
            ],
        ),
        rec(
            "2",
            "The Trust should share the learning from this incident with community teams.",
            [
                act(
                    "Hold learning events in each locality.",
                    ["Head of Patient Safety"],
                    "May 2024",
                    "2024-05-31",
                    "month",
                    "on_track",
                    evidence=["Attendance lists", "Event slides"],
                    rag="green",
                ),
            ],
        ),
    ],
)


def build_table_forms_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Domestic Homicide Review – Mrs C: Action Plan", level=1)
    d.add_paragraph("Updated 10 June 2024")
    forms = [
        [
            ("Recommendation 1", "Housing providers should train staff to recognise domestic abuse."),
            (
                "Actions",
                "1. Deliver domestic abuse training to housing officers.\n"
                "2. Add domestic abuse questions to tenancy visits.",
            ),
            ("Lead officer", "Head of Housing Services"),
            ("Timescale", "1. September 2024\n2. December 2024"),
            ("Progress update", "1. Training commissioned.\n2. Questions drafted."),
            ("Evidence of completion", "Training attendance records"),
            ("RAG rating", "Amber"),
        ],
        [
            ("Recommendation 2", "GPs should record domestic abuse disclosures."),
            ("Actions", "1. Issue a coding guide to practices.\n2. Audit coding in ten practices."),
            ("Lead officer", "Named GP"),
            ("Timescale", "March 2025"),
            ("Progress update", ""),
            ("Evidence of completion", ""),
            ("RAG rating", "Green"),
        ],
    ]
    for f in forms:
        t = d.add_table(rows=len(f), cols=2)
        t.style = "Table Grid"
        for row, (label, value) in zip(t.rows, f, strict=True):
            row.cells[0].text = label
            lines = value.split("\n")
            row.cells[1].text = lines[0]
            for line in lines[1:]:
                row.cells[1].add_paragraph(line)
        d.add_paragraph("")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


_TRAINING = ["Training attendance records"]
TABLE_FORMS_EXPECTED = plan(
    "Domestic Homicide Review – Mrs C: Action Plan",
    "domestic_homicide_review",
    source_title="Domestic Homicide Review",
    as_of="2024-06-10",
    recs=[
        rec(
            "1",
            "Housing providers should train staff to recognise domestic abuse.",
            [
                act(
                    "Deliver domestic abuse training to housing officers.",
                    ["Head of Housing Services"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                    "at_risk",
                    [(None, "Training commissioned.")],
                    ref="1",
                    evidence=_TRAINING,
                    rag="amber",
                ),
                act(
                    "Add domestic abuse questions to tenancy visits.",
                    ["Head of Housing Services"],
                    "December 2024",
                    "2024-12-31",
                    "month",
                    "at_risk",
                    [(None, "Questions drafted.")],
                    ref="2",
                    evidence=_TRAINING,
                    rag="amber",
                ),
            ],
        ),
        rec(
            "2",
            "GPs should record domestic abuse disclosures.",
            [
                act(
                    "Issue a coding guide to practices.",
                    ["Named GP"],
                    "March 2025",
                    "2025-03-31",
                    "month",
                    "on_track",
                    ref="1",
                    rag="green",
                ),
                act(
                    "Audit coding in ten practices.",
                    ["Named GP"],
                    "March 2025",
                    "2025-03-31",
                    "month",
                    "on_track",
                    ref="2",
                    rag="green",
                ),
            ],
        ),
    ],
)

PSII_MARKDOWN = """# Patient Safety Incident Investigation – Action Plan

Eastgate Community NHS Trust

Last updated: 1 July 2024

## Recommendation 1

Community teams should check that patients discharged from hospital have a named key worker.

**Actions**

1. Add a key worker check to the discharge checklist.
2. Report compliance to the patient safety group monthly.

**Owner:** Community Services Manager

**Due date:** 30 September 2024

**Progress**

1. Checklist updated in June 2024.

**RAG:** Green
"""
PSII_EXPECTED = plan(
    "Patient Safety Incident Investigation – Action Plan Eastgate Community NHS Trust",
    "serious_incident",
    source_title="Patient Safety Incident Investigation",
    owner="Eastgate Community NHS Trust",
    as_of="2024-07-01",
    recs=[
        rec(
            "1",
            "Community teams should check that patients discharged from hospital have a named key worker.",
            [
                act(
                    "Add a key worker check to the discharge checklist.",
                    ["Community Services Manager"],
                    "30 September 2024",
                    "2024-09-30",
                    "date",
                    "on_track",
                    [(None, "Checklist updated in June 2024.")],
                    ref="1",
                    rag="green",
                ),
                act(
                    "Report compliance to the patient safety group monthly.",
                    ["Community Services Manager"],
                    "30 September 2024",
                    "2024-09-30",
                    "date",
                    "on_track",
                    ref="2",
                    rag="green",
                ),
            ],
        ),
    ],
)

SAR_TEXT = """Safeguarding Adults Review – Mr D
Action Plan, version 2, reviewed 14 March 2024

Recommendation 3
Agencies should use the escalation policy when a care provider does not respond.

Actions
a) Publish a short guide to the escalation policy.
b) Add escalation to the provider forum agenda.

Lead
Jane Hoey

Timescale
March 2024

Progress
a) Guide published.

RAG
Green

Recommendation 4
The Board should check that the learning has reached front-line staff.

Actions
a) Survey front-line staff about the learning.

Lead
Board Business Manager

Timescale
Summer 2024

RAG
Amber
"""
SAR_EXPECTED = plan(
    "Safeguarding Adults Review – Mr D Action Plan",
    "safeguarding_adults_review",
    source_title="Safeguarding Adults Review",
    version="version 2",
    as_of="2024-03-14",
    recs=[
        rec(
            "3",
            "Agencies should use the escalation policy when a care provider does not respond.",
            [
                act(
                    "Publish a short guide to the escalation policy.",
                    ["Jane Hoey"],
                    "March 2024",
                    "2024-03-31",
                    "month",
                    "on_track",
                    [(None, "Guide published.")],
                    rag="green",
                ),
                act(
                    "Add escalation to the provider forum agenda.",
                    ["Jane Hoey"],
                    "March 2024",
                    "2024-03-31",
                    "month",
                    "on_track",
                    rag="green",
                ),
            ],
        ),
        rec(
            "4",
            "The Board should check that the learning has reached front-line staff.",
            [
                act(
                    "Survey front-line staff about the learning.",
                    ["Board Business Manager"],
                    "Summer 2024",
                    "2024-08-31",
                    "season",
                    "at_risk",
                    rag="amber",
                ),
            ],
        ),
    ],
)


def build_stacked_forms_workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Serious Incident Action Plan"
    ws["A2"] = "Last updated: 03/05/2024"
    rows = [
        ("Recommendation 1", "The ward should escalate deteriorating patients promptly."),
        ("Actions", "1. Revise the escalation policy.\n2. Train ward staff."),
        ("Owner", "Ward Manager"),
        ("Due", "1. June 2024\n2. August 2024"),
        ("RAG", "Amber"),
        (None, None),
        ("Recommendation 2", "The Trust should audit escalation."),
        ("Actions", "Audit twenty sets of notes."),
        ("Owner", "Clinical Audit Lead"),
        ("Due", "September 2024"),
        ("RAG", "Green"),
    ]
    for i, (label, value) in enumerate(rows):
        ws.cell(4 + i, 1, label)
        ws.cell(4 + i, 2, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


STACKED_EXPECTED = plan(
    "Serious Incident Action Plan",
    "serious_incident",
    source_title="Serious Incident",
    as_of="2024-05-03",
    recs=[
        rec(
            "1",
            "The ward should escalate deteriorating patients promptly.",
            [
                act(
                    "Revise the escalation policy.",
                    ["Ward Manager"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    "at_risk",
                    ref="1",
                    rag="amber",
                ),
                act(
                    "Train ward staff.",
                    ["Ward Manager"],
                    "August 2024",
                    "2024-08-31",
                    "month",
                    "at_risk",
                    ref="2",
                    rag="amber",
                ),
            ],
        ),
        rec(
            "2",
            "The Trust should audit escalation.",
            [
                act(
                    "Audit twenty sets of notes.",
                    ["Clinical Audit Lead"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                    "on_track",
                    rag="green",
                ),
            ],
        ),
    ],
)

CASES = [
    Case(
        "2",
        "serious incident plan as labelled text with parallel numbered lists",
        "si-plan.txt",
        lambda: SI_TEXT.encode(),
        SI_EXPECTED,
    ),
    Case(
        "2",
        "domestic homicide review in Word, bold labels over list paragraphs",
        "dhr-plan.docx",
        build_dhr_docx,
        DHR_EXPECTED,
    ),
    Case(
        "2",
        "serious incident web page, bold labels over HTML lists",
        "si-report.html",
        lambda: SI_PAGE.encode(),
        SI_PAGE_EXPECTED,
    ),
    Case(
        "2",
        "domestic homicide review in Word, a two-column table per recommendation with lists in its cells",
        "dhr-mrs-c.docx",
        build_table_forms_docx,
        TABLE_FORMS_EXPECTED,
    ),
    Case(
        "2",
        "patient safety investigation in Markdown, bold labels and lists",
        "psii-plan.md",
        lambda: PSII_MARKDOWN.encode(),
        PSII_EXPECTED,
    ),
    Case(
        "2",
        "safeguarding adults review as text, bare labels on lines of their own, lettered lists",
        "sar-mr-d.txt",
        lambda: SAR_TEXT.encode(),
        SAR_EXPECTED,
    ),
    Case(
        "2",
        "workbook of label and value forms stacked down one sheet",
        "si-forms.xlsx",
        build_stacked_forms_workbook,
        STACKED_EXPECTED,
    ),
]
