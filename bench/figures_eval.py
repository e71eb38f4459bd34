"""Key figures: F1 on the Recognizers-Text specs and quantulum3's set, with both as baselines.

    python bench/figures_eval.py [--items N] [--show-errors SET]

Scoring. A prediction is right when its span (start, end exclusive) is exactly
the gold span and its value is the gold value (relative tolerance 1e-6); the
kind is checked through the mapping below, which decides which of our figures
take part in each set. F1 is micro-averaged over the gold results of a set.
The baselines run on exactly the same cases, scored the same way; a baseline
that is not installed is reported as "not installed" (install them in a
separate environment: ``pip install quantulum3 recognizers-text-suite "emoji<1"``;
they are never dependencies of reader).

Type mapping (Recognizers-Text TypeName -> our figures):
- currency    -> kind "money". Gold "Cent"/"Pence" amounts are hundredths: we
  give "15 cents" as 0.15 of the currency, so gold values in those units are
  divided by 100 before comparing.
- percentage  -> kind "percent".
- dimension   -> kind "quantity" with a physical unit other than a temperature
  or a duration (si_unit not in °C, K, °, s).
- temperature -> kind "quantity" whose si_unit is °C, K or ° (bare "degrees").
- numberrange -> any figure with low/high, or whose qualifier bounds it ("more
  than", "up to", "or less", "equal to"; not "about", which rounds); the
  span compared is the figure widened over the qualifiers written around it
  ("more than 30", "30 or more"), since Recognizers-Text includes them in a
  range and we keep them apart (in ``approx``), and over "between"/"from",
  which our spans leave out ("51 et 53 milliards de dollars"). Values: the set of finite bounds ("(30,)" is
  {30}; "[20,30)" is {20, 30}); ours is {low, high} or {value}.
- quantulum3  -> every figure (quantulum3 reports plain numbers and years as
  dimensionless quantities); a range's gold value is its midpoint, so ours is
  compared on value or (low + high) / 2, and its span is widened over
  "between ... and", which quantulum3's surfaces include ("between 44 and 50 mg").
  quantulum3 gives "3 dimes" as 3 dimes; we give 0.30 USD, so cents,
  pennies and dimes are converted.

Out of scope, and why:
- Cases marked NotSupported for "dotnet" (the reference implementation) are
  skipped: their gold is aspirational. This leaves French NumberRange empty
  (every case is NotSupported on dotnet), so only English NumberRange is scored.
- Gold results without a value (a bare unit name such as "fahrenheit" or
  "percent" in "convert 51 fahrenheit to celsius") are not figures: dropped.
- Number, Ordinal and Age specs are not in the issue's list; ordinals are
  deliberately never figures.
- Four quantulum3 gold results are numbers inside names, which are never
  figures (DESIGN.md): "Voyager 2" (a space probe), "English 101" (a course),
  "South 32 Ltd" (the company South32) and "Intel Core i7 860" (a processor
  model). They are left out of the row "en-quantulum3"; the row
  "en-quantulum3-all" scores the full set, every system alike.

Known misses, counted in the scores above (not excluded):
- ordinals as range ends ("between the tenth and the fifteenth"): never figures;
- bare shares ("half" alone is a figure only when qualified: "more than half");
- a qualified quantity keeps its unit ("more than thirty years"), where
  Recognizers-Text's range stops at the number;
- "75 -300mm" is a range to us (a zoom lens), a single 300 mm to the spec;
- exotic currencies and notations: "one kuai and five mao five", Indian digit
  grouping ("12,34,567.89"), "sen 100,000", "100,000 ரூ";
- quantulum3: "a gross" and "a square dozen" (gross is too often an
  adjective), "1cds" (candelas, or compact discs), "absolute zero" (a named
  constant), "Zero" alone (zero in words is a figure only qualified or in a
  range: French news writes "zéro déchet", "zéro plastique" for policies),
  "($99.99)" (an accounting negative; in news, brackets after an amount give it
  in another currency), and two sentences where quantulum3 expects nothing:
  we give "2013-14" as a date (a fiscal year) and "245", "23 yen" as figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))  # this checkout's reader, run from anywhere

from reader.text.figures import Figure, extract_figures  # noqa: E402
from reader.text.figures.qualifiers import bound, qualifier_before, qualifier_end, qualifier_start  # noqa: E402

DATA = PROJECT.parent / "shared" / "data"
SPECS = DATA / "figures" / "recognizers-text"
QUANTULUM = DATA / "figures" / "quantulum3" / "quantities.json"
CORPUS = DATA / "corpus" / "fr_news_items_2023-2026.jsonl.gz"

SETS = {
    "en-currency": ("en", "NumberWithUnit/English/CurrencyModel.json", "currency"),
    "en-percent": ("en", "Number/English/PercentModel.json", "percentage"),
    "en-numberrange": ("en", "Number/English/NumberRangeModel.json", "numberrange"),
    "en-dimension": ("en", "NumberWithUnit/English/DimensionModel.json", "dimension"),
    "en-temperature": ("en", "NumberWithUnit/English/TemperatureModel.json", "temperature"),
    "fr-currency": ("fr", "NumberWithUnit/French/CurrencyModel.json", "currency"),
    "fr-percent": ("fr", "Number/French/PercentModel.json", "percentage"),
    "fr-dimension": ("fr", "NumberWithUnit/French/DimensionModel.json", "dimension"),
    "fr-temperature": ("fr", "NumberWithUnit/French/TemperatureModel.json", "temperature"),
}
QUANTULUM_SUBUNITS = {"cent": 0.01, "penny": 0.01, "dime": 0.1}  # we give "3 dimes" as 0.30 USD
QUANTULUM_NAMES = ("Voyager 2", "English 101", "South 32 Ltd", "Core i7 860")  # see "Out of scope"
HUNDREDTHS = {"cent", "cents", "pence", "penny", "centime", "centimes"}
TEMPERATURE_SI = {"°C", "K", "°"}


@dataclass(frozen=True)
class Gold:
    """One expected result: exclusive span and the values it may take."""

    start: int
    end: int
    values: frozenset[float]


@dataclass
class Case:
    """One sentence and its expected results."""

    text: str
    gold: list[Gold]


@dataclass
class Score:
    """Counts for one system on one set."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    def f1(self) -> float:
        """Micro F1 (1.0 when there is nothing to find and nothing was found)."""
        if self.predicted == 0 and self.gold == 0:
            return 1.0
        return 2 * self.tp / (self.predicted + self.gold) if self.predicted + self.gold else 0.0


