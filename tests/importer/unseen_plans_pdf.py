"""The PDF layouts of `unseen_plans`: an unruled table over two pages, printed several ways, and a
ruled table whose lead cells list one person per line."""

from __future__ import annotations

import html
from functools import cache

from tests.importer.unseen_plans import act, plan, rec

# -- (d) an unruled PDF over two pages, its header repeated ------------------------------------------

UNRULED_ACTIONS = [
    ("Review the neglect screening tool with practitioners from each agency.", "Neglect Sub-group Chair",
     "31/05/2024", "Draft tool circulated for comment."),
    ("Train designated safeguarding leads in schools to use the screening tool.",
     "Education Safeguarding Lead",
     "September 2024", ""),
    ("Publish a one-page guide to the neglect pathway for GPs.", "Named GP", "April 2024",
     "Guide drafted; awaiting sign-off."),
    ("Add neglect indicators to the early help assessment form.", "Early Help Manager", "30/06/2024", ""),
    ("Run a multi-agency audit of neglect cases open for more than a year.", "Partnership Business Manager",
     "October 2024", ""),
    ("Report neglect audit findings to the Partnership Executive.", "Independent Scrutineer", "December 2024",
     ""),
    ("Set up a neglect practice forum for social workers and health visitors.", "Principal Social Worker",
     "31/07/2024", "First forum date agreed."),
    ("Agree a dataset for neglect to go to every Executive meeting.", "Performance Manager", "May 2024",
     "Completed – dataset agreed."),
    ("Share learning from the local review of Child F with all agencies.", "Learning and Development Officer",
     "March 2024", "Completed. Briefing sent to all agencies."),
    ("Refresh the neglect strategy after consulting children and families.", "Head of Early Help",
     "January 2025", ""),
    ("Check that neglect toolkit use is recorded on the case management system.", "Service Manager",
     "31/08/2024", ""),
    ("Commission a parenting programme for families where neglect is identified.", "Head of Commissioning",
     "November 2024", "Specification being written."),
    ("Ask schools to report attendance concerns linked to neglect to the front door.", "Head of Inclusion",
     "30/09/2024", ""),
    ("Include neglect in the annual safeguarding self-assessment for all partners.", "Board Business Manager",
     "February 2025", ""),
    ("Hold a neglect awareness week for the wider children's workforce.", "Communications Officer",
     "October 2024", ""),
    ("Evaluate the impact of the revised neglect pathway after six months.", "Quality Assurance Manager",
     "March 2025", ""),
]  # fmt: skip
UNRULED_DUE = {
    "31/05/2024": ("2024-05-31", "date"),
    "September 2024": ("2024-09-30", "month"),
    "April 2024": ("2024-04-30", "month"),
    "30/06/2024": ("2024-06-30", "date"),
    "October 2024": ("2024-10-31", "month"),
    "December 2024": ("2024-12-31", "month"),
    "31/07/2024": ("2024-07-31", "date"),
    "May 2024": ("2024-05-31", "month"),
    "March 2024": ("2024-03-31", "month"),
    "January 2025": ("2025-01-31", "month"),
    "31/08/2024": ("2024-08-31", "date"),
    "November 2024": ("2024-11-30", "month"),
    "30/09/2024": ("2024-09-30", "date"),
    "February 2025": ("2025-02-28", "month"),
    "March 2025": ("2025-03-31", "month"),
}
UNRULED_TITLE = "Northfield Safeguarding Children Partnership Neglect Strategy Action Plan"
UNRULED_EXPECTED = plan(
    UNRULED_TITLE,
    "internal",
    owner="Northfield Safeguarding Children Partnership",
    as_of="2024-02-12",
    actions=[
        act(
            text,
            [lead],
            due,
            *UNRULED_DUE[due],
            status="completed" if progress.startswith("Completed") else None,
            updates=[(None, progress)] if progress else [],
            ref=str(number),
        )
        for number, (text, lead, due, progress) in enumerate(UNRULED_ACTIONS, start=1)
    ],
)

# The same plan with a RAG column shown by its shading alone (no text, no borders).
UNRULED_FILLS = {"blue": "#0070C0", "green": "#00B050", "amber": "#FFC000", "red": "#FF0000"}
UNRULED_RAG = [
    "blue" if progress.startswith("Completed") else ("green", "amber", "red", "")[number % 4]
    for number, (_, _, _, progress) in enumerate(UNRULED_ACTIONS)
]
_RAG_STATUS = {"blue": "completed", "green": "on_track", "amber": "at_risk", "red": "delayed", "": None}
UNRULED_SHADED_EXPECTED = dict(
    UNRULED_EXPECTED,
    actions=[
        dict(action, status=_RAG_STATUS[rag])
        for action, rag in zip(UNRULED_EXPECTED["actions"], UNRULED_RAG, strict=True)
    ],
)

