"""Score main-text extraction: reader's parse_html against trafilatura as-is.

Run by hand from anywhere: ``python bench/extraction.py [--limit N]``. Uses only
the local copies in ``../shared/data/extraction`` (see its README), never the network.

Two test sets, two ways of scoring:

* article-extraction-benchmark (scrapinghub, 181 pages, gold ``articleBody``):
  - "shingle": the benchmark's own ``evaluate.py`` metric, the one behind the
    published figures: 4-grams of ``\\w+`` tokens compared as multisets, each
    page's TP/FP/FN normalised to sum 1, precision and recall averaged over
    pages, F1 from those two averages.
  - "bag of words": whitespace-split tokens compared as multisets; P/R/F1 per
    page then averaged ("page avg"), and pooled over all tokens ("micro").
* trafilatura-eval (204 pages, 24 French): trafilatura's own scoring; a "with"
  snippet found in the output is a true positive, missing a false negative; a
  "without" snippet found is a false positive, absent a true negative
  (whitespace-normalised substring match). All pages, and French pages apart.

Both systems get the same decoded text: the scrapinghub pages read as UTF-8 as
the benchmark's runners do, trafilatura-eval pages through reader's own
``decode_bytes`` as ``reader add`` would.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import trafilatura  # noqa: E402

from reader.ingest.decode import decode_bytes  # noqa: E402
from reader.ingest.errors import IngestError  # noqa: E402
from reader.ingest.html import parse_html  # noqa: E402

DATA = PROJECT.parent / "shared" / "data" / "extraction"
AEB = DATA / "article-extraction-benchmark"
TEVAL = DATA / "trafilatura-eval"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Extractor = Callable[[str], str]


def reader_text(html: str) -> str:
    """reader's extraction: the ``text`` of ``parse_html``; nothing when it refuses the page."""
    try:
        return parse_html(html).text
    except IngestError:
        return ""


def trafilatura_as_is(html: str) -> str:
    """``trafilatura.extract`` with its default settings."""
    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Extractor] = {"reader": reader_text, "trafilatura as-is": trafilatura_as_is}


# --- article-extraction-benchmark -------------------------------------------------


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    starts = range(max(1, len(tokens) - n + 1))
    return Counter(tuple(tokens[i : i + n]) for i in starts if tokens[i : i + n])


def _match(gold: Counter, pred: Counter) -> tuple[int, int, int]:
    tp = sum((gold & pred).values())
    return tp, sum((pred - gold).values()), sum((gold - pred).values())


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


@dataclass
class TokenScores:
    """Per-page counts for the scrapinghub set, turned into the scores the table shows."""

    shingle: list[tuple[float, float, float]] = field(default_factory=list)
    words: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, gold: str, pred: str) -> None:
        tp, fp, fn = _match(_shingles(gold), _shingles(pred))
        total = tp + fp + fn
        self.shingle.append((tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0))
        self.words.append(_match(Counter(gold.split()), Counter(pred.split())))

    def shingle_prf(self) -> tuple[float, float, float]:
        """As scrapinghub's evaluate.py: means of per-page precision and recall, F1 of the means."""
        precision = statistics.mean(
            1.0 if fp == fn == 0 else _ratio(tp, tp + fp) for tp, fp, fn in self.shingle if tp + fp > 0
        )
        recall = statistics.mean(
            1.0 if fp == fn == 0 else _ratio(tp, tp + fn) for tp, fp, fn in self.shingle if tp + fn > 0
        )
        return precision, recall, _f1(precision, recall)

    def words_page_avg(self) -> tuple[float, float, float]:
        per_page = []
        for tp, fp, fn in self.words:
            p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            per_page.append((p, r, _f1(p, r)))
        return tuple(statistics.mean(column) for column in zip(*per_page, strict=False))

    def words_micro(self) -> tuple[float, float, float]:
        tp, fp, fn = (sum(column) for column in zip(*self.words, strict=False))
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        return p, r, _f1(p, r)


