"""Measure what a PDF's compressed streams inflate to, before pdfium inflates them.

A 1 MB PDF can hold a content stream that inflates to a gigabyte; pdfium
would inflate it whole into memory to parse the page. Here every stream
compressed with FlateDecode (alone or in a chain of FlateDecode filters) is
inflated in small pieces that are counted and thrown away, so the measure
costs time in proportion to the inflated size (stopped at the limit) and no
memory. Other filters (images in DCT, the rare LZW) are left to pdfium and
the reading process's memory limit (`sandbox`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

from actiontrack.importer.limits import MAX_PDF_INFLATED_BYTES, LimitExceeded, megabytes

_STREAM = re.compile(rb"stream\r?\n")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?")
_FLATE = {b"FlateDecode", b"Fl"}
_CHUNK = 64 * 1024
# How far before "stream" its dictionary is looked for.
_DICTIONARY_BYTES = 4096


def check_inflated_size(data: bytes) -> None:
    """Refuse a PDF whose FlateDecode streams together inflate to more than MAX_PDF_INFLATED_BYTES."""
    budget = MAX_PDF_INFLATED_BYTES
    for match in _STREAM.finditer(data):
        start = match.end()
        dictionary = _dictionary_before(data, match.start())
        if dictionary is None:
            continue
        filters = _filters(dictionary)
        flate = 0
        while flate < len(filters) and filters[flate] in _FLATE:
            flate += 1
        if not flate:
            continue
        end = _stream_end(data, start, dictionary)
        budget -= _inflated_size(data[start:end], flate, budget)
        if budget < 0:
            raise LimitExceeded(
                f"holds compressed content that inflates to more than {megabytes(MAX_PDF_INFLATED_BYTES)}",
                f"PDFs whose content inflates to at most {megabytes(MAX_PDF_INFLATED_BYTES)}",
            )


def _dictionary_before(data: bytes, at: int) -> bytes | None:
    """Return the text from the object's start ("12 0 obj") to its "stream" keyword, if it is one."""
    window = data[max(at - _DICTIONARY_BYTES, 0) : at]
    if not window.rstrip().endswith(b">>"):
        return None  # "stream" inside other text ("endstream", a word in a string)
    starts = list(_OBJECT.finditer(window))
    return window[starts[-1].end() :] if starts else window


def _filters(dictionary: bytes) -> list[bytes]:
    match = _FILTER.search(dictionary)
    return _NAME.findall(match.group(1)) if match else []


def _stream_end(data: bytes, start: int, dictionary: bytes) -> int:
    """Return where the stream's bytes end: at its direct /Length, else at the next "endstream"."""
    length = _LENGTH.search(dictionary)
    if length and not length.group(2):
        return min(start + int(length.group(1)), len(data))
    end = data.find(b"endstream", start)
    return len(data) if end < 0 else end


def _inflated_size(packed: bytes, stages: int, budget: int) -> int:
    """Return how many bytes `stages` rounds of inflation make of `packed`, stopping past `budget`."""
    pieces: Iterator[bytes] = (packed[at : at + _CHUNK] for at in range(0, len(packed), _CHUNK))
    for _ in range(stages):
        pieces = _inflate(zlib.decompressobj(), pieces)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > budget:
            break
    return total


def _inflate(inflater: Any, pieces: Iterator[bytes]) -> Iterator[bytes]:
    """Yield what the pieces inflate to, at most _CHUNK bytes at a time; damage ends the stream."""
    for piece in pieces:
        while piece and not inflater.eof:
            try:
                out = inflater.decompress(piece, _CHUNK)
            except zlib.error:
                return
            yield out
            piece = inflater.unconsumed_tail
