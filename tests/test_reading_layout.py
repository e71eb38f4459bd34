"""Laying out an article's Markdown as blocks, and placing its figures and searched words in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.operations import import_paths
from reader.search.query import parse
from reader.search.snippets import query_terms, term_marks
from reader.store import Library
from reader.text.figures import Figure, extract_figures
from reader.tui.blocks import LINK_ACTION, markdown_body
from reader.tui.highlights import ShownText, figure_marks, search_marks
from tests.builders import SEEDS


def shown(markdown: str) -> tuple[list[str], ShownText]:
    blocks = [block.plain for block in markdown_body(markdown).blocks]
    return blocks, ShownText(blocks)


def test_markdown_becomes_blocks_of_plain_text() -> None:
    body = markdown_body(
        "# Title\n\nA *soft*\nbreak and `code [b]x[/b]`.\n\n> Quoted [link](https://example.org/x)\n\n"
        "- one\n- two\n\n  more of two\n\n3. three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<b>raw html</b>\n\n---"
    )
    laid_out = [(block.kind, block.plain, block.quote, block.indent) for block in body.blocks]
    assert laid_out == [
        ("heading1", "Title", 0, 0),
        ("paragraph", "A soft break and code [b]x[/b].", 0, 0),
        ("paragraph", "Quoted link", 1, 0),
        ("item", "• one", 0, 1),
        ("item", "• two", 0, 1),
        ("item-more", "more of two", 0, 1),
        ("item", "3. three", 0, 1),
        ("table", "a  │  b\n1  │  2", 0, 0),
        ("paragraph", "<b>raw html</b>", 0, 0),
        ("rule", "⁂", 0, 0),
    ]
    assert body.links == ["https://example.org/x"]
    quote = body.blocks[2].content
    styles = [span.style for span in quote.spans if quote.plain[span.start : span.end] == "link"]
    assert ".article-body--link" in styles
    assert any(getattr(style, "meta", {}).get("@click") == LINK_ACTION.format(0) for style in styles)


def test_control_sequences_are_dropped_before_layout() -> None:
    (paragraph,) = markdown_body("Red \x1b[31mtext\x1b[0m and a bell\x07.").blocks
    assert paragraph.plain == "Red text and a bell."


def test_an_empty_article_has_no_blocks() -> None:
    assert markdown_body("").blocks == []


def test_figures_are_placed_by_rank_of_their_words() -> None:
    text = "In 2024 it spent 38 billion dollars.\n\nIn 2025 it will spend 65 billion dollars, up from 2024."
    markdown = "## In 2024 it spent **38 billion dollars**.\n\nIn 2025 it will spend 65 billion\ndollars, up from 2024."
    figures = extract_figures(text, "en")
    blocks, where = shown(markdown)
    marks = figure_marks(where, text, figures)
    placed = [(blocks[mark.block][mark.start : mark.end], mark.block, figures[mark.figure].text) for mark in marks]
    assert placed == [
        ("2024", 0, "2024"),
        ("38 billion dollars", 0, "38 billion dollars"),
        ("2025", 1, "2025"),
        ("65 billion dollars", 1, "65 billion dollars"),
        ("2024", 1, "2024"),
    ]
    # The second "2024" is the one at the end, not the first one again.
    assert marks[-1].start == blocks[1].rindex("2024")


def test_a_figure_missing_from_the_display_is_left_out() -> None:
    text = "It costs 5 dollars."
    figure = Figure(text="5 dollars", start=9, end=18, kind="money", value=5.0, unit="USD", currency="USD")
    _, where = shown("Nothing here costs anything.")
    assert figure_marks(where, text, [figure]) == []


def test_a_figure_is_never_matched_inside_a_longer_number() -> None:
    text = "Up 5 GW."
    figure = Figure(text="5 GW", start=3, end=7, kind="quantity", value=5.0, unit="GW")
    blocks, where = shown("Up 1.5 GW, then 15 GW, then 5 GW.")
    (mark,) = figure_marks(where, text, [figure])
    assert blocks[0][mark.start - 5 : mark.end] == "then 5 GW"


def test_search_marks_find_stems_and_ignore_negated_words() -> None:
    blocks, where = shown("# Les centres\n\nUn centre de données, pas de Stargate.")
    marks = search_marks(where, "fr", "centre -stargate")
    assert [(mark.block, blocks[mark.block][mark.start : mark.end]) for mark in marks] == [
        (0, "centres"),
        (1, "centre"),
    ]
    assert search_marks(where, "fr", '"unclosed AND (') == search_marks(where, "fr", "unclosed")
    assert search_marks(where, "fr", "is:unread") == []


def test_term_marks_are_the_words_snippets_mark() -> None:
    terms = query_terms(parse("invest*"))
    text = "Meta investit. Les investissements de Meta."
    assert [text[start:end] for start, end in term_marks(text, "fr", terms)] == ["investit", "investissements"]


@pytest.mark.parametrize("seed", sorted(path.name for path in SEEDS.glob("*.txt")))
def test_every_stored_figure_of_the_samples_is_placed_on_its_words(db_path: Path, seed: str) -> None:
    with Library(db_path) as library:
        import_paths(library, [SEEDS / seed])
        (listed,) = library.list_articles()
        article = library.get_article(listed.id)
        figures = library.figures(article.id)
    blocks, where = shown(article.markdown)
    marks = figure_marks(where, article.text, figures)
    assert len(marks) == len(figures) > 0
    for mark in marks:
        assert blocks[mark.block][mark.start : mark.end].split() == figures[mark.figure].text.split()
