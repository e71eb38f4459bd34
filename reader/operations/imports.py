"""Import files and folders: read and parse them (in worker processes for a large batch), store each once.

One bad file never stops a batch: it gets its one-line reason and the others go on.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.errors import IngestError
from reader.ingest.files import Candidate, discover, read_input
from reader.ingest.inputs import folder_source, folders_repeated_lines, text_files_by_folder
from reader.models import ParsedDocument, RawInput
from reader.operations.outcomes import ImportReport, ImportResult, ProgressCallback, Status
from reader.operations.parallel import Preparer
from reader.operations.prepare import FileJob, Prepared, prepare, prepare_files
from reader.operations.writer import LIBRARY_TROUBLE, Writer, not_stored
from reader.store import Library


@dataclass(frozen=True)
class _Read:
    """A file read and found new (``job``), or its outcome already known (``result``)."""

    candidate: Candidate
    job: FileJob | None = None
    result: ImportResult | None = None


def import_paths(
    library: Library,
    paths: Iterable[Path | str],
    *,
    on_progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every file named in ``paths`` and under every folder named.

    :param on_progress: called after each input with (done, total, result).
    :param workers: processes for parsing a large batch (default: one per core).
    """
    candidates = list(discover(Path(path) for path in paths))
    report = ImportReport()
    with Preparer(workers=workers) as preparer, Writer(library) as writer:
        folders = list(text_files_by_folder(candidates).items())
        boilerplate = dict(preparer.map(folders_repeated_lines, folders, expected=len(candidates), chunk_items=1))
        # Files are read as the workers ask for more, so reading overlaps their parsing;
        # those read but not yet stored wait here, in order (as many as the workers have in hand).
        read_ahead: deque[_Read] = deque()

        def jobs() -> Iterator[FileJob | None]:
            for candidate in candidates:
                item = _read(library, candidate, boilerplate)
                read_ahead.append(item)
                yield item.job

        for prepared in preparer.map(prepare_files, jobs(), expected=len(candidates)):
            item = read_ahead.popleft()
            result = item.result or _store(writer, item, prepared)
            report.results.append(result)
            if on_progress is not None:
                on_progress(len(report.results), len(candidates), result)
    return report


def _read(library: Library, candidate: Candidate, boilerplate: dict[Path, frozenset[str]]) -> _Read:
    """Read one candidate: a job for a new file, else its outcome (skipped, failed, unchanged)."""
    path = candidate.path
    if candidate.skip_reason:
        return _Read(candidate, result=ImportResult(path, Status.SKIPPED, reason=candidate.skip_reason))
    if candidate.error:
        return _Read(candidate, result=ImportResult(path, Status.FAILED, reason=candidate.error))
    try:
        data = read_input(path)
    except IngestError as error:
        return _Read(candidate, result=ImportResult(path, Status.FAILED, reason=str(error)))
    # An unchanged file is neither parsed nor stored again.
    same_content = library.find_by_hash(hashlib.sha256(data).hexdigest())
    if same_content is not None:
        return _Read(candidate, result=ImportResult(path, Status.UNCHANGED, same_content.article_id))
    resolved = path.resolve()
    job = FileJob(resolved, data, boilerplate.get(path.parent, frozenset()), folder_source(resolved))
    return _Read(candidate, job=job)


def _store(writer: Writer, item: _Read, prepared: Prepared | IngestError | None) -> ImportResult:
    path = item.candidate.path
    if isinstance(prepared, IngestError):
        return ImportResult(path, Status.FAILED, reason=str(prepared))
    assert item.job is not None and prepared is not None  # only files read as new are prepared
    try:
        status, article_id = writer.store(prepared, path=str(item.job.path))
    except LIBRARY_TROUBLE:
        raise
    except Exception as error:  # this article only: what was written of it is undone, the others go on
        return ImportResult(path, Status.FAILED, reason=not_stored(error))
    return ImportResult(path, status, article_id)


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
    """Import one document already parsed, in one transaction; return (status, article id).

    As :meth:`reader.operations.writer.Writer.store`, for a single input.
    """
    with Writer(library) as writer:
        return writer.store(
            prepare(document, raw, fallback_source=fallback_source),
            path=path,
            entry_key=entry_key,
            feed_id=feed_id,
            tags=tags,
        )
