"""The words action plans are written in, in one place: months, seasons, RAG colours, status words.

Every reader of dates, keys and statuses takes its vocabulary from here, so
that "Sept", "orange" or "on-going" mean the same thing to all of them. The
header words that name a table's columns live with their roles in
`actiontrack.importer.columns`. Plain Python, no Django.
"""

from __future__ import annotations

import calendar
import re

# Month names and their abbreviations, as numbers ("sept" is September too).
MONTH_NUMBERS: dict[str, int] = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9
MONTH_NAMES: tuple[str, ...] = tuple(name.lower() for name in calendar.month_name if name)

# A month written in full or abbreviated, with an optional stop ("Sept.", "Oct"); no groups.
MONTH_PATTERN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
# The same, for a stamp opening an entry of an update log ("Jan 2024:", "March 2019 –").
MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
SEASONS: tuple[str, ...] = ("spring", "summer", "autumn", "winter")
# Months and seasons as alternatives for a regular expression ("June 2003 October 2003").
MONTHS_AND_SEASONS = "|".join([*MONTH_NAMES, *(m for m in MONTH_NUMBERS if len(m) <= 4), *SEASONS])

# The colours a RAG key or cell may print, and what each means where a key's label says nothing known.
RAG_COLOURS: tuple[str, ...] = (
    "blue",
    "green",
    "yellow",
    "amber",
    "orange",
    "red",
    "purple",
    "grey",
    "black",
)
KEY_COLOURS: tuple[str, ...] = (*RAG_COLOURS, "gray", "white")  # colours a printed key may list
RAG_STATUS: dict[str, str] = {
    "blue": "completed",
    "green": "on_track",
    "yellow": "at_risk",
    "amber": "at_risk",
    "orange": "at_risk",
    "red": "delayed",
}
RAG_LETTERS: dict[str, str] = {"r": "red", "a": "amber", "g": "green", "b": "blue"}

# The statuses of `actionplan/1.1`, and the words an entry may open with to give one.
STATUSES: tuple[str, ...] = ("completed", "on_track", "at_risk", "delayed", "ongoing", "not_started")
STATUS_WORDS: dict[str, str] = {
    "completed": "completed",
    "complete": "completed",
    "implemented": "completed",
    "achieved": "completed",
    "done": "completed",
    "delayed": "delayed",
    "ongoing": "ongoing",
    "continuing": "ongoing",
}


def month_number(name: str) -> int | None:
    """Return the number of a month written in full or abbreviated ("Sept." is 9), or None."""
    return MONTH_NUMBERS.get(re.sub(r"\.$", "", name.strip()).lower())
