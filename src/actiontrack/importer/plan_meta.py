"""Read the plan-level fields from the text around the tables.

Title, the report the plan answers (source), owner, the date it reports at
(as_of), version, the meeting it is for (reporting_to), notes after the
tables, the RAG key and the key of initials. All rules are about how plans
are headed and signed off, not about any one plan.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from actiontrack.lib.duedates import find_dates
from actiontrack.lib.text import clean, lines
from actiontrack.lib.vocabulary import KEY_COLOURS, MONTH_PATTERN, month_number

_MONTH = MONTH_PATTERN.removesuffix(r"\.?")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/])")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[-–—]\s*|(?<=\S)[-–—]\s+")
_VERSION = re.compile(r"\b(?:V|v|(?i:version)\s*|Ver\.?\s*)\d+(?:\.\d+)*\b")
_REPORTING = re.compile(
    r"^(?:an?\s+)?(?:progress\s+)?(?:update|report|paper|prepared|presented|submitted)\s+(?:for|to)\s+(?:the\s+)?(.+)$",
    re.IGNORECASE,
)
_META_SEGMENT = re.compile(
    r"^(?:(?:(?:last|date)\s+)?(?:updated?|review(?:ed)?|as at|as of|revised|draft|final|version|date)\b.*"
    # "Progress at 12 February 2024", "Position as at March 2024": the date the plan reports at
    r"|(?:progress|position|status)(?:\s+(?:update|report))?\s+(?:at|as\s+at|as\s+of|to)\b.*"
    r"|v\d+(?:\.\d+)*)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?:plan\s+|document\s+)?(owner|owned by|reporting to|prepared for|presented to|responding to"
    r"|in response to"
    r"|version|version number|last updated|updated|date updated|date of update|as at|progress at|position at"
    r"|review date|last reviewed|reviewed|published|date published|date of publication|date"
    r"|prepared by|author|plan lead|lead officer|approved by|status|classification|title|document title"
    r"|plan title)\s*[:–-]\s*(.+)$",
    re.IGNORECASE,
)
_ANSWERS = re.compile(r"\b(?:answers|responds to|in response to|following|arising from|addresses)\b", re.I)
# Labels whose value is the date the plan reports at.
_DATE_LABELS = {
    "last updated", "updated", "date updated", "date of update", "as at", "progress at", "position at",
    "review date", "last reviewed", "reviewed", "published", "date published", "date of publication", "date",
}  # fmt: skip
_COLOURS = KEY_COLOURS
_COLOUR_LINE = re.compile(rf"^({'|'.join(_COLOURS)})\b\s*[-–:=]?\s*(.+)$", re.IGNORECASE)
_KEY_MARK = re.compile(r"^\s*key\b\s*[:\-–]*\s*[:\-–]*\s*", re.IGNORECASE)
_PERSON = re.compile(
    r"^[-•*·]?\s*([A-Z][A-Za-z]{0,2}[A-Z])\**\s*[-–:=]?\s+"
    r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*(?:[,–-]\s*(.+))?$"
)
_SOURCE_KINDS: list[tuple[str, str]] = [
    (r"joint (targeted )?(area )?inspection|inter-?agency inspection|(?-i:\bJTAI\b)|multi-?agency inspection",
     "joint_inspection"),
    (r"serious case review|(?-i:\bSCRs?\b)", "serious_case_review"),
    (r"safeguarding adults? review|(?-i:\bSARs?\b)", "safeguarding_adults_review"),
    (r"domestic homicide review|(?-i:\bDHRs?\b)|domestic abuse related death review|(?-i:\bDARDR\b)",
     "domestic_homicide_review"),
    (r"serious incident|(?-i:\bSIs?\b)(?= (?:investigation|report|review))|patient safety incident"
     r"|(?-i:\bPSII\b)|(?-i:\bHSIB\b)|never event", "serious_incident"),
    (r"practice review|(?-i:\bL?CSPR\b)|rapid review|learning review", "practice_review"),
    (r"peer review|peer challenge", "peer_review"),
    (r"ofsted|inspection|inspectorate|(?-i:\bSSI\b)|(?-i:\bCQC\b)|(?-i:\bHMI\w*\b)|estyn|(?-i:\bCIW\b)"
     r"|(?-i:\bILACS\b)|focused visit|monitoring visit", "inspection"),
    (r"\baudit\b|section 11\b", "audit"),
]  # fmt: skip
_OWNER_PATTERNS = [
    # "ACPC Action Plan", "LSCB action plan": the acronym of a board, partnership or committee, in
    # capitals (never "Ofsted", never a topic like "SEND").
    re.compile(r"^((?-i:[A-Z]{1,7}[BPC]))\s+(?:multi-?agency\s+)?action\s+plans?\b", re.IGNORECASE),
    re.compile(rf"\b(London Borough of(?: (?!(?i:{_MONTH})\b)[A-Z][\w&'’-]*)+)"),
    re.compile(rf"\b((?:(?!(?i:{_MONTH})\b)[A-Z][\w'’-]+ )+(?:County |City |Borough |District )?Council)\b"),
    re.compile(r"\b((?:[A-Z][\w'’-]+ )+(?:Local )?Safeguarding (?:Children|Adults) (?:Board|Partnership))\b"),
    re.compile(r"\b((?:[A-Z][\w'’-]+ )+(?:NHS (?:Foundation )?Trust|Integrated Care Board|Health Board))\b"),
    re.compile(r"\b((?:[A-Z][\w'’-]+ )+Community Safety Partnership)\b"),
    # "Westshire LSCB": a place and the acronym of its board or partnership.
    re.compile(r"\b((?:[A-Z][a-z][\w'’-]* )+(?:L?SCB|L?SCP|ACPC|L?SAB|CSCP|SSCB)s?)\b"),
]


@dataclass
class PlanMeta:
    title: str = ""
    source: dict[str, Any] = field(default_factory=lambda: {"kind": "internal", "title": None, "date": None})
    owner: str | None = None
    as_of: datetime.date | None = None
    version: str | None = None
    reporting_to: str | None = None
    notes: list[str] = field(default_factory=list)
    rag_scale: list[dict[str, str]] = field(default_factory=list)
    people: list[dict[str, str | None]] = field(default_factory=list)
    status_key: dict[str, str] = field(default_factory=dict)  # a numbered status key: "2" -> "On track"


_MAX_TITLE_LINES = 200


def read_meta(
    title_texts: list[str], other_texts: list[str], notes: list[str], loose: list[list[list[str]]]
) -> PlanMeta:
    """Read the plan fields from its heading lines, other free text, closing notes and keyless tables."""
    meta = PlanMeta()
    # A title is a few lines above the table; a document of prose without a table has thousands,
    # and comparing each line with every other below would cost their square.
    title_lines = [clean(line) for text in title_texts for line in text.split("\n") if clean(line)]
    title_lines = title_lines[:_MAX_TITLE_LINES]
    full_title = " ".join(title_lines)
    labelled = {}
    for line in list(title_lines):
        match = _LABELLED.match(line)
        if match:
            labelled[match.group(1).lower()] = clean(match.group(2))
            title_lines.remove(line)
    # A line repeated inside a longer one ("Action plan" above "ACPC Action Plans ...") adds nothing.
    title_lines = [
        line
        for line in title_lines
        if not any(o is not line and len(o) > len(line) and line.lower() in o.lower() for o in title_lines)
    ]
    meta.title, extras = _title_and_extras(title_lines)
    labelled_title = labelled.get("title") or labelled.get("document title") or labelled.get("plan title")
    meta.title = labelled_title or meta.title
    meta.version = _labelled_version(labelled) or _first(_VERSION.search(full_title))
    for segment in (s.strip() for extra in extras for s in _SEPARATOR.split(extra)):
        match = _REPORTING.match(segment)
        if match and not meta.reporting_to:
            meta.reporting_to = _strip_trailing_date(match.group(1)) or None
    responding = labelled.get("responding to") or labelled.get("in response to")
    meta.source = _source([responding] if responding else title_lines, meta.title)
    if responding and meta.source["kind"] == "internal":
        meta.source = _source(title_lines, meta.title)
    if meta.source["kind"] == "internal" and notes:
        # "This plan answers ... the joint inspection of ...": the first note may say what it answers.
        first = (
            _source([_ANSWERS.split(clean(notes[0]))[-1]], meta.title) if _ANSWERS.search(notes[0]) else None
        )
        if first and first["kind"] != "internal":
            meta.source = {"kind": first["kind"], "title": None, "date": None}
    meta.owner = labelled.get("owner") or labelled.get("owned by") or _owner_of_lines(title_lines, meta.title)
    reporting = labelled.get("reporting to") or labelled.get("prepared for") or labelled.get("presented to")
    meta.reporting_to = (_strip_trailing_date(reporting) or None) if reporting else meta.reporting_to
    # The date the plan reports at is the one printed as such ("Last updated: ...", "Progress at ..."),
    # not a target date in its body; only where none is labelled, the latest date printed.
    stated = [d for label, value in labelled.items() if label in _DATE_LABELS for d in full_dates(value)]
    stated += [d for extra in extras for d in full_dates(extra)]
    # Any other date printed in the heading or the notes, but a deadline ("will be reviewed by 31
    # December 2025"); dates between the tables only where there are none of those.
    stated += [d for text in [full_title, *notes] for d in _printed_dates(text)]
    dates = stated or [d for text in other_texts for d in _printed_dates(text)]
    meta.as_of = max(dates) if dates else None
    meta.rag_scale = rag_scale(loose, [*other_texts, *notes])
    meta.people = people_key(loose, [*other_texts, *notes])
    meta.status_key = status_key(loose, [*other_texts, *notes, *title_texts])
    keys = key_paragraphs(notes) | {i for i, note in enumerate(notes) if status_key([], [note])}
    meta.notes = [clean(n) for i, n in enumerate(notes) if i not in keys and clean(n)]
    return meta


def _printed_dates(text: str) -> list[datetime.date]:
    """Return the dates a text prints, but those of clauses about what is still to come."""
    found: list[datetime.date] = []
    for clause in re.split(r"(?<=[.;])\s+|,\s+|\s+(?:and|but|when|while)\s+", clean(text)):
        if not _FUTURE.search(clause):
            found.extend(full_dates(clause))
    return found


_FUTURE = re.compile(r"\b(?:will|shall|to\s+be|should|must|due|next|until|before)\b", re.IGNORECASE)


def is_meta_label(label: str) -> bool:
    """Tell whether a label names one of the plan's own fields ("Owner", "Last updated", "Version")."""
    return bool(_LABELLED.match(f"{clean(label).rstrip(':')}: x"))


