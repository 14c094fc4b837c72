"""Read plans set out as a form per recommendation: a heading, then one label per field.

NHS serious-incident and domestic homicide review plans often print each
recommendation as "Recommendation 1" followed by labelled fields ("Issue",
"Actions", "Owner", "Timescale", "Progress", "Evidence", "RAG"), each label on
its own line or before a colon, each followed by its text or a list. The
actions, due dates and progress are often parallel numbered lists; one owner
or one due date may stand for all the actions.

`form_tables` finds such forms among a document's paragraphs, whatever reader
produced them, and turns each into an exact `Table` (a header of the labels,
one row per action) that `reconstruct` takes as it is. `form_rows` does the
same for a form printed as a two-column table, one field a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actiontrack.importer import columns as col
from actiontrack.importer.model import Block, Paragraph, Table
from actiontrack.lib.text import clean

_HEADING = re.compile(
    r"^\W*(?:recommendation|rec\.?|finding|learning\s+point|lesson|area\s+for\s+(?:improvement|development))"
    r"\s*(?:no\.?|number|#|ref\.?)?\s*(?P<ref>\d+[a-z]?(?:\.\d+)*)\s*"
    r"(?:(?:[-–—:.)]\s*|\s+(?=[A-Z(‘'\"]))(?P<rest>.*))?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&()'’-]{1,48}?)\s*(?::|\s[-–—]\s)\s*(?P<rest>.*)$")
_ITEM = re.compile(r"^\s*(?:\(?(?P<n>\d{1,2}|[a-z])[.)]|[-–•*·▪])\s+(?P<text>\S.*)$")
_MAX_BARE_LABEL_WORDS = 5
# Fields that hold one short value (or one per action): a longer run after them is not theirs.
_SHORT_ROLES = (col.RAG, col.DUE, col.LEAD, col.AGENCY)
# Fields one entry of which may stand for every action: one owner, one due date, one list of evidence.
_SHARED_ROLES = (col.LEAD, col.DUE, col.AGENCY, col.RAG, col.EVIDENCE)
_REC_ROLES = (col.RECOMMENDATION, col.PRIORITY, col.OBJECTIVE, col.OUTCOMES, col.MEASURES, col.SECTION)


@dataclass
class _Line:
    text: str
    heading: int | None
    block: int


@dataclass
class _Form:
    ref: str
    rest: str
    fields: list[tuple[str, str | None, list[str]]]  # (label, role, value lines)
    start: int  # index of the heading line
    end: int  # index after the form's last line


def label_role(line: str) -> tuple[str, str | None, str] | None:
    """Return (label, role, rest) where a line opens a labelled field ("Owner: Jane Hoey", "Actions")."""
    plain = clean(line)
    if not plain or _HEADING.match(plain):
        return None
    match = _LABEL.match(plain)
    if match:
        label = match.group("label").strip()
        role = col.header_role(label)
        if role and len(label.split()) <= _MAX_BARE_LABEL_WORDS:
            return label, role, match.group("rest").strip()
    bare = plain.rstrip(" :")
    if len(bare.split()) <= _MAX_BARE_LABEL_WORDS and not bare.endswith(".") and bare[:1].isupper():
        role = col.header_role(bare)
        if role:
            return bare, role, ""
    return None


def form_tables(blocks: list[Block]) -> list[Block]:
    """Return the blocks with every run of paragraphs set out as forms replaced by exact tables."""
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in [*blocks, None]:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        if run:
            out.extend(_forms_in(run))
            run = []
        if block is not None:
            out.append(block)
    return out


def _forms_in(paragraphs: list[Paragraph]) -> list[Block]:
    lines = [
        _Line(text, p.heading, n)
        for n, p in enumerate(paragraphs)
        for text in p.text.split("\n")
        if clean(text)
    ]
    forms = _find_forms(lines)
    if not forms:
        return list(paragraphs)
    out: list[Block] = []
    at = 0
    for form in forms:
        out.extend(_paragraphs(lines[at : form.start], paragraphs))
        out.append(Table(rows=form_rows(form.ref, form.rest, form.fields), page=None, exact=True))
        at = form.end
    out.extend(_paragraphs(lines[at:], paragraphs))
    return out


def _paragraphs(lines: list[_Line], source: list[Paragraph]) -> list[Block]:
    """Return lines outside the forms as paragraphs again, one per paragraph they came from."""
    out: list[Block] = []
    blocks: list[int] = []  # the source paragraph of each paragraph in `out`
    for line in lines:
        if blocks and blocks[-1] == line.block:
            last = out[-1]
            assert isinstance(last, Paragraph)
            last.text += "\n" + line.text
            continue
        out.append(Paragraph(text=line.text, page=source[line.block].page, heading=line.heading))
        blocks.append(line.block)
    return out


def _find_forms(lines: list[_Line]) -> list[_Form]:
    heads = [i for i, line in enumerate(lines) if _HEADING.match(clean(line.text))]
    forms: list[_Form] = []
    for n, start in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(lines)
        match = _HEADING.match(clean(lines[start].text))
        assert match
        fields: list[tuple[str, str | None, list[str]]] = []
        rest_lines: list[str] = [match.group("rest") or ""]
        end = start + 1
        for i in range(start + 1, stop):
            text = lines[i].text
            found = label_role(text)
            if found:
                label, role, rest = found
                fields.append((label, role, [rest] if rest else []))
                end = i + 1
            elif fields:
                if _ends_form(lines[i], fields):
                    break
                fields[-1][2].append(text)
                end = i + 1
            else:
                rest_lines.append(text)
                end = i + 1
        roles = {role for _, role, _ in fields}
        if len(fields) < 2 or not roles & {col.ACTION, col.PROGRESS}:
            continue
        forms.append(_Form(match.group("ref"), clean(" ".join(rest_lines)), fields, start, end))
    return forms


def _ends_form(line: _Line, fields: list[tuple[str, str | None, list[str]]]) -> bool:
    """Say whether a line after the form's last field is no longer part of it (a heading, a closing note).

    A short field (lead, due date, RAG) holds one value, or one per action where it lists them.
    """
    label, role, values = fields[-1]
    if line.heading is not None:
        return True
    if role == col.RAG:
        return bool(values)
    if role in _SHORT_ROLES and values and not _ITEM.match(line.text):
        actions = next((len(list_items(v)) for _, r, v in fields if r == col.ACTION), 1)
        return len(values) >= actions
    return False


def list_items(values: list[str]) -> list[tuple[str | None, str]]:
    """Return a field's list items as (number, text): numbered or bulleted lines, or one item a line."""
    marked = [_ITEM.match(v) for v in values]
    if not any(marked):
        return [(None, clean(v)) for v in values if clean(v)]
    items: list[tuple[str | None, str]] = []
    for value, match in zip(values, marked, strict=True):
        if match:
            items.append((match.group("n"), match.group("text")))
        elif items:
            items[-1] = (items[-1][0], f"{items[-1][1]} {value.strip()}")
        else:
            items.append((None, value))
    return [(n, clean(t)) for n, t in items if clean(t)]


