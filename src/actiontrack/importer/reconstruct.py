"""Put printed tables back together, whatever the file type.

Readers give tables as printed: a header row repeated on every page, a row
that a page break cut in two, a row whose cells wrap over several physical
lines (PDF text), a running title or "APPENDIX 1" between page tables. This
module turns a `RawDocument` into a flat sequence of items in reading order:

- `Text`: a paragraph outside the tables (or a row printed above a table's header),
- `Section`: a heading row inside a table ("SOCIAL SERVICES"),
- `Row`: one logical table row, its cells paired with the column they stand in,
- `Band`: a recommendation printed as a row across a table of actions,
- `Loose`: a table without a recognisable header (a RAG key, a key of initials).

Rules, all about layout rather than any one document:
- a header row is a row whose cells name column roles (see `columns`);
- a table that follows another across a page break (only blank lines or
  running text between) with the same header, or no header and the same width,
  continues it; a repeated header row is dropped, and a header cell left blank
  takes the role the earlier header gave that column;
- a row continues the one above when it carries no reference of its own and
  its text visibly continues (starts in lower case, or the cell above ends on
  "of", "the", "and", a comma ...); in wrapped text (text, PDF) a row with no
  reference and no due date continues unless its text visibly starts afresh;
- after a page break, a row with no reference, recommendation or action carries
  on the row above, and a cell whose counterpart above ends mid-phrase is joined
  to it even where the rest of the row is a new row; a row left at the foot of
  a page with only its lead or date is joined to the row printed after the break;
- a header's second row ("Progress" over "Update December 2023 | Update
  March 2024") is folded into it, and a form set out one field a row
  ("Action | ...", "Lead | ...") is read with its first column as the header;
- a row with one lone cell in capitals (or title case) is a section heading, and
  a lone "Recommendation 3: ..." row is a paragraph heading the rows below it;
- repeated paragraphs at page edges (running titles) and "APPENDIX 1" or
  "Page 2 of 4" lines are page furniture: dropped, and read as page breaks;
- a lone cell across a table with no recommendation column that is numbered
  ("1. Agencies should …") or recommends ("… should …") is a `Band`: the
  recommendation the rows below answer; "Priority 2 – …" is a section;
- a template's instruction row ("What will you do?", "[Insert action]") is
  dropped; a two-column table of the plan's own fields ("Owner | …") is read
  as labelled lines; forms set out one label a field (`labelled`) arrive as
  exact tables and are taken as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actiontrack.importer import columns as col
from actiontrack.importer import table_shapes as shapes
from actiontrack.importer.labelled import form_tables, label_role
from actiontrack.importer.model import Block, Paragraph, RawDocument, Table
from actiontrack.importer.plan_meta import is_meta_label
from actiontrack.lib.text import SOFT_BREAK, clean


@dataclass
class Column:
    """A table column: the role its header names (or None) and the header as printed."""

    role: str | None
    header: str


@dataclass
class Text:
    text: str
    heading: int | None = None


@dataclass
class Section:
    text: str


@dataclass
class Row:
    """One logical row: cell texts by column index, and the table's columns."""

    columns: list[Column]
    cells: list[str]

    def get(self, role: str) -> str:
        """Return the text of the first column with this role ("" where none)."""
        for column, cell in zip(self.columns, self.cells, strict=False):
            if column.role == role:
                return cell
        return ""

    def all(self, role: str) -> list[tuple[Column, str]]:
        """Return every (column, text) with this role."""
        return [(c, t) for c, t in zip(self.columns, self.cells, strict=False) if c.role == role]


@dataclass
class Band:
    """A recommendation printed as a band row across a table of actions: its number and text."""

    ref: str | None
    text: str


@dataclass
class Loose:
    rows: list[list[str]]


Item = Text | Section | Band | Row | Loose

