"""Tables in text that has no tabs: separated cells, aligned columns, a cell per paragraph.

Text copied out of web pages, PDFs and other tools keeps a table's structure
in other ways than tabs. The text reader asks this module, in turn, for the
first of these that the text's header row shows:

- separated cells: a header whose cells are joined by " | " (a Markdown pipe
  table included, its `|---|` rule dropped) or " / "; a row broken over lines
  by an in-cell line break runs on until it has the header's number of cells;
- aligned columns (`pdftotext -layout`): runs of text parted by two spaces or
  more, whose left edges line up under the header's; found as the PDF reader
  finds unruled tables, with a character's width as the unit;
- a cell per line or paragraph (a table copied from a browser or a PDF's
  text layer): a header of one label per line, then each row's cells one per
  paragraph, a row starting at each reference number.

Each returns the text's blocks, or None where its layout is not the text's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from actiontrack.importer import columns as col
from actiontrack.importer.model import Block, Paragraph, Table
from actiontrack.lib.text import clean

_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_RUN_GAP = re.compile(r"\s{2,}")
_NUMBERED_START = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-Z(‘'\"]")
_REF_CELL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?|[A-Z]?\d{1,2}[a-z]?)\.?$")
_CHAR = 2.5  # points a character is taken to be wide: within the aligned reader's tolerance of 4
_LINE = 12.0
CellText = Callable[[str], str]


def _separator_of(line: str) -> str | None:
    for separator in ("|", " / "):
        cells = _split(line, separator)
        if len(cells) >= 3 and col.header_roles(cells):
            return separator
    return None


def _split(line: str, separator: str) -> list[str]:
    text = line.strip()
    if separator == "|":
        if text.startswith("|"):  # a Markdown row: its outer pipes frame it
            text = text[1:].removesuffix("|")
        return [cell.strip() for cell in re.split(r"(?<!\\)\|", text)]
    return [cell.strip() for cell in text.split(separator)]


def separated_blocks(text: str, cell: CellText) -> list[Block] | None:
    """Read tables whose cells are joined by " | " or " / ", and the paragraphs around them."""
    lines = text.split("\n")
    header_at = next(((i, s) for i, line in enumerate(lines) if (s := _separator_of(line))), None)
    if header_at is None:
        return None
    separator = header_at[1]
    blocks: list[Block] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = _split(line, separator) if separator in line else []
        if len(cells) >= 3 and col.header_roles(cells):
            _flush(prose, blocks, cell)
            rows, i = _table_rows(lines, i, separator, len(cells))
            blocks.append(Table(rows=[[cell(c) for c in row] for row in rows], whole_rows=True))
            continue
        if line.strip():
            prose.append(line)
        else:
            _flush(prose, blocks, cell)
        i += 1
    _flush(prose, blocks, cell)
    return blocks


def _flush(prose: list[str], blocks: list[Block], cell: CellText) -> None:
    if prose:
        lines = [cell(line) for line in prose]
        blocks.append(Paragraph(text="\n".join(line for line in lines if line)))
        prose.clear()


def _table_rows(lines: list[str], start: int, separator: str, width: int) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = [_split(lines[start], separator)]
    current: str | None = None
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if _MARKDOWN_RULE.match(line) and "-" in line:
            i += 1
            continue
        if not line.strip():
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            if separator not in following:
                break  # the table ends at a blank line before prose
            i += 1
            continue
        if current is None and separator not in line:
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            if separator not in following and not line[:1].islower():
                break  # a line of prose under the table
            # An in-cell line break in the row's last cell.
            rows[-1][-1] = f"{rows[-1][-1]}\n{line.strip()}"
            i += 1
            continue
        current = line if current is None else f"{current}\n{line}"
        if len(_split(current, separator)) >= width:
            rows.append(_split(current, separator))
            current = None
        i += 1
    if current is not None:
        rows.append(_split(current, separator))
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows], i


def aligned_blocks(text: str, cell: CellText) -> list[Block] | None:
    """Read tables whose columns are lined up with spaces, as `pdftotext -layout` prints them."""
    from actiontrack.importer.readers.aligned import aligned_tables

    raw = text.split("\n")
    if not any(_header_line(line) for line in raw):
        return None
    lines = [_line_dict(n, line) for n, line in enumerate(raw) if line.strip()]
    tables = aligned_tables(lines)
    tables = [t for t in tables if any(col.header_roles(row) for row in t.rows[:3])]
    if not tables:
        return None
    blocks: list[Block] = []
    prose: list[str] = []
    table_at = {round(t.bbox[1] / _LINE): t for t in tables}
    skip_until = -1
    for n, line in enumerate(raw):
        if n <= skip_until:
            continue
        if n in table_at:
            _flush(prose, blocks, cell)
            table = table_at[n]
            blocks.append(Table(rows=[[cell(c) for c in row] for row in table.rows]))
            skip_until = round(table.bbox[3] / _LINE) - 1
            continue
        if line.strip():
            prose.append(line.strip())
        else:
            _flush(prose, blocks, cell)
    _flush(prose, blocks, cell)
    return blocks


def _header_line(line: str) -> bool:
    runs = [r for r in _RUN_GAP.split(line.strip()) if r]
    return len(runs) >= 3 and bool(col.header_roles(runs))


def _line_dict(number: int, line: str) -> dict:
    runs: list[dict] = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        runs.append(
            {
                "x0": match.start() * _CHAR,
                "x1": match.end() * _CHAR,
                "top": number * _LINE,
                "bottom": number * _LINE + 10.0,
                "text": match.group(0),
                "size": 10.0,
                "base": number * _LINE + 10.0,
            }
        )
    return {
        "x0": runs[0]["x0"],
        "x1": runs[-1]["x1"],
        "top": number * _LINE,
        "bottom": number * _LINE + 10.0,
        "size": 10.0,
        "runs": runs,
        "pieces": runs,
        "text": " ".join(str(run["text"]) for run in runs),
    }


def cell_per_line_blocks(text: str, cell: CellText) -> list[Block] | None:
    """Read a table printed one cell per paragraph (or per line), a header label on each line first."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text)]
    units = [clean(p) for p in paragraphs if clean(p)]
    per_line = False
    start = _header_run(units)
    if start is None:
        units = [clean(line) for line in text.split("\n") if clean(line)]
        start = _header_run(units)
        per_line = True
    if start is None:
        return None
    at, width = start
    header = units[at : at + width]
    roles = col.header_roles(header) or []
    body = units[at + width :]
    rows: list[list[str]] = [header]
    row: list[str] = []
    # Rows start at a reference ("1", "2.3") in a first column of numbers, or at a numbered
    # recommendation or action ("1. Agencies should …") in a first column of text.
    first = roles[0] if roles else None
    numbered = first in (col.RECOMMENDATION, col.ACTION, col.OBJECTIVE) and (
        sum(1 for unit in body if _NUMBERED_START.match(unit)) >= 2
    )
    keyed = first == col.REF or numbered
    start_pattern = _REF_CELL if first == col.REF else _NUMBERED_START
    end = len(body)
    for k, unit in enumerate(body):
        starts = keyed and bool(start_pattern.match(unit))
        if starts and row or not keyed and len(row) == width:
            rows.append(row)
            row = []
        if keyed and not starts and (not row or (len(row) >= width and not per_line)):
            end = k
            break  # prose after the table
        if per_line and row and len(row) >= width and not keyed:
            row[-1] = f"{row[-1]}\n{unit}"
        else:
            row.append(unit)  # with numbered rows, a row's fragments are dealt out below
    if row:
        rows.append(row)
    if per_line and keyed:
        # Lines of a PDF's text layer: a row's cells interleave line by line. Deal them out again.
        rows = [header, *(_deal(r, roles) for r in rows[1:])]
    blocks: list[Block] = []
    if at:
        blocks.append(Paragraph(text="\n".join(cell(u) for u in units[:at])))
    blocks.append(Table(rows=[[cell(c) for c in r] + [""] * (width - len(r)) for r in rows], whole_rows=True))
    if end < len(body):
        blocks.append(Paragraph(text="\n".join(cell(u) for u in body[end:])))
    return blocks


