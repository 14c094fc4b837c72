"""Turn reconstructed tables and the text around them into an `actionplan/1.1` document.

The items from `reconstruct` are walked in reading order with a little state:
the current section heading and the current recommendation. A recommendation
starts at a row whose recommendation or reference cell is filled, or at a
paragraph "Recommendation No. 4 - for improvement within 3 months"; the
paragraphs after such a heading give its text, then "Outcome(s): ..." and
"... how will we know?" blocks its outcomes and measures. Rows of a table with
no recommendation column give the actions of the current recommendation, or
top-level actions where there is none. Field texts are read by the field
readers (due dates, leads, status, updates); nothing is invented.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actiontrack.importer import columns as col
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.fields.leads import split_leads
from actiontrack.importer.fields.status import (
    closing_status,
    opening_rag,
    rag_code,
    status_from_rag,
    status_from_words,
)
from actiontrack.importer.fields.updates import column_date, split_updates
from actiontrack.importer.plan_meta import PlanMeta, read_meta
from actiontrack.importer.reconstruct import Band, Column, Item, Loose, Row, Section, Text
from actiontrack.importer.splitting import split_row
from actiontrack.lib.duedates import read_due
from actiontrack.lib.text import clean, lines

_REC_HEADING = re.compile(
    r"^\W*recommendations?\s*(?:no\.?|number|#|ref\.?)?\s*(?P<ref>\d+[a-z]?(?:\.\d+)*)\s*"
    r"(?:[-–—:.)]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_PRIORITY = re.compile(r"^(?:for\b|within\b|immediate|short|medium|long|priority|high|low)", re.IGNORECASE)
_OUTCOME_MARK = re.compile(r"^\W*(?:intended\s+|expected\s+)?outcomes?\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_MEASURE_MARK = re.compile(
    r"^\W*(?:(?:and\s+)?how\s+will\s+we\s+know\b.*|(?:success\s+)?measures?(?:\s+of\s+success)?\s*:\s*(?P<rest>.*))$",
    re.IGNORECASE,
)
_INLINE_REF = re.compile(
    r"^(?P<section>.*?)\s*(?P<ref>\b\d+(?:\.\d+)+[a-z]?|\b\d+[.)])\s+(?P<text>[A-Z(‘'\"].*)$", re.S
)
_ACTION_NUMBER = re.compile(r"^\s*(\d{1,3}[a-z]?|[a-z])[.)]\s+(?=\S)")
_SENTENCE = re.compile(r"(?<=[A-Za-z0-9)]{2}[.!?])\s+(?=[A-Z])")
_SMALL_WORD_LIST = "a an the of to and or for in on at by with from &"
_SMALL_WORDS = frozenset(_SMALL_WORD_LIST.split())


@dataclass
class _Extra:
    """The 1.1 fields of a row's actions: the agency column and the evidence column."""

    agency: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class _Rec:
    ref: str | None
    section: str | None
    text: str = ""
    priority: str | None = None
    objective: str | None = None
    outcomes: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "section": self.section,
            "text": clean(self.text),
            "priority": self.priority,
            "objective": clean(self.objective) or None,
            "outcomes": self.outcomes,
            "measures": self.measures,
            "actions": self.actions,
        }


def interpret(items: list[Item], name: str) -> tuple[dict[str, Any], list[str]]:
    """Return the actionplan/1.1 document the items describe, and the texts it could not place."""
    walk = _Walk(items)
    walk.run()
    if not walk.recs and not walk.actions:
        raise UnreadableDocument(f"Found no table of recommendations or actions in {name}.")
    meta = walk.meta
    document = {
        "format": "actionplan/1.1",
        "title": meta.title or Path(name).stem or name,
        "source": meta.source,
        "owner": meta.owner,
        "as_of": meta.as_of.isoformat() if meta.as_of else None,
        "version": meta.version,
        "reporting_to": meta.reporting_to,
        "notes": meta.notes,
        "rag_scale": meta.rag_scale,
        "people": meta.people,
        "recommendations": [r.as_dict() for r in walk.recs],
        "actions": walk.actions,
    }
    return document, walk.unplaced + _unused_loose_rows(items, meta)


