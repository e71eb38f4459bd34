"""Cleaning rules on scraped articles other than the seeds, repeated lines, Markdown output.

The fixtures under ``fixtures/scraped/`` are invented but realistic scraped
pages from other kinds of sites (an English WordPress blog, an English news
site, a French tech site, a hard-wrapped e-mail newsletter): the rules must
generalise to them, keeping the article and dropping the chrome.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.ingest.boilerplate import (
    MIN_DOCUMENTS,
    clean_body,
    is_author_bio,
    is_junk_line,
    normalize_line,
    repeated_lines,
)
from reader.ingest.errors import IngestError
from reader.ingest.markdown import markdown_to_text, parse_markdown
from reader.ingest.plaintext import escape_markdown, parse_plain_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scraped"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# --- generalisation: other sites, same rules ------------------------------------------

FIXTURE_ARTICLES = {
    "wordpress_blog_en.txt": {
        "title": "Why I Swapped My Car for an E-Bike (and What It Cost Me)",
        "published": "2024-03-03",
        "author": "Sarah Whitfield",
        "body": [
            "When my car failed its inspection last autumn, I had two options: spend £1,400 on repairs, or try "
            "something I had been putting off for years. I bought a mid-range electric bike for £2,150 and "
            "promised myself I would ride it to work every day for six months.",
            "The first week was humbling. My commute is 11 miles each way, with one long climb out of the "
            "river valley, and I arrived at the office soaked in rain and sweat. By the third week I had a "
            "routine: panniers packed the night before, a spare shirt in my desk drawer, and the battery "
            "charged on assist level two.",
            "Running costs in the first six months",
            "Electricity for charging came to about £18 over six months. A service, new brake pads and a "
            "puncture-proof tyre added £95. Compare that with the £160 a month I used to spend on fuel, "
            "insurance and parking, and the bike had paid for a third of itself by March.",
            "There were bad days, too. Twice the chain slipped on the climb, and once I gave up and took the "
            "train home in a storm. But I have not missed a single meeting, and my resting heart rate has "
            "dropped by seven beats a minute.",
            "Would I go back? Not unless my commute changes. For anyone with a ride under 15 miles and "
            "somewhere safe to park, an e-bike is the cheapest upgrade to daily life I have found.",
        ],
        "chrome": [
            "cookies",
            "Accept all",
            "Manage preferences",
            "The Green Commute",
            "Home »",
            "\n\nCommuting\n\n",
            "Posted on",
            "Leave a comment",
            "6 min read",
            "My e-bike parked outside",
            "Image credit",
            "Advertisement",
            "What do you think",
            "Share this",
            "Twitter",
            "Facebook",
            "Like this",
            "Loading",
            "Related",
            "Five Routes",
            "February 12, 2024",
            "Rain Gear",
            "Tagged",
            "Leave a Reply",
            "Cancel reply",
            "will not be published",
            "Save my name",
            "Post Comment",
            "Δ",
            "WordPress",
        ],
    },
    "news_site_en.txt": {
        "title": "Chipmakers race to meet demand as data-centre spending soars",
        "published": "2025-01-28",
        "author": "Daniel Okafor and Priya Raman",
        "body": [
            "Shares of the world's largest chipmakers rose sharply on Tuesday after three cloud providers said "
            "they would spend a combined $190 billion on data centres this year, up from about $140 billion "
            "in 2024.",
            "The announcements, made within hours of each other, eased fears that the boom in "
            "artificial-intelligence infrastructure was about to cool. Analysts at one brokerage raised their "
            "forecast for accelerator sales by 12% and said supply, not demand, would limit growth until at "
            "least 2026.",
            '"We are building as fast as the power grid lets us," one executive told investors on a call. The '
            "company expects to bring 1.5 gigawatts of new capacity online by December, roughly the output "
            "of a large nuclear plant.",
            "Not everyone is convinced. Some fund managers point out that depreciation on the new equipment "
            "will weigh on profits for years, and that the U.S. market for AI services is still small "
            "compared with the sums being invested.",
            "Still, the spending spree shows no sign of slowing. Smaller suppliers of cooling systems and "
            "power equipment have also seen orders jump, with some reporting waiting lists of more than a "
            "year.",
        ],
        "chrome": [
            "Technology\n",
            "Business Desk",
            "Published",
            "Updated",
            "Listen to this article",
            "Advertisement",
            "Engineers inspect",
            "Getty Images",
            "READ MORE",
            "Continue reading below",
            "newsletter",
            "Reporting by",
            "Share this article",
            "Follow us",
            "Related articles",
            "Power grid strain",
            "Most popular",
            "Markets close higher",
            "All rights reserved",
        ],
    },
    "blog_fr.txt": {
        "title": "Galaxy S25 : Samsung mise tout sur l’IA embarquée",
        "published": "2025-02-02T18:30:00",
        "author": "Camille Dubois et Julien Martin",
        "body": [
            "Samsung a présenté mercredi sa nouvelle gamme Galaxy S25, qui fait de l’intelligence artificielle "
            "exécutée directement sur le téléphone son principal argument de vente. Le modèle de base est "
            "proposé à partir de 909 euros, soit le même prix que l’an dernier.",
            "Le constructeur sud-coréen promet que la plupart des fonctions d’IA, comme la traduction des "
            "appels ou le résumé des notes, fonctionnent sans connexion. Selon lui, le nouveau processeur "
            "traite ces tâches 40 % plus vite que la génération précédente.",
            "Une autonomie en hausse",
            "La batterie de 5 000 mAh du modèle Ultra tiendrait près de deux jours en usage modéré. Les "
            "premiers tests publiés par la presse spécialisée confirment un gain d’environ 10 % par rapport "
            "au S24.",
            "Reste une question : les clients paieront-ils pour ces fonctions ? Samsung assure qu’elles "
            "resteront gratuites au moins jusqu’à la fin de 2025, sans préciser la suite.",
        ],
        "chrome": [
            "Accueil",
            "High-Tech\n",
            "Mis à jour",
            "Publié le",
            "Temps de lecture",
            "liens affiliés",
            "Publicité",
            "À lire aussi",
            "iPhone 16",
            "Crédit photo",
            "San José",
            "comparatif",
            "Partager",
            "Suivez-nous",
            "newsletter",
            "Et vous",
            "commentaire",
            "Sources",
            "Nos derniers articles",
            "Pixel 9a",
            "12/02/2025",
            "Mots clés",
            "cookies",
            "Tout accepter",
            "Continuer sans accepter",
        ],
    },
    "newsletter_wrapped_en.txt": {
        "title": "Issue 112: Why batteries are winning the grid",
        "published": "2025-01-28",
        "author": "Tom Alvarez",
        "body": [
            "Grid-scale batteries had their best year yet in 2024. Developers installed roughly 69 "
            "gigawatt-hours of storage worldwide, almost double the year before, as cell prices fell below "
            "$80 per kilowatt-hour for the first time.",
            "The biggest change is what the batteries are used for. Five years ago most projects sold fast "
            "frequency response, a small market that filled up quickly. Today the money is in shifting solar "
            "power from noon to the evening peak, when prices can be ten times higher.",
            "* Not every market works that way, though: where evening prices stay flat, batteries still "
            "struggle to pay for themselves.",
            "That is why developers watch the spread between the cheapest and the most expensive hours of the "
            "day more closely than any subsidy.",
        ],
        "chrome": ["View this email", "Weekly Energy Notes", "By Tom", "Forward this email", "Unsubscribe"],
    },
}


@pytest.mark.parametrize("name", sorted(FIXTURE_ARTICLES))
def test_scraped_article_header(name: str) -> None:
    expected = FIXTURE_ARTICLES[name]
    document = parse_plain_text(fixture(name))
    assert (document.title, document.published, document.author) == (
        expected["title"],
        expected["published"],
        expected["author"],
    )


@pytest.mark.parametrize("name", sorted(FIXTURE_ARTICLES))
def test_scraped_article_body_is_kept_whole(name: str) -> None:
    assert parse_plain_text(fixture(name)).text.split("\n\n") == FIXTURE_ARTICLES[name]["body"]


@pytest.mark.parametrize("name", sorted(FIXTURE_ARTICLES))
def test_scraped_article_chrome_is_gone(name: str) -> None:
    document = parse_plain_text(fixture(name))
    for chrome in FIXTURE_ARTICLES[name]["chrome"]:
        assert chrome not in f"\n\n{document.text}\n", chrome


def test_subheadings_become_markdown_headings_and_bullets_stay_text() -> None:
    blog = parse_plain_text(fixture("wordpress_blog_en.txt")).markdown
    assert "\n\n## Running costs in the first six months\n\n" in blog
    newsletter = parse_plain_text(fixture("newsletter_wrapped_en.txt")).markdown
    assert "\n\n\\* Not every market works that way" in newsletter


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "La suite après la publicité",
        "Continue reading below",
        "Story continues below advertisement",
        ">> Vous n'allez pas le croire : un autre article <<",
        "Read more: Why the grid is the new bottleneck",
        "Sundar Pichai on stage in Mountain View. Photo: Justin Sullivan/Getty Images",
        "Le PDG lors de la conférence. © AFP",
        "The new headset on display. (Image credit: Future)",
        "Crédit photo : Samsung",
        "Source et images",
        "Sources : Reuters, Bloomberg",
        "Article écrit en collaboration avec nos collègues de 3D Juegos.",
        "This article was originally published on The Conversation.",
        "Sign up for our newsletter to get the best stories in your inbox.",
        "Inscrivez-vous à notre newsletter",
        "Share this article",
        "Follow us on Twitter",
        "Suivez-nous sur Instagram",
        "We use cookies to improve your experience on our site.",
        "Tout accepter",
        "5 min read",
        "Home » Tech » Phones",
        "© 2025 Example Media. All rights reserved.",
    ],
)
def test_junk_lines(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sources said the deal could close before the summer, according to people familiar with the talks.",
        "Share prices of the three groups rose by more than 4% in early trading on Tuesday.",
        "Follow the money, the prosecutor told the jury on the first day of the trial.",
        "Google will phase out third-party cookies in Chrome by the end of the year, it said.",
        "Meta a développé Llama en collaboration avec des universités européennes.",
        "L'article 49.3 de la Constitution a été utilisé une nouvelle fois mardi.",
        "Le prix de l'appareil photo : 300 euros en moyenne, selon l'étude.",
    ],
)
def test_prose_that_mentions_chrome_words_is_kept(line: str) -> None:
    assert not is_junk_line(line)


def test_author_bio_is_told_from_article_text_by_its_cues() -> None:
    assert is_author_bio(
        "Passionnée de sciences depuis l'enfance, elle couvre l'espace pour la rédaction. Elle est aussi "
        "une adepte de randonnée."
    )
    assert not is_author_bio("Meta a annoncé mardi un budget de 65 milliards de dollars pour l'IA.")


def test_an_about_section_with_real_paragraphs_after_it_is_kept() -> None:
    long_paragraph = ("The company was founded in 2004 and now employs more than 70,000 people worldwide. " * 4).strip()
    body = [
        "The first paragraph of the story, long enough to be counted as prose by the rules.",
        "About",
        long_paragraph,
    ]
    assert clean_body(body) == body


def test_a_lone_read_also_inside_the_body_goes_with_its_headline() -> None:
    prose = "A paragraph of the article that is long enough to be counted as prose by the rules here."
    assert clean_body([prose, "Lire aussi", "Un autre article sans rapport", prose, prose]) == [prose] * 3


def test_short_paragraphs_after_a_section_marker_are_not_cut() -> None:
    """Wire copy has short paragraphs: a marker followed by them is not the end of the article."""
    prose = "Shares rose 4% in early trading after the announcement, according to exchange data."
    assert clean_body([prose, "Read more", "Another story headline", prose, prose]) == [prose] * 3


def test_a_related_list_with_one_line_summaries_is_cut() -> None:
    prose = "The article itself ends here with a sentence that is long enough to count as prose."
    tail = ["Related articles", "Headline one", "A one-sentence summary of the first related story here.",
            "3 janvier 2025", "Headline two", "A one-sentence summary of the second related story here.",
            "4 janvier 2025"]  # fmt: skip
    assert clean_body([prose, prose, *tail]) == [prose, prose]


# --- lines repeated across a source -----------------------------------------------------


def article(number: int, chrome: list[str]) -> str:
    body = f"Article {number} tells its own story in a paragraph that no other article of the site shares."
    return "\n".join([f"Headline number {number} for the site", *chrome, body])


def test_repeated_lines_are_the_short_lines_shared_by_enough_articles() -> None:
    chrome = ["The Daily Widget — independent news since 1998", "Gadgets"]
    documents = [
        article(1, chrome),
        article(2, chrome),
        article(3, chrome),
        article(4, ["Only twice"]),
        article(5, ["Only twice"]),
    ]
    assert MIN_DOCUMENTS == 3
    assert repeated_lines(documents) == frozenset({"the daily widget — independent news since 1998", "gadgets"})
    assert "only twice" in repeated_lines(documents, min_documents=2)


def test_repeated_lines_ignore_long_lines_and_duplicate_documents() -> None:
    shared_paragraph = "A long quote that several articles reproduce verbatim, " * 4
    documents = [article(n, [shared_paragraph]) for n in range(3)]
    assert normalize_line(shared_paragraph) not in repeated_lines(documents)
    same = article(1, ["Site chrome line"])
    assert repeated_lines([same, same, same]) == frozenset()  # one article saved three times
    with pytest.raises(ValueError, match="min_documents"):
        repeated_lines(documents, min_documents=1)


def test_parse_plain_text_drops_repeated_lines_no_rule_knows() -> None:
    chrome = ["The Daily Widget — independent news since 1998"]
    documents = [article(n, chrome) for n in range(3)]
    repeated = repeated_lines(documents)
    without = parse_plain_text(documents[0])
    assert "The Daily Widget" in without.text
    cleaned = parse_plain_text(documents[0], repeated_lines=repeated)
    assert cleaned.title == "Headline number 0 for the site"
    assert cleaned.text == "Article 0 tells its own story in a paragraph that no other article of the site shares."


# --- Markdown escaping: the display shows the text as written ---------------------------

PARSER = MarkdownIt("gfm-like")  # the parser Textual's Markdown widget uses


def shown(markdown: str) -> str:
    """The text a Markdown renderer shows for one paragraph; fails on any markup."""
    tokens = PARSER.parse(markdown)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    parts = []
    for child in tokens[1].children or []:
        if child.type == "text":
            parts.append(child.content)
        else:  # only links found by linkify in a bare URL are allowed: they show their text
            assert child.type in ("link_open", "link_close") and child.info == "auto", child.type
    return "".join(parts)


@pytest.mark.parametrize(
    "line",
    [
        "# not a heading",
        "* not a bullet",
        "- not a bullet",
        "+ not a bullet",
        "> not a quote",
        "1. not a list",
        "2) not a list either",
        "---",
        "===",
        "```",
        "<b>not html</b>",
        "[not a link](https://example.org)",
        "**not bold** and _not italic_ and ~~not struck~~",
        "AT&T, &copy; and &#65; stay as typed",
        "a backslash \\ and a trailing one \\",
        "`not code`",
        "| not | a table |",
        "[bold red]not Rich markup[/]",
    ],
)
def test_escaped_lines_display_as_written(line: str) -> None:
    assert shown(escape_markdown(line)) == line


@settings(max_examples=500)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=60))
def test_any_line_displays_as_written(text: str) -> None:
    line = " ".join(text.split())  # paragraphs are stripped, inner whitespace collapsed
    if line:
        assert shown(escape_markdown(line)) == line


def test_body_lines_that_look_like_markup_are_shown_as_text() -> None:
    prose = "A first paragraph of the article, long enough to count as prose for the rules here."
    text = "\n".join(
        ["A title for this small test", prose, "# not a heading", "* not a bullet", "1. not a list", prose]
    )
    document = parse_plain_text(text)
    blocks = document.markdown.split("\n\n")
    assert [shown(block) for block in blocks] == [prose, "# not a heading", "* not a bullet", "1. not a list", prose]


# --- Markdown files -------------------------------------------------------------------

MARKDOWN_ARTICLE = """\
---
title: "Meta's AI budget, explained"
date: 2025-01-28 18:07
author:
  - Jane Doe
  - John Smith