# Words a phrase cannot end on: a cell ending on one continues below.
_DANGLING_WORDS = (
    "a an the of to and or for with in on at by from into onto "
    "that which who whose since between as than its their his her our your this these "
    "those is are was were be been has have had will would should could can may "
    "must not via per about under over after before during within without including such e.g i.e "
    "re & "
)
_DANGLING = frozenset(_DANGLING_WORDS.split())
_RUNNING = re.compile(r"^(appendix|annex|annexe|page)\s+[\w.]+(\s+of\s+\d+)?$", re.IGNORECASE)
_INLINE_HEADING = re.compile(r"^\W*(?:recommendation|rec\.?)\s*(?:no\.?|number|#)?\s*\d", re.IGNORECASE)
_GLUED_HEADING = re.compile(r"^(.*[a-z0-9)])([A-Z][A-Z0-9 ,&/()–—-]{7,})$")
_FRESH_REF = re.compile(r"^[\w(]")
_EVIDENCE_ROLES = (col.RECOMMENDATION, col.OBJECTIVE, col.ACTION, col.PROGRESS, col.EVIDENCE, col.LEAD, None)
_TEXT_ONLY_ROLES = (col.RECOMMENDATION, col.OBJECTIVE, col.ACTION, col.PROGRESS)
_REC_ROLES = (col.REF, col.RECOMMENDATION, col.OBJECTIVE)
_ANCHOR_ROLES = (*_REC_ROLES, col.ACTION)
_WRAPPING_KINDS = ("text", "pdf")


def reconstruct(doc: RawDocument) -> list[Item]:
    """Return the document's items with tables merged across pages and rows rejoined."""
    builder = _Builder(wrapping=doc.kind in _WRAPPING_KINDS)
    running = _running_paragraphs(doc)
    seen_table = False
    previous_key = None
    kept: set[str] = set()
    for block in form_tables(doc.blocks):
        if isinstance(block, Paragraph):
            key = _norm(block.text)
            if key == previous_key:
                continue  # printed twice in a row: extracted once as text and once as a heading
            previous_key = key
            if key in running or _RUNNING.match(key):
                # A running title is the plan's title where it first appears, above the tables.
                if seen_table or _RUNNING.match(key) or key in kept:
                    builder.page_break()
                    continue
                kept.add(key)
            for text in split_glued_heading(block.text):
                builder.text(text, block.heading)
        else:
            previous_key = None
            seen_table = True
            builder.table(block)
    return builder.finish()


def split_glued_heading(text: str) -> list[str]:
    """Split a line where extraction glued a capitals heading onto the line before it.

    "ACPC Action Plans from SSI ReportRECOMMENDATIONS – STRATEGIC" is a title and a heading.
    """
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        match = _GLUED_HEADING.match(line.strip())
        if match and not re.search(r"[a-z]", match.group(2)) and len(match.group(1).split()) >= 2:
            out.extend([match.group(1).strip(), match.group(2).strip()])
        else:
            out.append(line)
    if len(out) == len(lines):
        return [text]
    return [line for line in out if line.strip()]


def _running_paragraphs(doc: RawDocument) -> set[str]:
    """Return paragraphs printed at the top or foot of every page: repeated, each repeat at a page edge."""
    places: dict[str, list[int]] = {}
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph) and _norm(block.text):
            places.setdefault(_norm(block.text), []).append(i)
    running = set()
    for text, where in places.items():
        # The same line printed twice in a row (a title extracted as text and as heading) is one line.
        repeats = [i for n, i in enumerate(where[1:], 1) if i != where[n - 1] + 1]
        # Labels repeated inside the prose ("Outcomes: ...") are not running heads: those sit
        # between a table or a page break and the next page's content.
        if repeats and all(_at_page_edge(doc, i) for i in repeats):
            running.add(text)
    return running


def _at_page_edge(doc: RawDocument, index: int) -> bool:
    block = doc.blocks[index]
    before = index - 1
    while before >= 0 and _is_page_furniture(doc.blocks[before]):
        before -= 1
    previous = doc.blocks[before] if before >= 0 else None
    following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
    if previous is None or following is None or isinstance(previous, Table):
        return True
    if block.page is not None and previous.page is not None and previous.page != block.page:
        return True
    return block.page is not None and following.page is not None and following.page != block.page


def _is_page_furniture(block: Block) -> bool:
    return isinstance(block, Paragraph) and bool(_RUNNING.match(_norm(block.text)))


def _norm(text: str) -> str:
    return clean(text).lower()