def _labelled_version(labelled: dict[str, str]) -> str | None:
    value = labelled.get("version") or labelled.get("version number")
    return value.split()[0].rstrip(",;") if value else None


def _first(match: re.Match[str] | None) -> str | None:
    return match.group(0) if match else None


def _title_and_extras(title_lines: list[str]) -> tuple[str, list[str]]:
    """Return the title without trailing dates, versions and "update for ..." parts, and those parts."""
    kept: list[str] = []
    extras: list[str] = []
    for n, line in enumerate(title_lines):
        dated = bool(full_dates(line) or _MONTH_YEAR.search(line) or _VERSION.search(line))
        if n and dated and _is_meta_segment(line):
            extras.append(line)  # a line of its own: "Updated 23 March 2004", "Version 3"
            continue
        segments = [s.strip() for s in _SEPARATOR.split(line) if s.strip()]
        while len(segments) > 1 and _is_meta_segment(segments[-1]):
            extras.insert(0, segments.pop())
        # "Action Plan, version 2, reviewed 14 March 2024": trailing meta after commas too.
        parts = [p.strip() for p in segments[-1].split(", ")] if segments else []
        while len(parts) > 1 and _is_meta_segment(parts[-1]):
            extras.insert(0, parts.pop())
        if segments:
            segments[-1] = ", ".join(parts)
        if segments:
            # A version printed at the end of the title without a dash ("Early Help Plan V3").
            trailing = re.search(rf"\s+({_VERSION.pattern})$", segments[-1])
            if trailing and trailing.start() > 0:
                extras.insert(0, trailing.group(1))
                segments[-1] = segments[-1][: trailing.start()]
        kept.append(" – ".join(segments))
    return " ".join(k for k in kept if k).strip(), extras


