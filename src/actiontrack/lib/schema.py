"""The `actionplan/1.1` JSON Schema (which accepts `actionplan/1`), and a validator that says where a
document is wrong."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).with_name("actionplan-1.1.schema.json")


class InvalidPlanDocument(ValueError):
    """An actionplan/1.1 document that does not match the schema; the message lists where."""


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validation_errors(document: Any, limit: int = 10) -> list[str]:
    """Return up to `limit` problems, each naming the place: "recommendations/2/actions/0/due: ..."."""
    problems = []
    for error in sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "the document"
        problems.append(f"{where}: {error.message}")
        if len(problems) >= limit:
            break
    return problems


def validate(document: Any) -> None:
    """Raise InvalidPlanDocument unless the document is valid actionplan/1 or 1.1."""
    problems = validation_errors(document)
    if problems:
        raise InvalidPlanDocument("Not a valid actionplan/1.1 document: " + "; ".join(problems))
