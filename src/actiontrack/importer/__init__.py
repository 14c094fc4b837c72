"""Convert action plan documents (.txt, .docx, .pdf, .xlsx, .csv) into `actionplan/1` JSON.

    convert_bytes(data, filename) -> dict
    convert_path(path) -> dict
    validate(document) -> None

The pipeline is plain Python, no Django: a reader chosen by the file's content
(`readers`) gives a `RawDocument`; `reconstruct` merges tables across pages and
rejoins split rows; `interpret` reads recommendations, actions and the plan's
fields through the field readers. A document with no table of recommendations
or actions raises `UnreadableDocument` ("Found no table of recommendations or
actions in X") rather than returning an empty plan, so an upload of the wrong
file is refused with a reason.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.interpret import interpret
from actiontrack.importer.readers import read_document
from actiontrack.importer.reconstruct import reconstruct

__all__ = ["InvalidDocument", "UnreadableDocument", "convert_bytes", "convert_path", "validate"]

SCHEMA_PATH = Path(__file__).with_name("actionplan-1.schema.json")


class InvalidDocument(ValueError):
    """An actionplan/1 document that breaks the schema; the message lists where."""


def convert_bytes(data: bytes, filename: str) -> dict[str, Any]:
    """Convert a document's bytes into a valid actionplan/1 dict, or raise UnreadableDocument."""
    raw = read_document(data, filename)
    document = interpret(reconstruct(raw), filename)
    validate(document)
    return document


def convert_path(path: str | Path) -> dict[str, Any]:
    """Convert the document at `path` into an actionplan/1 dict."""
    path = Path(path)
    return convert_bytes(path.read_bytes(), path.name)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def validate(document: dict[str, Any]) -> None:
    """Raise InvalidDocument (a ValueError) listing every place the document breaks the schema."""
    problems = []
    for error in sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(part) for part in error.absolute_path) or "the document"
        problems.append(f"{where}: {error.message}")
    if problems:
        raise InvalidDocument("Not a valid actionplan/1 document: " + "; ".join(problems[:20]))
