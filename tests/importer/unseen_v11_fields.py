"""Class 5 of issue #11: the plan's own fields.

(5a) a tab-separated 2002 inspection plan: "Ofsted" in the title is no
owner, the date published is the plan's date though a later target date is
printed in its prose, a template's instruction row sits under the header, and
"31/12/99" is 1999; (5b) a Word SEND plan: "SEND" is no owner acronym, the
date of publication and the progress date are labelled, a future date sits
in the prose, and a row of placeholders ("[Insert action]") precedes the
content.
"""

from __future__ import annotations

import io

from tests.importer.unseen_v11_common import Case, act, plan, rec

INSPECTION_TEXT = """Ofsted Inspection of Services for Children in Need of Help and Protection: Action Plan
Published: 12 March 2002

The plan will be reviewed in full by 31 December 2003, when the Board will consider a second plan.

Ref\tRecommendation\tAction\tLead\tTarget date\tProgress
\tWhat is the over-arching recommendation?\tWhat will you do?\tWho will lead?\tWhen?\tWhat has been done?
1\tImprove the timeliness of initial assessments.\tRecruit two additional assessment social\
 workers.\tTeam Manager, Assessment\t31/12/99\tBoth posts filled in November 1999.
2\tStrengthen the quality assurance of child protection plans.\tIntroduce audits of all child\
 protection plans at review.\tIndependent Reviewing Officer\t30/06/02\tAudit tool drafted.
3\tEnsure that the views of children are recorded.\tAdd a child's views section to the assessment\
 record.\tPrincipal Social Worker\tMarch 2002\t

Signed off by the Director of Social Services.
"""
INSPECTION_EXPECTED = plan(
    "Ofsted Inspection of Services for Children in Need of Help and Protection: Action Plan",
    "inspection",
    source_title="Ofsted Inspection of Services for Children in Need of Help and Protection",
    as_of="2002-03-12",
    notes=[
        "The plan will be reviewed in full by 31 December 2003, when the Board will consider a second plan.",
        "Signed off by the Director of Social Services.",
    ],
    recs=[
        rec(
            "1",
            "Improve the timeliness of initial assessments.",
            [
                act(
                    "Recruit two additional assessment social workers.",
                    ["Team Manager, Assessment"],
                    "31/12/99",
                    "1999-12-31",
                    "date",
                    updates=[(None, "Both posts filled in November 1999.")],
                ),
            ],
        ),
        rec(
            "2",
            "Strengthen the quality assurance of child protection plans.",
            [
                act(
                    "Introduce audits of all child protection plans at review.",
                    ["Independent Reviewing Officer"],
                    "30/06/02",
                    "2002-06-30",
                    "date",
                    updates=[(None, "Audit tool drafted.")],
                ),
            ],
        ),
        rec(
            "3",
            "Ensure that the views of children are recorded.",
            [
                act(
                    "Add a child's views section to the assessment record.",
                    ["Principal Social Worker"],
                    "March 2002",
                    "2002-03-31",
                    "month",
                ),
            ],
        ),
    ],
)


def build_send_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("SEND Improvement Action Plan", level=1)
    d.add_paragraph("Westmere Local Area Partnership")
    d.add_paragraph("Date of publication: 4 September 2023")
    d.add_paragraph("Progress at: 15 January 2024")
    d.add_paragraph(
        "This plan answers the areas for improvement in the joint inspection of the local area by Ofsted "
        "and the CQC. Every action will be completed by 31 July 2025."
    )
    hdr = ["Area for improvement", "Action", "Lead", "Target", "Progress"]
    rows = [
        ["[Insert the area for improvement]", "[Insert action]", "e.g. Named officer", "[Date]", "[Update]"],
        [
            "1. Waiting times for neurodevelopmental assessment are too long.",
            "Commission additional assessment capacity.",
            "Head of SEND Commissioning",
            "31/03/24",
            "15/12/23: Contract awarded to a second provider.",
        ],
        [
            "2. Education, health and care plans are not issued within 20 weeks.",
            "Recruit three EHC plan writers.",
            "SEND Service Manager",
            "End of February 2024",
            "Two of three posts filled.",
        ],
    ]
    t = d.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, hdr, strict=True):
        c.text = h
    for r in rows:
        for c, v in zip(t.add_row().cells, r, strict=True):
            c.text = v
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


SEND_EXPECTED = plan(
    "SEND Improvement Action Plan Westmere Local Area Partnership",
    "joint_inspection",
    owner="Westmere Local Area Partnership",
    as_of="2024-01-15",
    notes=[
        "This plan answers the areas for improvement in the joint inspection of the local area by "
        "Ofsted and the CQC. Every action will be completed by 31 July 2025."
    ],
    recs=[
        rec(
            "1",
            "Waiting times for neurodevelopmental assessment are too long.",
            [
                act(
                    "Commission additional assessment capacity.",
                    ["Head of SEND Commissioning"],
                    "31/03/24",
                    "2024-03-31",
                    "date",
                    updates=[("2023-12-15", "Contract awarded to a second provider.")],
                ),
            ],
        ),
        rec(
            "2",
            "Education, health and care plans are not issued within 20 weeks.",
            [
                act(
                    "Recruit three EHC plan writers.",
                    ["SEND Service Manager"],
                    "End of February 2024",
                    "2024-02-29",
                    "month",
                    updates=[(None, "Two of three posts filled.")],
                ),
            ],
        ),
    ],
)

CASES = [
    Case(
        "5",
        "2002 inspection plan with a template row, a later date in its prose and a 99 year",
        "inspection-2002.txt",
        lambda: INSPECTION_TEXT.encode(),
        INSPECTION_EXPECTED,
    ),
    Case(
        "5",
        "Word SEND plan with labelled dates and a row of placeholders",
        "send-plan.docx",
        build_send_docx,
        SEND_EXPECTED,
    ),
]