# How an unruled table's cells are printed: padded and top-aligned (Word), tight, or
# bottom-aligned as Excel prints a sheet without gridlines.
UNRULED_CELLS = {
    "padded": "padding: 4pt 5pt 8pt 0; vertical-align: top;",
    "tight": "padding: 0 5pt 0 0; vertical-align: top;",
    "bottom": "padding: 2pt 5pt 2pt 0; vertical-align: bottom;",
    "middle": "padding: 3pt 5pt 3pt 2pt; vertical-align: middle;",
    "shaded": "padding: 4pt 5pt 8pt 0; vertical-align: top;",
    "wrapped": "padding: 0 5pt 0 0; vertical-align: top;",  # header cells wrapped over two or three lines
}
UNRULED_HEADERS = {
    "wrapped": [
        "Action No.",
        "Action required",
        "Lead officer / agency",
        "Target completion date",
        "Progress update",
    ]
}


def build_unruled_pdf(cells: str = "padded") -> bytes:
    import weasyprint

    e = html.escape
    shaded = cells == "shaded"
    rows = "".join(
        f"<tr><td>{n}</td><td>{e(t)}</td><td>{e(ld)}</td><td>{e(d)}</td><td>{e(p)}</td>"
        + (f'<td style="background: {UNRULED_FILLS.get(rag, "none")}"></td>' if shaded else "")
        + "</tr>"
        for n, ((t, ld, d, p), rag) in enumerate(zip(UNRULED_ACTIONS, UNRULED_RAG, strict=True), start=1)
    )
    labels = UNRULED_HEADERS.get(cells, ["No.", "Action", "Lead", "By when", "Progress"])
    header = "".join(f"<th>{e(label)}</th>" for label in labels)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 15mm 80mm; }}
body {{ font: 10pt sans-serif; }}
h1 {{ font-size: 14pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ {UNRULED_CELLS[cells]} text-align: left; }}
th {{ font-weight: bold; }}
tbody tr:nth-child(even) td {{ background: {"#eef" if cells == "middle" else "none"}; }}
td:first-child, th:first-child {{ width: 7%; }}
td:nth-child(2), th:nth-child(2) {{ width: 36%; }}
td:nth-child(3), th:nth-child(3) {{ width: 20%; }}
td:nth-child(4), th:nth-child(4) {{ width: 14%; }}
</style></head><body>
<h1>{e(UNRULED_TITLE)}</h1>
<p>Progress at 12 February 2024</p>
<table><thead><tr>{header}{"<th>RAG</th>" if shaded else ""}</tr></thead>
<tbody>{rows}</tbody></table></body></html>"""
    return weasyprint.HTML(string=page).write_pdf()


@cache
def unruled_pdf(cells: str = "padded") -> bytes:
    return build_unruled_pdf(cells)


# -- (e) a ruled PDF whose lead cells list two people on separate lines ----------------------------------

RULED_TITLE = "Southgate Local Child Safeguarding Practice Review Action Plan"
RULED_RECS = [
    (
        "1",
        "Agencies should make sure that fathers and other men in the household are assessed.",
        [
            ("Update the assessment template to ask about every adult in the household.",
             "Jane Hoey\nCath Thomas", "31/03/2024", "Green"),
            ("Audit ten assessments for the inclusion of fathers.", "Head of Safeguarding\nDesignated Nurse",
             "June 2024", "Amber"),
        ],
    ),
    (
        "2",
        "Health and children's social care should share information about missed appointments.",
        [
            ("Agree a missed appointments protocol between health and children's social care.",
             "Assistant Director, Children's Social Care", "30/04/2024", "Red"),
            ("Brief health visitors on the protocol.", "Named Nurse\nHealth Visiting Manager", "May 2024",
             ""),
        ],
    ),
]  # fmt: skip
RULED_EXPECTED = plan(
    RULED_TITLE,
    "practice_review",
    recs=[
        rec(
            ref,
            text,
            [
                act(
                    a,
                    lead.split("\n"),
                    due,
                    {"31/03/2024": "2024-03-31", "June 2024": "2024-06-30", "30/04/2024": "2024-04-30",
                     "May 2024": "2024-05-31"}[due],
                    "date" if "/" in due else "month",
                    {"Green": "on_track", "Amber": "at_risk", "Red": "delayed", "": None}[rag],
                )
                for a, lead, due, rag in actions
            ],
        )
        for ref, text, actions in RULED_RECS
    ],
)  # fmt: skip


def build_ruled_pdf() -> bytes:
    import weasyprint

    e = html.escape
    body = []
    for ref, text, actions in RULED_RECS:
        for index, (action, lead, due, rag) in enumerate(actions):
            cells = ""
            if index == 0:
                cells += f'<td rowspan="{len(actions)}">{ref}</td><td rowspan="{len(actions)}">{e(text)}</td>'
            lead_html = "<br>".join(e(line) for line in lead.split("\n"))
            cells += f"<td>{e(action)}</td><td class='lead'>{lead_html}</td><td>{e(due)}</td><td>{rag}</td>"
            body.append(f"<tr>{cells}</tr>")
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 15mm; }}
body {{ font: 10pt sans-serif; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.75pt solid black; padding: 3pt; vertical-align: top; text-align: left; }}
td.lead {{ width: 16%; }}
</style></head><body>
<h1>{e(RULED_TITLE)}</h1>
<table><thead><tr><th>Ref</th><th>Recommendation</th><th>Action</th><th>Lead</th><th>Target date</th>
<th>RAG</th></tr></thead><tbody>{"".join(body)}</tbody></table></body></html>"""
    return weasyprint.HTML(string=page).write_pdf()
