"""Plain-text helpers for cell and paragraph text extracted from documents."""

from __future__ import annotations

import html
import re
from typing import Any

# Tags that end a paragraph, list item or row: they become line breaks so the
# structure survives once the markup is gone.
# A line break the printed cell's width made (PDF text): whitespace to every
# reader but the lead splitter, which alone can tell a wrapped role from a new
# lead on its own line. `clean` and `lines` treat it as a space.
SOFT_BREAK = "\u2028"
_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|blockquote|section|article|header|footer|dl|dt|dd"
)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*?/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*?/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_LINE_SPACE = re.compile(r"[^\S\n]+")
_BULLETS = "•·▪◦●■"
_BULLET_SPLIT = re.compile(r"\s*[•·▪◦●■]\s*")


def strip_markup(text: str) -> str:
    """Remove HTML tags and entities, turning block-level tags into line breaks."""
    if "<" not in text and "&" not in text:
        return text
    text = _COMMENT.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return html.unescape(text)


def clean(text: str | None) -> str:
    """Strip markup and collapse every run of whitespace to one space."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", strip_markup(text)).strip()


def lines(text: str) -> list[str]:
    """Return the non-empty lines of a text, bullet items split out and cleaned."""
    if not text:
        return []
    plain = _LINE_SPACE.sub(" ", strip_markup(text).replace("\xa0", " "))
    result: list[str] = []
    for line in plain.split("\n"):
        for item in _split_bullets(line.strip()):
            cleaned = clean(item)
            if cleaned:
                result.append(cleaned)
    return result


def _split_bullets(line: str) -> list[str]:
    if not line:
        return []
    if any(bullet in line for bullet in _BULLETS):
        return _BULLET_SPLIT.split(line)
    # A hyphen is a bullet only where it opens the line and a space follows,
    # so "self-analysis" and "- by 12th March" are told apart.
    if line.startswith("- ") or line.startswith("* "):
        return [line[2:]]
    return [line]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Keep a cell from being run as a formula by a spreadsheet: text starting =, +, - or @ gets a '.

    Other values (numbers, dates) are returned as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
