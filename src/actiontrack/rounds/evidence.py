"""Evidence files: told by their content, checked like the importer's uploads, stored privately."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.readers import safety
from actiontrack.rounds.models import EvidenceFile

ACCEPTED = "PDF, Word (.docx), Excel (.xlsx) or an image (PNG, JPEG, GIF)"


def sniff(data: bytes, filename: str) -> str:
    """Return the content type the bytes really are, or refuse a file of another kind."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if safety.looks_like_ole(data):
        safety.refuse_ole(data, filename)
    if safety.looks_like_zip(data):
        names = safety.zip_names(data) or set()
        if "word/document.xml" in names:
            safety.check_zip(data, filename, "Word document")
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            safety.check_zip(data, filename, "Excel workbook")
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    raise UnreadableDocument(f"{filename} is not a file ActionTrack keeps as evidence: upload a {ACCEPTED}.")


def check_upload(upload: Any) -> tuple[bytes, str]:
    """Read an upload and return its bytes and real content type, or refuse it (on `attachments`)."""
    name = str(getattr(upload, "name", "") or "file")
    size = getattr(upload, "size", None) or 0
    limit = settings.EVIDENCE_MAX_BYTES
    if size > limit:
        raise ValidationError({"attachments": f"{name} is larger than {limit // (1024 * 1024)} MB"})
    data = upload.read()
    try:
        if len(data) > limit:
            raise UnreadableDocument(f"{name} is larger than {limit // (1024 * 1024)} MB")
        safety.check_size(data, name)
        if not data:
            raise UnreadableDocument(f"{name} is empty")
        content_type = sniff(data, name)
    except UnreadableDocument as error:
        raise ValidationError({"attachments": str(error)}) from None
    return data, content_type


def store(upload: Any, *, checked: tuple[bytes, str], **owner: Any) -> EvidenceFile:
    """Save a checked upload privately and return its record; `owner` names what it is evidence for."""
    data, content_type = checked
    name = str(getattr(upload, "name", "") or "file").replace("/", "_").replace("\\", "_")[-200:]
    evidence = EvidenceFile(
        token=secrets.token_hex(16), original_name=name, content_type=content_type, size=len(data), **owner
    )
    evidence.file.save(evidence.token, ContentFile(data), save=False)
    evidence.save()
    return evidence
