"""Class 4 of issue #11: cells that hold lists.

(4a) a Word table whose action cells number several actions sharing one
timescale or listing one each, whose progress lists are shorter than the
actions or numbered to match them, ending on a status word, and whose lead
cell prints a name, a post and an organisation on three lines; (4b) a CSV
export with a numbered status key and numbers in the status column, numbered
actions in one cell, a financial-year deadline and a three-line lead cell.
"""

from __future__ import annotations

import io

from tests.importer.unseen_v11_common import Case, act, plan, rec


def build_lists_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Learning from Child Q: Multi-agency Action Plan", level=1)
    d.add_paragraph("Updated 28 February 2024")
    hdr = ["No", "Recommendation", "Actions", "Lead", "Timescale", "Progress"]
    rows = [
        [
            "1",
            "Schools should refer concerns about children missing education without delay.",
            "1. Issue guidance on children missing education to all schools.\n"
            "2. Train attendance officers in the referral route.\n"
            "3. Add missing education to the safeguarding audit for schools.",
            "Sarah Lane\nHead of Inclusion\nEastmere Council",
            "July 2024",
            "Guidance issued to all schools in January 2024. Completed.\nTraining dates set for April.",
        ],
        [
            "2",
            "Health visitors should share concerns about home conditions with social care.",
            "1. Add a home conditions prompt to the health visiting record.\n"
            "2. Audit twenty records for use of the prompt.",
            "Named Nurse for Safeguarding",
            "1. March 2024\n2. September 2024",
            "1. Prompt added and in use; practice now embedded. Completed.\n2. Audit planned for the summer.",
        ],
    ]
    t = d.add_table(rows=1, cols=len(hdr))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, hdr, strict=True):
        c.text = h
    for r in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, r, strict=True):
            lines = v.split("\n")
            c.text = lines[0]
            for line in lines[1:]:
                c.add_paragraph(line)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


