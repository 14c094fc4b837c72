"""Convert a document and say how it was read: the columns' roles and the text left unplaced.

The preview page shows this so a person can check and correct the reading;
`column_roles` re-reads the document with the roles they chose. Plain Python.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from actiontrack.importer import columns as col
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.interpret import interpret
from actiontrack.importer.limits import LimitExceeded
from actiontrack.importer.model import RawDocument
from actiontrack.importer.progress import report
from actiontrack.importer.readers import read_document
from actiontrack.importer.reconstruct import Row, reconstruct
from actiontrack.lib.schema import InvalidPlanDocument, validate
from actiontrack.lib.text import clean

logger = logging.getLogger(__name__)

ROLES = (
    col.SECTION,
    col.REF,
    col.RECOMMENDATION,
    col.PRIORITY,
    col.OBJECTIVE,
    col.OUTCOMES,
    col.MEASURES,
    col.ACTION,
    col.PROGRESS,
    col.LEAD,
    col.AGENCY,
    col.DUE,
    col.RAG,
    col.EVIDENCE,
)
ROLE_LABELS = {
    col.SECTION: "Section",
    col.REF: "Reference",
    col.RECOMMENDATION: "Recommendation",
    col.PRIORITY: "Priority",
    col.OBJECTIVE: "Objective",
    col.OUTCOMES: "Outcomes sought",
    col.MEASURES: "Measures (how we will know)",
    col.ACTION: "Action (what will be done)",
    col.PROGRESS: "Progress or update",
    col.LEAD: "Lead",
    col.AGENCY: "Agency (organisation responsible)",
    col.DUE: "Due date",
    col.RAG: "RAG or status",
    col.EVIDENCE: "Evidence",
}


@dataclass
class Conversion:
    document: dict[str, Any]
    columns: list[dict[str, str | None]] = field(default_factory=list)  # [{header, role}] in order
    unplaced: list[str] = field(default_factory=list)


def analyse(data: bytes, filename: str, column_roles: dict[str, str | None] | None = None) -> Conversion:
    """Convert a document; `column_roles` maps a header as printed to the role to give it.

    Whatever goes wrong raises UnreadableDocument, whose message names the file
    (and the limit, for a document over one of `limits`).
    """
    report("Reading the document")
    raw = read_document(data, filename)
    try:
        return _analyse(raw, filename, column_roles)
    except LimitExceeded as error:
        raise error.for_file(filename) from None
    except UnreadableDocument:
        raise
    except Exception:  # noqa: BLE001 - a reading that trips over itself is refused, never a crash
        logger.warning("Reading %s into a plan failed", filename, exc_info=True)
        raise UnreadableDocument(
            f"{filename} could not be read into a plan: ActionTrack did not understand its layout."
        ) from None


def _analyse(raw: RawDocument, filename: str, column_roles: dict[str, str | None] | None) -> Conversion:
    report("Putting the tables back together")
    items = reconstruct(raw)
    columns: dict[str, dict[str, str | None]] = {}
    for item in items:
        if isinstance(item, Row):
            for column in item.columns:
                header = clean(column.header)
                if column_roles and header in column_roles:
                    column.role = column_roles[header] or None
                columns.setdefault(header, {"header": header, "role": column.role})
    report("Reading the recommendations and actions")
    document, unplaced = interpret(items, filename)
    try:
        validate(document)
    except InvalidPlanDocument as error:  # a reading we cannot stand behind: refuse, never crash
        raise UnreadableDocument(f"{filename} could not be read into a valid plan ({error}).") from None
    return Conversion(
        document=document, columns=[c for c in columns.values() if c["header"]], unplaced=unplaced
    )