def _is_meta_segment(segment: str) -> bool:
    bare = _VERSION.sub("", segment)
    bare = _NUMERIC_DATE.sub("", bare)
    bare = _DAY_MONTH_YEAR.sub("", bare)
    if not re.search(r"\w", bare):
        return True
    return bool(_META_SEGMENT.match(segment) or _REPORTING.match(segment))


def _strip_trailing_date(text: str) -> str:
    text = re.sub(
        rf"[\s,]*(?:on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\.?,?\s+\d{{4}}\s*$", "", text, flags=re.I
    )
    text = _NUMERIC_DATE.sub("", text)
    return text.strip(" ,.-–")


def full_dates(text: str) -> list[datetime.date]:
    """Return every calendar date (with a day) printed in the text, read by the due-date rules."""
    return find_dates(text)


def _month_number(name: str) -> int:
    number = month_number(name)
    assert number is not None, name  # only called on what _MONTH matched
    return number


def _source(title_lines: list[str], title: str) -> dict[str, Any]:
    text = " ".join(title_lines)
    kind = "internal"
    for pattern, name in _SOURCE_KINDS:
        if re.search(pattern, text, re.IGNORECASE):
            kind = name
            break
    if kind == "internal":
        return {"kind": kind, "title": None, "date": None}
    source_title = None
    source_date = None
    for line in title_lines:
        if not any(re.search(p, line, re.IGNORECASE) for p, n in _SOURCE_KINDS if n == kind):
            continue
        candidate = re.split(r"\s+[-–—]\s+", line)[0]
        match = re.search(
            r"\b(?:in response to|from|following|arising from)\s+(?:the\s+)?(.+)$", candidate, re.I
        )
        if match:
            candidate = re.sub(
                r"^(?:recommendations?|findings?)\s+(?:of|from)\s+(?:the\s+)?", "", match.group(1), flags=re.I
            )
        month = _MONTH_YEAR.search(candidate)
        if month:
            source_date = f"{int(month.group(2)):04d}-{_month_number(month.group(1)):02d}"
        candidate = re.sub(rf"^(?:the\s+)?{_MONTH}\.?\s+\d{{4}}\s+", "", candidate, flags=re.I)
        candidate = _strip_trailing_date(candidate)
        candidate = re.sub(r"\s*\baction plans?\b.*$", "", candidate, flags=re.I).strip(" ,.-–")
        source_title = candidate.strip(" :;,") or None
        break
    return {"kind": kind, "title": source_title, "date": source_date}


