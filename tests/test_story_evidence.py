"""What puts two articles in one story, and what keeps them apart: through the import path, on a real library."""

from __future__ import annotations

from pathlib import Path

from reader.operations import import_paths
from reader.store import Library
from reader.store import stories as stored
from reader.stories.grouping import JOIN_THRESHOLD, SignatureCache, evidence, stored_article_signature
from reader.stories.signature import signature
from tests.builders import BACKGROUND_NEWS, import_article


def _write(folder: Path, name: str, title: str, text: str, day: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    dated = f"{day}\n\n" if day else "\n"
    (folder / name).write_text(f"{title}\n{dated}{text}\n", encoding="utf-8")


def _stories(library: Library, tmp_path: Path, articles: dict[str, tuple[str, str]], *, day: str | None = None) -> dict:
    """Import the background and ``articles`` (file name -> title, text); the story of each of ``articles``."""
    for index, (title, text) in enumerate(BACKGROUND_NEWS):
        _write(tmp_path / "background", f"b{index}.txt", title, text, day)
    for name, (title, text) in articles.items():
        _write(tmp_path / "news", name, title, text, day)
    import_paths(library, [tmp_path / "background", tmp_path / "news"])
    rows = library.db.execute("SELECT path, story_id FROM articles").fetchall()
    return {Path(path).name: story for path, story in rows if Path(path).name in articles}


def test_a_french_and_an_english_article_sharing_only_names_land_in_one_story(library: Library, tmp_path: Path) -> None:
    story = _stories(
        library,
        tmp_path,
        {
            "fr.txt": (
                "Kylian Mbappé rejoint le Real Madrid",
                "Florentino Pérez a présenté Kylian Mbappé au stade Santiago Bernabéu devant une foule immense. "
                "L'attaquant formé à Bondy quitte le Paris Saint-Germain après sept saisons.",
            ),
            "en.txt": (
                "Real Madrid unveil Kylian Mbappé at the Bernabéu",
                "Florentino Pérez welcomed Kylian Mbappé at the Santiago Bernabéu in front of a huge crowd. "
                "The forward from Bondy leaves Paris Saint-Germain after seven seasons.",
            ),
            "other.txt": (
                "Atlético Madrid part ways with their coach",
                "The club announced the departure after a run of five defeats; an interim coach takes the next match.",
            ),
        },
    )
    assert story["fr.txt"] == story["en.txt"] != story["other.txt"]


def test_a_french_and_an_english_article_sharing_only_figures_land_in_one_story(
    library: Library, tmp_path: Path
) -> None:
    # The figures are written each in its own language's notation: 2,4 milliards / 2.4 billion, 17,5 % / 17.5%.
    story = _stories(
        library,
        tmp_path,
        {
            "fr.txt": (
                "Le constructeur relève ses prévisions",
                "Le groupe a réalisé un bénéfice de 2,4 milliards d'euros au trimestre, une marge de 17,5 %, "
                "et prévoit d'embaucher 3 500 personnes en usine.",
            ),
            "en.txt": (
                "Carmaker raises its outlook",
                "The group made a profit of 2.4 billion euros in the quarter, a margin of 17.5%, "
                "and plans to hire 3,500 factory workers.",
            ),
            "other.txt": (
                "City to hire teachers",
                "The council will hire 3,500 teachers over the next two years to shrink class sizes.",
            ),
        },
    )
    assert story["fr.txt"] == story["en.txt"] != story["other.txt"]


def test_headlines_sharing_only_a_place_prefix_stay_apart(library: Library, tmp_path: Path) -> None:
    story = _stories(
        library,
        tmp_path,
        {
            "fire.txt": ("Essonne : un entrepôt détruit par un incendie à Évry", ""),
            "library.txt": ("Essonne : Massy inaugure sa nouvelle médiathèque", ""),
            "road.txt": ("Essonne : la RN20 fermée deux nuits pour travaux", ""),
            "death1.txt": ("Turquie : un journaliste meurt en détention", ""),
            "death2.txt": ("Turquie : un alpiniste meurt sur le mont Ararat", ""),
        },
        day="2024-12-02",
    )
    assert len(set(story.values())) == 5


def test_the_same_event_told_in_other_words_is_one_story_though_no_headline_word_is_shared(
    library: Library, tmp_path: Path
) -> None:
    # The two headlines share no word, no name and no figure: the candidate comes from the leads' rare terms.
    story = _stories(
        library,
        tmp_path,
        {
            "a.txt": (
                "Alerte dans une vallée des Alpes",
                "Un pan de glacier menace de s'effondrer au-dessus du hameau : la préfecture a ordonné l'évacuation "
                "des chalets, les gendarmes survolent la moraine et les géologues mesurent chaque fissure du sérac.",
            ),
            "b.txt": (
                "Les habitants évacués, le sérac surveillé",
                "Les chalets du hameau ont été évacués sur ordre de la préfecture : le glacier risque de s'effondrer, "
                "et les géologues suivent les fissures du sérac pendant que les gendarmes survolent la moraine.",
            ),
        },
        day="2024-12-02",
    )
    assert story["a.txt"] == story["b.txt"]


def test_a_source_s_daily_bulletin_is_a_series_not_a_story(library: Library) -> None:
    bulletins = [
        "Grève à la SNCF, accord sur le budget, victoire du PSG.",
        "Tempête sur la Bretagne, prix du gaz, procès à Lyon.",
        "Incendie à Marseille, sommet européen, Tour de France.",
        "Vote à l'Assemblée, marché de Noël, météo glaciale.",
    ]
    stories = {
        import_article(library, "Le journal de 20h", text, f"2024-12-0{day}", "Radio Est")
        for day, text in enumerate(bulletins, start=1)
    }
    assert len({stored.story_of(library, article_id) for article_id in stories}) == 4


def test_a_series_recognised_from_the_library_keeps_even_same_day_editions_apart(library: Library) -> None:
    for day in range(1, 5):
        import_article(library, "La bourse du jour", f"Le CAC 40 termine la séance {day}.", f"2024-12-0{day}", "Éco")
    morning = import_article(library, "La bourse du jour", "Ouverture en hausse.", "2024-12-05", "Éco")
    evening = import_article(library, "La bourse du jour", "Clôture en baisse.", "2024-12-05", "Éco")
    assert stored.story_of(library, morning) != stored.story_of(library, evening)


def test_the_same_headline_from_two_sources_the_same_day_is_one_story(library: Library) -> None:
    first = import_article(library, "Le journal de 20h", "Grève à la SNCF.", "2024-12-01", "Radio Est")
    second = import_article(library, "Le journal de 20h", "Grève à la SNCF.", "2024-12-01", "Radio Ouest")
    assert stored.story_of(library, first) == stored.story_of(library, second)


def test_the_same_event_from_one_source_on_two_days_still_joins_by_its_leads(library: Library, tmp_path: Path) -> None:
    lead = (
        "Un pan de glacier menace de s'effondrer au-dessus du hameau : la préfecture a ordonné l'évacuation "
        "des chalets, les gendarmes survolent la moraine et les géologues mesurent chaque fissure du sérac."
    )
    _write(tmp_path / "alpes", "a.txt", "Isère : le glacier menace le hameau", lead, "2024-12-02")
    _write(tmp_path / "alpes", "b.txt", "Isère : le hameau toujours évacué", f"Suite. {lead}", "2024-12-03")
    import_paths(library, [tmp_path / "alpes"])
    assert len({row[0] for row in library.db.execute("SELECT story_id FROM articles")}) == 1


def test_days_and_months_and_numbers_in_words_are_not_terms() -> None:
    sig = signature("Dix morts dans un incendie à Lyon le lundi 2 décembre", "Ten people died on Monday, December 2.")
    assert set(sig.terms) == {"morts", "incendie", "lyon", "people", "died"}


def test_headlines_sharing_a_name_join_the_same_day_but_not_three_days_apart(library: Library) -> None:
    for title, text in BACKGROUND_NEWS:
        import_article(library, title, text, "2024-11-20", "Fond")
    comeback = "Lindsey Vonn annonce son retour à la compétition"
    result = "Lindsey Vonn larguée pour son retour en Coupe du monde"
    first = import_article(library, comeback, "", "2024-12-02", "Sport Est")
    same_day = import_article(library, result, "", "2024-12-02", "Sport Ouest")
    later = import_article(library, comeback, "", "2024-12-10", "Sport Est")
    three_days_on = import_article(library, result, "", "2024-12-13", "Sport Ouest")
    assert stored.story_of(library, first) == stored.story_of(library, same_day)
    assert stored.story_of(library, later) != stored.story_of(library, three_days_on)


def test_a_story_of_two_takes_a_third_article_only_if_both_agree(library: Library) -> None:
    for title, text in BACKGROUND_NEWS:
        import_article(library, title, text, "2024-11-20", "Fond")
    california = [
        import_article(library, title, "", "2024-12-05", source)
        for title, source in [
            ("Séisme de magnitude 7 au large de la Californie, l'alerte au tsunami levée", "Agence A"),
            ("Californie : un séisme de magnitude 7 secoue la côte nord", "Agence B"),
        ]
    ]
    japan = import_article(library, "Japon : l'alerte au tsunami levée après un séisme au large", "", "2024-12-05", "C")
    cache = SignatureCache()
    cache.rarity.refresh(library)
    sigs = {article: stored_article_signature(library, article) for article in [*california, japan]}
    weights = {article: cache.weights(article, sig) for article, sig in sigs.items()}
    # Japan's headline alone would pass the bar with the first Californian one: the story as a whole refuses it.
    assert evidence(sigs[japan], weights[japan], sigs[california[0]], weights[california[0]]) >= JOIN_THRESHOLD
    assert stored.story_of(library, california[0]) == stored.story_of(library, california[1])
    assert stored.story_of(library, japan) != stored.story_of(library, california[0])
