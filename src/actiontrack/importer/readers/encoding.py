"""Text from bytes whatever the encoding: plans arrive in UTF-8, UTF-16 and Windows-1252."""

from __future__ import annotations


def decode(data: bytes) -> str:
    """Decode text whatever its encoding: UTF-8/UTF-16 with BOM, UTF-8, else cp1252 or a best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("latin-1")
