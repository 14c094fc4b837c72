"""Convert action plan documents (.txt, .md, .html, .docx, .pdf, .xlsx, .csv) into `actionplan/1.1` JSON.

    convert_bytes(data, filename) -> dict
    convert_path(path) -> dict
    analyse(data, filename, column_roles=None) -> Conversion   (the document, its columns, unplaced text)
    validate(document) -> None

The pipeline is plain Python, no Django: a reader chosen by the file's content
(`readers`) gives a `RawDocument`; `reconstruct` merges tables across pages and
rejoins split rows; `interpret` reads recommendations, actions and the plan's
fields through the field readers. A document with no table of recommendations
or actions raises `UnreadableDocument` ("Found no table of recommendations or
actions in X") rather than returning an empty plan, so an upload of the wrong
file is refused with a reason. The Django side (upload, preview, commands)
lives in this package's `views`, `drafts` and `management` modules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from actiontrack.importer.analysis import Conversion, analyse
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.lib.schema import InvalidPlanDocument, validate

__all__ = [
    "Conversion",
    "InvalidPlanDocument",
    "UnreadableDocument",
    "analyse",
    "convert_bytes",
    "convert_path",
    "validate",
]


def convert_bytes(data: bytes, filename: str) -> dict[str, Any]:
    """Convert a document's bytes into a valid actionplan/1.1 dict, or raise UnreadableDocument."""
    return analyse(data, filename).document


def convert_path(path: str | Path) -> dict[str, Any]:
    """Convert the document at `path` into an actionplan/1.1 dict."""
    path = Path(path)
    return convert_bytes(path.read_bytes(), path.name)
