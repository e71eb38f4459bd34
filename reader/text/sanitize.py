"""Make untrusted text safe to store and show in a terminal."""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST),
# DCS/SOS/PM/APC strings, and two-byte escapes. C1 forms (\x9b, \x9d...) too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c)     # OSC, ended by BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                            # other escapes
    """,
    re.VERBOSE | re.DOTALL,
)
# Every C0/C1 control character but tab and newline, plus DEL; bidi overrides,
# which can make text display in an order other than the one stored.
_BEYOND_C0 = r"\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")
_BEYOND_C0_CONTROL = re.compile(rf"[{_BEYOND_C0}]")


def escape_json_controls(text: str) -> str:
    """Escape, as JSON does C0 controls, the characters JSON leaves raw that a terminal may obey (DEL, C1, bidi)."""
    return _BEYOND_C0_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# The same, for bytes of an ASCII-compatible encoding (UTF-8, Latin-1...): 7-bit
# sequences and C0 controls only, as bytes 0x80-0x9f are parts of UTF-8 characters.
_ESCAPE_SEQUENCE_BYTES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~] | \x1b\].*?(?:\x07|\x1b\\) | \x1b[PX^_].*?\x1b\\ | \x1b[ -/]*[0-~]",
    re.VERBOSE | re.DOTALL,
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_bytes(data: bytes) -> bytes:
    """Remove terminal escape sequences and control characters but tab, CR and LF from bytes of an ASCII-compatible encoding."""
    return _CONTROL_BYTES.sub(b"", _ESCAPE_SEQUENCE_BYTES.sub(b"", data))


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines.

    Carriage returns are turned into newlines first, so Windows and old Mac line
    endings survive as line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Outside text (a path, a title, a reason) made safe to show as one line: controls removed, line breaks as spaces."""
    return " ".join(strip_control(text).splitlines())


def normalize_text(text: str) -> str:
    """Sanitise and NFC-normalise text from outside, and trim trailing spaces on each line."""
    text = unicodedata.normalize("NFC", strip_control(text))
    return "\n".join(line.rstrip() for line in text.split("\n"))
