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
# A valid UTF-8 character of two to four bytes: a file holding some, but not valid
# UTF-8 as a whole, mixes UTF-8 with another encoding (a paste, a concatenation).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# UTF-16 without a BOM: in Latin-script text, one byte of each pair is zero far more
# often than this share, the other almost never; and the text has next to no controls.
_UTF16_ZERO_SHARE = 0.3
_UTF16_STRAY_ZERO_SHARE = 0.05
_UTF16_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, and the encoding that was used."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, html: bool = False) -> DecodedText:
    """Decode ``data``: a BOM, then UTF-16 without one, then UTF-8, then (for HTML) the declared charset, then detection.

    A file that is partly UTF-8 keeps its UTF-8 lines; only the others are
    decoded in the encoding detected for them.

    :raises IngestError: when the data is empty or looks binary rather than text.
    """
    if not data.strip():
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    if b"\x00" in data[:_SNIFF_BYTES]:
        if (utf16 := _bomless_utf16(data)) is not None:
            return utf16
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
    if _UTF8_SEQUENCE.search(data):
        return _decode_mixed(data)
    encoding = _detect(data)
    return DecodedText(data.decode(encoding, errors="replace"), encoding)


def _bomless_utf16(data: bytes) -> DecodedText | None:
    """``data`` decoded as UTF-16 when its zero bytes fall as UTF-16 text's do, else None."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    pairs = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros > pairs * _UTF16_ZERO_SHARE and even_zeros < pairs * _UTF16_STRAY_ZERO_SHARE:
        encoding = "utf-16-le"
    elif even_zeros > pairs * _UTF16_ZERO_SHARE and odd_zeros < pairs * _UTF16_STRAY_ZERO_SHARE:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if len(_CONTROL.findall(text)) > len(text) * _UTF16_MAX_CONTROL_SHARE:
        return None
    return DecodedText(text, encoding)


def _decode_mixed(data: bytes) -> DecodedText:
    """Each line that is valid UTF-8 as UTF-8; the others in the encoding detected on them together."""
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    other = _detect(b"".join(line for line, text in zip(lines, decoded, strict=True) if text is None))
    if all(text is None or text.isascii() for text in decoded):  # no line needs UTF-8 after all
        return DecodedText(data.decode(other, errors="replace"), other)
    text = "".join(
        text if text is not None else line.decode(other, errors="replace")
        for line, text in zip(lines, decoded, strict=True)
    )
    return DecodedText(text, f"utf-8+{other}")


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


def _detect(data: bytes) -> str:
    """The encoding charset-normalizer finds for ``data``, windows-1252 where it fits about as well."""
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError("binary file, not text (no text encoding fits)")
    best = matches[0]
    for match in matches:
        if _WESTERN in match.could_be_from_charset and (match.chaos <= best.chaos + _WESTERN_CHAOS_MARGIN):
            return "windows-1252"
    return best.encoding