def form_rows(ref: str, rest: str, fields: list[tuple[str, str | None, list[str]]]) -> list[list[str]]:
    """Return a form's table: a header of its labels, then one row per action with its share of each field."""
    text_field = next((i for i, (label, role, _) in enumerate(fields) if role == col.RECOMMENDATION), None)
    header = ["Ref", "Recommendation"]
    rec_text = rest
    labelled_rec = [
        i
        for i, (label, role, _) in enumerate(fields)
        if role == col.RECOMMENDATION and "recommend" in label.lower()
    ]
    if labelled_rec:
        text_field = labelled_rec[0]
    if text_field is not None and (not rest or labelled_rec):
        rec_text = clean(" ".join(fields[text_field][2]))
    else:
        text_field = None
    kept = [(i, f) for i, f in enumerate(fields) if i != text_field]
    for _, (label, role, _) in kept:
        header.append(label if role != col.RECOMMENDATION else f"({label})")
    actions = next((list_items(v) for _, (label, role, v) in kept if role == col.ACTION), [])
    count = max(len(actions), 1)
    numbers = [n for n, _ in actions]
    rows = [[ref, rec_text] + [""] * len(kept)] + [["", ""] + [""] * len(kept) for _ in range(count - 1)]
    for j, (_, (_label, role, values)) in enumerate(kept, start=2):
        if role == col.ACTION:
            # The number goes back before the text: it is the action's printed reference.
            shares = [f"{n}. {t}" if n and n.isdigit() else t for n, t in actions] or [""]
        elif role in _REC_ROLES:
            shares = ["\n".join(values)] + [""] * (count - 1)
        else:
            shares = share_items(list_items(values), numbers, count, role)
        for r, share in enumerate(shares[:count]):
            rows[r][j] = share
    return [header, *rows]


def share_items(
    items: list[tuple[str | None, str]], numbers: list[str | None], count: int, role: str | None
) -> list[str]:
    """Share a field's items among the actions: by number, one each, or one for all."""
    if count == 1 or not items:
        return ["\n".join(t for _, t in items)] + [""] * (count - 1)
    if any(n for n, _ in items) and any(numbers):
        by_number: dict[str, list[str]] = {}
        for n, t in items:
            by_number.setdefault(n or "", []).append(t)
        if set(by_number) - {""} <= {n for n in numbers if n}:
            return ["\n".join(by_number.get(n or "", [])) for n in numbers]
    if len(items) == count:
        return [t for _, t in items]
    if len(items) == 1 and role in _SHARED_ROLES:
        return [items[0][1]] * count
    if role in _SHARED_ROLES:
        return ["\n".join(t for _, t in items)] * count
    return (
        [t for _, t in items] + [""] * (count - len(items))
        if len(items) < count
        else ["\n".join(t for _, t in items)] + [""] * (count - 1)
    )
