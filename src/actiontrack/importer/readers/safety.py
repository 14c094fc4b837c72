"""Checks that keep hostile uploads away from the parsers.

The zip-based formats (.docx, .xlsx) are checked here before python-docx or
openpyxl see them: a zip bomb, a damaged archive, an encrypted member or a
password-protected Office file (which is not a zip at all) all become an
`UnreadableDocument` that says what is wrong, never a traceback or a long
stall. `check_size` is shared with the web and command-line layers.
"""

from __future__ import annotations

import io
import zipfile

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_MEMBERS,
    RATIO_CHECK_MIN_BYTES,
)
from actiontrack.importer.limits import megabytes as _megabytes

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Legacy .doc/.xls and password-protected .docx/.xlsx are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_size(data: bytes, filename: str) -> None:
    """Refuse an upload larger than MAX_UPLOAD_BYTES."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument(
            f"{filename} is {_megabytes(len(data))}; ActionTrack reads files of at most "
            f"{_megabytes(MAX_UPLOAD_BYTES)}."
        )


def looks_like_zip(data: bytes) -> bool:
    """Say whether the bytes start like a zip archive."""
    return data[:4] in ZIP_MAGICS


def looks_like_ole(data: bytes) -> bool:
    """Say whether the bytes are an OLE compound file (old Office or encrypted Office)."""
    return data[:8] == OLE_MAGIC


def zip_names(data: bytes) -> set[str] | None:
    """Return the member names of a zip archive, or None if it cannot be listed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return None


def check_zip(data: bytes, filename: str, kind: str) -> None:
    """Refuse a damaged, encrypted or bomb-like zip before a parser opens it.

    `kind` names what the file should be ("Word document"), for the message.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise UnreadableDocument(
            f"{filename} is damaged: it is not a complete {kind} (the zip archive inside it "
            f"cannot be read: {exc}). Open it and save it again, then upload the new copy."
        ) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UnreadableDocument(f"{filename} holds {len(infos)} parts, far more than any {kind} needs.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument(
                f"{filename} is encrypted. Remove the password, save it again and upload the new copy."
            )
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise UnreadableDocument(
                f"{filename}: its part {info.filename!r} unpacks to {_megabytes(info.file_size)}; "
                f"ActionTrack reads parts of at most {_megabytes(MAX_PART_BYTES)}. "
                "Save the action plan on its own, without other sheets or embedded files."
            )
        if info.file_size >= RATIO_CHECK_MIN_BYTES and (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            raise UnreadableDocument(
                f"{filename} is not a genuine {kind}: its part {info.filename!r} expands "
                f"{info.file_size // max(info.compress_size, 1)} times over, "
                "which only a deliberately crafted file does."
            )
    packed = sum(info.compress_size for info in infos)
    if total >= RATIO_CHECK_MIN_BYTES and total > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise UnreadableDocument(
            f"{filename} is not a genuine {kind}: it expands {total // max(packed, 1)} times over "
            "when unpacked, which only a deliberately crafted file does."
        )
    if total > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(
            f"{filename} unpacks to {_megabytes(total)}; ActionTrack reads documents that unpack "
            f"to at most {_megabytes(MAX_UNPACKED_BYTES)}."
        )


def refuse_ole(data: bytes, filename: str) -> None:
    """Explain why an OLE compound file (encrypted or legacy Office) cannot be read."""
    # An encrypted .docx/.xlsx keeps its real content in a stream called
    # "EncryptedPackage"; the name is stored in UTF-16 in the directory.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableDocument(
            f"{filename} is protected by a password. Remove the password in Word or Excel, "
            "save it again and upload the new copy."
        )
    raise UnreadableDocument(
        f"{filename} is in the old Word (.doc) or Excel (.xls) format. Open it and save it as "
        "a Word document (.docx) or Excel workbook (.xlsx), then upload that copy."
    )
