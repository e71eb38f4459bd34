"""What an import tells the person who started it: each input's outcome, and a summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reader.text.sanitize import one_line


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
        """One line for a person: ``path: reason`` (controls a file name may hold removed)."""
        return one_line(f"{self.path}: {self.reason}" if self.reason else f"{self.path}: {self.status.value}")


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


# Called after each input with (done, total, its result); what it returns is ignored.
ProgressCallback = Callable[[int, int, ImportResult], object]
