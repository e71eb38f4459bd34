"""Find importable files under the paths a user names, and read them safely."""

from __future__ import annotations

import gzip
import io
import os
import select
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.errors import IngestError

# Larger inputs are refused rather than stored: no article is this big, and a
# gzip bomb or an endless pipe must not fill memory. Every input is read through
# this cap, whatever size the file system gives.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# A pipe, FIFO or device named on its own that sends nothing for this long is given up.
PIPE_IDLE_SECONDS = 30.0

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
    """A file to import; or one found in a folder that cannot be (``skip_reason``); or a folder named that cannot be read (``error``)."""

    path: Path
    skip_reason: str | None = None
    error: str | None = None


def file_format(path: Path) -> str | None:
    """``"text"``, ``"markdown"`` or ``"html"`` from the file name (``.gz`` looked through)."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMAT_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def discover(paths: Iterable[Path]) -> Iterator[Candidate]:
    """Every file named, and every file under every folder named, in a stable order.

    A file named on its own is always tried, whatever its name (a pipe or a
    device too). In folders, hidden entries are passed over; anything else that
    is not read is reported as skipped with its reason: files of other types,
    folders that cannot be listed, pipes, devices and broken links.
    """
    for path in paths:
        if not path.is_dir():
            yield Candidate(path)
            continue
        try:
            entries = sorted(path.iterdir())
        except OSError as error:
            yield Candidate(path, error=f"folder not read: {_reason(error)}")
            continue
        yield from _walk(entries, {_identity(path)})


def _walk(entries: list[Path], seen: set[tuple[int, int]]) -> Iterator[Candidate]:
    """The candidates among a folder's entries, its subfolders walked once each (a link loop is not followed)."""
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            mode = entry.stat().st_mode
        except OSError as error:
            yield Candidate(entry, skip_reason=f"not read: {_reason(error)}")
            continue
        if stat.S_ISDIR(mode):
            if _identity(entry) in seen:
                continue
            seen.add(_identity(entry))
            try:
                inside = sorted(entry.iterdir())
            except OSError as error:
                yield Candidate(entry, skip_reason=f"folder not read: {_reason(error)}")
                continue
            yield from _walk(inside, seen)
        elif not stat.S_ISREG(mode):
            yield Candidate(entry, skip_reason=f"not read: {_special_kind(mode)}, not a file")
        elif file_format(entry) is None:
            yield Candidate(entry, skip_reason=f"not an article file ({entry.suffix or 'no extension'})")
        else:
            yield Candidate(entry)


def _identity(folder: Path) -> tuple[int, int]:
    status = folder.stat()
    return status.st_dev, status.st_ino


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "broken link" if error.filename and Path(error.filename).is_symlink() else "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def read_input(path: Path) -> bytes:
    """The bytes of ``path``, gunzipped if it ends in ``.gz``, at most ``MAX_INPUT_BYTES``.

    A pipe, FIFO or device is read through the same cap, without waiting for a
    writer that never comes (nor longer than :data:`PIPE_IDLE_SECONDS` for one
    that sends nothing).

    :raises IngestError: when the file cannot be read, is too large or is a broken gzip.
    """
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IngestError("is a directory")
        if not stat.S_ISREG(status.st_mode):
            return _read_special(path, status.st_mode)
        if path.suffix.lower() == ".gz":
            return _read_gzip(path)
        if status.st_size > MAX_INPUT_BYTES:  # refused at once; a smaller size is not trusted
            raise IngestError(f"too large: {_megabytes(status.st_size)} (limit {_megabytes(MAX_INPUT_BYTES)})")
        with path.open("rb") as stream:
            return _read_capped(stream, "too large")
    except (FileNotFoundError, PermissionError) as error:
        raise IngestError(_reason(error)) from error
    except OSError as error:
        raise IngestError(f"cannot read: {_reason(error)}") from error


def _read_capped(stream: io.BufferedIOBase, too_large: str) -> bytes:
    """Everything ``stream`` holds, or :class:`IngestError` as soon as it passes ``MAX_INPUT_BYTES``."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_READ_CHUNK):
        total += len(chunk)
        if total > MAX_INPUT_BYTES:
            raise IngestError(f"{too_large}: over {_megabytes(MAX_INPUT_BYTES)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _read_special(path: Path, mode: int) -> bytes:
    """A pipe, FIFO or device, read through the cap; opened without blocking, so a FIFO with no writer never hangs."""
    if stat.S_ISSOCK(mode):
        raise IngestError("a socket, not a file")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            try:
                chunk = os.read(descriptor, _READ_CHUNK)
            except BlockingIOError:  # a writer, nothing sent yet
                if not select.select([descriptor], [], [], PIPE_IDLE_SECONDS)[0]:
                    raise IngestError(
                        f"nothing came through {_special_kind(mode)} for {PIPE_IDLE_SECONDS:g} s"
                    ) from None
                continue
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_INPUT_BYTES:
                raise IngestError(f"too large: over {_megabytes(MAX_INPUT_BYTES)} read from {_special_kind(mode)}")
            chunks.append(chunk)
    finally:
        os.close(descriptor)
    if not chunks and stat.S_ISFIFO(mode):
        raise IngestError("a pipe no program writes to")
    return b"".join(chunks)


def _read_gzip(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as stream:
            return _read_capped(stream, "too large once decompressed")
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise IngestError(f"broken gzip file ({error})") from error


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
