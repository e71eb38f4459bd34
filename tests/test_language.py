"""Language detection: French, English, and everything else as "und"."""

import pytest

from reader.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le gouvernement a annoncé mardi une hausse des salaires des fonctionnaires.", "fr"),
        ("Stocks rose on Tuesday after inflation slowed in November.", "en"),
        ("Die Bundesregierung hat am Dienstag neue Regeln beschlossen.", "und"),
        ("El Gobierno aprobó el martes una subida de los salarios públicos.", "und"),
        ("Révoltant", "und"),  # too few letters to judge
        ("", "und"),
    ],
)
def test_french_and_english_are_told_apart_and_other_languages_are_undetermined(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_a_headline_in_capitals_keeps_its_language() -> None:
    # Read as written, the model calls this Japanese.
    assert detect_language("LE GOUVERNEMENT ANNONCE UNE HAUSSE DES SALAIRES DES FONCTIONNAIRES") == "fr"


def test_a_long_text_is_judged_on_its_opening() -> None:
    french = "Le conseil municipal a voté le budget de la ville pour l'année prochaine. " * 40
    assert detect_language(french + "The rest of this text is written in English only. " * 400) == "fr"
