"""Currencies and physical units: what they are called, and how they convert to SI."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Prefix symbols and codes ("$4.2bn", "US$ 5", "CHF 12", "€750 million").
CURRENCY_PREFIXES = {
    "$": "USD",
    "us$": "USD",
    "us $": "USD",
    "u.s.$": "USD",
    "usd": "USD",
    "c$": "CAD",
    "c $": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "aud$": "AUD",
    "cad$": "CAD",
    "usd$": "USD",
    "u.s $": "USD",
    "u.s. $": "USD",
    "mex$": "MXN",
    "mex $": "MXN",
    "hk$": "HKD",
    "hk $": "HKD",
    "hkd": "HKD",
    "nz$": "NZD",
    "nzd$": "NZD",
    "nzd": "NZD",
    "mxn$": "MXN",
    "mxn": "MXN",
    "r$": "BRL",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₿": "BTC",
    "chf": "CHF",
    "fr.": "CHF",
    "₽": "RUB",
    "rub": "RUB",
    "₩": "KRW",
    "krw": "KRW",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "brl": "BRL",
    "zar": "ZAR",
}

# Symbols, codes and names after the number ("62 milliards d'euros", "23,45 €", "15 cents").
# A value of "cent" is a hundredth of the language's usual currency.
CURRENCY_SUFFIXES = {
    "$": "USD",
    "$ c": "CAD",
    "$c": "CAD",
    "$ us": "USD",
    "$us": "USD",
    "$ can": "CAD",
    "$ cad": "CAD",
    "$cad": "CAD",
    "$ usd": "USD",
    "$usd": "USD",
    "$ hk": "HKD",
    "$hk": "HKD",
    "$ aud": "AUD",
    "us dollar": "USD",
    "chinese yuan": "CNY",
    "yuan chinois": "CNY",
    "rmb": "CNY",
    "turkish lira": "TRY",
    "lira": "TRY",
    "livres turques": "TRY",
    "indian rupees": "INR",
    "roupies indiennes": "INR",
    "roupie indienne": "INR",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "btc": "BTC",
    "mark finlandais": "FIM",
    "marks finlandais": "FIM",
    "dutch guilders": "NLG",
    "guilders": "NLG",
    "florins hollandais": "NLG",
    "florins": "NLG",
    "pesetas": "ESP",
    "peseta": "ESP",
    "pesewas": "GHp",
    "dimes": "USD-dime",
    "dime": "USD-dime",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "元": "CNY",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₺": "TRY",
    "₴": "UAH",
    "₦": "NGN",
    "₪": "ILS",
    "₫": "VND",
    "satoshi": "SAT",
    "satoshis": "SAT",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "chf": "CHF",
    "cad": "CAD",
    "aud": "AUD",
    "cny": "CNY",
    "inr": "INR",
    "rub": "RUB",
    "hkd": "HKD",
    "sek": "SEK",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars américains": "USD",
    "dollars us": "USD",
    "dollar américain": "USD",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "dollars canadiens": "CAD",
    "dollar canadien": "CAD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "dollars australiens": "AUD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "euro": "EUR",
    "euros": "EUR",
    "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "livre sterling": "GBP",
    "livres sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yens": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "yuans": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "roupie": "INR",
    "roupies": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "swiss francs": "CHF",
    "swiss franc": "CHF",
    "francs suisses": "CHF",
    "franc suisse": "CHF",
    "francs": "FRF",
    "franc": "FRF",
    "finnish markka": "FIM",
    "markka": "FIM",
    "peso": "MXN",
    "pesos": "MXN",
    "won": "KRW",
    "real": "BRL",
    "reais": "BRL",
    "kronor": "SEK",
    "krona": "SEK",
    "kroner": "NOK",
    "krone": "NOK",
    "couronnes": "SEK",
    "cent": "cent",
    "cents": "cent",
    "centime": "cent",
    "centimes": "cent",
    "pence": "GBp",
    "penny": "GBp",
    "pennies": "GBp",
}
# "pounds"/"livres" are money only after a magnitude word ("361 millions de livres");
# otherwise they weigh ("25 pounds").
AMBIGUOUS_CURRENCIES = {"pounds": "GBP", "pound": "GBP", "livres": "GBP", "livre": "GBP"}


@dataclass(frozen=True)
class Unit:
    """A physical unit: how it is shown, its SI base unit and the factor to it."""

    symbol: str
    si_unit: str
    factor: float
    offset: float = 0.0  # added after scaling (°F to °C)

    def to_si(self, value: float) -> float:
        """``value`` in this unit, restated in the SI unit."""
        return value * self.factor + self.offset


_PREFIXES = {
    "kilo": ("k", 1e3),
    "méga": ("M", 1e6),
    "mega": ("M", 1e6),
    "giga": ("G", 1e9),
    "téra": ("T", 1e12),
    "tera": ("T", 1e12),
    "péta": ("P", 1e15),
    "peta": ("P", 1e15),
    "exa": ("E", 1e18),
    "hecto": ("h", 1e2),
    "déca": ("da", 1e1),
    "deca": ("da", 1e1),
    "déci": ("d", 1e-1),
    "deci": ("d", 1e-1),
    "centi": ("c", 1e-2),
    "milli": ("m", 1e-3),
    "micro": ("µ", 1e-6),
    "nano": ("n", 1e-9),
    "pico": ("p", 1e-12),
    "femto": ("f", 1e-15),
    "atto": ("a", 1e-18),
}
_SYMBOL_PREFIXES = {
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "h": 1e2,
    "d": 1e-1,
    "c": 1e-2,
    "m": 1e-3,
    "µ": 1e-6,
    "μ": 1e-6,
    "u": 1e-6,
    "n": 1e-9,
    "p": 1e-12,
    "a": 1e-18,
}
ANGLE = Unit("°", "rad", math.pi / 180)

# Metric base units: names (any prefix word), symbols (any prefix symbol), SI unit, factor.
_METRIC = [
    (("watt", "watts"), ("W",), "W", 1.0),
    (
        ("wattheure", "wattheures", "watt-heure", "watts-heure", "watt hour", "watt hours", "watt-hour", "watt-hours"),
        ("Wh",),
        "Wh",
        1.0,
    ),
    (("mètre", "mètres", "metre", "metres", "meter", "meters"), ("m",), "m", 1.0),
    (("gramme", "grammes", "gram", "grams", "gramme"), ("g",), "kg", 1e-3),
    (("litre", "litres", "liter", "liters"), ("L", "l"), "m³", 1e-3),
    (("octet", "octets"), ("o",), "B", 1.0),
    (("byte", "bytes"), ("B",), "B", 1.0),
    (("bit", "bits"), ("bit",), "bit", 1.0),
    (("hertz",), ("Hz",), "Hz", 1.0),
    (("volt", "volts"), ("V",), "V", 1.0),
    (("joule", "joules"), ("J",), "J", 1.0),
    (("électronvolt", "électronvolts", "electronvolt", "electronvolts"), ("eV",), "eV", 1.0),
    ((), ("Gy",), "Gy", 1.0),  # no name: "50 gray seals"
    (("sievert", "sieverts"), ("Sv",), "Sv", 1.0),
    (("tonne", "tonnes"), (), "kg", 1e3),
    # No bare "s" symbol: "the 1990s" is a decade, not 1990 seconds.
    (("seconde", "secondes", "second", "seconds"), (), "s", 1.0),
    (("annum",), (), "s", 31557600.0),
]
# The symbol of the metric units above that have none of their own to take prefixes.
_NAME_SYMBOLS = {"tonne": "t", "seconde": "s", "annum": "a"}
# Geological time: "66 Ma" (million years), "1Ga"; bare "a" and "ha" are other things.
_YEAR_SYMBOLS = {"ka": 1e3, "Ma": 1e6, "Ga": 1e9}

# Units without SI prefixes: names (case-insensitive) and symbols (case-sensitive).
_OTHER = {
    # length
    "mile": ("mi", "m", 1609.344),
    "miles": ("mi", "m", 1609.344),
    "mi": ("mi", "m", 1609.344),
    "foot": ("ft", "m", 0.3048),
    "feet": ("ft", "m", 0.3048),
    "ft": ("ft", "m", 0.3048),
    "pied": ("ft", "m", 0.3048),
    "pieds": ("ft", "m", 0.3048),
    "inch": ("in", "m", 0.0254),
    "in": ("in", "m", 0.0254),
    "inches": ("in", "m", 0.0254),
    "pouce": ("in", "m", 0.0254),
    "pouces": ("in", "m", 0.0254),
    "yard": ("yd", "m", 0.9144),
    "yards": ("yd", "m", 0.9144),
    "yd": ("yd", "m", 0.9144),
    # area
    "km2": ("km²", "m²", 1e6),
    "km²": ("km²", "m²", 1e6),
    "m2": ("m²", "m²", 1.0),
    "m²": ("m²", "m²", 1.0),
    "square kilometers": ("km²", "m²", 1e6),
    "square kilometres": ("km²", "m²", 1e6),
    "square meters": ("m²", "m²", 1.0),
    "square metres": ("m²", "m²", 1.0),
    "kilomètres carrés": ("km²", "m²", 1e6),
    "mètres carrés": ("m²", "m²", 1.0),
    "sq mi": ("mi²", "m²", 2589988.11),
    "square miles": ("mi²", "m²", 2589988.11),
    "hectare": ("ha", "m²", 1e4),
    "hectares": ("ha", "m²", 1e4),
    "ha": ("ha", "m²", 1e4),
    "acre": ("acre", "m²", 4046.8564224),
    "acres": ("acre", "m²", 4046.8564224),
    # volume
    "gallon": ("gal", "m³", 0.003785411784),
    "gallons": ("gal", "m³", 0.003785411784),
    "barrel": ("bbl", "m³", 0.158987294928),
    "barrels": ("bbl", "m³", 0.158987294928),
    "barils": ("bbl", "m³", 0.158987294928),
    "baril": ("bbl", "m³", 0.158987294928),
    "cup": ("cup", "m³", 2.365882365e-4),
    "cups": ("cup", "m³", 2.365882365e-4),
    "tablespoon": ("tbsp", "m³", 1.478676478125e-5),
    "tablespoons": ("tbsp", "m³", 1.478676478125e-5),
    "tbsp": ("tbsp", "m³", 1.478676478125e-5),
    "teaspoon": ("tsp", "m³", 4.92892159375e-6),
    "teaspoons": ("tsp", "m³", 4.92892159375e-6),
    "tsp": ("tsp", "m³", 4.92892159375e-6),
    "m3": ("m³", "m³", 1.0),
    "m³": ("m³", "m³", 1.0),
    "mètres cubes": ("m³", "m³", 1.0),
    "cubic meters": ("m³", "m³", 1.0),
    # mass
    "t": ("t", "kg", 1e3),
    "ton": ("t", "kg", 1e3),
    "tons": ("t", "kg", 1e3),
    "metric tons": ("t", "kg", 1e3),
    "tonnes métriques": ("t", "kg", 1e3),
    "lb": ("lb", "kg", 0.45359237),
    "lbs": ("lb", "kg", 0.45359237),
    "pound": ("lb", "kg", 0.45359237),
    "pounds": ("lb", "kg", 0.45359237),
    "livre": ("lb", "kg", 0.45359237),
    "livres": ("lb", "kg", 0.45359237),
    "oz": ("oz", "kg", 0.028349523125),
    "ounce": ("oz", "kg", 0.028349523125),
    "ounces": ("oz", "kg", 0.028349523125),
    "once": ("oz", "kg", 0.028349523125),
    "onces": ("oz", "kg", 0.028349523125),
    # speed
    "km/h": ("km/h", "m/s", 1 / 3.6),
    "kmh": ("km/h", "m/s", 1 / 3.6),
    "km/hr": ("km/h", "m/s", 1 / 3.6),
    "kph": ("km/h", "m/s", 1 / 3.6),
    "kmph": ("km/h", "m/s", 1 / 3.6),
    "kilomètres par heure": ("km/h", "m/s", 1 / 3.6),
    "kilometers per hour": ("km/h", "m/s", 1 / 3.6),
    "kilomètres-heure": ("km/h", "m/s", 1 / 3.6),
    "mph": ("mph", "m/s", 0.44704),
    "miles per hour": ("mph", "m/s", 0.44704),
    "miles an hour": ("mph", "m/s", 0.44704),
    "miles a l'heure": ("mph", "m/s", 0.44704),
    "miles à l'heure": ("mph", "m/s", 0.44704),
    "miles par heure": ("mph", "m/s", 0.44704),
    # angle
    "rad": ("rad", "rad", 1.0),
    "radians": ("rad", "rad", 1.0),
    "turn": ("turn", "rad", 2 * math.pi),
    "turns": ("turn", "rad", 2 * math.pi),
    "tours": ("turn", "rad", 2 * math.pi),
    "cubic feet": ("ft³", "m³", 0.028316846592),
    "pieds cubes": ("ft³", "m³", 0.028316846592),
    "cubic kilometers": ("km³", "m³", 1e9),
    "cubic kilometres": ("km³", "m³", 1e9),
    "kilometres per hour": ("km/h", "m/s", 1 / 3.6),
    "hr": ("h", "s", 3600.0),
    "hrs": ("h", "s", 3600.0),
    # time
    # data sizes as people type them ("2 gb"); the case-exact symbols (MB, Mb) come first
    "kb": ("kB", "B", 1e3),
    "mb": ("MB", "B", 1e6),
    "gb": ("GB", "B", 1e9),
    "tb": ("TB", "B", 1e12),
    "kib": ("KiB", "B", 2.0**10),
    "mib": ("MiB", "B", 2.0**20),
    "gib": ("GiB", "B", 2.0**30),
    "tib": ("TiB", "B", 2.0**40),
    "kibibyte": ("KiB", "B", 2.0**10),
    "kibibytes": ("KiB", "B", 2.0**10),
    "mebibyte": ("MiB", "B", 2.0**20),
    "mebibytes": ("MiB", "B", 2.0**20),
    "gibibyte": ("GiB", "B", 2.0**30),
    "gibibytes": ("GiB", "B", 2.0**30),
    # counts
    "dozen": ("dozen", "1", 12.0),
    "dozens": ("dozen", "1", 12.0),
    "baker's dozen": ("baker's dozen", "1", 13.0),
    "baker’s dozen": ("baker's dozen", "1", 13.0),
    # rates in trade: tonnes and barrels per day
    "tpd": ("t/d", "kg/s", 1e3 / 86400),
    "bpd": ("bbl/d", "m³/s", 0.158987294928 / 86400),
    "b/d": ("bbl/d", "m³/s", 0.158987294928 / 86400),
    "ms": ("ms", "s", 1e-3),
    "sec": ("s", "s", 1.0),
    "min": ("min", "s", 60.0),
    "secs": ("s", "s", 1.0),
    "minute": ("min", "s", 60.0),
    "minutes": ("min", "s", 60.0),
    "heure": ("h", "s", 3600.0),
    "heures": ("h", "s", 3600.0),
    "hour": ("h", "s", 3600.0),
    "hours": ("h", "s", 3600.0),
    "jour": ("d", "s", 86400.0),
    "jours": ("d", "s", 86400.0),
    "day": ("d", "s", 86400.0),
    "days": ("d", "s", 86400.0),
    "semaine": ("wk", "s", 604800.0),
    "semaines": ("wk", "s", 604800.0),
    "week": ("wk", "s", 604800.0),
    "weeks": ("wk", "s", 604800.0),
    "mois": ("mo", "s", 2629800.0),
    "month": ("mo", "s", 2629800.0),
    "months": ("mo", "s", 2629800.0),
    "an": ("yr", "s", 31557600.0),
    "ans": ("yr", "s", 31557600.0),
    "année": ("yr", "s", 31557600.0),
    "années": ("yr", "s", 31557600.0),
    "year": ("yr", "s", 31557600.0),
    "years": ("yr", "s", 31557600.0),
}
# Temperatures: °C is kept, °F is restated in °C, kelvins stay kelvins.
_TEMPERATURES = {
    "°c": ("°C", "°C", 1.0, 0.0),
    "°f": ("°F", "°C", 5 / 9, -160 / 9),
    "°": ("°", "°", 1.0, 0.0),
    "celsius": ("°C", "°C", 1.0, 0.0),
    "celcius": ("°C", "°C", 1.0, 0.0),
    "centigrade": ("°C", "°C", 1.0, 0.0),
    "centigrate": ("°C", "°C", 1.0, 0.0),
    "fahrenheit": ("°F", "°C", 5 / 9, -160 / 9),
    "farenheit": ("°F", "°C", 5 / 9, -160 / 9),
    "kelvin": ("K", "K", 1.0, 0.0),
    "kelvins": ("K", "K", 1.0, 0.0),
    "degrees": ("°", "°", 1.0, 0.0),
    "degree": ("°", "°", 1.0, 0.0),
    "degrés": ("°", "°", 1.0, 0.0),
    "degré": ("°", "°", 1.0, 0.0),
    "deg": ("°", "°", 1.0, 0.0),
    "deg.": ("°", "°", 1.0, 0.0),
}
_DEGREE_SCALES = {
    "c": "celsius",
    "f": "fahrenheit",
    "celsius": "celsius",
    "celcius": "celsius",
    "centigrade": "celsius",
    "fahrenheit": "fahrenheit",
    "farenheit": "fahrenheit",
}


def _build() -> tuple[dict[str, Unit], dict[str, Unit]]:
    names: dict[str, Unit] = {}
    symbols: dict[str, Unit] = {}
    for base_names, base_symbols, si_unit, factor in _METRIC:
        main_symbol = base_symbols[0] if base_symbols else _NAME_SYMBOLS[base_names[0]]
        for name in base_names:
            names[name] = Unit(main_symbol, si_unit, factor)
            if name in ("tonne", "tonnes"):
                continue
            for prefix, (prefix_symbol, scale) in _PREFIXES.items():
                names[prefix + name] = Unit(prefix_symbol + main_symbol, si_unit, factor * scale)
        for symbol in base_symbols:
            symbols[symbol] = Unit(symbol, si_unit, factor)
            for prefix_symbol, scale in _SYMBOL_PREFIXES.items():
                symbols.setdefault(prefix_symbol + symbol, Unit(prefix_symbol + symbol, si_unit, factor * scale))
    for name, (symbol, si_unit, factor) in _OTHER.items():
        names[name] = Unit(symbol, si_unit, factor)
    for name, (symbol, si_unit, factor, offset) in _TEMPERATURES.items():
        names[name] = Unit(symbol, si_unit, factor, offset)
    for letter in ("c", "f"):
        unit = names["celsius" if letter == "c" else "fahrenheit"]
        for degree in ("°", "° ", "degrees ", "degree ", "degrés ", "degré ", "deg ", "deg. "):
            names[degree + letter] = unit
        for scale_name, canonical in _DEGREE_SCALES.items():
            for degree in ("degrees ", "degree ", "degrés ", "degré ", "deg "):
                names[degree + scale_name] = names[canonical]
    symbols["K"] = names["kelvin"]
    for written in ("J·s", "J s", "Js"):  # joule-seconds: "6.6e-34 J s"
        symbols[written] = Unit("J·s", "J·s", 1.0)
    for symbol, scale in _YEAR_SYMBOLS.items():
        symbols[symbol] = Unit(symbol, "s", names["annum"].factor * scale)
    return names, symbols


UNIT_NAMES, UNIT_SYMBOLS = _build()


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A unit name or symbol must not run on into a word ("5 minutes" is not "5 min" + "utes").
UNIT_NAME_PATTERN = re.compile(rf"(?:{_alternation(list(UNIT_NAMES))})(?![\w°])", re.IGNORECASE)
UNIT_SYMBOL_PATTERN = re.compile(rf"(?:{_alternation(list(UNIT_SYMBOLS))})(?:(?![\w°])|(?=\^|[²³]|[23](?![\w])))")
CURRENCY_SUFFIX_PATTERN = re.compile(
    rf"(?:{_alternation(list(CURRENCY_SUFFIXES) + list(AMBIGUOUS_CURRENCIES))})(?![\w$€£])"
    r"|M(?:USD|EUR|GBP|AUD|CAD|CHF)(?![\w])",
    re.IGNORECASE,
)
CURRENCY_PREFIX_PATTERN = re.compile(
    rf"(?<![\w$€£])(?:{_alternation(list(CURRENCY_PREFIXES))})[ \u00a0\u202f]?$", re.IGNORECASE
)


_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}


_PER = re.compile(r"\s+per\s+|/", re.IGNORECASE)
# "km^2", "m³", "4 km cubed"; "s-1", "fb−1", "s⁻¹".
_POWER = re.compile(r"\^?(?P<digit>[23])(?![\w])|(?P<sup>[²³])|\s+(?P<word>squared|cubed)(?![\w])", re.IGNORECASE)
_INVERSE = re.compile(r"(?P<symbol>s|fb|pb|[^\W\d_]{1,3})(?:\^?[-−]1|⁻¹)(?![\w])")
_SUPERSCRIPTS = {"2": "²", "3": "³", "squared": "²", "cubed": "³", "²": "²", "³": "³"}
_BOUND_TIME = re.compile(r"[sh](?![^\W\d_])")
# Symbols read only in a rate or an inverse ("km/s", "s-1", "fb−1"): alone they are words.
_BOUND_SYMBOLS = {
    "s": Unit("s", "s", 1.0),
    "h": Unit("h", "s", 3600.0),
    "fb": Unit("fb", "m²", 1e-43),
    "pb": Unit("pb", "m²", 1e-40),  # femtobarn, picobarn
}


def find_unit(text: str, pos: int) -> tuple[Unit, int] | None:
    """The physical unit written at ``pos`` and where it ends. A rate such as
    "meters per millisecond", "km/s2" or "J/m^2 per year" is one unit, and so
    are powers ("km^3", "4 km squared") and inverses ("4e14 s-1")."""
    found = _find_inverse(text, pos) or _find_simple_unit(text, pos)
    if found is None:
        return None
    unit, end = _with_power(*found, text)
    for _ in range(2):  # "J/m^2 per year": at most two denominators
        per = _PER.match(text, end)
        denominator = per and (_find_simple_unit(text, per.end()) or _find_bound_symbol(text, per.end()))
        if not denominator:
            break
        below, end = _with_power(*denominator, text)
        unit = Unit(f"{unit.symbol}/{below.symbol}", f"{unit.si_unit}/{below.si_unit}", unit.factor / below.factor)
    return unit, end


def _with_power(unit: Unit, end: int, text: str) -> tuple[Unit, int]:
    """The unit raised to the power written right after it, if any."""
    power = _POWER.match(text, end)
    if power is None:
        return unit, end
    superscript = _SUPERSCRIPTS[(power.group("digit") or power.group("sup") or power.group("word")).lower()]
    exponent = 2 if superscript == "²" else 3
    return Unit(unit.symbol + superscript, unit.si_unit + superscript, unit.factor**exponent), power.end()


def _find_inverse(text: str, pos: int) -> tuple[Unit, int] | None:
    """ "s-1", "fb−1": one over a unit."""
    match = _INVERSE.match(text, pos)
    if match is None:
        return None
    unit = _BOUND_SYMBOLS.get(match.group("symbol")) or UNIT_SYMBOLS.get(match.group("symbol"))
    if unit is None:
        return None
    return Unit(f"{unit.symbol}⁻¹", f"1/{unit.si_unit}", 1 / unit.factor), match.end()


def _find_bound_symbol(text: str, pos: int) -> tuple[Unit, int] | None:
    """A second or an hour below a rate's bar: "km/s", "km/h", "m/s2"."""
    match = _BOUND_TIME.match(text, pos)
    return (_BOUND_SYMBOLS[match.group(0)], match.end()) if match else None


