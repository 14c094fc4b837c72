"""Split a row that holds several actions into one action each.

Plans often put several actions in one row: the action cell lists them (as
paragraphs, bullets, or just one after another), and the due cell lists one
deadline per action ("June 2003 October 2003", "- by 12th March - By end of
March"), the lead cell one lead each ("SM SM/LM SM/LM"), the progress cell one
report each. The due cell decides how many actions there are; the row is split
only where the action cell divides into exactly that many items, so a cell
whose items do not line up stays one action.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from actiontrack.lib.text import clean, lines
from actiontrack.lib.vocabulary import MONTHS_AND_SEASONS

_MONTHS = MONTHS_AND_SEASONS
# A due item ends on a year; the next begins with a capital ("June 2003 October 2003").
_AFTER_YEAR = re.compile(r"(?<=\b(?:19|20)\d\d)\s+(?=[A-Z])|(?<=['’]\d\d)\s+(?=[A-Z])")
# Dateless deadlines ("Continuing", "With immediate effect") run straight into a dated one.
_AFTER_DATELESS = re.compile(
    rf"\b(continuing|ongoing|effect|immediately|immediate)\s+(?=(?:{_MONTHS})\b)", re.IGNORECASE
)
# " - " used as a bullet inside one line ("- by 12th March - By end of March").
_DASH_BULLET = re.compile(r"\s+-\s+")
_SENTENCE = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
_BULLET = re.compile(r"^\s*[-–•*·]\s*")
_INITIALS = re.compile(r"^[A-Z]{1,4}(?:/|$)")


@dataclass
class Parts:
    """One action's share of a row's cells."""

    action: str
    due: str
    lead: str
    progress: str


def split_row(action: str, due: str, lead: str, progress: str) -> list[Parts] | None:
    """Return one Parts per action where the row holds several, else None."""
    numbered = _numbered_split(action, due, lead, progress)
    if numbered is not None:
        return numbered
    dues = due_items(due)
    count = len(dues)
    if count < 2:
        return None
    actions = split_into(action, count, (_SENTENCE.split, split_capital_starts))
    if actions is None:
        return None
    leads = lead_items(lead, count)
    reports = split_into(progress, count, (_AFTER_YEAR.split, _SENTENCE.split)) if clean(progress) else None
    if reports is None:
        items = lines(progress)
        if 2 <= len(items) < count:
            # A shorter list of reports: one each for the first actions, in order.
            reports = items + [""] * (count - len(items))
        else:
            # One report that cannot be shared out belongs to the first action.
            reports = [progress] + [""] * (count - 1)
    actions = [_BULLET.sub("", a) for a in actions]
    reports = [_BULLET.sub("", r) for r in reports]
    return [Parts(a, d, ld, p) for a, d, ld, p in zip(actions, dues, leads, reports, strict=True)]


def due_items(due: str) -> list[str]:
    """Return the separate deadlines a due cell lists."""
    items: list[str] = []
    for line in due.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("-"):
            parts = [p for p in _DASH_BULLET.split(" " + line[1:].strip()) if p.strip()]
        else:
            parts = [line]
        for part in parts:
            for piece in _AFTER_YEAR.split(part):
                marked = _AFTER_DATELESS.sub(lambda m: m.group(1) + "\n", piece)
                items.extend(p.strip() for p in marked.split("\n") if p.strip())
    return [clean(i) for i in items if clean(i)]


def split_capital_starts(text: str) -> list[str]:
    """Split a run-on list where a capitalised word follows a lower-case one and precedes another.

    "Complete SSD position statement Report recommendations to ACPC" is two items; "revised Child
    Protection procedures" is not (a name runs over two capitalised words).
    """
    tokens = text.split(" ")
    pieces: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            before
            and re.fullmatch(r"[A-Z][a-z]+", token)
            and re.match(r"[a-z0-9]", before)
            and before[-1] not in ",;:"
            and re.match(r"[a-z(]", after)
        ):
            pieces.append([])
        pieces[-1].append(token)
    return [" ".join(p) for p in pieces if p]


def split_into(text: str, count: int, splitters: tuple[Callable[[str], list[str]], ...]) -> list[str] | None:
    """Split text into exactly `count` items: its lines, then at the splitters' boundaries in turn."""
    items = lines(text)
    if len(items) == count:
        return items
    if len(items) > count or not items:
        return None
    for splitter in splitters:
        refined = [piece.strip() for item in items for piece in splitter(item) if piece.strip()]
        if len(refined) == count:
            return refined
        if len(refined) > count:
            return None
        items = refined
    return None


def lead_items(lead: str, count: int) -> list[str]:
    """Return one lead cell per action: its lines, its runs of initials, or the whole cell for each."""
    from actiontrack.importer.fields.leads import one_person_over_lines

    items = lines(lead)
    if one_person_over_lines(items):
        return [lead] * count
    if len(items) == count:
        return items
    tokens = clean(lead).split()
    runs: list[list[str]] = []
    for token in tokens:
        if _INITIALS.match(token) or not runs:
            runs.append([token])
        else:
            runs[-1].append(token)
    if len(runs) == count and all(_INITIALS.match(run[0]) for run in runs):
        return [" ".join(run) for run in runs]
    return [lead] * count


_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s+\S")


def _numbered_split(action: str, due: str, lead: str, progress: str) -> list[Parts] | None:
    """Split an action cell that numbers its actions ("1. ...", "2. ..."), sharing the other cells out.

    A due date or lead printed once stands for every action; a numbered progress list goes to the
    actions of its numbers, an unnumbered one item by item.
    """
    from actiontrack.importer import columns as col
    from actiontrack.importer.labelled import list_items, share_items

    raw = [line for line in action.split("\n") if clean(line)]
    if sum(1 for line in raw if _NUMBERED.match(line)) < 2 or not _NUMBERED.match(raw[0]):
        return None
    actions = list_items(raw)
    numbers = [n for n, _ in actions]
    count = len(actions)
    dues = share_items(list_items(due.split("\n")), numbers, count, col.DUE) if clean(due) else [""] * count
    if clean(due) and not any(_NUMBERED.match(line) for line in due.split("\n")):
        items = due_items(due)
        dues = items if len(items) == count else [due] * count
    leads = lead_items(lead, count) if clean(lead) else [""] * count
    reports = (
        share_items(list_items(progress.split("\n")), numbers, count, col.PROGRESS)
        if clean(progress)
        else [""] * count
    )
    texts = [f"{n}. {t}" if n else t for n, t in actions]
    return [Parts(a, d, ld, p) for a, d, ld, p in zip(texts, dues, leads, reports, strict=True)]
