"""Tables of other shapes than a header over rows, told apart before `reconstruct` reads them.

A form set out one field a row ("Action | ..."; "Lead | ..."), a two-column
form whose fields hold lists, a document-control table of the plan's own
fields ("Owner | ..."), a template's instruction rows, a header's second row,
and a column headed only "Outcome" whose cells say whether it reports
progress or names the outcomes sought. Plain Python.
"""

from __future__ import annotations

import re

from actiontrack.importer import columns as col
from actiontrack.importer.labelled import form_rows, label_role
from actiontrack.lib.text import clean

_INSTRUCTION = re.compile(
    r"^(?:\[.*\]|\(.*\?\)|<.*>|(?:what|how|who|when|which|why|where|is|are|does|do|has|have|will)\b.*\?"
    r"|(?:e\.g\.|eg\b|please\b|insert\b|enter\b|describe\b|add details|state\b|list\b|detail\b|give\b).*)$",
    re.IGNORECASE | re.S,
)


def template_row(cells: list[str]) -> bool:
    """Tell a template's instruction row: every filled cell a question to the writer or a placeholder."""
    filled = [clean(c) for c in cells if clean(c)]
    if not filled or all(_REF_LIKE.match(c) for c in filled):
        return False
    return all(_INSTRUCTION.match(c) or _REF_LIKE.match(c) for c in filled) and sum(
        1 for c in filled if _INSTRUCTION.match(c)
    ) >= max(1, (len(filled) + 1) // 2)


_REF_LIKE = re.compile(r"^[\w.]{1,5}$")


def document_control(rows: list[list[str]]) -> list[str] | None:
    """Return a document-control table ("Owner | …", "Version | …") as labelled lines, or None."""
    from actiontrack.importer.plan_meta import is_meta_label

    pairs = [[clean(c) for c in r if clean(c)] for r in rows]
    if not pairs or any(len(p) != 2 for p in pairs):
        return None
    labelled = sum(1 for label, _ in pairs if is_meta_label(label))
    if labelled < 2 or labelled < 0.6 * len(pairs):
        return None
    return [f"{label.rstrip(':')}: {value}" for label, value in pairs]


def two_column_forms(rows: list[list[str]]) -> list[list[list[str]]] | None:
    """Read two-column forms headed "Recommendation 3 | text", one after another, as `labelled` does.

    Each form becomes an exact table of its labels over one row per action. A lone form of one
    action whose cells hold no lists is left to the transposed reading, which keeps its cells whole.
    """
    if len(rows) < 3 or len(rows[0]) < 2 or any(len([c for c in r if clean(c)]) > 2 for r in rows):
        return None
    starts = [i for i, r in enumerate(rows) if _form_heading(r)]
    if not starts or starts[0] != 0:
        return None
    forms: list[list[list[str]]] = []
    multi = len(starts) > 1
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(rows)
        fields = []
        for label, *values in rows[start + 1 : stop]:
            found = label_role(clean(label) + ":")
            if not found:
                return None
            fields.append((found[0], found[1], [v for cell in values for v in cell.split("\n") if clean(v)]))
        if col.ACTION not in {role for _, role, _ in fields}:
            return None
        listed = (col.ACTION, col.DUE, col.PROGRESS)
        multi = multi or any(len(v) > 1 for _, role, v in fields if role in listed)
        match = _LABELLED_REF.match(clean(rows[start][0]))
        assert match
        forms.append(form_rows(match.group(1), clean(" ".join(rows[start][1:])), fields))
    return forms if multi else None


def _form_heading(row: list[str]) -> bool:
    label = clean(row[0])
    return bool(_LABELLED_REF.match(label)) and label.lower().startswith("rec")


_LABELLED_REF = re.compile(
    r"^(?:recommendation|rec\.?|action)\s*(?:no\.?|number|ref\.?)?\s*(\d+[\w.]*)\W*$", re.I
)


def transposed(rows: list[list[str]]) -> list[list[str]] | None:
    """Return a form laid out one field a row as a header row and a row for each column of values.

    "Recommendation 3" as a label gives the reference ("3") its own column.
    """
    labels = [clean(row[0]) for row in rows]
    roles = [col.header_role(label) for label in labels]
    named = [role for role in roles if role]
    if len(named) < 3 or not {col.ACTION, col.RECOMMENDATION} & set(named) or len(named) < 0.6 * len(rows):
        return None
    header = list(labels)
    values = [[row[j] for row in rows] for j in range(1, len(rows[0]))]
    numbered = [i for i, label in enumerate(labels) if _LABELLED_REF.match(label)]
    if numbered:
        at = numbered[0]
        kind = labels[at].split()[0]
        header = [*header[:at], "Ref", kind, *header[at + 1 :]]
        number = _LABELLED_REF.match(labels[at]).group(1)  # type: ignore[union-attr]
        values = [[*v[:at], number, *v[at:]] for v in values]
    return [header, *(v for v in values if any(clean(cell) for cell in v))]


def fold_sub_headers(
    rows: list[list[str]], roles: list[list[str | None] | None]
) -> tuple[list[list[str]], list[list[str | None] | None]]:
    """Fold a header's second row ("Progress" over "Update December 2023 | Update March 2024") into it.

    The row under a header is its second row where two or more of its cells
    are filled, each naming a column's role too, and the two rows together
    still make a header.
    """
    rows, roles = list(rows), list(roles)
    i = 0
    while i + 1 < len(rows):
        below = rows[i + 1]
        filled = [cell for cell in below if clean(cell)]
        # One lone cell is a heading across the table ("Priority 1: Workforce"), not a header's second row.
        if roles[i] and not roles[i + 1] and len(filled) >= 2 and all(col.header_role(c) for c in filled):
            folded = [clean(f"{a} {b}") if clean(b) else a for a, b in zip(rows[i], below, strict=False)]
            folded_roles = col.header_roles(folded)
            if folded_roles:
                rows[i : i + 2] = [folded]
                roles[i : i + 2] = [folded_roles]
                continue
        i += 1
    return rows, roles


_BARE_OUTCOME = re.compile(r"^outcomes?\W*$", re.IGNORECASE)
_INTENDED = re.compile(
    r"\b(?:will|would|should|to be|are able|is able|can)\b|^(?:improved|increased|reduced|better|greater|"
    r"more|fewer|less|earlier|stronger|consistent|timely|all)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:19|20)\d\d\b|\d/\d|\b(?:completed?|achieved|in place|on-?going|done|agreed|issued|published|held|"
    r"delivered|implemented|amended|revised|launched|started|established)\b",
    re.IGNORECASE,
)


def outcome_columns_by_content(rows: list[list[str]], roles: list[list[str | None] | None]) -> None:
    """Give a column headed only "Outcome" the role its cells show: progress reported, or outcomes sought.

    "Completed July 2003" reports; "Children will be seen within 24 hours" is an aim.
    """
    for h, header_roles in enumerate(roles):
        if not header_roles:
            continue
        below: list[list[str]] = []
        for r, row_roles in zip(rows[h + 1 :], roles[h + 1 :], strict=False):
            if row_roles:
                break
            below.append(r)
        for i, cell in enumerate(rows[h]):
            if i >= len(header_roles) or not _BARE_OUTCOME.match(clean(cell)):
                continue
            texts = [clean(r[i]) for r in below if i < len(r) and clean(r[i])]
            intended = sum(1 for t in texts if _INTENDED.search(t) and not _REPORTED.search(t))
            if texts and intended * 2 > len(texts):
                header_roles[i] = col.OUTCOMES
