"""One input file -> a parsed document and its raw record; what a folder's files repeat (site chrome).

Reading and parsing only: storing, grouping and tagging are the import path's
(reader.operations).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.ingest.boilerplate import repeated_lines
from reader.ingest.decode import decode_bytes
from reader.ingest.errors import IngestError
from reader.ingest.files import Candidate, file_format, read_input
from reader.ingest.html import parse_html
from reader.ingest.markdown import parse_markdown
from reader.ingest.plaintext import parse_plain_text
from reader.models import ParsedDocument, RawInput
from reader.text.sanitize import strip_control


def parse_input(
    data: bytes, path: Path, boilerplate_lines: frozenset[str] = frozenset()
) -> tuple[ParsedDocument, RawInput]:
    """Decode and parse the bytes of one file into a document and its raw record.

    :param boilerplate_lines: lines the other files of its folder repeat (see :func:`repeated_lines_by_folder`).
    :raises IngestError: when the bytes are not text or hold no article.
    """
    kind = file_format(path) or _sniff_format(data)
    decoded = decode_bytes(data, html=kind == "html")
    if kind == "html":
        document = parse_html(decoded.text)
    elif kind == "markdown":
        document = parse_markdown(decoded.text)
    else:
        document = parse_plain_text(decoded.text, repeated_lines=boilerplate_lines)
    return document, RawInput(data=data, format=kind, encoding=decoded.encoding)


def _sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def text_files_by_folder(candidates: Sequence[Candidate]) -> dict[Path, list[Path]]:
    """The plain-text files to import, by folder, where a folder holds several: whose chrome they may share.

    A pipe named on its own is left out: it can be read only once.
    """
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for candidate in candidates:
        if candidate.skip_reason is None and file_format(candidate.path) == "text" and candidate.path.is_file():
            by_folder[candidate.path.parent].append(candidate.path)
    return {folder: files for folder, files in by_folder.items() if len(files) > 1}


def folders_repeated_lines(folders: list[tuple[Path, list[Path]]]) -> list[tuple[Path, frozenset[str]]]:
    """For each (folder, its text files): the lines that recur across them, that site's chrome."""
    return [(folder, repeated_lines(_texts(files))) for folder, files in folders]


def repeated_lines_by_folder(candidates: Sequence[Candidate]) -> dict[Path, frozenset[str]]:
    """Lines that recur across the plain-text files of each folder: that site's chrome."""
    return dict(folders_repeated_lines(list(text_files_by_folder(candidates).items())))


def _texts(files: Iterable[Path]) -> Iterable[str]:
    for path in files:
        try:
            yield decode_bytes(read_input(path)).text
        except IngestError:
            continue


def folder_source(path: Path) -> str:
    """The source of a file whose text names none: its folder's name (a folder per site is common)."""
    folder = path.parent
    return strip_control(folder.name or str(folder))
