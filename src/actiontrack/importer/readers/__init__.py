"""Readers, registered by file type and chosen by the file's content.

Each reader module calls `register` with a name, a `sniff(data, filename)`
function that says whether the bytes look like its type, a
`read(data, filename) -> RawDocument` function and a priority. `read_document`
tries the sniffers by priority, lowest first, whatever the order the modules
were imported in: the formats with a signature of their own (zip-based
.docx/.xlsx, PDF) first, then HTML and Markdown, then CSV, and the catch-all
text reader last.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import MAX_DOCUMENT_CHARS, MAX_ROWS, LimitExceeded, check_count
from actiontrack.importer.model import RawDocument, Table
from actiontrack.importer.readers.safety import check_size

Sniffer = Callable[[bytes, str], bool]
ReadFunction = Callable[[bytes, str], RawDocument]


@dataclass(frozen=True)
class Reader:
    name: str
    sniff: Sniffer
    read: ReadFunction
    priority: int


# The order readers are tried in: a format with a signature before one told by its text alone.
PRIORITY = {"docx": 10, "xlsx": 10, "pdf": 10, "html": 20, "markdown": 30, "csv": 40, "text": 90}
_READERS: list[Reader] = []
logger = logging.getLogger(__name__)


def register(name: str, sniff: Sniffer, read: ReadFunction, priority: int | None = None) -> None:
    """Add a reader, tried by its priority (lower first; `PRIORITY` gives the built-in readers')."""
    _READERS[:] = [r for r in _READERS if r.name != name]
    _READERS.append(Reader(name, sniff, read, PRIORITY.get(name, 50) if priority is None else priority))
    _READERS.sort(key=lambda reader: reader.priority)


def reader_for(data: bytes, filename: str) -> Reader:
    """Return the reader whose sniffer accepts these bytes."""
    _load_builtin_readers()
    if not data:
        raise UnreadableDocument(f"{filename} is empty.")
    for reader in _READERS:
        if reader.sniff(data, filename):
            return reader
    raise UnreadableDocument(
        f"{filename} is not a document ActionTrack can read: expected Word (.docx), PDF, "
        "Excel (.xlsx), CSV, HTML, Markdown or plain text."
    )


def read_document(data: bytes, filename: str) -> RawDocument:
    """Read bytes into a RawDocument with the reader their content calls for.

    Whatever goes wrong inside a parser (python-docx, openpyxl, pdfium, lxml,
    zlib) on a damaged file becomes an UnreadableDocument naming the file; a
    document over a limit is refused with the limit named.
    """
    check_size(data, filename)
    reader = reader_for(data, filename)
    try:
        document = reader.read(data, filename)
        tables = [block for block in document.blocks if isinstance(block, Table)]
        check_count(sum(len(table.rows) for table in tables), MAX_ROWS, "rows")
        chars = sum(len(cell) for table in tables for row in table.rows for cell in row)
        chars += sum(len(block.text) for block in document.blocks if not isinstance(block, Table))
        check_count(chars, MAX_DOCUMENT_CHARS, "characters of text", "documents")
    except LimitExceeded as error:
        raise error.for_file(filename) from None
    except UnreadableDocument:
        raise
    except (MemoryError, RecursionError) as error:
        raise UnreadableDocument(
            f"{filename} is too complex for ActionTrack to read ({type(error).__name__})."
        ) from None
    except Exception:  # noqa: BLE001 - a parser's failure on a damaged file, whatever its type
        logger.warning("The %s reader failed on %s", reader.name, filename, exc_info=True)
        raise UnreadableDocument(
            f"{filename} is damaged: ActionTrack cannot read it as {_KINDS.get(reader.name, 'a document')}. "
            "Open it, save it again and upload the new copy."
        ) from None
    return document


_KINDS = {
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "pdf": "a PDF",
    "html": "a web page",
    "markdown": "Markdown",
    "csv": "a CSV file",
    "text": "text",
}


_loaded = False


def _load_builtin_readers() -> None:
    # Imported here so each reader module registers itself once, in this order.
    global _loaded
    if _loaded:
        return
    _loaded = True
    from actiontrack.importer.readers import (  # noqa: F401
        csv_reader,
        docx_reader,
        html_reader,
        markdown_reader,
        pdf_reader,
        text_reader,
        xlsx_reader,
    )