def _unused_loose_rows(items: list[Item], meta: PlanMeta) -> list[str]:
    """Return the rows of tables without a header that did not give the RAG key or the key of people."""
    used = {
        clean(str(value)).lower()
        for entry in meta.rag_scale + meta.people
        for value in entry.values()
        if value
    }
    leftovers = []
    for item in items:
        if not isinstance(item, Loose):
            continue
        for row in item.rows:
            cells = [clean(cell) for cell in row if clean(cell)]
            if cells and not any(cell.lower() in used for cell in cells):
                leftovers.append(" | ".join(cells))
    return leftovers


class _Walk:
    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.recs: list[_Rec] = []
        self.actions: list[dict[str, Any]] = []
        self.rec: _Rec | None = None
        self.section: str | None = None
        self.mode: str | None = None
        self.meta = PlanMeta()
        self.unplaced: list[str] = []  # text that went into no field, for the import preview

    # -- plan fields first: due dates and column dates need the plan's as_of --------------------

    def run(self) -> None:
        rows = [i for i, item in enumerate(self.items) if isinstance(item, (Row, Section, Band))]
        first = rows[0] if rows else len(self.items)
        last = rows[-1] if rows else len(self.items)
        title_at: list[int] = []
        prose_at: list[int] = []  # prose above the tables (how the plan was agreed): notes, not title
        for i, item in enumerate(self.items[:first]):
            if not isinstance(item, Text):
                continue
            if _REC_HEADING.match(clean(item.text.split("\n")[0])) or self._marks(item.text):
                break
            if _prose(item.text):
                prose_at.append(i)
            elif not prose_at:
                title_at.append(i)
        later_headings = any(
            isinstance(self.items[i], Text) and self._heading_before_table(i) for i in range(first + 1, last)
        )
        if (
            len(title_at) > 1
            and later_headings
            and title_at[-1] == first - 1
            and self._heading_before_table(first - 1)
        ):
            title_at.pop()  # a section heading printed just above the first table
        texts = {i: item.text for i, item in enumerate(self.items) if isinstance(item, Text)}
        placed = set(title_at) | set(prose_at)  # a set: a document of prose has thousands of paragraphs
        self.meta = read_meta(
            [texts[i] for i in title_at],
            [t for i, t in texts.items() if i not in placed and i <= last],
            [texts[i] for i in prose_at] + [t for i, t in texts.items() if i > last],
            [item.rows for item in self.items if isinstance(item, Loose)],
        )
        self.people_keys = [str(p["key"]) for p in self.meta.people]
        self.reference = None if self.meta.as_of else _latest_year_end(self.items)
        for i, item in enumerate(self.items[: last + 1]):
            if isinstance(item, Text) and i not in placed:
                self.text(item.text, i)
            elif isinstance(item, Section):
                self.section = item.text
                self.mode = None
            elif isinstance(item, Band):
                self.start_rec(item.ref, "")
                assert self.rec is not None
                self.rec.text = clean(item.text)
                self.mode = None
            elif isinstance(item, Row):
                self.mode = None
                self.row(item)

    def _marks(self, text: str) -> bool:
        first_line = clean(text.split("\n")[0])
        return bool(_OUTCOME_MARK.match(first_line) and "?" in first_line or _MEASURE_MARK.match(first_line))

    def _heading_before_table(self, index: int) -> bool:
        if index < 0 or index + 1 >= len(self.items):
            return False
        item = self.items[index]
        following = self.items[index + 1]
        return isinstance(item, Text) and isinstance(following, (Row, Section)) and _heading_like(item.text)

    # -- paragraphs -------------------------------------------------------------------------

    def text(self, text: str, index: int) -> None:
        raw_lines = [line for line in text.split("\n") if clean(line)]
        for line in raw_lines:
            plain = clean(line)
            heading = _REC_HEADING.match(plain)
            if heading:
                self.start_rec(heading.group("ref"), heading.group("rest") or "")
                continue
            if self.rec is not None and _MEASURE_MARK.match(plain):
                self.mode = "measures"
                rest = _MEASURE_MARK.match(plain).group("rest")  # type: ignore[union-attr]
                self._add_item(rest)
                continue
            outcome = _OUTCOME_MARK.match(plain)
            if self.rec is not None and outcome and (":" in plain or "?" in plain):
                self.mode = "outcomes"
                rest = outcome.group("rest")
                if rest and not rest.endswith("?"):
                    self._add_item(rest)
                continue
            if self.mode == "rec" and self.rec is not None:
                self.rec.text = f"{self.rec.text} {plain}".strip()
            elif self.mode in ("outcomes", "measures"):
                self._add_item(line)
            elif len(raw_lines) == 1 and self._heading_before_table(index):
                self.section = plain
                self.mode = None
            else:
                self.unplaced.append(plain)

    def _add_item(self, text: str | None) -> None:
        if not text or self.rec is None:
            return
        target = self.rec.outcomes if self.mode == "outcomes" else self.rec.measures
        for item in lines(text):
            target.extend(s.strip() for s in _SENTENCE.split(item) if s.strip())

    def start_rec(self, ref: str | None, rest: str) -> _Rec:
        rec = _Rec(ref=ref, section=self.section)
        rest = clean(rest)
        if rest and _PRIORITY.match(rest):
            rec.priority = rest
        elif rest:
            rec.text = rest
        self.recs.append(rec)
        self.rec = rec
        self.mode = "rec"
        return rec

    # -- table rows -------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        self.unplaced.extend(
            clean(cell)
            for column, cell in zip(row.columns, row.cells, strict=False)
            if column.role is None and clean(cell)
        )
        roles = {c.role for c in row.columns}
        section = clean(row.get(col.SECTION))
        if section and section != self.section:
            self.section = section
            self.rec = None
        rec_text = row.get(col.RECOMMENDATION)
        ref = clean(row.get(col.REF))
        has_rec_column = col.RECOMMENDATION in roles
        action_ref = None
        if has_rec_column and (clean(rec_text) or ref):
            self._rec_from_row(ref, rec_text, row)
        elif not has_rec_column and ref:
            action_ref = ref
        elif self.rec is not None:
            self._rec_columns(self.rec, row)
        for action in self._actions(row, action_ref):
            (self.rec.actions if self.rec else self.actions).append(action)

    def _rec_from_row(self, ref: str, rec_text: str, row: Row) -> None:
        text = clean(rec_text)
        if not ref:
            match = _INLINE_REF.match(text)
            if match and (not match.group("section") or _title_like(match.group("section"))):
                if match.group("section"):
                    self.section = clean(match.group("section"))
                ref = match.group("ref").rstrip(".)")
                text = match.group("text")
        current = self.rec
        if current is not None and current.ref == (ref or None) and clean(current.text) == clean(text):
            self._rec_columns(current, row)  # a flat export repeats the recommendation on each action row
            return
        if current is not None and not text and ref and current.ref == ref:
            self._rec_columns(current, row)
            return
        rec = _Rec(ref=ref or None, section=self.section, text=text)
        self._rec_columns(rec, row)
        self.recs.append(rec)
        self.rec = rec

    def _rec_columns(self, rec: _Rec, row: Row) -> None:
        """Read the recommendation's own columns: priority, objective, outcomes sought, measures."""
        rec.objective = rec.objective or clean(row.get(col.OBJECTIVE)) or None
        rec.priority = rec.priority or clean(row.get(col.PRIORITY)) or None
        for role, target in ((col.OUTCOMES, rec.outcomes), (col.MEASURES, rec.measures)):
            for _, cell in row.all(role):
                target.extend(item for item in lines(cell) if item not in target)

    def _actions(self, row: Row, action_ref: str | None) -> list[dict[str, Any]]:
        action = row.get(col.ACTION)
        due = row.get(col.DUE)
        lead = row.get(col.LEAD)
        rag = clean(row.get(col.RAG))
        extra = _Extra(
            agency=clean(row.get(col.AGENCY)) or None,
            evidence=[e for _, t in row.all(col.EVIDENCE) for e in lines(t)],
        )
        reports = [(c, t) for c, t in row.all(col.PROGRESS) if clean(t)]
        if not rag and reports:
            # "Amber – rota agreed": a RAG word opening the progress cell is the action's colour.
            printed, rest = opening_rag(reports[0][1], self.meta.rag_scale)
            if printed:
                rag = printed
                reports[0] = (reports[0][0], rest)
                reports = [(c, t) for c, t in reports if clean(t)]
        if not clean(action) and reports:
            # A row that reports progress but plans nothing further: the report is the action.
            action = reports.pop(0)[1]
        if not clean(action) and not clean(due) and not clean(lead):
            return []
        parts = split_row(action, due, lead, reports[0][1] if reports else "") if len(reports) <= 1 else None
        if parts:
            column = reports[0][0] if reports else None
            return [
                self._action(
                    None, p.action, p.due, p.lead, [(column, p.progress)] if column else [], rag, extra
                )
                for p in parts
            ]
        return [self._action(action_ref, action, due, lead, reports, rag, extra)]

    def _action(
        self,
        ref: str | None,
        text: str,
        due: str,
        lead: str,
        reports: list[tuple[Column, str]],
        rag: str,
        extra: _Extra | None = None,
    ) -> dict[str, Any]:
        extra = extra or _Extra()
        text = clean(text)
        number = _ACTION_NUMBER.match(text)
        if number and ref is None:
            ref = number.group(1)
            text = text[number.end() :]
        as_of = self.meta.as_of
        updates = []
        for column, report in reports:
            if not clean(report):
                continue
            stamp = column_date(column.header, as_of) if column.header else None
            for entry in split_updates(report, stamp, as_of):
                if clean(entry.text):
                    updates.append({"date": _iso(entry.date), "text": clean(entry.text)})
        due_text = clean(due) or None
        status = status_from_rag(rag, self.meta.rag_scale, self.meta.status_key) if rag else None
        if status is None and updates:
            status = status_from_words(updates[-1]["text"]) or closing_status(updates[-1]["text"])
        if status is None and due_text:
            status = status_from_words(due_text)
        return {
            "ref": ref,
            "text": text,
            "leads": split_leads(lead, self.people_keys) if clean(lead) else [],
            "due": read_due(due_text, as_of, self.reference).as_dict(),
            "status": status,
            "agency": extra.agency,
            "evidence": extra.evidence,
            "rag": rag_code(rag, self.meta.rag_scale),
            "updates": updates,
        }


def _latest_year_end(items: list[Item]) -> datetime.date | None:
    """Return the end of the latest year printed in four digits: where a plan has no date, it dates "99"."""
    texts = [item.text for item in items if isinstance(item, (Text, Section, Band))]
    texts += [cell for item in items if isinstance(item, Row) for cell in item.cells]
    years = [int(y) for text in texts for y in re.findall(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/])", text)]
    return datetime.date(max(years), 12, 31) if years else None


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _heading_like(text: str) -> bool:
    plain = clean(text)
    return (
        "\n" not in text.strip()
        and 0 < len(plain) <= 100
        and plain[-1] not in ".;:,"
        and plain[0].isupper()
        and not _REC_HEADING.match(plain)
    )


def _prose(text: str) -> bool:
    """Say whether a paragraph reads as sentences rather than a title line."""
    plain = clean(text)
    words = len(plain.split())
    return words >= 60 or (words >= 12 and plain.endswith("."))


def _title_like(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’]*", text)
    if not words or len(text) > 120 or text.rstrip()[-1:] in ".;:,":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