_SARAH = ["Sarah Lane Head of Inclusion Eastmere Council"]
LISTS_EXPECTED = plan(
    "Learning from Child Q: Multi-agency Action Plan",
    as_of="2024-02-28",
    recs=[
        rec(
            "1",
            "Schools should refer concerns about children missing education without delay.",
            [
                act(
                    "Issue guidance on children missing education to all schools.",
                    _SARAH,
                    "July 2024",
                    "2024-07-31",
                    "month",
                    "completed",
                    [(None, "Guidance issued to all schools in January 2024. Completed.")],
                    ref="1",
                ),
                act(
                    "Train attendance officers in the referral route.",
                    _SARAH,
                    "July 2024",
                    "2024-07-31",
                    "month",
                    updates=[(None, "Training dates set for April.")],
                    ref="2",
                ),
                act(
                    "Add missing education to the safeguarding audit for schools.",
                    _SARAH,
                    "July 2024",
                    "2024-07-31",
                    "month",
                    ref="3",
                ),
            ],
        ),
        rec(
            "2",
            "Health visitors should share concerns about home conditions with social care.",
            [
                act(
                    "Add a home conditions prompt to the health visiting record.",
                    ["Named Nurse for Safeguarding"],
                    "March 2024",
                    "2024-03-31",
                    "month",
                    "completed",
                    [(None, "Prompt added and in use; practice now embedded. Completed.")],
                    ref="1",
                ),
                act(
                    "Audit twenty records for use of the prompt.",
                    ["Named Nurse for Safeguarding"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                    updates=[(None, "Audit planned for the summer.")],
                    ref="2",
                ),
            ],
        ),
    ],
)

STATUS_KEY_CSV = """Domestic Abuse Strategy Delivery Plan 2024/25,,,,,
Progress at 31 March 2024,,,,,
,,,,,
Ref,Action,Lead,Deadline,Status,Comments
1,"1. Recommission the refuge service.
2. Extend outreach to rural areas.",Commissioning Manager,2024/25,2,"Tender published in February 2024."
2,Publish a domestic abuse workforce training plan.,"Jo Marsh
Domestic Abuse Coordinator
Westvale Council",30/06/2024,3,Draft delayed by staff changes.
3,Launch the perpetrator programme.,Probation Service Lead,Q1 2024/25,1,"Programme launched in March\
 2024; first cohort complete."
4,Audit MARAC referrals from health services.,Designated Nurse,Q3 2024/25,4,
,,,,,
"Status key: 1 Fully achieved, 2 On track, 3 Some concerns, 4 Not started",,,,,
"""
STATUS_KEY_EXPECTED = plan(
    "Domestic Abuse Strategy Delivery Plan 2024/25",
    as_of="2024-03-31",
    actions=[
        act(
            "Recommission the refuge service.",
            ["Commissioning Manager"],
            "2024/25",
            "2025-03-31",
            "year",
            "on_track",
            [(None, "Tender published in February 2024.")],
            ref="1",
        ),
        act(
            "Extend outreach to rural areas.",
            ["Commissioning Manager"],
            "2024/25",
            "2025-03-31",
            "year",
            "on_track",
            ref="2",
        ),
        act(
            "Publish a domestic abuse workforce training plan.",
            ["Jo Marsh Domestic Abuse Coordinator Westvale Council"],
            "30/06/2024",
            "2024-06-30",
            "date",
            "at_risk",
            [(None, "Draft delayed by staff changes.")],
            ref="2",
        ),
        act(
            "Launch the perpetrator programme.",
            ["Probation Service Lead"],
            "Q1 2024/25",
            "2024-06-30",
            "quarter",
            "completed",
            [(None, "Programme launched in March 2024; first cohort complete.")],
            ref="3",
        ),
        act(
            "Audit MARAC referrals from health services.",
            ["Designated Nurse"],
            "Q3 2024/25",
            "2024-12-31",
            "quarter",
            "not_started",
            ref="4",
        ),
    ],
)

PARALLEL_TEXT = "\n".join(
    [
        "Neglect Audit Action Plan",
        "Reviewed 3 June 2024",
        "",
        "Ref\tAction\tLead\tBy when\tUpdate",
        "1\t<p>Revise the neglect screening tool.</p><p>Train health visitors in the tool.</p>"
        "<p>Audit use of the tool in ten families.</p>\tAmy Cole<br>Named Nurse<br>Westvale NHS Trust\t"
        "March 2024<br>June 2024<br>September 2024\t"
        "<p>Tool revised in February 2024.</p><p>Training booked.</p>",
        "2\tReport audit findings to the Partnership.\tPartnership Manager\tOctober 2024\t",
    ]
)
_AMY = ["Amy Cole Named Nurse Westvale NHS Trust"]
PARALLEL_EXPECTED = plan(
    "Neglect Audit Action Plan",
    "audit",
    as_of="2024-06-03",
    actions=[
        act(
            "Revise the neglect screening tool.",
            _AMY,
            "March 2024",
            "2024-03-31",
            "month",
            updates=[(None, "Tool revised in February 2024.")],
            ref="1",
        ),
        act(
            "Train health visitors in the tool.",
            _AMY,
            "June 2024",
            "2024-06-30",
            "month",
            updates=[(None, "Training booked.")],
        ),
        act("Audit use of the tool in ten families.", _AMY, "September 2024", "2024-09-30", "month"),
        act(
            "Report audit findings to the Partnership.",
            ["Partnership Manager"],
            "October 2024",
            "2024-10-31",
            "month",
            ref="2",
        ),
    ],
)

CASES = [
    Case(
        "4",
        "Word table with numbered action lists, short progress lists and a three-line lead",
        "child-q-plan.docx",
        build_lists_docx,
        LISTS_EXPECTED,
    ),
    Case(
        "4",
        "CSV export with a numbered status key and numbered actions in one cell",
        "da-delivery.csv",
        lambda: STATUS_KEY_CSV.encode(),
        STATUS_KEY_EXPECTED,
    ),
    Case(
        "4",
        "tab-separated plan, a cell of actions each with its own date and a shorter list of updates",
        "neglect-audit.txt",
        lambda: PARALLEL_TEXT.encode(),
        PARALLEL_EXPECTED,
    ),
]
