"""A parsed document -> everything the library stores of it, computed before any write.

Language, key figures, the stemmed index forms and the story signature are pure
work on the document: for a large batch it runs in worker processes
(reader.operations.parallel) while one process writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from reader.ingest.errors import IngestError
from reader.ingest.inputs import parse_input
from reader.models import ParsedDocument, RawInput
from reader.store import ArticleContent, pack_raw
from reader.store.stories import Signature
from reader.stories.signature import signature
from reader.text.figures import extract_figures
from reader.text.language import detect_language
from reader.text.normalize import index_text


@dataclass(frozen=True)
class Prepared:
    """An article ready to store: its content and its story signature."""

    content: ArticleContent
    signature: Signature


@dataclass(frozen=True)
class FileJob:
    """A file to prepare: its bytes, where it was read from, and what its folder tells."""

    path: Path
    data: bytes
    boilerplate: frozenset[str]
    fallback_source: str


def content_hash(raw: RawInput) -> str:
    """What identifies an input's content: the SHA-256 of its bytes."""
    return hashlib.sha256(raw.data).hexdigest()


def prepare(document: ParsedDocument, raw: RawInput, *, fallback_source: str | None = None) -> Prepared:
    """Everything the library stores of a parsed document.

    The source is the site's name, else the host of its URL, else ``fallback_source``.
    Only an http(s) address is kept as the article's link (a ``javascript:``,
    ``data:`` or ``file:`` one stays in the raw input only).
    """
    if document.url is not None and not is_web_link(document.url):
        document = replace(document, url=None)
    lang = detect_language(f"{document.title}\n{document.text}")
    figure_lang = lang if lang in ("fr", "en") else "auto"
    figures = tuple(extract_figures(document.text, figure_lang))
    content = ArticleContent(
        document=document,
        raw=raw,
        content_hash=content_hash(raw),
        lang=lang,
        source=document.site_name or _host(document.url) or fallback_source,
        figures=figures,
        index_title=index_text(document.title, lang),
        index_text=index_text(document.text, lang),
        packed_raw=pack_raw(raw.data, document.title, document.text),
    )
    sig = signature(
        document.title,
        document.text,
        document.published,
        document.url,
        figure_lang,
        text_figures=figures,
        source=content.source,
    )
    return Prepared(content, sig)


def prepare_files(jobs: list[FileJob | None]) -> list[Prepared | IngestError | None]:
    """Parse and prepare files (in a worker process): each one's article, or why it has none (None for no job)."""
    prepared: list[Prepared | IngestError | None] = []
    for job in jobs:
        if job is None:
            prepared.append(None)
            continue
        try:
            document, raw = parse_input(job.data, job.path, job.boilerplate)
            prepared.append(prepare(document, raw, fallback_source=job.fallback_source))
        except IngestError as error:
            prepared.append(error)
        except Exception as error:  # a parser's own bug must cost this file only, not the batch
            prepared.append(IngestError(f"cannot be read ({type(error).__name__}: {error})"))
    return prepared


def prepare_documents(items: list[tuple[ParsedDocument, RawInput]]) -> list[Prepared]:
    """Prepare documents already parsed, such as feed entries (in a worker process)."""
    return [prepare(document, raw) for document, raw in items]


def is_web_link(url: str) -> bool:
    """Whether ``url`` is an http or https address with a host."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