# Reading the data --------------------------------------------------------------


def _number(text: str) -> float | None:
    text = text.strip().rstrip("%").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _bounds(interval: str) -> frozenset[float]:
    inner = interval.strip("[]()")
    return frozenset(value for part in inner.split(",") if (value := _number(part)) is not None)


def rt_values(type_name: str, resolution: dict) -> frozenset[float] | None:
    """The values a Recognizers-Text resolution stands for, in our terms."""
    raw = resolution.get("value")
    if raw in (None, "null", ""):
        return None
    if type_name == "numberrange":
        return _bounds(raw) or None
    value = _number(raw)
    if value is None:
        return None
    if str(resolution.get("unit", "")).lower() in HUNDREDTHS:
        value /= 100
    return frozenset({value})


def load_rt(path: Path, type_name: str) -> list[Case]:
    """The cases of one spec the reference implementation supports."""
    cases = []
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        if "dotnet" in (case.get("NotSupported") or "").lower():
            continue
        if "dotnet" in (case.get("NotSupportedByDesign") or "").lower():
            continue
        gold = []
        for result in case.get("Results", []):
            values = rt_values(result["TypeName"], result.get("Resolution") or {})
            if values is None or result["TypeName"] != type_name:
                continue
            if "Start" in result:
                gold.append(Gold(result["Start"], result["End"] + 1, values))
            elif (start := case["Input"].lower().find(result["Text"].lower())) >= 0:
                gold.append(Gold(start, start + len(result["Text"]), values))  # a few specs omit offsets
        cases.append(Case(case["Input"], gold))
    return cases


def _inside_name(text: str, start: int, end: int) -> bool:
    return any(0 <= (at := text.find(name)) <= start and end <= at + len(name) for name in QUANTULUM_NAMES)


