"""Import files into the library: read, decode, parse, clean, store; one bad file never stops a batch."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from reader.ingest.boilerplate import repeated_lines
from reader.ingest.decode import decode_bytes
from reader.ingest.errors import IngestError
from reader.ingest.files import Candidate, discover, file_format, read_input
from reader.ingest.html import parse_html
from reader.ingest.markdown import parse_markdown
from reader.ingest.plaintext import parse_plain_text
from reader.models import ParsedDocument, RawInput
from reader.search.saved import apply_rules
from reader.store import Library
from reader.store.tags import spread_story_tags, tag_articles
from reader.stories import assign_story
from reader.text.figures import extract_figures
from reader.text.language import detect_language
from reader.text.sanitize import strip_control


class Status(StrEnum):
    """What happened to one input."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    """The outcome for one input: its status, the article it became, or why it failed."""

    path: Path
    status: Status
    article_id: int | None = None
    reason: str | None = None

    def describe(self) -> str:
        """One line for a person: ``path: reason``."""
        return f"{self.path}: {self.reason}" if self.reason else f"{self.path}: {self.status.value}"


@dataclass
class ImportReport:
    """Every result of a batch, in order."""

    results: list[ImportResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many inputs ended with ``status``."""
        return sum(result.status is status for result in self.results)

    @property
    def failures(self) -> list[ImportResult]:
        """The inputs that could not be imported."""
        return [result for result in self.results if result.status is Status.FAILED]

    def summary(self) -> str:
        """``3 added, 1 updated, 2 unchanged, 1 failed`` (zero counts left out)."""
        parts = [
            f"{self.count(status)} {status.value}" for status in Status if self.count(status) or status is Status.ADDED
        ]
        return ", ".join(parts)


ProgressCallback = Callable[[int, int, ImportResult], object]


def import_paths(
    library: Library,
    paths: Iterable[Path | str],
    *,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every file named in ``paths`` and under every folder named.

    :param on_progress: called after each input with (done, total, result).
    """
    candidates = list(discover(Path(path) for path in paths))
    boilerplate = _repeated_lines_by_folder(candidates)
    report = ImportReport()
    for done, candidate in enumerate(candidates, start=1):
        result = _import_candidate(library, candidate, boilerplate)
        report.results.append(result)
        if on_progress is not None:
            on_progress(done, len(candidates), result)
    return report


def store_document(
    library: Library,
    document: ParsedDocument,
    raw: RawInput,
    *,
    path: str | None = None,
    fallback_source: str | None = None,
    entry_key: str | None = None,
    feed_id: int | None = None,
    tags: Sequence[str] = (),
) -> tuple[Status, int]:
    """Store a parsed document unless the library already has it; return (status, article id).

    An input seen before at the same ``path`` (or, for a feed entry, with the
    same ``entry_key``) is updated when its content changed, keeping its tags
    and read/starred state; the same content from anywhere is left as it is.
    The source is the site's name, else the host of its URL, else
    ``fallback_source``. The key figures of the text are stored with the
    article, in the same transaction; then the article is put into its story
    and tagged: with its story's tags, the ``tags`` given, and the tags of the
    rules it matches.

    :param tags: tags to give the article (a feed's).
    """
    content_hash = hashlib.sha256(raw.data).hexdigest()
    same_content = library.find_by_hash(content_hash)
    if same_content is not None:
        return Status.UNCHANGED, same_content.article_id
    lang = detect_language(f"{document.title}\n{document.text}")
    source = document.site_name or _host(document.url) or fallback_source
    figures = extract_figures(document.text, lang if lang in ("fr", "en") else "auto")
    previous = library.find_by_path(path) if path else library.find_by_entry_key(entry_key) if entry_key else None
    if previous is not None:
        library.update_article(
            previous.article_id,
            document,
            raw,
            content_hash=content_hash,
            lang=lang,
            source=source,
            figures=figures,
        )
        _tag_stored(library, previous.article_id, assign_story(library, previous.article_id), tags)
        return Status.UPDATED, previous.article_id
    article_id = library.add_article(
        document,
        raw,
        content_hash=content_hash,
        lang=lang,
        source=source,
        path=path,
        entry_key=entry_key,
        feed_id=feed_id,
        figures=figures,
    )
    _tag_stored(library, article_id, assign_story(library, article_id), tags)
    return Status.ADDED, article_id


def _tag_stored(library: Library, article_id: int, story_id: int, tags: Sequence[str]) -> None:
    """Tag an article just stored: its story's tags, the ``tags`` given, then those of the rules it matches."""
    with library.transaction():
        spread_story_tags(library, story_id)
        if tags:
            tag_articles(library, [article_id], tags)
        apply_rules(library, article_id)


def _import_candidate(library: Library, candidate: Candidate, boilerplate: dict[Path, frozenset[str]]) -> ImportResult:
    path = candidate.path
    if candidate.skip_reason:
        return ImportResult(path, Status.SKIPPED, reason=candidate.skip_reason)
    try:
        data = read_input(path)
        # Cheap check first: an unchanged file is neither decoded nor parsed again.
        same_content = library.find_by_hash(hashlib.sha256(data).hexdigest())
        if same_content is not None:
            return ImportResult(path, Status.UNCHANGED, same_content.article_id)
        document, raw = parse_input(data, path, boilerplate.get(path.parent, frozenset()))
        status, article_id = store_document(
            library, document, raw, path=str(path.resolve()), fallback_source=_folder_source(path)
        )
    except IngestError as error:
        return ImportResult(path, Status.FAILED, reason=str(error))
    return ImportResult(path, status, article_id)


def parse_input(
    data: bytes, path: Path, boilerplate_lines: frozenset[str] = frozenset()
) -> tuple[ParsedDocument, RawInput]:
    """Decode and parse the bytes of one file into a document and its raw record.

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


def _repeated_lines_by_folder(candidates: Sequence[Candidate]) -> dict[Path, frozenset[str]]:
    """Lines that recur across the plain-text files of each folder: that site's chrome."""
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for candidate in candidates:
        if candidate.skip_reason is None and file_format(candidate.path) == "text":
            by_folder[candidate.path.parent].append(candidate.path)
    return {folder: repeated_lines(_texts(files)) for folder, files in by_folder.items() if len(files) > 1}


def _texts(files: Iterable[Path]) -> Iterable[str]:
    for path in files:
        try:
            yield decode_bytes(read_input(path)).text
        except IngestError:
            continue


def _folder_source(path: Path) -> str:
    folder = path.resolve().parent
    return strip_control(folder.name or str(folder))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
