"""Render actionplan/1 documents as PDF through HTML and WeasyPrint.

The layout is a typical printed plan: a title, a ruled table whose header row
repeats on every page (`thead`), rows that a page break cuts in two, a running
title and page numbers, RAG cells shown by their shading alone, then notes and keys.
"""

from __future__ import annotations

import html

from tests.importer.builders import (
    COLOUR_FILL,
    HEADER,
    REC_COLUMNS,
    header_for,
    key_groups,
    postscript,
    preamble,
    table_rows,
)


def build_pdf(plan: dict, repeat: int = 1, ruled: bool = True) -> bytes:
    """Render a plan as a PDF through HTML: a table whose header repeats on every page.

    `repeat` prints the table body that many times, to make long documents for
    timing tests; `ruled=False` prints the table without borders (only
    spacing and the shaded header and RAG cells show its grid).
    """
    import weasyprint

    return weasyprint.HTML(string=plan_html(plan, repeat, ruled)).write_pdf()


def plan_html(plan: dict, repeat: int = 1, ruled: bool = True) -> str:
    """Return the plan as an HTML page laid out for printing."""
    e = html.escape
    border = "0.75pt solid black" if ruled else "none"
    lines = preamble(plan)
    columns = header_for(plan)
    body = []
    rows = table_rows(plan)
    for _ in range(repeat):
        for row in rows:
            if row.section is not None:
                body.append(f'<tr><th colspan="{len(columns)}" class="section">{e(row.section)}</th></tr>')
                continue
            values = row.cells()
            cells = []
            for column in columns:
                if column in REC_COLUMNS and plan["recommendations"]:
                    if not row.first_of_recommendation:
                        continue
                    cells.append(f'<td rowspan="{row.span}">{_html_lines(values[column])}</td>')
                elif column == 6:
                    # The status is the RAG cell's shading, with no text in it.
                    shade = f' style="background: #{COLOUR_FILL[values[6].lower()]}"' if values[6] else ""
                    cells.append(f"<td{shade}></td>")
                else:
                    cells.append(f"<td>{_html_lines(values[column])}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
    after = "".join(
        f"<p>{e(group[0][0])}</p>"
        if len(group[0]) == 1
        else '<table class="key">'
        + "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in line) + "</tr>" for line in group)
        + "</table>"
        for group in key_groups(postscript(plan))
    )
    intro = "".join(f"<p>{e(line)}</p>" for line in lines[1:])
    head = "".join(f"<th>{HEADER[column]}</th>" for column in columns)
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 18mm 12mm;
        @top-center {{ content: "{e(lines[0])}"; font: 8pt sans-serif; }}
        @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; }} }}
body {{ font: 9pt sans-serif; }}
h1 {{ font-size: 15pt; }}
table {{ border-collapse: collapse; width: 100%; }}
table.key {{ width: auto; margin-top: 8pt; }}
th, td {{ border: {border}; padding: 3pt; vertical-align: top; text-align: left; }}
thead th {{ background: #ddd; }}
th.section {{ background: #eee; }}
td p {{ margin: 0; }}
</style></head><body>
<h1>{e(lines[0])}</h1>{intro}
<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>
{after}
</body></html>"""


def _html_lines(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n")) if text else ""
