"""Map table header words to column roles.

Action plans name their columns in many ways ("Next Steps", "Action to be
taken", "What we will do"; "By when", "Timescale"; "Lead officer", "By whom").
The phrases are tried longest first so "Action taken" (progress) is not read as
"Action" (what will be done).
"""

from __future__ import annotations

import re

from actiontrack.lib.text import clean

REF = "ref"
RECOMMENDATION = "recommendation"
OBJECTIVE = "objective"
ACTION = "action"
PROGRESS = "progress"
LEAD = "lead"
DUE = "due"
RAG = "rag"
EVIDENCE = "evidence"
PRIORITY = "priority"

# (pattern, role), tried in order; each pattern must match the start of the header.
_PHRASES: list[tuple[str, str]] = [
    # progress before action: "action(s) taken", "actions to date" are reports, not plans
    (r"actions? taken( so far| to date)?$", PROGRESS),
    (r"actions? (completed|undertaken)", PROGRESS),
    (r"actions? to date", PROGRESS),
    (r"progress", PROGRESS),
    (r"(latest |current |progress )?update", PROGRESS),
    (r"outcomes?( achieved| to date)?$", PROGRESS),
    (r"comments?", PROGRESS),
    (r"position statement", PROGRESS),
    (r"(current )?position", PROGRESS),
    (r"actions? (to be taken|required|planned|proposed|agreed)", ACTION),
    (r"next steps?", ACTION),
    (r"what (we|will|needs)", ACTION),
    (r"how will", ACTION),
    (r"(specific |key )?actions?\b", ACTION),
    (r"tasks?\b", ACTION),
    (r"activity|activities", ACTION),
    (r"recommendations?\b", RECOMMENDATION),
    (r"(area for|areas for) (improvement|development)", RECOMMENDATION),
    (r"findings?\b", RECOMMENDATION),
    (r"issues?\b", RECOMMENDATION),
    (r"objectives?\b|aims?\b|intended outcome", OBJECTIVE),
    (r"lead( officer| agency| person| manager| responsible)?s?\b", LEAD),
    (r"by whom|who\b", LEAD),
    (r"(person|people|officer|agency|agencies|manager)s? responsible", LEAD),
    (r"responsib", LEAD),
    (r"owners?\b|accountable", LEAD),
    (r"by when|when\b", DUE),
    (r"time ?(frames?|scales?|lines?)", DUE),
    (r"(target|due|completion|end|deadline) ?(date|by)?", DUE),
    (r"deadlines?", DUE),
    (r"dates?\b", DUE),
    (r"rag\b|r/a/g|red.?amber.?green", RAG),
    (r"priority|urgency", PRIORITY),
    (r"status", RAG),
    (r"evidence|measures? of success|success (criteria|measures?)|monitoring", EVIDENCE),
    (r"ref(erence)?\.?\b|no\.?$|number$|#$|item$|rec(ommendation)? no", REF),
]
_COMPILED = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in _PHRASES]
# Where no phrase opens the header, a telling word anywhere in it ("Agreed action", "Lead agency
# / officer", "Target completion date", "Progress update (June 2019)").
_KEYWORDS: list[tuple[str, str]] = [
    (r"\b(expected|intended|desired) outcomes?|success|impact|evidence", EVIDENCE),
    (r"\bactions? (taken|to date|completed|undertaken)|progress|update", PROGRESS),
    (r"\bactions?\b|\bresponse\b|\bsteps?\b|\btasks?\b", ACTION),
    (r"\brecommendations?\b|\bfindings?\b|\bareas? for", RECOMMENDATION),
    (r"\blead\b|\bresponsib|\bowner|\bby whom\b|\bwho\b", LEAD),
    (r"\bdate\b|\bwhen\b|\btime ?scales?|\bdeadline|\btarget\b", DUE),
    (r"\brag\b|\bstatus\b", RAG),
]
_KEYWORDS_COMPILED = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in _KEYWORDS]
_MAX_HEADER_CHARS = 60


def header_role(text: str) -> str | None:
    """Return the role a header cell names, or None."""
    label = clean(text).strip(" :.*").lower()
    if not label or len(label) > _MAX_HEADER_CHARS:
        return None
    # "Recommendation No." and "Rec. No" name the reference column, not the text.
    if re.match(r"(recommendation|rec)\.? no\b", label):
        return REF
    for pattern, role in _COMPILED:
        if pattern.match(label):
            return role
    for pattern, role in _KEYWORDS_COMPILED:
        if pattern.search(label):
            return role
    return None


def header_roles(row: list[str]) -> list[str | None] | None:
    """Return the roles of a header row, or None where the row is not a header.

    A header names at least two roles, at least one of them the action or the
    recommendation, and has no long (sentence-like) cell.
    """
    roles = [header_role(cell) for cell in row]
    filled = [cell for cell in row if cell.strip()]
    named = [role for role in roles if role]
    if len(named) < 2 or len(set(named)) < 2:
        return None
    if ACTION not in named and RECOMMENDATION not in named and PROGRESS not in named:
        return None
    if len(named) < 0.6 * len(filled):
        return None
    if any(len(clean(cell)) > _MAX_HEADER_CHARS for cell in filled):
        return None
    return _resolve_duplicates(roles)


def _resolve_duplicates(roles: list[str | None]) -> list[str | None]:
    # Two "action" columns: the later is usually the report ("Action" then "Action taken" already
    # handled); two "recommendation" columns keep the first as the text.
    seen: set[str] = set()
    out: list[str | None] = []
    for role in roles:
        if role in seen and role in (RECOMMENDATION, OBJECTIVE, REF):
            out.append(None)
            continue
        if role:
            seen.add(role)
        out.append(role)
    return out