def _find_simple_unit(text: str, pos: int) -> tuple[Unit, int] | None:
    """A unit name, or a case-exact symbol, maybe in brackets as in "20 (kg)"."""
    closing = _BRACKETS.get(text[pos : pos + 1])
    start = pos + 1 if closing else pos
    match = UNIT_SYMBOL_PATTERN.match(text, start) or UNIT_NAME_PATTERN.match(text, start)
    if match is None or (closing and text[match.end() : match.end() + 1] != closing):
        return None
    key = match.group(0)
    unit = UNIT_SYMBOLS.get(key) or UNIT_NAMES.get(key.lower()) or UNIT_NAMES.get(key)
    return (unit, match.end() + (1 if closing else 0)) if unit else None


# Units an article counts as one ("a gallon", "un kilomètre", "a penny"), leaving out
# those that are also common words or idioms ("a bit", "a gray area", "a yard", "une tonne de",
# "a yen for").
_ARTICLE_METRIC = [
    name
    for base_names, _, si_unit, _ in _METRIC
    if si_unit not in ("bit", "s", "Gy") and "tonne" not in base_names
    for name in base_names
]
_ARTICLE_OTHERS = [
    "mile",
    "gallon",
    "inch",
    "acre",
    "hectare",
    "barrel",
    "baril",
    "dozen",
    "baker's dozen",
    "baker’s dozen",
    "kibibyte",
    "mebibyte",
    "gibibyte",
    "penny",
    "cent",
    "centime",
    "dollar",
    "euro",
]
ARTICLE_UNITS = {
    lang: rf"(?:{_alternation(list(_PREFIXES))})?(?:{_alternation(_ARTICLE_METRIC)})|{_alternation(others)}"
    for lang, others in (("en", _ARTICLE_OTHERS), ("fr", [*_ARTICLE_OTHERS, "yen"]))
}
