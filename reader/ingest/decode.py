"""Turn the bytes of a file into text, whatever encoding it was saved in."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from reader.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Western web text that is not UTF-8 is nearly always windows-1252 (a superset of
# ISO-8859-1's printable range). charset-normalizer, on a short French text, often
# ranks a central-European code page first by a hair; prefer 1252 within this margin.
_WESTERN = "cp1252"
_WESTERN_CHAOS_MARGIN = 0.1


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, and the encoding that was used."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, html: bool = False) -> DecodedText:
    """Decode ``data``: a BOM, then UTF-8, then (for HTML) the declared charset, then detection.

    :raises IngestError: when the data is empty or looks binary rather than text.
    """
    if not data.strip():
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise IngestError("binary file, not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)):
        try:
            return DecodedText(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _detect(data)


def _decode(data: bytes, encoding: str) -> DecodedText:
    try:
        return DecodedText(data.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        raise IngestError(f"not valid {encoding} text") from error


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> DecodedText:
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError("binary file, not text (no text encoding fits)")
    best = matches[0]
    for match in matches:
        if _WESTERN in match.could_be_from_charset and (match.chaos <= best.chaos + _WESTERN_CHAOS_MARGIN):
            return DecodedText(data.decode(_WESTERN, errors="replace"), "windows-1252")
    return DecodedText(str(best), best.encoding)