def _label_like(unit: str) -> bool:
    # A column label: short, no date or number in it, no "Label: value".
    return len(unit) <= 40 and ": " not in unit and not re.search(r"\d", unit) and bool(col.header_role(unit))


def _header_run(units: list[str]) -> tuple[int, int] | None:
    """Return where a run of three or more header labels, one a unit, starts and how long it is."""
    for i in range(len(units)):
        j = i
        while j < len(units) and _label_like(units[j]):
            j += 1
        if j - i >= 3 and col.header_roles(units[i:j]):
            return i, j - i
    return None


_DANGLING = re.compile(
    r"(?:\b(?:a|an|the|of|to|and|or|for|with|in|on|at|by|from|into|that|which|who|as|is|are|be|has|have)|[,&/(–-])$",
    re.IGNORECASE,
)


def _deal(fragments: list[str], roles: list[str | None]) -> list[str]:
    """Deal a row's fragments, printed one visual line of every column after another, to their columns.

    The first line of the row prints the first line of each filled cell, left to right; each later
    line carries on the cells still open (a sentence not finished, a lead or date cut short), again
    left to right. A fragment opening in lower case continues a cell rather than starting one.
    """
    from actiontrack.importer.fields.leads import split_leads
    from actiontrack.lib.duedates import read_due

    width = len(roles)
    lowest = 1 if roles[0] == col.REF else 0  # a first column of text wraps too; one of numbers does not
    cells = [[] for _ in range(width)]  # type: list[list[str]]
    cells[0].append(fragments[0])
    rest = fragments[1:]

    def is_open(index: int) -> bool:
        text = " ".join(cells[index])
        if not text:
            return False
        if _DANGLING.search(text):
            return True
        role = roles[index]
        if role == col.DUE:
            return read_due(text).kind == "unspecified"
        if role in (col.LEAD, col.AGENCY):
            return not split_leads(text) or text.split()[-1][:1].islower()
        return text[-1] not in ".!?)"

    # First visual line: one fragment for each column in turn, until a fragment continues a cell.
    column = 1
    while rest and column < width and not rest[0][:1].islower():
        cells[column].append(rest.pop(0))
        column += 1
    last = column - 1
    while rest:
        fragment = rest.pop(0)
        candidates = [i for i in range(lowest, width) if is_open(i)]
        if not candidates:
            candidates = [i for i in range(1, width) if cells[i]] or [width - 1]
        after = [i for i in candidates if i > last]
        target = after[0] if after else candidates[0]
        cells[target].append(fragment)
        last = target
    return ["\n".join(c) for c in cells]
