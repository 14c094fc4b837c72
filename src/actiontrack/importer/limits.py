"""How much of a document ActionTrack reads: every limit, in one place, with its message.

Each limit is checked before the work it guards (a merged range's size before
openpyxl lays it out, a PDF's inflated streams before pdfium parses them, a
Word cell's span before its row is built), so a hostile file is refused in
moments and a genuine plan, far inside every limit, never notices them. A
document over a limit is refused with an `UnreadableDocument` that names the
limit in words. The reader itself runs in a child process (`sandbox`) whose
memory and time are capped too, for whatever these checks do not foresee.
"""

from __future__ import annotations

from actiontrack.importer.errors import UnreadableDocument

# The file itself.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Zip-based formats (.docx, .xlsx), checked on the archive's directory before any part is inflated.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small members (styles, empty sheets) legitimately compress very well, so the
# ratio is only judged on members big enough to matter.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# One part (document.xml, a worksheet) this large would take the XML parsers
# gigabytes and minutes; real plans' parts are a few megabytes.
MAX_PART_BYTES = 40 * 1024 * 1024

# Word: a row's width on the table grid (gridSpan, gridBefore, gridAfter and cells together).
MAX_TABLE_COLUMNS = 200

# Excel: cells the sheets define, cells their merged ranges cover, and a sheet's filled range.
MAX_WORKBOOK_CELLS = 200_000
MAX_MERGED_CELLS = 100_000
MAX_SHEET_CELLS = 500_000

# PDF: pages, the bytes its streams inflate to, and its text. pdfium finds a piece of text's
# words by looking through every character of its page, so a page costs pieces × characters.
MAX_PDF_PAGES = 200
MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGE_TEXT_PIECES = 3_000
MAX_PDF_PAGE_CHARS = 15_000
MAX_PDF_TEXT_PIECES = 50_000

# Any document: its text, its lines (text formats), its tables' rows, a progress cell's dated updates.
MAX_DOCUMENT_CHARS = 5_000_000
MAX_LINES = 50_000
MAX_ROWS = 10_000
MAX_UPDATES_PER_CELL = 1_000

# The child process a document is read in (`sandbox`): memory it may add, processor and clock time.
READ_MEMORY_BYTES = 1024 * 1024 * 1024
READ_CPU_SECONDS = 60
READ_WALL_SECONDS = 90


def megabytes(size: int) -> str:
    """Write a size as people read it: "20.0 MB"."""
    return f"{size / (1024 * 1024):.1f} MB"


def size_in_words(size: int) -> str:
    """Write a size as people read it: "1 GB", "20.0 MB"."""
    return f"{size / 1024**3:g} GB" if size >= 1024**3 else megabytes(size)


class LimitExceeded(UnreadableDocument):
    """A document over one of the limits, raised where it is found, before the work it would cause.

    `read_document` and `analyse` name the file: `for_file` gives the message
    "plan.csv has more than 10,000 rows; ActionTrack reads plans of at most 10,000 rows."
    """

    def __init__(self, found: str, limit: str) -> None:
        super().__init__(f"The document {found}; ActionTrack reads {limit}.")
        self.found, self.limit = found, limit

    def for_file(self, filename: str) -> UnreadableDocument:
        return UnreadableDocument(f"{filename} {self.found}; ActionTrack reads {self.limit}.")


def check_count(count: int, limit: int, what: str, within: str = "plans") -> None:
    """Refuse a document holding more than `limit` of `what` ("rows"), before they are worked on."""
    if count > limit:
        raise LimitExceeded(f"has more than {limit:,} {what}", f"{within} of at most {limit:,} {what}")


def check_text(text: str, *, lines: bool = True) -> None:
    """Refuse text longer than MAX_DOCUMENT_CHARS characters (or MAX_LINES lines), before it is read."""
    check_count(len(text), MAX_DOCUMENT_CHARS, "characters of text", "documents")
    if lines:
        check_count(text.count("\n"), MAX_LINES, "lines", "documents")
