"""Read an action's status from its RAG colour or from the words of an entry.

The rules are the `actionplan/1` "Status" rules: words count only where they
say the action itself is done or continuing, as the first words of an entry
do; a status is never guessed from what the text implies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from actiontrack.lib.text import clean
from actiontrack.lib.vocabulary import RAG_COLOURS, RAG_LETTERS, RAG_STATUS, STATUS_WORDS, STATUSES

__all__ = ["RAG_COLOURS", "RAG_STATUS", "STATUSES", "status_from_rag", "status_from_words"]

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

_WORD_STATUS = STATUS_WORDS
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


def status_from_rag(
    label_or_code: str | None,
    rag_scale: Iterable[Mapping[str, str]] = (),
    status_key: Mapping[str, str] | None = None,
) -> str | None:
    """Return the status a printed RAG colour or label stands for, through the plan's key.

    `status_key` maps the numbers of a numbered status key ("1 Fully achieved, 2 On track") to
    their labels.
    """
    value = clean(label_or_code).lower()
    if not value:
        return None
    number = re.match(r"^(\d)\b", value)
    if status_key and number and number.group(1) in status_key:
        return _status_of_label(status_key[number.group(1)].lower())
    for entry in rag_scale:
        code = clean(entry.get("code")).lower()
        label = clean(entry.get("label")).lower()
        if value in (code, label):
            return _status_of_label(label) or RAG_STATUS.get(code)
    if value in RAG_STATUS:
        return RAG_STATUS[value]
    if value in RAG_LETTERS:
        return RAG_STATUS[RAG_LETTERS[value]]
    return _status_of_label(value)


def _status_of_label(label: str) -> str | None:
    for pattern, status in _LABEL_STATUS:
        if pattern.search(label):
            return status
    return None


_RAG_WORD = re.compile(
    rf"^\W*(?P<word>{'|'.join(RAG_COLOURS)})\b(?:\s*(?:rag|status|rating))?\s*(?:[-–—:.,;)]|\n|$)\s*",
    re.IGNORECASE,
)


def rag_code(printed: str | None, rag_scale: Iterable[Mapping[str, str]] = ()) -> str | None:
    """Return the lower-case colour a RAG cell prints ("Amber", "A", or a label of the plan's key)."""
    value = clean(printed).lower()
    if not value:
        return None
    word = re.match(rf"^({'|'.join(RAG_COLOURS)})\b", value)
    if word:
        return word.group(1)
    for entry in rag_scale:
        if value == clean(entry.get("label")).lower() and re.fullmatch(r"[a-z]+", entry.get("code", "")):
            return entry["code"]
    return RAG_LETTERS.get(value)


def opening_rag(text: str, rag_scale: Iterable[Mapping[str, str]] = ()) -> tuple[str, str]:
    """Split a RAG word printed at the start of a progress cell from the report: ("Amber", "rota agreed")."""
    plain = text.lstrip()
    match = _RAG_WORD.match(plain)
    if not match:
        return "", text
    return match.group("word"), plain[match.end() :]


# A last sentence that is only a status: "... now embedded. Completed.", "... Status: on track."
_CLOSING = re.compile(
    r"(?:^|[.!?;]\s+|\n)(?:(?:current\s+)?(?:status|rag|position)\s*[:=-]\s*)?"
    r"(?P<words>(?:now\s+|fully\s+)?[A-Za-z][A-Za-z -]{2,30}?)\W*$"
)


def closing_status(text: str | None) -> str | None:
    """Return the status a short closing sentence of an entry states, or None."""
    plain = clean(text)
    match = _CLOSING.search(plain)
    if not match or match.start() == 0 and len(plain.split()) > 4:
        return None
    words = match.group("words").strip().lower()
    if len(words.split()) > 4:
        return None
    # Only the words the spec gives a status ("Completed.", "Ongoing."), and only as the whole sentence.
    opening = _OPENING.match(words)
    if opening and opening.end() >= len(words.rstrip(". ")):
        return status_from_words(words)
    return None
