"""Class 1 of issue #11: text whose cells are not tab-separated.

(1a) a web page copied as text, cells joined by " | ", an in-cell line break
carrying a row onto the next line; (1b) the same joined by " / " with a RAG
column; (1c) a Markdown file of pipe tables under headings, `<br>` in cells;
(1d) `pdftotext -layout` output, columns lined up with spaces; (1e) a table
copied from a browser, one cell per blank-line-separated paragraph.
"""

from __future__ import annotations

from tests.importer.unseen_v11_common import Case, act, plan, rec

PIPE_TEXT = """Harbourside Safeguarding Children Partnership
Neglect Strategy Action Plan – progress at 30 April 2024

Ref | Recommendation | Action | Lead | By when | Progress
1 | Practitioners should use the neglect toolkit
consistently across all agencies. | Relaunch the neglect toolkit with a practice briefing. | Neglect\
 Strategy Lead \
| June 2024 | Briefing drafted and shared with the sub-group.
2 | The Partnership should know how well neglect is identified early. | Add neglect measures to the\
 partnership \
dataset. | Partnership Business Manager | 31/07/2024 | Measures agreed;
first report due in July.
3 | Schools should recognise neglect in children who miss school. | Train designated safeguarding leads\
 on neglect \
and attendance. | Education Safeguarding Adviser | Autumn 2024 |

This plan is reviewed at every meeting of the Neglect Sub-group.
"""
PIPE_EXPECTED = plan(
    "Harbourside Safeguarding Children Partnership Neglect Strategy Action Plan",
    owner="Harbourside Safeguarding Children Partnership",
    as_of="2024-04-30",
    notes=["This plan is reviewed at every meeting of the Neglect Sub-group."],
    recs=[
        rec(
            "1",
            "Practitioners should use the neglect toolkit consistently across all agencies.",
            [
                act(
                    "Relaunch the neglect toolkit with a practice briefing.",
                    ["Neglect Strategy Lead"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                    updates=[(None, "Briefing drafted and shared with the sub-group.")],
                ),
            ],
        ),
        rec(
            "2",
            "The Partnership should know how well neglect is identified early.",
            [
                act(
                    "Add neglect measures to the partnership dataset.",
                    ["Partnership Business Manager"],
                    "31/07/2024",
                    "2024-07-31",
                    "date",
                    updates=[(None, "Measures agreed; first report due in July.")],
                ),
            ],
        ),
        rec(
            "3",
            "Schools should recognise neglect in children who miss school.",
            [
                act(
                    "Train designated safeguarding leads on neglect and attendance.",
                    ["Education Safeguarding Adviser"],
                    "Autumn 2024",
                    "2024-11-30",
                    "season",
                ),
            ],
        ),
    ],
)

SLASH_TEXT = """Exploitation Sub-group Action Plan
Updated 12 February 2024

No. / Learning point / What we will do / Who / Timescale / RAG
1 / Professionals did not recognise criminal exploitation early enough. / Deliver exploitation training to
youth justice and early help staff. / Exploitation Coordinator / March 2024 / Green
2 / Return home interviews were not shared with the police. / Agree a protocol for sharing return home
interviews. / Missing Children Manager and Detective Inspector / End of May 2024 / Amber
3 / The views of young people were not sought. / Hold two young people's engagement sessions. / \
Participation Officer / Summer 2024 / Red
"""
SLASH_EXPECTED = plan(
    "Exploitation Sub-group Action Plan",
    as_of="2024-02-12",
    recs=[
        rec(
            "1",
            "Professionals did not recognise criminal exploitation early enough.",
            [
                act(
                    "Deliver exploitation training to youth justice and early help staff.",
                    ["Exploitation Coordinator"],
                    "March 2024",
                    "2024-03-31",
                    "month",
                    "on_track",
                    rag="green",
                ),
            ],
        ),
        rec(
            "2",
            "Return home interviews were not shared with the police.",
            [
                act(
                    "Agree a protocol for sharing return home interviews.",
                    ["Missing Children Manager", "Detective Inspector"],
                    "End of May 2024",
                    "2024-05-31",
                    "month",
                    "at_risk",
                    rag="amber",
                ),
            ],
        ),
        rec(
            "3",
            "The views of young people were not sought.",
            [
                act(
                    "Hold two young people's engagement sessions.",
                    ["Participation Officer"],
                    "Summer 2024",
                    "2024-08-31",
                    "season",
                    "delayed",
                    rag="red",
                ),
            ],
        ),
    ],
)

MARKDOWN_TEXT = """# Early Help Improvement Plan

**Owner:** Riverton Early Help Partnership Board
**Last updated:** 3 June 2024

## Workforce

| Ref | Action | Lead | Due | Status | Update |
|-----|--------|------|-----|--------|--------|
| 1 | Publish an early help practice standards guide. | Early Help Manager | 31/05/2024 | Complete | \
Guide published<br>on the intranet. |
| 2 | Run monthly early help assessment clinics. | Practice Lead and Senior Social Worker | Monthly\
 from July 2024 \
| On track | |

## Families' voice

| Ref | Action | Lead | Due | Status | Update |
|---|---|---|---|---|---|
| 3 | Survey families after early help ends. | Performance Officer | Q2 2024/25 | Not started | |
"""
MARKDOWN_EXPECTED = plan(
    "Early Help Improvement Plan",
    owner="Riverton Early Help Partnership Board",
    as_of="2024-06-03",
    actions=[
        act(
            "Publish an early help practice standards guide.",
            ["Early Help Manager"],
            "31/05/2024",
            "2024-05-31",
            "date",
            "completed",
            [(None, "Guide published on the intranet.")],
            ref="1",
        ),
        act(
            "Run monthly early help assessment clinics.",
            ["Practice Lead", "Senior Social Worker"],
            "Monthly from July 2024",
            "2024-07-01",
            "recurring",
            "on_track",
            ref="2",
        ),
        act(
            "Survey families after early help ends.",
            ["Performance Officer"],
            "Q2 2024/25",
            "2024-09-30",
            "quarter",
            "not_started",
            ref="3",
        ),
    ],
)

LAYOUT_TEXT = """                     Westbrook Safeguarding Adults Board
                   Self-neglect Learning Review: Action Plan
                          Position at 31 January 2024

Ref   Action                                  Lead                        Target date       Progress
1     Publish multi-agency self-neglect       Board Business Manager      March 2024        Draft\
 agreed by the
      guidance for practitioners.                                                           policy sub-group.

2     Deliver hoarding awareness sessions     Adult Social Care Training  30/06/2024        Two sessions held.
      for housing officers.                   Lead

3     Add self-neglect to the adults' audit   Quality Assurance Manager   Quarterly         Not started.
      programme.

                                        Page 1 of 1
"""
LAYOUT_EXPECTED = plan(
    "Westbrook Safeguarding Adults Board Self-neglect Learning Review: Action Plan",
    "practice_review",
    source_title="Self-neglect Learning Review",
    owner="Westbrook Safeguarding Adults Board",
    as_of="2024-01-31",
    actions=[
        act(
            "Publish multi-agency self-neglect guidance for practitioners.",
            ["Board Business Manager"],
            "March 2024",
            "2024-03-31",
            "month",
            updates=[(None, "Draft agreed by the policy sub-group.")],
            ref="1",
        ),
        act(
            "Deliver hoarding awareness sessions for housing officers.",
            ["Adult Social Care Training Lead"],
            "30/06/2024",
            "2024-06-30",
            "date",
            updates=[(None, "Two sessions held.")],
            ref="2",
        ),
        act(
            "Add self-neglect to the adults' audit programme.",
            ["Quality Assurance Manager"],
            "Quarterly",
            None,
            "recurring",
            updates=[(None, "Not started.")],
            ref="3",
        ),
    ],
)

PARAGRAPHS_TEXT = """Corporate Parenting Action Plan

Last updated: 20 May 2024

Ref

Action

Lead

Due

Update

1

Set up a care leavers' advisory group.

Leaving Care Manager

July 2024

Terms of reference drafted.

2

Review the pledge to children in care with young people.

Participation Lead

September 2024

Workshops booked for June.

3

Publish a local offer for care leavers.

Head of Corporate Parenting

31/03/2024

Completed and published on the council website.

Approved by the Corporate Parenting Board.
"""
PARAGRAPHS_EXPECTED = plan(
    "Corporate Parenting Action Plan",
    as_of="2024-05-20",
    notes=["Approved by the Corporate Parenting Board."],
    actions=[
        act(
            "Set up a care leavers' advisory group.",
            ["Leaving Care Manager"],
            "July 2024",
            "2024-07-31",
            "month",
            updates=[(None, "Terms of reference drafted.")],
            ref="1",
        ),
        act(
            "Review the pledge to children in care with young people.",
            ["Participation Lead"],
            "September 2024",
            "2024-09-30",
            "month",
            updates=[(None, "Workshops booked for June.")],
            ref="2",
        ),
        act(
            "Publish a local offer for care leavers.",
            ["Head of Corporate Parenting"],
            "31/03/2024",
            "2024-03-31",
            "date",
            "completed",
            [(None, "Completed and published on the council website.")],
            ref="3",
        ),
    ],
)

FRAGMENTS_TEXT = """Westbrook Safeguarding Adults Board
Self-neglect Learning Review: Action Plan
Position at 31 January 2024
Ref
Action
Lead
Target date
Progress
1
Publish multi-agency self-neglect
Board Business Manager
March 2024
Draft agreed by the
guidance for practitioners.
policy sub-group.
2
Deliver hoarding awareness sessions
Adult Social Care
30/06/2024
Two sessions held.
for housing officers.
Training Lead
3
Add self-neglect to the adults' audit
Quality Assurance Manager
Quarterly
Not started.
programme.
"""

TIGHT_LAYOUT_TEXT = """Riverside Children's Partnership
Exploitation Action Plan – updated 5 April 2024

No.  Recommendation                 Action                          Lead officer        Target       RAG
                                                                                        date
1    Improve the response to        Set up a weekly exploitation    Head of Service,    May 2024     Green
     children missing from home.    risk meeting.                   Safeguarding
2    Share intelligence about       Agree an information sharing    Detective           30/06/2024   Amber
     exploitation hotspots.         protocol with the police.       Inspector
3    Train taxi drivers to spot     Add exploitation to licensing   Licensing Manager   Autumn 2024  Red
     exploitation.                  training.
"""
TIGHT_LAYOUT_EXPECTED = plan(
    "Riverside Children's Partnership Exploitation Action Plan",
    owner="Riverside Children's Partnership",
    as_of="2024-04-05",
    recs=[
        rec(
            "1",
            "Improve the response to children missing from home.",
            [
                act(
                    "Set up a weekly exploitation risk meeting.",
                    ["Head of Service, Safeguarding"],
                    "May 2024",
                    "2024-05-31",
                    "month",
                    "on_track",
                    rag="green",
                ),
            ],
        ),
        rec(
            "2",
            "Share intelligence about exploitation hotspots.",
            [
                act(
                    "Agree an information sharing protocol with the police.",
                    ["Detective Inspector"],
                    "30/06/2024",
                    "2024-06-30",
                    "date",
                    "at_risk",
                    rag="amber",
                ),
            ],
        ),
        rec(
            "3",
            "Train taxi drivers to spot exploitation.",
            [
                act(
                    "Add exploitation to licensing training.",
                    ["Licensing Manager"],
                    "Autumn 2024",
                    "2024-11-30",
                    "season",
                    "delayed",
                    rag="red",
                ),
            ],
        ),
    ],
)

REC_FRAGMENTS_TEXT = """Eastshire Safeguarding Children Partnership
Child Sexual Exploitation Review – Action Plan
Updated 8 May 2024
Recommendation
Action
Lead
By when
1. Agencies should share
Publish a multi-agency
CSE Coordinator
June 2024
information about missing
information sharing flowchart.
children the same day.
2. Schools should teach
Add healthy relationships
PSHE Adviser
September 2024
pupils about healthy
sessions to the PSHE offer.
relationships.
"""
REC_FRAGMENTS_EXPECTED = plan(
    "Eastshire Safeguarding Children Partnership Child Sexual Exploitation Review – Action Plan",
    owner="Eastshire Safeguarding Children Partnership",
    as_of="2024-05-08",
    recs=[
        rec(
            "1",
            "Agencies should share information about missing children the same day.",
            [
                act(
                    "Publish a multi-agency information sharing flowchart.",
                    ["CSE Coordinator"],
                    "June 2024",
                    "2024-06-30",
                    "month",
                ),
            ],
        ),
        rec(
            "2",
            "Schools should teach pupils about healthy relationships.",
            [
                act(
                    "Add healthy relationships sessions to the PSHE offer.",
                    ["PSHE Adviser"],
                    "September 2024",
                    "2024-09-30",
                    "month",
                ),
            ],
        ),
    ],
)

CASES = [
    Case(
        "1",
        "web page copied as text, cells joined by pipes",
        "neglect-plan.txt",
        lambda: PIPE_TEXT.encode(),
        PIPE_EXPECTED,
    ),
    Case(
        "1",
        "web page copied as text, cells joined by slashes",
        "exploitation.txt",
        lambda: SLASH_TEXT.encode(),
        SLASH_EXPECTED,
    ),
    Case(
        "1",
        "Markdown pipe tables under headings",
        "early-help.md",
        lambda: MARKDOWN_TEXT.encode(),
        MARKDOWN_EXPECTED,
    ),
    Case(
        "1",
        "pdftotext -layout text, columns lined up with spaces",
        "self-neglect.txt",
        lambda: LAYOUT_TEXT.encode(),
        LAYOUT_EXPECTED,
    ),
    Case(
        "1",
        "table copied from a browser, one cell per paragraph",
        "corporate-parenting.txt",
        lambda: PARAGRAPHS_TEXT.encode(),
        PARAGRAPHS_EXPECTED,
    ),
    Case(
        "1",
        "a PDF's text layer, every cell fragment on its own line, columns interleaved",
        "self-neglect-extract.txt",
        lambda: FRAGMENTS_TEXT.encode(),
        LAYOUT_EXPECTED,
    ),
    Case(
        "1",
        "pdftotext -layout text, a two-line header and rows wrapped tight",
        "exploitation-layout.txt",
        lambda: TIGHT_LAYOUT_TEXT.encode(),
        TIGHT_LAYOUT_EXPECTED,
    ),
    Case(
        "1",
        "a PDF's text layer with numbered recommendations in the first column, lines interleaved",
        "cse-extract.txt",
        lambda: REC_FRAGMENTS_TEXT.encode(),
        REC_FRAGMENTS_EXPECTED,
    ),
]
