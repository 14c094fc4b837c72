"""Class 6 of issue #11: header words of other trackers.

(6a) a Word rapid-review plan headed "Agreed action", "Responsible officer",
"Lead agency", "Deadline", "Agency response" and an "Outcome" column that
holds the outcomes sought; (6b) a CSV tracker headed "Owner", "Completion
date", "Key milestones achieved", "Current position", "Comments" and an
"Outcome" column that reports progress.
"""

from __future__ import annotations

import io

from tests.importer.unseen_v11_common import Case, act, plan, rec


def build_rapid_review_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Rapid Review: Baby R – Partnership Action Plan", level=1)
    d.add_paragraph("Last updated: 9 May 2024")
    hdr = [
        "Recommendation",
        "Agreed action",
        "Responsible officer",
        "Lead agency",
        "Deadline",
        "Agency response",
        "Outcome",
    ]
    rows = [
        [
            "1. Agencies should consider the risk to babies when parents separate.",
            "Add a section on separation to the safer sleep briefing.",
            "Named Nurse, Safeguarding Children",
            "Westvale Community Health",
            "June 2024",
            "Briefing revised and shared with midwifery.",
            "Parents will be given safer sleep advice at every contact.",
        ],
        [
            "",
            "Include fathers in antenatal safer sleep sessions.",
            "Head of Midwifery",
            "Westvale Hospitals NHS Trust",
            "September 2024",
            "Sessions now offered in the evening.",
            "More fathers will attend antenatal sessions.",
        ],
        [
            "2. The police should share domestic abuse notifications with health visitors.",
            "Extend the notification process to health visiting.",
            "Detective Inspector, Public Protection",
            "Westvale Police",
            "31/07/2024",
            "",
            "Health visitors will know about incidents within 24 hours.",
        ],
    ]
    t = d.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, hdr, strict=True):
        c.text = h
    for r in rows:
        for c, v in zip(t.add_row().cells, r, strict=True):
            c.text = v
    t.cell(1, 0).merge(t.cell(2, 0))
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


RAPID_REVIEW_EXPECTED = plan(
    "Rapid Review: Baby R – Partnership Action Plan",
    "practice_review",
    source_title="Rapid Review: Baby R",
    as_of="2024-05-09",
    recs=[
        rec(
            "1",
            "Agencies should consider the risk to babies when parents separate.",
            [
                act(
                    "Add a section on separation to the safer sleep briefing.",
                    ["Named Nurse, Safeguarding Children"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    updates=[(None, "Briefing revised and shared with midwifery.")],
                    agency="Westvale Community Health",
                ),
                act(
                    "Include fathers in antenatal safer sleep sessions.",
                    ["Head of Midwifery"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                    updates=[(None, "Sessions now offered in the evening.")],
                    agency="Westvale Hospitals NHS Trust",
                ),
            ],
            outcomes=[
                "Parents will be given safer sleep advice at every contact.",
                "More fathers will attend antenatal sessions.",
            ],
        ),
        rec(
            "2",
            "The police should share domestic abuse notifications with health visitors.",
            [
                act(
                    "Extend the notification process to health visiting.",
                    ["Detective Inspector, Public Protection"],
                    "31/07/2024",
                    "2024-07-31",
                    "date",
                    agency="Westvale Police",
                ),
            ],
            outcomes=["Health visitors will know about incidents within 24 hours."],
        ),
    ],
)

TRACKER_CSV = """Ref,Action,Owner,Completion date,Key milestones achieved,Current position,Comments,Outcome
1,Publish the thresholds document.,Partnership Manager,March 2024,Consultation closed in January\
 2024.,Published on the website.,,Completed March 2024
2,Train staff in the thresholds document.,Learning and Development Officer,30/06/2024,Four sessions\
 delivered.,Two more sessions booked.,Take-up lower in schools.,
3,Audit the use of thresholds at the front door.,Quality Assurance Lead,Q2 2024/25,,Not yet started.,,
"""
TRACKER_EXPECTED = plan(
    "thresholds-tracker",
    actions=[
        act(
            "Publish the thresholds document.",
            ["Partnership Manager"],
            "March 2024",
            "2024-03-31",
            "month",
            "completed",
            [
                (None, "Consultation closed in January 2024."),
                (None, "Published on the website."),
                (None, "Completed March 2024"),
            ],
            ref="1",
        ),
        act(
            "Train staff in the thresholds document.",
            ["Learning and Development Officer"],
            "30/06/2024",
            "2024-06-30",
            "date",
            updates=[
                (None, "Four sessions delivered."),
                (None, "Two more sessions booked."),
                (None, "Take-up lower in schools."),
            ],
            ref="2",
        ),
        act(
            "Audit the use of thresholds at the front door.",
            ["Quality Assurance Lead"],
            "Q2 2024/25",
            "2024-09-30",
            "quarter",
            updates=[(None, "Not yet started.")],
            ref="3",
        ),
    ],
)

CASES = [
    Case(
        "6",
        "Word plan headed with other trackers' words, an Outcome column of outcomes sought",
        "baby-r-plan.docx",
        build_rapid_review_docx,
        RAPID_REVIEW_EXPECTED,
    ),
    Case(
        "6",
        "CSV tracker with milestone, position, comment and progress-reporting Outcome columns",
        "thresholds-tracker.csv",
        lambda: TRACKER_CSV.encode(),
        TRACKER_EXPECTED,
    ),
]
