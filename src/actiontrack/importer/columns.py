"""Map table header words to column roles.

Action plans name their columns in many ways ("Next Steps", "Action to be
taken", "What we will do"; "By when", "Timescale"; "Lead officer", "By whom").
The phrases are tried longest first so "Action taken" (progress) is not read as
"Action" (what will be done).
"""

from __future__ import annotations

import re
from functools import lru_cache

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
AGENCY = "agency"
OUTCOMES = "outcomes"
MEASURES = "measures"
SECTION = "section"

# (pattern, role), tried in order; each pattern must match the start of the header.
_PHRASES: list[tuple[str, str]] = [
    # an action's number or owner is not the action: "Action No.", "Action owner"
    (r"(actions?|recs?|recommendations?)\.? ?(no\.?|numbers?|refs?\.?|reference|#|id)$", REF),
    (r"actions? (owners?|leads?|lead officer)", LEAD),
    # an organisation's answer or its milestones are progress, not who leads: "Agency response"
    (r"(agency|organisation(al)?|service|partner) (response|update|comments?)", PROGRESS),
    (r"(key )?milestones? (achieved|reached|met|to date)", PROGRESS),
    (r"completion date and (outcome|progress|evidence|update)", PROGRESS),
    (r"date (completed|achieved) and (outcome|progress|evidence)", PROGRESS),
    # the organisation responsible, kept apart from the lead: "Agency", "Lead agency", "Directorate"
    (r"(lead |responsible |partner )?(agency|agencies|organisations?|directorates?|partner)$", AGENCY),
    (r"(sections?|themes?|workstreams?|work streams?|priority areas?)$", SECTION),
    (r"outcomes? (sought|intended|expected|wanted)|(intended|expected|desired) outcomes?", OUTCOMES),
    (r"(what )?difference (will|would)", OUTCOMES),
    (r"success (measures?|criteria|indicators?)|measures? of success|how (we|you) will know", MEASURES),
    (r"how will (we|you|they) know", MEASURES),
    # a column ending in RAG holds the colour: "Progress RAG", "Current RAG rating", "BRAG"
    (r"(\w+ ){0,2}b?rag( status| rating| rated)?$", RAG),
    (r"status (update|report)", PROGRESS),
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
    (
        r"(improvements?|learning|lessons?)( points?| required| needed| learn[te]d| identified)?$",
        RECOMMENDATION,
    ),
    (r"findings?\b", RECOMMENDATION),
    (r"issues?\b", RECOMMENDATION),
    (r"objectives?\b|aims?\b|intended outcome", OBJECTIVE),
    (r"lead( officer| agency| person| manager| responsible)?s?\b", LEAD),
    (r"by whom|who\b", LEAD),
    (r"(person|people|officer|manager)s? responsible", LEAD),
    (r"responsib", LEAD),
    (r"owners?\b|accountable|(lead )?service$", LEAD),
    (r"by when|when\b", DUE),
    (r"time ?(frames?|scales?|lines?)", DUE),
    (r"(target|due|completion|end|deadline) ?(date|by)?", DUE),
    (r"deadlines?", DUE),
    (r"dates?\b", DUE),
    (r"rag\b|r/a/g|red.?amber.?green", RAG),
    (r"priority|urgency", PRIORITY),
    (r"progress ?/ ?evidence", PROGRESS),
    (r"status", RAG),
    (r"(outcome |success |performance |impact )?measures?\b|success (criteria|measures?)", MEASURES),
    (r"evidence|monitoring", EVIDENCE),
    (r"ratings?$", RAG),
    (r"notes?$", PROGRESS),
    (r"ref(erence)?\.?\b|no\.?$|number$|#$|item$|rec(ommendation)? no", REF),
]
_COMPILED = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in _PHRASES]
# Where no phrase opens the header, a telling word anywhere in it ("Agreed action", "Lead agency
# / officer", "Target completion date", "Progress update (June 2019)").
_KEYWORDS: list[tuple[str, str]] = [
    (r"\b(expected|intended|desired) outcomes?|\boutcomes? (sought|intended)", OUTCOMES),
    (r"\bhow (we|you) will know|\bsuccess|\bmeasures?\b", MEASURES),
    (r"\bevidence|\bimpact", EVIDENCE),
    (r"\bactions? (taken|to date|completed|undertaken)|progress|update", PROGRESS),
    (r"\bactions?\b|\bresponse\b|\bsteps?\b|\btasks?\b", ACTION),
    (r"\brecommendations?\b|\bfindings?\b|\bareas? for", RECOMMENDATION),
    (r"\blead\b|\bresponsib|\bowner|\bby whom\b|\bwho\b", LEAD),
    (r"\bdate\b|\bwhen\b|\btime ?scales?|\bdeadline|\btarget\b", DUE),
    (r"\brag\b|\bstatus\b", RAG),
]
_KEYWORDS_COMPILED = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in _KEYWORDS]
_MAX_HEADER_CHARS = 60


@lru_cache(maxsize=8192)
def header_role(text: str) -> str | None:
    """Return the role a header cell names, or None (cached: every row of every table asks)."""
    plain = clean(text)
    label = plain.strip(" :.*").lower()
    if not label or len(label) > _MAX_HEADER_CHARS:
        return None
    if plain[0].islower() and plain.endswith("."):
        return None  # "agency." ends a wrapped sentence: a header names, it does not say

    # "Recommendation No." and "Rec. No" name the reference column, not the text.
    if re.match(r"(recommendation|rec)\.? (no|number|ref)\b", label):
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
    return _resolve_duplicates(_one_due(roles, row))


# Of several date columns the deadline is the revised one, then one that names a deadline; "Date raised"
# or "Date completed" record something else.
_DUE_RANKS = [
    re.compile(r"\brevised\b", re.I),
    re.compile(r"target|due|deadline|by when|time ?scale|time ?frame", re.I),
]


def _one_due(roles: list[str | None], row: list[str]) -> list[str | None]:
    dues = [i for i, role in enumerate(roles) if role == DUE]
    if len(dues) < 2:
        return roles
    ranked = [
        next((rank for rank, p in enumerate(_DUE_RANKS) if p.search(row[i])), len(_DUE_RANKS)) for i in dues
    ]
    keep = dues[ranked.index(min(ranked))]
    return [None if role == DUE and i != keep else role for i, role in enumerate(roles)]


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