def aeb_pages(limit: int | None) -> Iterator[tuple[str, str]]:
    """(gold article body, page HTML) of the scrapinghub benchmark."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for sha in sorted(truth)[:limit]:
        with gzip.open(AEB / "html" / f"{sha}.html.gz", "rt", encoding="utf-8") as page:
            yield truth[sha]["articleBody"], page.read()


# --- trafilatura-eval ---------------------------------------------------------------


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class SnippetScores:
    """Confusion counts of with/without snippets."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, item: dict, output: str) -> None:
        found = _norm(output)
        tp = sum(_norm(snippet) in found for snippet in item["with"]) if found else 0
        fp = sum(_norm(snippet) in found for snippet in item["without"]) if found else 0
        self.tp += tp
        self.fp += fp
        self.fn += len(item["with"]) - tp
        self.tn += len(item["without"]) - fp

    def prfa(self) -> tuple[float, float, float, float]:
        p, r = _ratio(self.tp, self.tp + self.fp), _ratio(self.tp, self.tp + self.fn)
        return p, r, _f1(p, r), _ratio(self.tp + self.tn, self.tp + self.fp + self.fn + self.tn)


def teval_pages(limit: int | None) -> Iterator[tuple[dict, str]]:
    """(annotation, decoded page) of trafilatura's evaluation set."""
    items = json.loads((TEVAL / "evaldata.fr-en.json").read_text(encoding="utf-8"))
    for url in sorted(items)[:limit]:
        item = items[url]
        data = (TEVAL / "html" / item["file"]).read_bytes()
        yield item, decode_bytes(data, html=True).text


# --- run ------------------------------------------------------------------------------


def _timed(extract: Extractor, html: str, clock: list[float]) -> str:
    start = time.perf_counter()
    output = extract(html)
    clock.append(time.perf_counter() - start)
    return output


def run(limit: int | None) -> None:
    """Score every system on both sets and print the tables."""
    aeb = {name: TokenScores() for name in SYSTEMS}
    allp = {name: SnippetScores() for name in SYSTEMS}
    french = {name: SnippetScores() for name in SYSTEMS}
    clocks: dict[tuple[str, str], list[float]] = {}

    for gold, html in aeb_pages(limit):
        for name, extract in SYSTEMS.items():
            aeb[name].add(gold, _timed(extract, html, clocks.setdefault((name, "aeb"), [])))
    french_pages = 0
    for item, html in teval_pages(limit):
        french_pages += item.get("lang") == "fr"
        for name, extract in SYSTEMS.items():
            output = _timed(extract, html, clocks.setdefault((name, "teval"), []))
            allp[name].add(item, output)
            if item.get("lang") == "fr":
                french[name].add(item, output)

    pages = len(next(iter(aeb.values())).words)
    print(f"\narticle-extraction-benchmark: {pages} pages")
    print(f"{'system':<18} {'scorer':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for name, scores in aeb.items():
        ms = 1000 * statistics.mean(clocks[name, "aeb"])
        rows = [
            ("shingle (official)", scores.shingle_prf()),
            ("bag of words, page avg", scores.words_page_avg()),
            ("bag of words, micro", scores.words_micro()),
        ]
        for i, (scorer, (p, r, f)) in enumerate(rows):
            timing = f"{ms:8.1f}" if i == 0 else ""
            print(f"{name if i == 0 else '':<18} {scorer:<22} {p:9.4f} {r:7.4f} {f:7.4f} {timing}")

    n_all = len(clocks[next(iter(SYSTEMS)), "teval"])
    n_fr = french_pages
    print(f"\ntrafilatura-eval: {n_all} pages ({n_fr} French); with/without snippets")
    print(f"{'system':<18} {'pages':<8} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'ms/page':>8}")
    for name in SYSTEMS:
        ms = 1000 * statistics.mean(clocks[name, "teval"])
        for i, (label, counts) in enumerate((("all", allp[name]), ("French", french[name]))):
            p, r, f, a = counts.prfa()
            timing = f"{ms:8.1f}" if i == 0 else ""
            print(f"{name if i == 0 else '':<18} {label:<8} {p:9.4f} {r:7.4f} {f:7.4f} {a:8.4f} {timing}")


def main() -> None:
    """Command line: ``--limit N`` scores only the first N pages of each set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set only")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every page it finds hard
    run(args.limit)


if __name__ == "__main__":
    main()
