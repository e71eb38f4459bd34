"""Saved web pages: main text, Markdown and metadata from real pages; bad and hostile input."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest.errors import IngestError
from reader.ingest.html import parse_html
from reader.models import ParsedDocument
from tests.builders import FIXTURES, SHARED_DATA, requires_data

EXTRACTION = SHARED_DATA / "extraction"
DEVOIR_DATA = "extraction/trafilatura-eval"
NYTIMES_DATA = "extraction/article-extraction-benchmark"
DEVOIR_URL = "https://www.ledevoir.com/politique/montreal/573258/la-fin-des-trottinettes-en-libre-service-a-montreal"
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^>]*)?/?>")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def devoir() -> tuple[ParsedDocument, dict]:
    """A French news article from trafilatura's evaluation set, with its annotation."""
    folder = EXTRACTION / "trafilatura-eval"
    evaldata = json.loads((folder / "evaldata.fr-en.json").read_text(encoding="utf-8"))
    item = evaldata[DEVOIR_URL]
    html = (folder / "html" / item["file"]).read_text(encoding="utf-8")
    return parse_html(html), item


@pytest.fixture(scope="module")
def nytimes() -> tuple[ParsedDocument, str]:
    """An English opinion piece from the scrapinghub benchmark, with its gold article body."""
    sha = "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34"
    bench = EXTRACTION / "article-extraction-benchmark"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    with gzip.open(bench / "html" / f"{sha}.html.gz", "rt", encoding="utf-8") as page:
        return parse_html(page.read()), truth[sha]["articleBody"]


def test_a_saved_french_news_page() -> None:
    document = parse_html((FIXTURES / "pages" / "news_site_fr.html").read_text(encoding="utf-8"))
    assert document.title == "Éolien en mer : le parc de Saint-Nazaire tourne à plein régime"
    assert (document.published, document.author) == ("2024-11-05", "Claire Le Goff")
    assert document.site_name == "La Gazette de l'Estuaire"
    assert document.url == "https://gazette-estuaire.example/energie/eolien-saint-nazaire-plein-regime"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[1].startswith("Deux ans après sa mise en service") and paragraphs[1].endswith("480 mégawatts.")
    assert "Un facteur de charge supérieur aux prévisions" in paragraphs
    assert "80 éoliennes de 6 mégawatts chacune" in paragraphs
    for chrome in ("Accueil", "Newsletter", "À lire aussi", "FC Nantes", "Connectez-vous", "Mentions légales"):
        assert chrome not in document.text, chrome
    assert "## Un facteur de charge supérieur aux prévisions" in document.markdown
    assert "[EDF Renouvelables](https://edf.example/renouvelables)" in document.markdown
    assert "- 78 kilomètres carrés de surface" in document.markdown
    assert not HTML_TAG.search(document.markdown)


@requires_data(DEVOIR_DATA)
def test_french_article_metadata(devoir: tuple[ParsedDocument, dict]) -> None:
    document, _ = devoir
    assert document.title == "La fin des trottinettes en libre-service à Montréal"
    assert document.published == "2020-02-19"
    assert document.author == "Jeanne Corriveau"
    assert document.site_name == "Le Devoir"
    assert document.url == DEVOIR_URL


@requires_data(DEVOIR_DATA)
def test_french_article_text_keeps_body_drops_boilerplate(devoir: tuple[ParsedDocument, dict]) -> None:
    document, item = devoir
    text = _flat(document.text)
    for snippet in item["with"]:
        assert _flat(snippet) in text
    for snippet in item["without"]:
        assert _flat(snippet) not in text
    assert "huit véhicules sur dix étaient garés au mauvais endroit" in text
    assert "\n\n" in document.text and "\n\n\n" not in document.text


@requires_data(DEVOIR_DATA)
def test_french_article_markdown(devoir: tuple[ParsedDocument, dict]) -> None:
    document, _ = devoir
    assert "# La fin des trottinettes en libre-service à Montréal" in document.markdown
    assert "[Valérie Plante](https://www.ledevoir.com/valerie-plante)" in document.markdown
    assert not HTML_TAG.search(document.markdown)


