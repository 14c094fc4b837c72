"""Read an action's status from its RAG colour or from the words of an entry.

The rules are the `actionplan/1` "Status" rules: words count only where they
say the action itself is done or continuing, as the first words of an entry
do; a status is never guessed from what the text implies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from actiontrack.lib.text import clean

STATUSES: tuple[str, ...] = ("completed", "on_track", "at_risk", "delayed", "ongoing", "not_started")

# What each colour of a RAG key means where the key's own label says nothing we know.
RAG_STATUS: dict[str, str] = {
    "blue": "completed",
    "green": "on_track",
    "yellow": "at_risk",
    "amber": "at_risk",
    "orange": "at_risk",
    "red": "delayed",
}

# Labels printed in RAG keys, matched as phrases anywhere in the label.
_LABEL_STATUS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:not\s+started|not\s+yet\s+started|not\s+begun)\b"), "not_started"),
    # "Partially complete" is under way, not done.
    (re.compile(r"\b(?:partially|partly|part)[\s-]+(?:complete[d]?|achieved|implemented|met)\b"), "on_track"),
    (re.compile(r"\b(?:slipped|on\s+hold|paused|deferred|postponed)\b"), "delayed"),
    (re.compile(r"\b(?:embedded|in\s+place)\b"), "completed"),
    # "Not completed" says nothing the colour beside it does not say better.
    (re.compile(r"(?<!not\s)(?<!yet\s)\b(?:complete[d]?|achieved|done|implemented|closed)\b"), "completed"),
    (re.compile(r"\b(?:delayed|overdue|off\s+track|not\s+on\s+track|not\s+achieved|behind)\b"), "delayed"),
    (
        re.compile(r"\b(?:at\s+risk|potential\s+problems?|some\s+concerns?|slipp(?:ing|age)|problems?)\b"),
        "at_risk",
    ),
    (re.compile(r"\b(?:on\s+track|on\s+target|in\s+progress|progressing|under\s?way|started)\b"), "on_track"),
    (re.compile(r"\b(?:on-?\s?going|continuing)\b"), "ongoing"),
]

_WORD_STATUS = {
    "completed": "completed",
    "complete": "completed",
    "implemented": "completed",
    "achieved": "completed",
    "done": "completed",
    "delayed": "delayed",
}
# The opening words of an entry: the status word, perhaps after a short
# subject that can only be the action itself ("Pilot complete", "Now
# implemented"); "Business Plan completed by ..." names some other thing.
# The word must end its phrase: "Continuing delays" is about the delays.
_OPENING = re.compile(
    r"^(?:(?:the\s+)?(?:action|task|pilot|work|project|this|it|now|all|fully|still)\s+)?"
    r"(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:now\s+)?(?:fully\s+)?"
    r"(?P<word>completed?|implemented|achieved|done|on-?\s?going|continuing|delayed)"
    r"(?=\s*$|\s*[^\w\s]|\s+(?-i:[A-Z0-9])|\s+(?:and|but|in|on|since|with|as|at|to|from|until|throughout"
    r"|successfully|fully|now|already|for|via|within|during|due|so|pending|subject|following|after|before)\b)",
    re.IGNORECASE,
)


def status_from_words(text: str | None) -> str | None:
    """Return the status the opening words of an entry give the action, or None."""
    plain = re.sub(r"^[\W_]+", "", clean(text))
    match = _OPENING.match(plain)
    if not match:
        return None
    word = re.sub(r"[\s-]", "", match.group("word").lower())
    return _WORD_STATUS.get(word, "ongoing")


def status_from_rag(label_or_code: str | None, rag_scale: Iterable[Mapping[str, str]] = ()) -> str | None:
    """Return the status a printed RAG colour or label stands for, through the plan's key."""
    value = clean(label_or_code).lower()
    if not value:
        return None
    for entry in rag_scale:
        code = clean(entry.get("code")).lower()
        label = clean(entry.get("label")).lower()
        if value in (code, label):
            return _status_of_label(label) or RAG_STATUS.get(code)
    if value in RAG_STATUS:
        return RAG_STATUS[value]
    if value in ("r", "a", "g", "b"):
        return {"r": "delayed", "a": "at_risk", "g": "on_track", "b": "completed"}[value]
    return _status_of_label(value)


def _status_of_label(label: str) -> str | None:
    for pattern, status in _LABEL_STATUS:
        if pattern.search(label):
            return status
    return None