def load_quantulum(*, with_names: bool = False) -> list[Case]:
    """quantulum3's English set; spans are found from each surface, left to right.

    :param with_names: keep the gold numbers that are parts of names (out of scope).
    """
    cases = []
    for case in json.loads(QUANTULUM.read_text(encoding="utf-8")):
        text, gold, position = case["req"], [], 0
        for result in case["res"]:
            start = text.find(result["surface"], position)
            if start < 0:
                start = text.find(result["surface"])
            if start < 0:
                continue
            position = start + len(result["surface"])
            value = float(result["value"]) * QUANTULUM_SUBUNITS.get(result["unit"], 1.0)
            if with_names or not _inside_name(text, start, position):
                gold.append(Gold(start, position, frozenset({value})))
        cases.append(Case(text, gold))
    return cases


# Our figures, mapped ------------------------------------------------------------

_OPENER = re.compile(r"(?<![\w])(?:between|from|entre)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w])between\s+$", re.IGNORECASE)


def _widen_over_qualifier(text: str, figure: Figure) -> tuple[int, int]:
    """The figure's span once its qualifiers, as written around it, are included."""
    start = figure.start
    if opener := _OPENER.search(text, 0, start):
        start = opener.start()
    if _is_bound(qualifier_before(text, start)):  # "about 500 or more": the range is "500 or more"
        start = qualifier_start(text, start)
    return start, qualifier_end(text, figure.end)


def _quantulum_span(text: str, figure: Figure) -> tuple[int, int]:
    """The figure's span, a range's widened over "between ... and" as quantulum3 writes it."""
    between = _BETWEEN.search(text, max(0, figure.start - 12), figure.start)
    if figure.low is not None and between and re.search(r"\sand\s", figure.text):
        return between.start(), figure.end
    return figure.start, figure.end


def _is_bound(approx: str | None) -> bool:
    """A qualifier that bounds ("more than", "or less", "equal to"), not one that rounds ("about")."""
    return approx is not None and (bound(approx) is not None or approx.startswith(("or ", "and ", "equal")))


def _our_values(figure: Figure, *, midpoint: bool = False) -> frozenset[float]:
    values = {figure.value} if figure.value is not None else set()
    if figure.low is not None and figure.high is not None:
        values = {(figure.low + figure.high) / 2} if midpoint else {figure.low, figure.high}
    return frozenset(values)


def ours(set_name: str, type_name: str, lang: str) -> Callable[[str], list[tuple[int, int, frozenset[float]]]]:
    """Our extractor as a system for one set."""

    def predict(text: str) -> list[tuple[int, int, frozenset[float]]]:
        figures = extract_figures(text, lang)
        if type_name == "numberrange":
            return [
                (*_widen_over_qualifier(text, figure), _our_values(figure))
                for figure in figures
                if figure.low is not None or _is_bound(figure.approx)
            ]
        if type_name == "quantulum3":
            return [(*_quantulum_span(text, figure), _our_values(figure, midpoint=True)) for figure in figures]
        keep = {
            "currency": lambda figure: figure.kind == "money",
            "percentage": lambda figure: figure.kind == "percent",
            "dimension": lambda figure: (
                figure.kind == "quantity"
                and figure.si_unit is not None
                and figure.si_unit not in TEMPERATURE_SI | {"s"}
            ),
            "temperature": lambda figure: figure.kind == "quantity" and figure.si_unit in TEMPERATURE_SI,
        }[type_name]
        return [(figure.start, figure.end, _our_values(figure)) for figure in figures if keep(figure)]

    return predict


# Baselines ----------------------------------------------------------------------


def recognizers_text(type_name: str, lang: str):
    """Recognizers-Text's own model for the set, or a reason it cannot run."""
    try:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError:
        return "not installed"
    culture = Culture.French if lang == "fr" else Culture.English
    models = {
        "currency": lambda: NumberWithUnitRecognizer(culture).get_currency_model(),
        "dimension": lambda: NumberWithUnitRecognizer(culture).get_dimension_model(),
        "temperature": lambda: NumberWithUnitRecognizer(culture).get_temperature_model(),
        "percentage": lambda: NumberRecognizer(culture).get_percentage_model(),
    }
    if type_name not in models:
        return "no such model in the Python port"
    model = models[type_name]()

    def predict(text: str) -> list[tuple[int, int, frozenset[float]]]:
        found = []
        for result in model.parse(text):
            values = rt_values(type_name, result.resolution or {})
            if values is not None:
                found.append((result.start, result.end + 1, values))
        return found

    return predict


