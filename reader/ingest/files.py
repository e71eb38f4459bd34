"""Find importable files under the paths a user names, and read them safely."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.errors import IngestError

# Larger inputs are refused rather than stored: no article is this big, and a
# gzip bomb must not fill memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024

FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Candidate:
    """A file to import, or one found in a folder that cannot be (``skip_reason``)."""

    path: Path
    skip_reason: str | None = None


def file_format(path: Path) -> str | None:
    """``"text"``, ``"markdown"`` or ``"html"`` from the file name (``.gz`` looked through)."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMAT_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def discover(paths: Iterable[Path]) -> Iterator[Candidate]:
    """Every file named, and every file under every folder named, in a stable order.

    A file named on its own is always tried, whatever its name. In folders,
    hidden entries are passed over and files of other types are reported as
    skipped.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield Candidate(path)


def _walk(folder: Path) -> Iterator[Candidate]:
    for entry in sorted(folder.rglob("*")):
        relative = entry.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not entry.is_file():
            continue
        if file_format(entry) is None:
            yield Candidate(entry, skip_reason=f"not an article file ({entry.suffix or 'no extension'})")
        else:
            yield Candidate(entry)


def read_input(path: Path) -> bytes:
    """The bytes of ``path``, gunzipped if it ends in ``.gz``, at most ``MAX_INPUT_BYTES``.

    :raises IngestError: when the file cannot be read, is too large or is a broken gzip.
    """
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".gz":
            return _read_gzip(path)
        if size > MAX_INPUT_BYTES:
            raise IngestError(f"too large: {_megabytes(size)} (limit {_megabytes(MAX_INPUT_BYTES)})")
        return path.read_bytes()
    except FileNotFoundError as error:
        raise IngestError("no such file") from error
    except IsADirectoryError as error:
        raise IngestError("is a directory") from error
    except PermissionError as error:
        raise IngestError("permission denied") from error
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}") from error


def _read_gzip(path: Path) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_READ_CHUNK):
                total += len(chunk)
                if total > MAX_INPUT_BYTES:
                    raise IngestError(f"too large once decompressed: over {_megabytes(MAX_INPUT_BYTES)}")
                chunks.append(chunk)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise IngestError(f"broken gzip file ({error})") from error
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
