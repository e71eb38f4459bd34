"""Key figures: the seeds' figures with their values, names left alone, English notation, properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.figures import KINDS, Figure, extract_figures
from tests.builders import SEEDS


def find(text: str, lang: str, written: str) -> Figure:
    """The figure whose text is exactly ``written``."""
    figures = extract_figures(text, lang)
    matches = [figure for figure in figures if figure.text == written]
    assert matches, f"{written!r} not found among {[figure.text for figure in figures]}"
    return matches[0]


def seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


@pytest.mark.parametrize(
    "written, kind, value, unit",
    [
        ("1, 3 million de GPU", "quantity", 1.3e6, "GPU"),
        ("1, 5 fois", "multiplier", 1.5, "x"),
        ("65 milliards de dollars", "money", 65e9, "USD"),
        ("30 mégawatts", "quantity", 30, "MW"),
        ("62 milliards d'euros", "money", 62e9, "EUR"),
        ("160 fois", "multiplier", 160, "x"),
        ("600 millions d'utilisateurs", "quantity", 600e6, "utilisateurs"),
        ("2 gigawatts", "quantity", 2, "GW"),
        ("1, 4 %", "percent", 1.4, "%"),
        ("1,6 %", "percent", 1.6, "%"),
        ("un milliard de personnes", "quantity", 1e9, "personnes"),
    ],
)
def test_seed_figures(written: str, kind: str, value: float, unit: str) -> None:
    figure = find(seed_text(), "fr", written)
    assert (figure.kind, figure.unit) == (kind, unit)
    assert figure.value == pytest.approx(value)


def test_seed_ranges() -> None:
    text = seed_text()
    between = find(text, "fr", "51 et 53 milliards de dollars")
    assert (between.kind, between.currency) == ("money", "USD")
    assert (between.low, between.high) == (pytest.approx(51e9), pytest.approx(53e9))
    span = find(text, "fr", "60 à 65 milliards de dollars")
    assert (span.low, span.high) == (pytest.approx(60e9), pytest.approx(65e9))


def test_seed_si_values_and_qualifiers() -> None:
    text = seed_text()
    assert find(text, "fr", "30 mégawatts").si_value == pytest.approx(3e7)
    assert find(text, "fr", "30 mégawatts").si_unit == "W"
    assert find(text, "fr", "2 gigawatts").si_value == pytest.approx(2e9)
    assert find(text, "fr", "80 milliards d'euros").approx == "près de"
    assert find(text, "fr", "1, 5 fois").approx == "plus de"


@pytest.mark.parametrize(
    "text",
    [
        "Llama 4",
        "un Boeing 737",
        "la Covid-19",
        "le G7",
        "un iPhone 16",
        "Article 50",
        "voir page 3",
        "des H100",
        "NCIS saison 22",
    ],
)
def test_numbers_in_names_are_not_figures(text: str) -> None:
    assert [figure for figure in extract_figures(f"Il parle de {text} ici.", "fr") if figure.kind != "date"] == []


@pytest.mark.parametrize(
    "text, written, kind, value, currency",
    [
        ("Apple raised $4.2bn last year.", "$4.2bn", "money", 4.2e9, "USD"),
        ("They spent €750 million on it.", "€750 million", "money", 750e6, "EUR"),
        ("It cost £12m.", "£12m", "money", 12e6, "GBP"),
        ("The fee is CHF 1,200.", "CHF 1,200", "money", 1200, "CHF"),
        ("It is 15 cents.", "15 cents", "money", 0.15, "USD"),
        ("Two million people voted.", "Two million people", "quantity", 2e6, None),
        ("They sold 1,300,000 units.", "1,300,000", "number", 1.3e6, None),
        ("Shares rose 12 per cent.", "12 per cent", "percent", 12, None),
        ("Output grew 3x.", "3x", "multiplier", 3, None),
        ("It is 160 times bigger.", "160 times", "multiplier", 160, None),
        ("The US debt is $36 trillion.", "$36 trillion", "money", 36e12, "USD"),
    ],
)
def test_english(text: str, written: str, kind: str, value: float, currency: str | None) -> None:
    figure = find(text, "en", written)
    assert figure.kind == kind and figure.currency == currency
    assert figure.value == pytest.approx(value)


def test_english_range_and_qualifier() -> None:
    figure = find("Capex will be $51-53 billion, more than planned.", "en", "$51-53 billion")
    assert (figure.low, figure.high, figure.currency) == (pytest.approx(51e9), pytest.approx(53e9), "USD")
    assert find("It had about $14 million.", "en", "$14 million").approx == "about"
    assert find("Up to 700 jobs.", "en", "700").approx == "up to"


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        ("Le budget est de 1 426,30 euros.", "fr", "1 426,30 euros", 1426.30),
        ("Le budget est de 1\u202f426,30 €.", "fr", "1\u202f426,30 €", 1426.30),
        ("Il coûte 23,45 €.", "fr", "23,45 €", 23.45),
        ("La dette atteint 3 billions d'euros.", "fr", "3 billions d'euros", 3e12),
        ("The debt is 3 billion dollars.", "en", "3 billion dollars", 3e9),
        ("Elle a levé deux milliards d'euros.", "fr", "deux milliards d'euros", 2e9),
        ("Il vise 5 M€ cette année.", "fr", "5 M€", 5e6),
        ("Il vise 3 Md$ cette année.", "fr", "3 Md$", 3e9),
    ],
)
def test_notation(text: str, lang: str, written: str, value: float) -> None:
    assert find(text, lang, written).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, lang, written, value, kind",
    [
        ("Il reste 1,300 tonnes.", "fr", "1,300 tonnes", 1.3, "quantity"),
        ("There are 1,300 tons left.", "en", "1,300 tons", 1300, "quantity"),
        ("It rose to 1.3 million users.", "en", "1.3 million users", 1.3e6, "quantity"),
        ("Le taux atteint 3,5 pour cent.", "fr", "3,5 pour cent", 3.5, "percent"),
        ("It paid US$ 5 million.", "en", "US$ 5 million", 5e6, "money"),
        ("Elle vaut 2 milliards de dollars.", "fr", "2 milliards de dollars", 2e9, "money"),
    ],
)
def test_language_decides_notation(text: str, lang: str, written: str, value: float, kind: str) -> None:
    figure = find(text, lang, written)
    assert figure.kind == kind and figure.value == pytest.approx(value)


def test_french_range_with_de() -> None:
    figure = find("Une hausse de 40 à 45 milliards d'euros.", "fr", "40 à 45 milliards d'euros")
    assert (figure.low, figure.high, figure.currency) == (pytest.approx(40e9), pytest.approx(45e9), "EUR")


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        ("He walked two and a half miles.", "en", "two and a half miles", 2.5),
        ("I want a hundred and two of those.", "en", "a hundred and two", 102),
        ("A million people marched.", "en", "A million people", 1e6),
        ("Elle a couru vingt et un kilomètres.", "fr", "vingt et un kilomètres", 21),
        ("Il a payé quatre-vingt-dix-sept euros.", "fr", "quatre-vingt-dix-sept euros", 97),
    ],
)
def test_numbers_in_words(text: str, lang: str, written: str, value: float) -> None:
    assert find(text, lang, written).value == pytest.approx(value)


def test_shares_in_words() -> None:
    figures = extract_figures("In the first half, more than half voted; it cost a quarter million dollars.", "en")
    assert [(figure.text, figure.value, figure.approx) for figure in figures] == [
        ("half", 0.5, "more than"),
        ("a quarter million dollars", 250_000, None),
    ]


def test_plus_d_un_milliard() -> None:
    figure = find("Il sert plus d'un milliard de personnes.", "fr", "un milliard de personnes")
    assert figure.value == pytest.approx(1e9) and figure.approx == "plus de"


def test_words_that_are_articles_are_not_figures() -> None:
    figures = extract_figures("Plus d'un Français sur deux, un jour neuf, a day.", "fr")
    assert [figure.text for figure in figures] == ["deux"]


def test_numbers_in_addresses_are_not_figures() -> None:
    text = "Voir https://example.org/search?q=30%25%2020% ou appeler le +1-222-2222-2222."
    assert extract_figures(text, "fr") == []


def test_si_units_and_temperatures() -> None:
    text = "Le site fait 12 km, consomme 2 GW et il fait 40 °C ou -5 degrés fahrenheit."
    assert (find(text, "fr", "12 km").si_value, find(text, "fr", "12 km").si_unit) == (pytest.approx(12000), "m")
    assert find(text, "fr", "40 °C").si_value == pytest.approx(40)
    assert find(text, "fr", "-5 degrés fahrenheit").si_value == pytest.approx(-20.5555, rel=1e-3)


def test_dates() -> None:
    figures = extract_figures("Publié le 28 janvier 2025, revu en 2026.", "fr")
    assert [(figure.kind, figure.unit) for figure in figures] == [("date", "2025-01-28"), ("date", "2026")]


def test_figure_json_has_every_key() -> None:
    figure = extract_figures("62 milliards d'euros", "fr")[0]
    assert set(figure.to_json()) == {
        "text",
        "start",
        "end",
        "kind",
        "value",
        "low",
        "high",
        "unit",
        "currency",
        "si_value",
        "si_unit",
        "approx",
    }


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en", "auto"]))
def test_never_raises_and_offsets_hold(text: str, lang: str) -> None:
    for figure in extract_figures(text, lang):
        assert figure.text == text[figure.start : figure.end]
        assert figure.kind in KINDS
        for number in (figure.value, figure.low, figure.high, figure.si_value):
            assert number is None or math.isfinite(number)


_NUMERIC = st.text(alphabet="0123456789 ,.%$€£-kKmMbB\u202f\u00a0abdefilnorstu'", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_NUMERIC, st.sampled_from(["fr", "en"]))
def test_numeric_soup_keeps_offsets(text: str, lang: str) -> None:
    for figure in extract_figures(text, lang):
        assert figure.text == text[figure.start : figure.end]
        assert all(
            number is None or math.isfinite(number)
            for number in (figure.value, figure.low, figure.high, figure.si_value)
        )


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        ("La lumière va à 3 × 10^8 m/s dans le vide.", "fr", "3 × 10^8 m/s", 3e8),
        ("The error was 4.1×10−3 at most.", "en", "4.1×10−3", 4.1e-3),
        ("A mebibyte is 16x2^16 bits.", "en", "16x2^16 bits", 2**20),
        ("Il pèse 5,2 ± 0,3 kg.", "fr", "5,2 ± 0,3 kg", 5.2),
    ],
)
def test_powers_of_ten_and_margins(text: str, lang: str, written: str, value: float) -> None:
    assert find(text, lang, written).value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        ("Two fifths of voters stayed home.", "en", "Two fifths", 0.4),
        ("Only one tenth came back.", "en", "one tenth", 0.1),
        ("Les deux tiers des salariés.", "fr", "deux tiers", 2 / 3),
        ("Trois cinquièmes des cadres.", "fr", "Trois cinquièmes", 0.6),
    ],
)
def test_fractions_in_words(text: str, lang: str, written: str, value: float) -> None:
    figure = find(text, lang, written)
    assert figure.kind == "number" and figure.value == pytest.approx(value)


def test_whole_pieces_and_ordinals_are_not_fractions() -> None:
    assert extract_figures("Both teams scored in the two halves.", "en") == []
    assert extract_figures("Il brigue un cinquième mandat.", "fr") == []


def test_an_article_is_one_only_before_a_unit() -> None:
    english = extract_figures(
        "He ran a mile, drank a litre of milk and founded a company in a gray area, a bit late.", "en"
    )
    assert [(figure.text, figure.value, figure.unit) for figure in english] == [
        ("a mile", 1, "mi"),
        ("a litre", 1, "L"),
    ]
    french = extract_figures("Il a parcouru un kilomètre avant de créer une entreprise.", "fr")
    assert [(figure.text, figure.si_value) for figure in french] == [("un kilomètre", 1000)]
    books = extract_figures("Elle lit un livre une fois par an et paie un euro.", "fr")
    assert [(figure.text, figure.value) for figure in books] == [("un euro", 1)]
    dozen = find("I bought a dozen eggs and three dozen apples.", "en", "three dozen")
    assert (dozen.unit, dozen.si_value) == ("dozen", 36)
    assert find("He walked half a mile home.", "en", "half a mile").value == 0.5
    prices = extract_figures("Gas costs $3 a gallon and eggs 64 cents a dozen.", "en")
    assert [figure.text for figure in prices] == ["$3", "64 cents"]


@pytest.mark.parametrize(
    "text, lang, written, unit, si_value",
    [
        ("The lake covers 12 km^2 of land.", "en", "12 km^2", "km²", 12e6),
        ("The field is 3 km squared.", "en", "3 km squared", "km²", 3e6),
        ("Un terrain de 200 m2 à vendre.", "fr", "200 m2", "m²", 200),
        ("Un taux de 3e5 s-1 mesuré.", "fr", "3e5 s-1", "s⁻¹", 3e5),
        ("A dose of 14 mGy in one scan.", "en", "14 mGy", "mGy", 0.014),
        ("The disk has 4 GiB free.", "en", "4 GiB", "GiB", 4 * 2**30),
        ("It flows at 2 m/s2 today.", "en", "2 m/s2", "m/s²", 2),
    ],
)
def test_powers_inverses_and_more_units(text: str, lang: str, written: str, unit: str, si_value: float) -> None:
    figure = find(text, lang, written)
    assert figure.unit == unit and figure.si_value == pytest.approx(si_value)


@pytest.mark.parametrize(
    "text, lang, written, kind, unit",
    [
        ("She earns $22/hour in the shop.", "en", "$22/hour", "money", "USD/h"),
        ("It sells at $40 per kg.", "en", "$40 per kg", "money", "USD/kg"),
        ("Il gagne 1 500 euros par mois.", "fr", "1 500 euros par mois", "money", "EUR/mo"),
        ("Il prend ses cachets trois fois par jour.", "fr", "trois fois par jour", "multiplier", "x/d"),
        ("Sales reached €5bn a year earlier.", "en", "€5bn", "money", "EUR"),
    ],
)
def test_rates(text: str, lang: str, written: str, kind: str, unit: str) -> None:
    figure = find(text, lang, written)
    assert (figure.kind, figure.unit) == (kind, unit)


def test_inches_hours_and_picometres() -> None:
    figures = extract_figures("The plank is 3 in thick, the rod 4 in. Only 3 in 10 adults agree.", "en")
    assert [(figure.text, figure.unit) for figure in figures] == [
        ("3 in", "in"),
        ("4 in", "in"),
        ("3", None),
        ("10", None),
    ]
    assert extract_figures("We meet at 6 pm sharp.", "en") == []
    assert find("The wavelength is 0.5 pm here.", "en", "0.5 pm").si_value == pytest.approx(5e-13)


def test_ranges_signs_and_possessives() -> None:
    wall = find("An 8- to 10-foot wall.", "en", "8- to 10-foot")
    assert (wall.low, wall.high, wall.unit) == (8, 10, "ft")
    assert find("The loss was $-12.50 per share.", "en", "$-12.50").value == pytest.approx(-12.5)
    assert [figure.text for figure in extract_figures("The four RS-25 engines.", "en")] == ["four"]
    assert find("Give three weeks' notice.", "en", "three weeks'").unit == "wk"


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        (
            "They counted two million, four hundred thousand votes.",
            "en",
            "two million, four hundred thousand votes",
            2.4e6,
        ),
        ("La ville compte deux millions trois cent mille habitants.", "fr", "deux millions trois cent mille", 2.3e6),
        ("It had two million two years ago.", "en", "two million", 2e6),
    ],
)
def test_words_after_a_magnitude(text: str, lang: str, written: str, value: float) -> None:
    assert find(text, lang, written).value == pytest.approx(value)


def test_year_spans_and_glued_codes() -> None:
    figures = extract_figures("L'exercice 2023-24 et la saison 2019/20.", "fr")
    assert [(figure.text, figure.kind, figure.unit) for figure in figures] == [
        ("2023-24", "date", "2023/2024"),
        ("2019/20", "date", "2019/2020"),
    ]
    assert extract_figures("The 5G network, the 860BOX model, les 32es de finale, à 17h.", "fr") == []
    assert extract_figures("(Vidéo: 20min/Jean Dupont)", "fr") == []


@pytest.mark.parametrize(
    "text, lang, written, value",
    [
        ("Le taux de chômage a reculé de 0,3 point, à 7,3 %.", "fr", "0,3 point", 0.3),
        ("À 7,3 %, soit 0,3 point de moins qu'en 2024.", "fr", "0,3 point", 0.3),
        ("Une hausse de 1,5 point de pourcentage sur un an.", "fr", "1,5 point de pourcentage", 1.5),
        ("Le taux est de 3 %, en hausse de 0,2 pt.", "fr", "0,2 pt", 0.2),
        ("Unemployment fell 0.3 percentage point to 4.1%.", "en", "0.3 percentage point", 0.3),
        ("Margins widened by 2 percentage points.", "en", "2 percentage points", 2.0),
        ("A 5-percentage-point gap.", "en", "5-percentage-point", 5.0),
        ("The share gained 0.5 pp.", "en", "0.5 pp", 0.5),
    ],
)
def test_percentage_points_are_a_unit_of_their_own(text: str, lang: str, written: str, value: float) -> None:
    [points] = [figure for figure in extract_figures(text, lang) if figure.unit == "pp"]
    assert (points.text, points.kind, points.value) == (written, "percent", value)
    assert text[points.start : points.end] == written


@pytest.mark.parametrize(
    "text", ["Il a marqué 3 points au match.", "Le CAC 40 a pris 50 points.", "Il a eu 7 %. Puis il a marqué 3 points."]
)
def test_points_away_from_any_percentage_stay_numbers(text: str) -> None:
    assert all(figure.unit != "pp" for figure in extract_figures(text, "fr"))