def _owner_of_lines(title_lines: list[str], title: str) -> str | None:
    # A line of its own naming the body is the owner; else the first body the title names.
    for line in title_lines:
        if len(title_lines) > 1 and (owner := _owner(line)) and clean(owner) == clean(line):
            return owner
    for line in title_lines if len(title_lines) > 1 else []:
        if _BODY_LINE.match(line) and not re.search(r"\b(?:action|plan|review|report)\b", line, re.I):
            return line
    return _owner(title)


# A line of its own naming a body: "Westmere Local Area Partnership", "Improvement Board".
_BODY_LINE = re.compile(r"^(?:[A-Z][\w'’&-]*\s+)+(?:Partnership|Board|Committee|Council|Trust|Group)$")


def _owner(title: str) -> str | None:
    for pattern in _OWNER_PATTERNS:
        match = pattern.search(title)
        if match:
            return match.group(1).strip()
    return None


def _is_key_heading(line: str) -> bool:
    return bool(re.match(r"^(?:(?:rag|status|rating|colour|color)\s+)*key\b\W*$", line, re.IGNORECASE))


def key_paragraphs(texts: list[str]) -> set[int]:
    """Return the indexes of paragraphs that print a key (of initials or RAG colours), not notes."""
    keys: set[int] = set()
    in_key = False
    for i, text in enumerate(texts):
        items = lines(text)
        if not items:
            continue
        if _KEY_MARK.match(items[0]) or _is_key_heading(items[0]):
            in_key = True
            keys.add(i)
            items = items[1:]
            if not items:
                continue
        entries = [x for x in items if _COLOUR_LINE.match(x) or _PERSON.match(x)]
        if len(entries) >= 0.8 * len(items) and (in_key or len(items) >= 2):
            keys.add(i)
        else:
            in_key = False
    return keys


def _key_runs(texts: list[str], pattern: re.Pattern[str]) -> list[list[str]]:
    # Key entries may be one paragraph or one paragraph per entry: read them as a run of lines.
    runs: list[list[str]] = [[]]
    for text in texts:
        for item in lines(text):
            if _is_key_heading(item) or _KEY_MARK.fullmatch(item):
                runs.append([])
            elif pattern.match(item):
                runs[-1].append(item)
            elif runs[-1]:
                runs.append([])
    return [run for run in runs if run]