@requires_data(NYTIMES_DATA)
def test_english_article(nytimes: tuple[ParsedDocument, str]) -> None:
    document, gold = nytimes
    assert document.title == "Opinion | Republicans Are Following Trump to Nowhere"
    assert document.published == "2019-11-19"
    assert document.author == "Jamelle Bouie"
    assert document.url == "https://www.nytimes.com/2019/11/19/opinion/republicans-elections-impeachment.html"
    first_paragraph = gold.split("\n")[0]
    assert document.text.startswith(first_paragraph + "\n\n")
    gold_words, words = set(gold.split()), document.text.split()
    assert sum(word in gold_words for word in words) / len(words) > 0.95
    assert "Trump [tweeted](https://www.cbsnews.com/" in document.markdown
    assert not HTML_TAG.search(document.markdown)


def test_given_url_wins_over_the_page_one() -> None:
    page = "<html><head><link rel='canonical' href='https://example.org/a'></head><body><article>"
    page += "<p>Le conseil municipal a voté mardi le budget de la ville pour l'an prochain.</p>"
    page += "</article></body></html>"
    assert parse_html(page).url == "https://example.org/a"
    assert parse_html(page, url="https://example.org/b").url == "https://example.org/b"


def test_escape_sequences_and_controls_removed_rich_markup_kept() -> None:
    page = (
        "<html><head><title>Alerte \x1b[31mrouge\x1b[0m</title></head><body><article>"
        "<h1>Alerte \x1b[31mrouge\x1b[0m</h1>"
        "<p>Le texte \x1b[31mrouge\x1b[0m contient [bold red]x[/] et une cloche\x07 ici\x00. "
        "Une deuxième phrase [link=https://evil.example]clic[/link] pour un paragraphe assez long.</p>"
        "<p>Encore \x9b31m un paragraphe avec \x1b]8;;http://x.example\x07lien\x1b]8;;\x07 fini.</p>"
        "</article></body></html>"
    )
    document = parse_html(page)
    for field in (document.title, document.text, document.markdown):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", field)
        assert "[31m" not in field and "[0m" not in field and "8;;" not in field
    assert document.title == "Alerte rouge"
    assert "Le texte rouge contient [bold red]x[/] et une cloche ici." in document.text
    assert "[link=https://evil.example]clic[/link]" in document.text
    assert "[bold red]x[/]" in document.markdown
    assert "Encore un paragraphe avec lien fini." in document.text


def test_unclosed_tags_still_give_the_text() -> None:
    page = (
        "<html><body><div><p>Un paragraphe <b>gras <i>et italique qui ne se ferme jamais"
        "<p>Deuxième paragraphe de l'article, lui aussi sans fin<div><table><tr><td>cellule"
    )
    document = parse_html(page)
    assert document.text.split("\n\n")[:2] == [
        "Un paragraphe gras et italique qui ne se ferme jamais",
        "Deuxième paragraphe de l'article, lui aussi sans fin",
    ]
    assert "**gras" in document.markdown
    assert not HTML_TAG.search(document.markdown)


def test_title_falls_back_to_the_first_sentence() -> None:
    sentences = "Le conseil a voté mardi le budget 2025. Les débats ont duré six heures."
    page = f"<html><body><article><p>{sentences}</p></article></body></html>"
    assert parse_html(page).title == "Le conseil a voté mardi le budget 2025"
    long_sentence = "Un mot " * 40 + "fin."
    title = parse_html(f"<html><body><article><p>{long_sentence}</p></article></body></html>").title
    assert len(title) <= 121 and title.endswith("mot…") and long_sentence.startswith(title[:-1])


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n\t ",
        "<html><head><script>var a = 1;</script></head><body><script>document.write('hello world, "
        "this is not an article at all')</script><style>p { color: red }</style></body></html>",
        "<html><body></body></html>",
        bytes(range(256)).decode("latin-1") * 3,
    ],
    ids=["empty", "blank", "scripts-only", "empty-body", "binary-garbage"],
)
def test_no_article_raises_ingest_error(page: str) -> None:
    with pytest.raises(IngestError) as error:
        parse_html(page)
    assert "\n" not in str(error.value) and str(error.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["<p>", "</p>", "<div>", "<b>", "</i>", "<table><tr><td>", "<!--", "<![CDATA[", "&#", "<?xml"]
            ),
            st.text(min_size=0, max_size=40),
        ),
        max_size=30,
    )
)
def test_malformed_html_parses_or_raises_ingest_error(parts: list[str]) -> None:
    page = "<html><body>" + "".join(parts)
    try:
        document = parse_html(page)
    except IngestError:
        return
    assert document.text and document.title
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", document.text + document.markdown)
