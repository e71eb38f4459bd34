"""Search normalisation: folding, elisions, acronym plurals, stemming by language."""

from __future__ import annotations

import tracemalloc

from reader.text.normalize import fold, index_text, stem_variants, tokens


def test_fold_takes_case_and_accents_off() -> None:
    assert fold("États") == "etats" and fold("Œuvre") == "oeuvre" and fold("ÇA") == "ca"


def test_tokens_keep_offsets_into_the_original() -> None:
    text = "L’IA d'OpenAI qu’il"
    assert [(token.folded, text[token.start : token.end]) for token in tokens(text)] == [
        ("ia", "IA"),
        ("openai", "OpenAI"),
        ("il", "il"),
    ]


def test_elisions_with_any_apostrophe_but_not_english_contractions() -> None:
    assert [token.folded for token in tokens("l'IA lʼIA l’IA")] == ["ia", "ia", "ia"]
    assert [token.folded for token in tokens("don't O'Brien")] == ["don", "t", "o", "brien"]


def test_acronym_plurals() -> None:
    assert [token.folded for token in tokens("GPUs CEOs bus")] == ["gpu", "ceo", "bus"]


def test_stemming_by_language() -> None:
    assert index_text("centrales nucléaires", "fr") == index_text("centrale nucléaire", "fr")
    assert index_text("data centers", "en") == index_text("data center", "en")
    assert index_text("Centrales", "und") == "centrales"
    assert ("nucleair",) in stem_variants(["nucleaires"]) and ("nucleaires",) in stem_variants(["nucleaires"])


def test_short_words_only_lose_a_plural_mark() -> None:
    assert index_text("Gaza gaz Meta met data", "fr") == "gaza gaz meta met data"
    assert index_text("mers cars", "fr") == "mer car" and index_text("runs", "en") == "run"


def test_a_long_text_is_indexed_a_piece_at_a_time_as_if_whole() -> None:
    paragraphs = [f"L'usine numéro {n} produit {n * 3} gigawatts pour l’État et les États-Unis." for n in range(20_000)]
    text = "\n\n".join(paragraphs)
    expected = " ".join(index_text(paragraph, "fr") for paragraph in paragraphs)  # the stemmer's cache filled too
    tracemalloc.start()
    try:
        stems = index_text(text, "fr")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert stems == expected
    assert peak < 4 * len(text), f"{peak:,} bytes at the peak for {len(text):,} characters"