QUANTULUM_ENTITIES = {
    "currency": {"currency"},
    "percentage": {"dimensionless"},
    "temperature": {"temperature"},
    "dimension": {"length", "mass", "area", "volume", "speed", "data storage", "angle", "velocity"},
}


def quantulum(type_name: str, lang: str):
    """quantulum3 (English only), its quantities filtered by entity for each set."""
    if lang != "en":
        return "English only"
    try:
        from quantulum3 import parser
    except ImportError:
        return "not installed"

    def keep(quantity) -> bool:
        if type_name in ("quantulum3", "numberrange"):
            return True
        if type_name == "percentage":
            return quantity.unit.name == "percentage"
        if type_name == "currency":
            return quantity.unit.entity.name == "currency"
        return quantity.unit.entity.name in QUANTULUM_ENTITIES[type_name]

    def predict(text: str) -> list[tuple[int, int, frozenset[float]]]:
        try:
            quantities = parser.parse(text)
        except Exception:  # a baseline crashing on a case scores nothing on it
            return []
        found = []
        for quantity in quantities:
            if keep(quantity):
                value = float(quantity.value)
                if quantity.unit.name in ("cent", "penny"):
                    value /= 100
                found.append((quantity.span[0], quantity.span[1], frozenset({value})))
        return found

    return predict


# Scoring ------------------------------------------------------------------------


def _same(values: frozenset[float], gold: frozenset[float]) -> bool:
    if len(values) != len(gold):
        return False
    return all(any(math.isclose(v, g, rel_tol=1e-6, abs_tol=1e-9) for v in values) for g in gold)


def score(cases: Iterable[Case], predict) -> Score:
    """Count right predictions: same span and same value."""
    result = Score()
    for case in cases:
        predicted = predict(case.text)
        result.predicted += len(predicted)
        result.gold += len(case.gold)
        unmatched = list(case.gold)
        for start, end, values in predicted:
            hit = next((g for g in unmatched if (g.start, g.end) == (start, end) and _same(values, g.values)), None)
            if hit:
                unmatched.remove(hit)
                result.tp += 1
            else:
                result.errors.append(f"FP {case.text[start:end]!r} {sorted(values)} | {case.text[:120]}")
        for gold in unmatched:
            result.errors.append(f"FN {case.text[gold.start : gold.end]!r} {sorted(gold.values)} | {case.text[:120]}")
    return result


def throughput(items: int) -> tuple[float, float]:
    """(MB, MB/s) of extracting the figures of corpus titles and summaries."""
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in islice(lines, items):
            item = json.loads(line)
            texts.append(f"{item['title']}\n{item['summary'] or ''}")
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    began = time.perf_counter()
    for text in texts:
        extract_figures(text, "fr")
    return size, size / (time.perf_counter() - began)


def main() -> None:
    """Print F1 per set for reader and each baseline, then throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000, help="corpus items for throughput (0: skip)")
    parser.add_argument("--show-errors", metavar="SET", help="print our misses and false hits on one set")
    args = parser.parse_args()

    sets = {name: (lang, load_rt(SPECS / path, type_name), type_name) for name, (lang, path, type_name) in SETS.items()}
    sets["en-quantulum3"] = ("en", load_quantulum(), "quantulum3")
    sets["en-quantulum3-all"] = ("en", load_quantulum(with_names=True), "quantulum3")
    print(f"{'set':<18} {'cases':>5} {'gold':>5}  {'reader':>8}  {'quantulum3':>16}  {'recognizers-text':>20}")
    for name, (lang, cases, type_name) in sets.items():
        mine = score(cases, ours(name, type_name, lang))
        columns = []
        for baseline in (quantulum, recognizers_text):
            system = (
                baseline(type_name, lang) if type_name != "quantulum3" or baseline is quantulum else "different task"
            )
            columns.append(system if isinstance(system, str) else f"{score(cases, system).f1():.3f}")
        gold = sum(len(case.gold) for case in cases)
        print(f"{name:<18} {len(cases):>5} {gold:>5}  {mine.f1():>8.3f}  {columns[0]:>16}  {columns[1]:>20}")
        if args.show_errors == name:
            print("\n".join(mine.errors))
    if args.items:
        size, speed = throughput(args.items)
        print(f"throughput: {size:.1f} MB of titles+summaries ({args.items} items) at {speed:.2f} MB/s")


if __name__ == "__main__":
    main()