def rag_scale(loose: list[list[list[str]]], texts: list[str]) -> list[dict[str, str]]:
    """Return the RAG key printed as a two-column table or as "Colour – label" lines."""
    for rows in loose:
        pairs = [(clean(r[0]), clean(" ".join(r[1:]))) for r in rows if len(r) >= 2]
        if pairs and pairs[0][0].lower() not in _COLOURS:
            pairs = pairs[1:]  # the key's own header row ("Colour | Meaning")
        scale = [{"code": c.lower(), "label": label} for c, label in pairs if c.lower() in _COLOURS and label]
        if len(scale) >= 2 and len(scale) == len(pairs):
            return scale
    for run in _key_runs(texts, _COLOUR_LINE):
        if len(run) >= 2:
            found = [_COLOUR_LINE.match(item) for item in run]
            return [{"code": m.group(1).lower(), "label": clean(m.group(2))} for m in found if m]
    return []


def people_key(loose: list[list[list[str]]], texts: list[str]) -> list[dict[str, str | None]]:
    """Return the key of initials: "SM Steve Merrell, Children's Services Manager" lines after a KEY mark."""
    people: list[dict[str, str | None]] = []
    in_key = False
    for text in texts:
        items = lines(text)
        if items and (_KEY_MARK.match(items[0]) or _is_key_heading(items[0])):
            in_key = True
            items[0] = _KEY_MARK.sub("", items[0])
        found = [_person(i) for i in _split_entries(items)]
        hits = [p for p in found if p]
        if hits and (in_key or len(hits) >= 2):
            people.extend(hits)
        elif items and any(i.strip(" -:") for i in items):
            in_key = False
    for rows in loose:
        for r in rows:
            cells = [clean(c) for c in r if clean(c)]
            if len(cells) >= 2 and re.fullmatch(r"[A-Z]{2,4}", cells[0]):
                people.append(
                    {"key": cells[0], "name": cells[1], "role": cells[2] if len(cells) > 2 else None}
                )
    seen: set[str] = set()
    unique = []
    for p in people:
        if p["key"] not in seen:
            seen.add(str(p["key"]))
            unique.append(p)
    return unique


def _split_entries(items: list[str]) -> list[str]:
    # "SM Steve Merrell, Manager, JD Jon Dudley, Officer" on one line: split before each run of initials.
    out: list[str] = []
    for item in items:
        out.extend(p for p in re.split(r"[,;]\s+(?=[A-Z]{2,4}\**\s+[A-Z][a-z])", item) if p.strip())
    return out


def _person(item: str) -> dict[str, str | None] | None:
    match = _PERSON.match(item.strip())
    if not match:
        return None
    return {"key": match.group(1), "name": clean(match.group(2)), "role": clean(match.group(3)) or None}


_NUMBERED_ENTRY = re.compile(
    r"(?:^|[,;]\s*|\s)(\d)\s*[-–=:.)]?\s+([A-Za-z][A-Za-z ’'-]*[a-z])(?=\s*(?:[,;]|$|\s\d\b))"
)
_STATUS_WORDS = re.compile(
    r"\b(?:achieved|complete|completed|on track|off track|not started|delayed|risk|concerns?|progress|"
    r"implemented|not met|partially|met)\b",
    re.IGNORECASE,
)


def status_key(loose: list[list[list[str]]], texts: list[str]) -> dict[str, str]:
    """Return a numbered status key ("1 Fully achieved, 2 On track, 3 ...") as number -> label."""
    for rows in loose:
        pairs = [(clean(r[0]), clean(" ".join(r[1:]))) for r in rows if len(r) >= 2 and clean(r[0])]
        key = {n: label for n, label in pairs if re.fullmatch(r"\d", n) and _STATUS_WORDS.search(label)}
        if len(key) >= 3:
            return key
    for text in texts:
        plain = " ".join(lines(text))
        found = {n: clean(label) for n, label in _NUMBERED_ENTRY.findall(plain)}
        key = {n: label for n, label in found.items() if _STATUS_WORDS.search(label)}
        if len(key) >= 3 and len(key) >= 0.75 * len(found):
            return key
    return {}
