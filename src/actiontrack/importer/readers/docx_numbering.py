"""Give Word's automatic list numbers back to the paragraphs that show them.

Word stores "1.", "2.", "a)" as list numbering, not as text; a plan that
numbers its actions that way would lose the numbers (the refs) without this.
Bullets are not written out: they carry no reference.
"""

from __future__ import annotations

import re
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_LEVEL_REF = re.compile(r"%([1-9])")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl")]
_ROMAN += [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
# Word numbers lists from 0 to 32767 on nine levels (0-8); a file claiming more is damaged or hostile
# (a start of 10^20 printed in letters or Roman numerals would never finish).
_MAX_START = 32767
_LEVELS = 9


class Numbering:
    """Follow a document's list counters in reading order and print each numbered paragraph's label."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[
            tuple[str, int], tuple[str, str, int]
        ] = {}  # (numId, level) -> (format, text, start)
        self.style_numbers: dict[str, tuple[str, int]] = {}  # style id -> (numId, level)
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.findall(f"{_W}abstractNum")}
        for num in numbering.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if num_id is None or definition is None:
                continue
            for lvl in definition.findall(f"{_W}lvl"):
                level = _level(lvl.get(f"{_W}ilvl"))
                self.formats[(num_id, level)] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
            for override in num.findall(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                key = (num_id, _level(override.get(f"{_W}ilvl")))
                if start is not None and key in self.formats:
                    fmt, text, _ = self.formats[key]
                    self.formats[key] = (fmt, text, _int(start, 1))
        for style in document.styles.element.findall(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId"):
                self.style_numbers[style.get(f"{_W}styleId", "")] = (
                    _val(num_pr, "numId") or "",
                    _level(_val(num_pr, "ilvl")),
                )

    def label(self, paragraph: Any) -> str:
        """Return the paragraph's list label ("2.", "1.3", "b)"), or "" for none or a bullet."""
        num_id, level = self._number_of(paragraph)
        if not num_id or num_id == "0" or (num_id, level) not in self.formats:
            return ""
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = 0
        start = self.formats[(num_id, level)][2]
        counters[level] = start if counters[level] == 0 else counters[level] + 1
        fmt, text, _ = self.formats[(num_id, level)]
        if fmt in ("bullet", "none") or not text:
            return ""

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            at_fmt = self.formats.get((num_id, at), (fmt, "", 1))[0]
            value = counters[at] or self.formats.get((num_id, at), ("", "", 1))[2]
            return _format(value, at_fmt)

        return _LEVEL_REF.sub(number, text)

    def _number_of(self, paragraph: Any) -> tuple[str, int]:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            if num_id:
                return num_id, _level(_val(num_pr, "ilvl"))
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None:
            return self.style_numbers.get(style.get(f"{_W}val", ""), ("", 0))
        return "", 0


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 5:
        return default
    return int(value) if int(value) <= _MAX_START else default


def _level(value: str | None) -> int:
    return min(_int(value, 0), _LEVELS - 1)


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman += numeral
                value -= amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)