tags: [ai, meta]
---

# Meta's AI budget, explained

Meta will spend **up to $65 billion** on [AI infrastructure](https://example.org/ai) this year,
*far more* than in 2024.

![A data centre](dc.jpg)

## What the money buys

- 1.3 million GPUs by the end of the year
- a 2 GW data centre in Louisiana

> "This will be a defining year for AI," Mark Zuckerberg wrote.

Run `llama-bench --gpus 8` to reproduce the numbers.

Advertisement

What do you think? Let us know in the comments.
"""


def test_parse_markdown_with_front_matter() -> None:
    document = parse_markdown(MARKDOWN_ARTICLE)
    assert document.title == "Meta's AI budget, explained"
    assert document.published == "2025-01-28T18:07:00"
    assert document.author == "Jane Doe, John Smith"
    # The title heading is shown as the title, not again in the body.
    assert document.markdown.startswith("Meta will spend **up to $65 billion**")
    assert "title:" not in document.markdown
    assert document.text.split("\n\n") == [
        "Meta will spend up to $65 billion on AI infrastructure this year, far more than in 2024.",
        "What the money buys",
        "1.3 million GPUs by the end of the year",
        "a 2 GW data centre in Louisiana",
        '"This will be a defining year for AI," Mark Zuckerberg wrote.',
        "Run llama-bench --gpus 8 to reproduce the numbers.",
    ]


def test_parse_markdown_title_from_heading_or_first_line() -> None:
    assert parse_markdown("Intro line.\n\n# The real title\n\nBody text here.").title == "The real title"
    document = parse_markdown("Just one paragraph of text without any heading at all.")
    assert document.title == "Just one paragraph of text without any heading at all"
    assert document.published is None and document.author is None


def test_markdown_to_text_keeps_code_and_link_text() -> None:
    body = "Use `pip install reader` or see [the docs](https://x.org).\n\n```\nreader --help\n```"
    assert markdown_to_text(body) == ["Use pip install reader or see the docs.", "reader --help"]


@pytest.mark.parametrize("text", ["", "  \n ", "---\ntitle: Empty\n---\n", "# Only a title\n"])
def test_parse_markdown_without_text_raises(text: str) -> None:
    with pytest.raises(IngestError, match=r"^no article text "):
        parse_markdown(text)


@given(st.text(max_size=300))
def test_any_markdown_parses_or_raises_ingest_error(text: str) -> None:
    try:
        document = parse_markdown(text)
    except IngestError as error:
        assert str(error).startswith("no article text ")
        return
    assert document.title and document.text.strip()


# --- hostile input stays fast (these took minutes before the scans were bounded) ----------


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-01 " + "Une phrase assez courte ici.Une autre phrase suit." * 8000,
        "Un titre de quatre mots\n"
        + "Tags\nA paragraph of prose that is long enough to count as prose here.\n" * 10000,
    ],
)
def test_hostile_plain_text_is_parsed(text: str) -> None:
    document = parse_plain_text(text)
    assert document.text.count("\n\n") >= 8000


@pytest.mark.parametrize("marker", ["*a ", "_a ", "[a ", "~~a "])
def test_unclosed_markdown_markers_are_kept_as_text(marker: str) -> None:
    document = parse_markdown("# Title\n\n" + marker * 30000)
    assert document.title == "Title"
    assert document.text.count("a") == 30000