@dataclass
class _Active:
    columns: list[Column]
    last: Row | None = None  # the table's last logical row
    group: Row | None = None  # the row that opened the current recommendation


class _Builder:
    def __init__(self, wrapping: bool) -> None:
        self.items: list[Item] = []
        self.wraps = wrapping
        self.wrapping = wrapping
        self.active: _Active | None = None
        self.broken = False  # a page break since the active table's last row

    def page_break(self) -> None:
        self.broken = True

    def text(self, text: str, heading: int | None = None) -> None:
        if not clean(text):
            return
        self.close()
        self.items.append(Text(text, heading))

    def close(self) -> None:
        self.active = None
        self.broken = False

    def finish(self) -> list[Item]:
        self.close()
        return self.items

    def table(self, table: Table) -> None:
        rows = [[cell or "" for cell in row] for row in table.rows if any(clean(c) for c in row)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if table.exact:
            self._exact(rows)
            return
        if forms := shapes.two_column_forms(rows):
            for form in forms:
                self._exact(form)
            return
        self.wrapping = self.wraps and not table.whole_rows
        # A table printed on from the page before starts with its rows, not a header.
        self.broken = True
        roles = [col.header_roles(r) for r in rows]
        first = next((i for i, r in enumerate(roles) if r), None)
        if first is not None:
            # Under the header, a template's questions ("What will you do?") name roles again: no header.
            roles = [
                None if i > first and shapes.template_row(r) else role
                for i, (r, role) in enumerate(zip(rows, roles, strict=True))
            ]
        if first is None and (turned := shapes.transposed(rows)):
            # A form, one field a row ("Action | ..."; "Lead | ..."): its first column is the header.
            rows = turned
            roles = [col.header_roles(r) for r in rows]
            first = next((i for i, r in enumerate(roles) if r), None)
        if first is None and (lines := shapes.document_control(rows)):
            for line in lines:  # "Owner | Improvement Board": the plan's own fields, set out as a table
                self.text(line)
            return
        if first is None:
            if self.active and len(self.active.columns) == width:
                for r in rows:
                    self.row(r)
            else:
                self.close()
                self.items.append(Loose(rows))
            self.broken = True
            return
        for r in rows[:first]:
            # Rows above the header: a title, a recommendation, its outcomes, printed in the table;
            # "Owner: | Improvement Board" is one labelled line.
            filled = [c for c in r if clean(c)]
            if len(filled) == 2 and (clean(filled[0]).endswith(":") or is_meta_label(filled[0])):
                self.text(f"{clean(filled[0]).rstrip(':')}: {filled[1]}")
            else:
                self.text("\n".join(filled))
        rows, roles = shapes.fold_sub_headers(rows, roles)
        shapes.outcome_columns_by_content(rows, roles)
        for r, header_roles in zip(rows[first:], roles[first:], strict=True):
            if header_roles:
                self.header(r, header_roles)
            else:
                self.row(r)
        self.broken = True

    def _exact(self, rows: list[list[str]]) -> None:
        """Take a table whose rows are already logical rows: a form's header, then one row per action."""
        self.close()
        header = rows[0]
        roles = [col.REF, col.RECOMMENDATION] + [
            (found[1] if (found := label_role(label + ":")) else None) for label in header[2:]
        ]
        columns = [Column(role, clean(cell)) for role, cell in zip(roles, header, strict=True)]
        for cells in rows[1:]:
            self.items.append(Row(columns, list(cells)))
        self.close()

    def header(self, cells: list[str], roles: list[str | None]) -> None:
        columns = [Column(role, clean(cell)) for role, cell in zip(roles, cells, strict=False)]
        prior = self.active
        if prior and len(prior.columns) == len(columns) and _compatible(prior.columns, columns):
            for i, c in enumerate(columns):
                if not c.header and prior.columns[i].role:
                    columns[i] = prior.columns[i]
            if [c.role for c in columns] == [c.role for c in prior.columns]:
                # A header repeated after a page break (or a sub-table's header): the table goes on.
                prior.columns = columns
                self.broken = True
                return
        self.close()
        if columns[0].role is None and not columns[0].header:
            # An unlabelled first column holds the numbers.
            columns[0] = Column(col.REF, "")
        self.active = _Active(columns)

    def row(self, cells: list[str]) -> None:
        active = self.active
        if active is None:
            self.items.append(Loose([cells]))
            return
        if shapes.template_row(cells):
            return  # a template's instruction row ("What is the over-arching recommendation?"): no content
        after_break = self.broken
        self.broken = False
        prev = active.last
        lone = {clean(c) for c in cells if clean(c)}
        if len(lone) == 1 and _INLINE_HEADING.match(next(iter(lone))):
            # "Recommendation 3: ..." printed across the table: a heading for the rows below.
            self.items.append(Text(next(c for c in cells if clean(c))))
            active.last = active.group = None  # rows below belong to the new heading
            return
        section = self._section_text(cells, prev)
        if section is not None:
            self.items.append(Section(section))
            return
        band = self._band(cells)
        if band is not None:
            self.items.append(band)
            active.last = active.group = None
            return
        if prev is not None and self._continues(cells, prev, after_break):
            self._merge(cells, prev)
            return
        if prev is not None and after_break:
            cells = self._carry_dangling(cells, prev)
            if self._fragment(prev) and self.items and self.items[-1] is prev:
                # The top of a row cut by the page break held only its lead or date: it belongs below.
                self.items.pop()
                cells = [
                    self._joined(i, a, b) if clean(b) else a
                    for i, (a, b) in enumerate(zip(prev.cells, cells, strict=False))
                ]
        new = Row(active.columns, list(cells))
        self.items.append(new)
        active.last = new
        if any(clean(cells[i]) for i, c in enumerate(active.columns) if c.role in _REC_ROLES):
            active.group = new

    def _joined(self, index: int, above: str, below: str) -> str:
        assert self.active
        role = self.active.columns[index].role if index < len(self.active.columns) else None
        if role == col.RAG and clean(above).lower() == clean(below).lower():
            return above  # a RAG colour printed on both halves of a page-split row is one status
        # In a lead cell the rejoined lines stay apart (a soft break): two leads may be printed one per line.
        return _join(above, below, soft=role == col.LEAD)

    def _fragment(self, row: Row) -> bool:
        assert self.active
        texts = [i for i, c in enumerate(self.active.columns) if c.role in _TEXT_ONLY_ROLES]
        return bool(texts) and not any(clean(row.cells[i]) for i in texts)

    def _role_index(self, role: str) -> int | None:
        assert self.active
        for i, c in enumerate(self.active.columns):
            if c.role == role:
                return i
        return None

    def _target(self, prev: Row, index: int) -> Row:
        # Recommendation cells continue the row that opened the recommendation, others the last row.
        assert self.active
        group = self.active.group
        if self.active.columns[index].role in _REC_ROLES and group is not None and clean(group.cells[index]):
            return group
        return prev

    def _continues(self, cells: list[str], prev: Row, after_break: bool) -> bool:
        """Weigh whether a row carries on the row above (wrapped text, a page-split row)."""
        assert self.active
        ref_i = self._role_index(col.REF)
        if ref_i is not None and clean(cells[ref_i]) and _FRESH_REF.match(clean(cells[ref_i])):
            return False
        anchors = [i for i, c in enumerate(self.active.columns) if c.role in _ANCHOR_ROLES]
        if after_break and anchors and not any(clean(cells[i]) for i in anchors):
            return True  # after a page break, a row with no reference, recommendation or action goes on
        carry = fresh = 0
        for i, c in enumerate(self.active.columns):
            if c.role in _EVIDENCE_ROLES and clean(cells[i]):
                weight = _evidence(clean(cells[i]), clean(self._target(prev, i).cells[i]))
                carry += max(weight, 0)
                fresh += max(-weight, 0)
        due_i = self._role_index(col.DUE)
        if due_i is not None and clean(cells[due_i]) and clean(prev.cells[due_i]):
            fresh += 1  # a second deadline: a row of its own (a first one may be the row's missing half)
        if carry or fresh:
            return carry > fresh
        return after_break or self.wrapping

    def _merge(self, cells: list[str], prev: Row) -> None:
        for i, text in enumerate(cells):
            if clean(text):
                target = self._target(prev, i)
                target.cells[i] = self._joined(i, target.cells[i], text.strip())

    def _carry_dangling(self, cells: list[str], prev: Row) -> list[str]:
        out = list(cells)
        for i, text in enumerate(cells):
            above = clean(prev.cells[i])
            if clean(text) and above and _ends_dangling(above):
                prev.cells[i] = self._joined(i, prev.cells[i], text.strip())
                out[i] = ""
        return out

    def _band(self, cells: list[str]) -> Band | None:
        """Return a recommendation printed across a table that has no recommendation column, or None."""
        assert self.active
        roles = {c.role for c in self.active.columns}
        filled = [(i, clean(c)) for i, c in enumerate(cells) if clean(c)]
        if col.RECOMMENDATION in roles or len(filled) != 1 or len(cells) < 3:
            return None
        index, text = filled[0]
        if index > 1 or self.active.columns[index].role not in (col.REF, col.ACTION, None):
            return None
        numbered = _BAND_NUMBER.match(text)
        words = len(text.split())
        if numbered and words >= 4:
            return Band(numbered.group("ref"), numbered.group("rest"))
        if self.active.columns[index].role == col.REF and words >= 6:
            return Band(None, text)  # a sentence in the narrow number column: it spans the table
        if words >= 6 and text[0].isupper() and _RECOMMENDS.search(text) and text[-1] in ".!":
            return Band(None, text)  # "Agencies should …" across a table of actions is what they answer
        return None

    def _section_text(self, cells: list[str], prev: Row | None) -> str | None:
        assert self.active
        filled = {clean(c) for c in cells if clean(c)}
        if len(filled) != 1:
            return None
        text = filled.pop()
        index = next(i for i, c in enumerate(cells) if clean(c))
        role = self.active.columns[index].role
        if index > 1 and role not in (col.REF, col.RECOMMENDATION):
            return None
        if len(text) > 80 or text[-1] in ".;:," or not text[0].isupper():
            return None
        if prev is not None and _evidence(text, clean(self._target(prev, index).cells[index])) > 0:
            return None
        if _NUMBERED_SECTION.match(text) and len(cells) >= 3:
            return text  # "Priority 2 – Early help and prevention", "Theme 3: Voice of the child"
        words = re.findall(r"[A-Za-z][\w'’]*", text)
        small = [w for w in words if w[0].islower() and w.lower() not in _DANGLING]
        return text if words and not small else None


_NUMBERED_SECTION = re.compile(
    r"^(?:priority|theme|section|area|workstream|work stream|strand|part|domain)\s+(?:\d{1,2}|[A-Z])\b"
    r"\s*[:.–—-]?\s*\S",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(
    r"\b(?:should|must|needs? to|ought to|is required to|are required to)\b", re.IGNORECASE
)
_BAND_NUMBER = re.compile(
    r"^(?:R|Rec\.?\s*)?(?P<ref>\d{1,2}(?:\.\d{1,2})?)[.):]?\s+(?P<rest>[A-Z(‘'\"].*)$", re.S
)


def _compatible(old: list[Column], new: list[Column]) -> bool:
    return all(not n.header or n.role == o.role for o, n in zip(old, new, strict=False))


def _evidence(text: str, above: str) -> int:
    """Weigh whether a cell continues the text above it: 2 or 1 it does, -1 it starts afresh, 0 unknown."""
    if not above:
        return 0
    if text[0].islower():
        return 2
    if _ends_dangling(above) or above[-1] in ",&/(-–":
        return 1
    if above[-1] in ".!?" and (text[0].isupper() or text[0].isdigit()):
        return -1
    return 0


def _ends_dangling(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower().strip("(") in _DANGLING


def _join(above: str, below: str, soft: bool = False) -> str:
    # The first line below finishes the last line above (a wrapped or page-split paragraph).
    if not above.strip():
        return below
    head, _, rest = below.partition("\n")
    joined = above.rstrip() + (SOFT_BREAK if soft else " ") + head.strip()
    return joined + ("\n" + rest if rest else "")
