"""Bytes to text: byte-order marks, UTF-8, then Windows-1252; anything else is refused.

Undecodable bytes are a rejection, never mojibake stored as the article.
"""

from __future__ import annotations

import codecs
import re

from cms.pipeline.types import ExtractionWarning, RejectedFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, form feed and carriage return never occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CP1252_WARNING = ExtractionWarning(
    "encoding",
    "The file is not UTF-8; it was read as Windows-1252. Check quotes, dashes and accented "
    "letters.",
)


def decode_bytes(name: str, data: bytes) -> tuple[str, tuple[ExtractionWarning, ...]]:
    """The text with LF line endings, and a warning when it was read as Windows-1252.

    Raises ``RejectedFile`` for binary data, bytes no supported encoding reads, or no text.
    """
    text, warnings = _decode(name, data)
    if _CONTROL.search(text):
        raise RejectedFile(name, "the file is binary, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RejectedFile(name, "the file is empty (it contains only whitespace)")
    return text, warnings


def _decode(name: str, data: bytes) -> tuple[str, tuple[ExtractionWarning, ...]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), ()
            except UnicodeDecodeError as error:
                raise RejectedFile(
                    name,
                    f"the file starts with a {encoding.upper()} mark but is not {encoding}"
                    f" (bad bytes at offset {error.start + len(bom)})",
                ) from None
    if b"\x00" in data:
        # Text in UTF-8 or a single-byte code page never holds NUL; images and PDFs do.
        raise RejectedFile(name, "the file is binary, not text")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), (_CP1252_WARNING,)
    except UnicodeDecodeError as error:
        raise RejectedFile(
            name,
            f"the file is neither UTF-8 nor Windows-1252 text (undecodable byte "
            f"0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8",
        ) from None
