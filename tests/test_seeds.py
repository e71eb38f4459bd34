"""The bundled sample library, imported the way a new user gets it."""

from __future__ import annotations

from reader.operations import Status, import_paths
from reader.search import search
from reader.store import Library
from tests.builders import SEEDS

EXPECTED = {
    "000_e3d4b392c949e465.txt": (
        "Zuckerberg dévoile un plan d’investissement de 65 milliards de dollars pour un centre "
        "de données IA de 1,3 million de GPU en 2025",
        None,
    ),
    "001_05e58e2dd3bddb76.txt": ("La décision ambitieuse de Meta", "2025-01"),
    "002_5cd6932bcf9ddbb7.txt": ("Meta affiche un engagement fort", None),
    "003_f4e52bb3d930e5e2.txt": ("L'annonce lors de l'investiture du président Trump", "2025-01"),
    "004_8d7098db96789ba4.txt": (
        "Incroyable ! Mark Zuckerberg va dépenser 62 milliards d'euros pour une nouvelle poule "
        "aux œufs d'or après l'échec du Metaverse",
        "2025-01-28T18:07:00",
    ),
}


def test_seeds_import_with_title_date_language_and_source(library: Library) -> None:
    report = import_paths(library, [SEEDS])
    assert report.count(Status.ADDED) == 5 and not report.failures

    for result in report.results:
        article = library.get_article(result.article_id)
        title_start, published = EXPECTED[result.path.name]
        assert article.title.startswith(title_start), article.title
        assert len(article.title) <= 200
        assert article.published == published
        assert article.lang == "fr"
        assert article.source == "seeds"
        assert article.path == str(result.path.resolve())
        assert article.markdown.strip()
        # The raw file is kept byte for byte.
        assert library.raw_input(article.id).data == result.path.read_bytes()


def test_every_seed_is_searchable_through_the_index(library: Library) -> None:
    import_paths(library, [SEEDS])
    assert len(library.fts_rowids("zuckerberg")) == 5
    assert search(library, '"centre de donnees"').total >= 2
