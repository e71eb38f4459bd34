"""Scraped plain-text articles: title, date, author, and a body without site chrome.

The five bundled seeds are real scraped French articles. For each one the test
spells out every paragraph of the article body as it must come out (one sentence
per source line): nothing of the article may be lost, nothing of the site kept.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.ingest.boilerplate import repeated_lines
from reader.ingest.errors import IngestError
from reader.ingest.plaintext import escape_markdown, find_dates, parse_date, parse_plain_text
from tests.builders import SEEDS


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# --- the seeds: title, date, author -------------------------------------------------

SEED_META = {
    "000_e3d4b392c949e465.txt": (
        "Zuckerberg dévoile un plan d’investissement de 65 milliards de dollars pour un centre de données "
        "IA de 1,3 million de GPU en 2025",
        None,
        None,
    ),
    "001_05e58e2dd3bddb76.txt": (
        "La décision ambitieuse de Meta d'investir massivement dans la technologie s'inscrit dans le cadre "
        "d'une stratégie plus…",
        "2025-01",
        None,
    ),
    "002_5cd6932bcf9ddbb7.txt": (
        "Meta affiche un engagement fort pour améliorer ses capacités en intelligence artificielle (IA)",
        None,
        None,
    ),
    "003_f4e52bb3d930e5e2.txt": (
        "L'annonce lors de l'investiture du président Trump du projet Stargate et son mirobolant chiffre "
        "de 500 milliards…",
        "2025-01",
        None,
    ),
    "004_8d7098db96789ba4.txt": (
        "Incroyable ! Mark Zuckerberg va dépenser 62 milliards d'euros pour une nouvelle poule aux œufs "
        "d'or après l'échec du Metaverse",
        "2025-01-28T18:07:00",
        "Mathis Ferrut",
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_title_date_and_author(name: str) -> None:
    title, published, author = SEED_META[name]
    document = parse_plain_text(seed_text(name))
    assert document.title == title
    assert document.published == published
    assert document.author == author


def test_a_title_printed_twice_is_kept_once() -> None:
    document = parse_plain_text(seed_text("000_e3d4b392c949e465.txt"))
    assert "Zuckerberg dévoile un plan" not in document.text


@pytest.mark.parametrize("name", ["001_05e58e2dd3bddb76.txt", "003_f4e52bb3d930e5e2.txt"])
def test_a_derived_title_is_the_start_of_the_first_sentence_cut_between_words(name: str) -> None:
    document = parse_plain_text(seed_text(name))
    first_paragraph = document.text.split("\n\n")[0]
    assert document.title.endswith("…") and len(document.title) <= 121
    assert first_paragraph.startswith(document.title.removesuffix("…") + " ")
    assert "date 2025-01" not in document.text


# --- the seeds: every paragraph of the article, nothing else -------------------------------

SEED_BODIES = {
    "000_e3d4b392c949e465.txt": [
        (
            "Dans un récent message publié sur Facebook, Mark Zuckerberg, le PDG de Meta, a révélé des "
            "projets ambitieux en matière de dépenses d’investissement liées à l’IA. "
            "Aux côtés d’autres grandes entreprises technologiques comme OpenAI, Anthropic et Google, Meta "
            "occupe une position unique dans le paysage de l’IA grâce à son modèle fondateur permettant la "
            "monétisation des produits et services d’IA. "
            "Zuckerberg a annoncé que Meta allouera jusqu’à 65 milliards de dollars de dépenses "
            "d’investissement cette année pour améliorer ses capacités de calcul et faire en sorte que son "
            "modèle Llama 4 devienne « le modèle de pointe de pointe »."
        ),
        "2025 : l’année charnière pour l’IA, selon Zuckerberg",
        (
            "Contrairement à ses concurrents Microsoft et Google, Meta bénéficie de ses vastes plateformes "
            "de médias sociaux, ce qui lui permet de commercialiser efficacement des services d’IA auprès "
            "des annonceurs tout en s’adressant à une vaste base d’utilisateurs. "
            "Dans un geste stratégique notable, Zuckerberg a choisi de rendre le modèle d’IA Llama open "
            "source, suscitant l’enthousiasme des développeurs et facilitant le perfectionnement du modèle."
        ),
        (
            "Dans la dernière mise à jour, Zuckerberg a considérablement augmenté les dépenses "
            "d’investissement prévues de Meta pour 2024. "
            "Les analystes estimaient auparavant les dépenses entre 51 et 53 milliards de dollars ; "
            "cependant, fidèle à sa vision, Zuckerberg a annoncé une fourchette impressionnante de 60 à 65 "
            "milliards de dollars pour propulser le modèle Llama 4 à l’avant-garde de la technologie de l’IA."
        ),
        (
            "Cela représente une augmentation substantielle par rapport aux 38 milliards de dollars dépensés "
            "par Meta l’année dernière, soit une augmentation de plus de 1, 5 fois le chiffre précédent. "
            "Cette annonce suit de près l’ambitieuse initiative Stargate de 500 milliards de dollars du "
            "président Trump, qui a bénéficié d’investissements importants de la part d’entreprises comme "
            "OpenAI et Softbank."
        ),
        (
            "Détaillant davantage l’initiative stratégique de Meta, Zuckerberg a indiqué qu’il prévoyait de "
            "former un « ingénieur en intelligence artificielle » "
            "dédié à la production de code logiciel et à l’amélioration des capacités de recherche et "
            "développement de l’organisation. "
            "Pour soutenir cette initiative, Meta vise à construire un centre de données colossal de 2 "
            "gigawatts, décrit par Zuckerberg comme suffisamment étendu pour couvrir une partie importante "
            "de Manhattan."
        ),
        (
            "D’ici la fin de l’année, environ 1 gigawatt de puissance de calcul supplémentaire sera "
            "opérationnelle, utilisant plus de 1, 3 million de GPU. "
            "Zuckerberg a souligné que cet engagement financier représente un effort important en faveur de "
            "l’innovation qui améliorera les produits phares de l’entreprise, ouvrira la voie à des avancées "
            "technologiques et renforcera le leadership américain dans le secteur technologique."
        ),
        (
            "L’investissement substantiel de Zuckerberg s’inscrit dans la tendance observée chez d’autres "
            "grandes entreprises du secteur de l’IA. "
            "Par exemple, Microsoft prévoit d’investir environ 80 milliards de dollars pour étendre son "
            "offre de cloud computing Azure, basée sur les technologies d’OpenAI, à travers le monde. "
            "Elon Musk a également l’ambition de développer de grands centres de données pour ses "
            "entreprises."
        ),
        (
            "Après avoir ouvert en baisse d’environ 1, 4 %, les actions de Meta ont connu une hausse notable "
            "de 2 %, se démarquant de bon nombre de leurs homologues des grandes technologies en difficulté "
            "dans les premières heures de négociation. "
            "Les annonces précédentes concernant les dépenses d’investissement ont suscité des réactions "
            "mitigées de la part des investisseurs, qui restent prudemment optimistes quant au potentiel de "
            "Meta à générer des profits grâce à ses avancées en matière d’IA."
        ),
    ],
    "001_05e58e2dd3bddb76.txt": [
        (
            "La décision ambitieuse de Meta d'investir massivement dans la technologie s'inscrit dans le "
            "cadre d'une stratégie plus large visant à concurrencer ses rivaux dans la course à l'IA. "
            "En effet, au début de l'année 2024, Mark Zuckerberg a expliqué comment Meta va écraser Google "
            "et Microsoft dans le domaine de l'IA , en mettant l'accent sur l'exploitation de ses vastes "
            "actifs de données."
        ),
        (
            "Dans le cadre du récent investissement de Meta Platforms, l'entreprise envisage la construction "
            "d'un centre de données de plus de 2 gigawatts qui serait suffisamment grand pour couvrir une "
            "grande partie de Manhattan. "
            "Meta, qui est l'un des plus gros clients des puces d'IA convoitées de Nvidia, prévoit de "
            "terminer l'année avec plus de 1,3 million de processeurs graphiques."
        ),
        (
            "« Ce sera une année déterminante pour l'IA », a déclaré Mark Zuckerberg dans un message publié "
            "sur Facebook. "
            "« Il s'agit d'un effort massif qui, dans les années à venir, sera au cœur de nos produits et de "
            "nos activités. »"
        ),
        (
            "Mark Zuckerberg s'attend à ce que l'assistant d'IA de Meta - disponible sur l'ensemble de ses "
            "services, y compris Facebook et Instagram - serve plus d'un milliard de personnes en 2025, "
            "tandis que son Llama 4 open-source deviendrait le « principal modèle de pointe »."
        ),
        "Les actions de la société étaient en hausse de 1,6 % au début des échanges.",
        (
            "Les grandes entreprises technologiques ont investi des dizaines de milliards de dollars pour "
            "développer des infrastructures liées à l'IA après que le succès fulgurant de ChatGPT d'OpenAI a "
            "mis en évidence le potentiel de la technologie."
        ),
        (
            "Le président américain Donald Trump a annoncé mardi 21 janvier qu'OpenAI, SoftBank Group et "
            "Oracle formeront une entreprise appelée Stargate et investiront 500 milliards de dollars dans "
            "des infrastructures d'IA à travers les États-Unis."
        ),
        (
            "Au début du mois, Microsoft a déclaré qu'il prévoyait d'investir environ 80 milliards de "
            "dollars au cours de l'exercice 2025 pour développer les centres de données, tandis "
            "qu'Amazon.com a déclaré que ses dépenses d'investissement pour 2025 seraient plus élevées que "
            "les 75 milliards de dollars estimés pour 2024."
        ),
        (
            "Les dépenses d'investissement prévues par Meta, qui pourraient atteindre 65 milliards de "
            "dollars, représenteraient un bond significatif par rapport aux dépenses d'investissement "
            "estimées entre 38 et 40 milliards de dollars pour l'année dernière."
        ),
        (
            "Dans le cadre des efforts en matière d'IA, la société a également déclaré qu'elle construirait "
            "une IA ingénieur qui commencera à contribuer à des quantités croissantes de code pour ses "
            "efforts de recherche et de conception. "
            "Meta continuera aussi à développer les équipes travaillant sur les services d'IA."
        ),
        (
            "Alors que Meta poursuit ses initiatives, Mark Zuckerberg envisage un avenir où l'IA sera un "
            "outil qui permettra d'améliorer la productivité. "
            "Il affirme notamment que l'IA pourra bientôt faire le travail des ingénieurs de niveau "
            "intermédiaire de Meta , ce qui stimulera la productivité dans l'ensemble de l'entreprise."
        ),
        (
            "Malgré les inquiétudes du secteur technologique quant à l'influence croissante de la "
            "technologie, Mark Zuckerberg adopte la même position que d'autres leaders du secteur, tels que "
            "Bill Gates et Linus Torvalds, en considérant l'IA comme un moyen d'améliorer le travail humain "
            "plutôt que de le remplacer."
        ),
    ],
    "002_5cd6932bcf9ddbb7.txt": [
        "Meta affiche un engagement fort pour améliorer ses capacités en intelligence artificielle (IA).",
        (
            "Récemment, son PDG, Mark Zuckerberg, a annoncé le projet ambitieux de l’entreprise d’investir "
            "plus de 5 gigawatts (GW) dans la puissance de calcul de l’IA au cours des prochaines années."
        ),
        "Expansion stratégique de Meta : investir des centaines de milliards dans l’IA",
        (
            "Ces derniers mois, Meta a affirmé sa domination dans le secteur de l’IA en augmentant "
            "considérablement ses investissements dans les infrastructures et le recrutement de talents. "
            "L’entreprise a constitué une équipe d’élite en IA au sein de ses Superintelligence Labs, "
            "dirigée par Zuckerberg, qui compte parmi les experts les plus reconnus du secteur. "
            "Cette orientation stratégique vers le développement des capacités de calcul de l’IA souligne la "
            "volonté de Meta de non seulement être compétitif, mais aussi de dominer un secteur "
            "technologique en constante évolution."
        ),
        (
            "Dans le cadre de cet investissement, Meta prévoit d’allouer 65 milliards de dollars en dépenses "
            "d’investissement (CapEX) à des initiatives d’IA d’ici la fin de l’année, notamment le lancement "
            "de clusters d’IA « multi-GW »."
        ),
        (
            "La première de ces innovations, baptisée Prometheus, devrait être opérationnelle en 2026, "
            "tandis qu’un autre projet majeur, Hyperion, vise à étendre la capacité de calcul de l’IA à 5 GW "
            "dans les années à venir. "
            "Par ailleurs, la création prévue de plusieurs clusters par Meta témoigne de sa détermination à "
            "surpasser les géants de la tech actuels en termes de puissance de calcul."
        ),
        (
            "Pour mettre en perspective ce projet colossal, rappelons qu’El Capitan, l’un des "
            "supercalculateurs les plus rapides au monde, consomme environ 30 mégawatts. "
            "En revanche, les clusters proposés par Meta devraient nécessiter une consommation d’énergie "
            "environ 160 fois supérieure. "
            "Il s’agit d’une avancée majeure qui témoigne de la volonté de Meta d’améliorer le paradigme "
            "actuel de l’IA grâce à ses modèles Llama avancés."
        ),
        (
            "Au sein de Superintelligence Labs, Meta a recruté avec succès des talents de premier plan, dont "
            "Alexandr Wang, ancien PDG de Scale AI, ainsi que d’éminents chercheurs d’OpenAI. "
            "Cette acquisition a suscité la controverse dans le secteur, avec des accusations de "
            "détournement de talents."
        ),
        (
            "À ce stade, Zuckerberg envisage d’investir « des centaines de milliards » "
            "dans l’IA, espérant ainsi s’implanter solidement dans le secteur de l’intelligence artificielle "
            "générale (IAG) avant les autres grandes entreprises technologiques."
        ),
    ],
    "003_f4e52bb3d930e5e2.txt": [
        (
            "L'annonce lors de l'investiture du président Trump du projet Stargate et son mirobolant chiffre "
            "de 500 milliards de dollars consacrés au développement d'une infrastructure IA géante a fait "
            "forte impression sur les intentions des Etats-Unis de prendre l'ascendant sur le reste du monde "
            "en matière d'intelligence artificielle."
        ),
        (
            "Toutefois, l'initiative semble être entièrement tournée vers l'ambition de Sam Altman et "
            "d'OpenAI de devenir l'acteur incontournable du secteur. "
            "Dans le même temps, les autres poids lourds de l'IA ne perdent pas de vue leurs propres "
            "objectifs et comptent également densifier leur propre infrastructure."
        ),
        (
            "Dans la foulée de Microsoft qui a annoncé en début d'année un énorme investissement de 80 "
            "milliards de dollars pour renforcer les capacités de ses datacenters, le groupe Meta dévoile à "
            "son tour son intention de dépenser quelque 65 milliards de dollars cette année pour consolider "
            "son infrastructure IA."
        ),
        (
            "C'est beaucoup plus que les 40 milliards de dollars investis l'an dernier et au-delà des 50 "
            "milliards pressentis par les analystes."
        ),
        "Meta pleinement engagé dans la course à l'IA",
        (
            "La course à la puissance de l'IA bat son plein et Meta ne veut pas être distancée. "
            "Dans cette course au gigantisme, la firme prévoit de mettre sur pied un énorme datacenter "
            "consommant 2 GW d'énergie, soit tout de même l'équivalent de 2 réacteurs nucléaires de type EPR."
        ),
        (
            "Selon Reuters, Meta compte disposer de 1,3 million d'accélérateurs IA (provenant "
            "majoritairement de Nvidia) d'ici la fin de l'année et de disposer d'une puissance de calcul de "
            "1 GW disponible, tout en accélérant les embauches dans le domaine de l'intelligence "
            "artificielle."
        ),
        "Ray-Ban Meta, l'IA est déjà presque partout",
        (
            "Mark Zuckerberg, patron de Meta, indique ainsi que ce très gros effort d'investissement "
            "alimentera le développement de ses produits et services pour les années à venir."
        ),
        (
            "Le groupe Amazon, plus discret sur ses projets IA, ne dérogera pas à la règle de "
            "l'investissement dans les infrastructures avec là encore un montant très conséquent qui sera "
            "supérieur aux 75 milliards de dollars déjà dépensés en 2024."
        ),
        "Progrès à marche forcée ou fuite en avant ?",
        (
            "Aucun acteur ne veut être laissé en arrière. "
            "Si les géants du Web peuvent investir directement, OpenAI, plus petit, a trouvé cette parade du "
            "projet Stargate pour ne pa se laisser distancer mais il faudra encore concrétiser les promesses."
        ),
        (
            "Or, le premier fonds de 100 milliards de dollars ne serait pas sécurisé et Elon Musk, "
            "adversaire de Sam Altman et lui-même engagé dans la course à l'IA avec son entreprise x.AI et "
            "l'IA Grok, n'a pas manqué de le faire remarquer."
        ),
        (
            "Pour les observateurs, l'annonce de Meta quelques jours après celle de Stargate n'est pas "
            "anodine et vise à rappeler que l'entreprise est pleinement engagée dans ce domaine aux chiffres "
            "étourdissants."
        ),
        (
            "Tout aussi impressionnantes seront les ressources nécessaires pour renforcer les capacités IA "
            "de chacun, avec des arbitrages à venir sur les approvisionnements en énergie, matières "
            "premières et eau."
        ),
        (
            "Et ce alors que pointe déjà le risque d'une stagnation de la progression des IA après avoir "
            "consommé l'ensemble des données humaines disponibles et tandis que les engagements climatiques "
            "passent au second plan."
        ),
    ],
    "004_8d7098db96789ba4.txt": [
        "Le créateur de Meta s'engage dans la voie de l'IA pour stimuler la croissance de l'entreprise...",
        (
            "Aucune personnalité du monde de la technologie n'a été aussi confiante dans les possibilités de "
            "la réalité virtuelle que Mark Zuckerberg. "
            "Le patron de Meta est en même temps la face visible de l'engagement du secteur en faveur de la "
            "réalité augmentée, ce qui a entraîné la perte de centaines de milliards d'euros. "
            "Cependant, après avoir vu les possibilités de l'IA, Zuckerberg a l'intention d'augmenter les "
            "dépenses à des niveaux de plusieurs millions de dollars pour élever les capacités de son "
            "entreprise."
        ),
        (
            "Comme le souligne Reuters, Meta prévoit de dépenser 62 milliards d'euros cette année pour "
            "développer son infrastructure d'intelligence artificielle. "
            "Cet investissement vise à renforcer la position de Meta face à des rivaux tels qu'OpenAI et "
            "Google dans la course à la domination de la technologie de l'IA."
        ),
        (
            "En fait, dans le cadre de cet investissement, Meta construira des centres de données de plus de "
            "2 gigawatts, assez grands pour couvrir une grande partie de Manhattan. "
            "Ainsi, Meta prévoit de terminer l'année avec plus de 1,3 million de processeurs graphiques et "
            "d'ajouter 1 gigawatt de capacité de calcul d'ici 2025."
        ),
        "Meta vise un milliard d'utilisateurs",
        (
            "L'entreprise a développé des outils clés pour l'industrie, tels que son chatbot IA, les "
            "lunettes intelligentes Ray-Ban et une approche open source qui permet aux consommateurs et aux "
            "entreprises d'utiliser gratuitement ses modèles Llama."
        ),
        (
            "Mark Zuckerberg s'attend donc à ce que l'assistant IA de Meta soit accessible à plus d'un "
            "milliard de personnes d'ici 2025, dépassant ainsi les 600 millions d'utilisateurs actifs "
            "mensuels de l'année dernière. "
            "Ce faisant, il relèvera la barre après les annonces d'investissement d'entreprises telles que "
            "Microsoft, qui prévoit de dépenser près de 80 milliards d'euros, et Amazon, qui dépensera plus "
            "de 70 milliards d'euros."
        ),
        (
            "En outre, l'annonce de Meta fait suite à la révélation qu'OpenAI, SoftBank et Oracle feront "
            "partie du projet Stargate, une initiative qui investira 500 milliards d'euros dans "
            "l'infrastructure de l'intelligence artificielle aux États-Unis. "
            "Les dépenses de Meta représentent donc un bond par rapport à l'année dernière, passant de 35 "
            "milliards d'euros à près du double. "
            "À la suite de cette annonce, les actions de l'entreprise ont augmenté de 1 %, car beaucoup ont "
            "interprété qu'elle ne voulait pas rester à la traîne dans la course à l'intelligence "
            "artificielle."
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_BODIES))
def test_seed_body_is_exactly_the_article(name: str) -> None:
    assert parse_plain_text(seed_text(name)).text.split("\n\n") == SEED_BODIES[name]


# Site chrome each seed carries, checked one by one so a failure names it.
SEED_CHROME = {
    "000_e3d4b392c949e465.txt": [
        "Cet article ne constitue pas un conseil en investissement",
        "ne détient aucune position",
        "Source et images",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée",
        "Les champs obligatoires sont indiqués avec *",
        "\n\nMark Zuckerberg\n\n",  # the image caption between two paragraphs
    ],
    "001_05e58e2dd3bddb76.txt": [
        "date 2025-01",
        "Quel est votre avis sur le sujet ?",
        "Trouvez-vous cette initiative de Meta crédible ou pertinente ?",
    ],
    "002_5cd6932bcf9ddbb7.txt": ["Laisser un commentaire"],
    "003_f4e52bb3d930e5e2.txt": ["date 2025-01"],
    "004_8d7098db96789ba4.txt": [
        "Tech",
        "Publié le",
        "Par Mathis Ferrut",
        "Journaliste télé",
        "Passionné par le monde des médias",
        "Il est une véritable encyclopédie",
        "Il est aussi un fan de sport",
        "© Action Press / Bestimage",
        "se lance dans un nouveau projet dingue",
        "La suite après la publicité",
        ">>",
        "<<",
        "Vous n'allez pas le croire",
        "Les milliardaires portent les mêmes vêtements",
        "Justine Musk",
        "Article écrit en collaboration avec nos collègues de 3D Juegos",
        "À propos de",
        "Tous les articles",
        "Mots clés",
        "Tendances",
        "Voir tous les people",
        "Sur le même thème",
        "Les articles similaires",
        "Dernières actualités",
        "Dernières news",
        "play_circle",
        "CINÉ SÉRIE",
        "Netflix",
        "Delphine Wespiser",
        "7 avril 2024",
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_CHROME))
def test_seed_chrome_is_gone_from_text_and_markdown(name: str) -> None:
    document = parse_plain_text(seed_text(name))
    for chrome in SEED_CHROME[name]:
        assert chrome not in f"\n\n{document.text}\n\n", chrome
        assert chrome not in f"\n\n{document.markdown}\n\n".replace("\\", ""), chrome


def test_seeds_lose_nothing_to_lines_repeated_across_them() -> None:
    """The import pipeline passes the lines repeated across a folder: the seeds share none."""
    texts = {name: seed_text(name) for name in SEED_BODIES}
    repeated = repeated_lines(texts.values())
    for name, text in texts.items():
        assert parse_plain_text(text, repeated_lines=repeated).text.split("\n\n") == SEED_BODIES[name]


SEED_HEADINGS = {
    "000_e3d4b392c949e465.txt": ["2025 : l’année charnière pour l’IA, selon Zuckerberg"],
    "002_5cd6932bcf9ddbb7.txt": ["Expansion stratégique de Meta : investir des centaines de milliards dans l’IA"],
    "003_f4e52bb3d930e5e2.txt": [
        "Meta pleinement engagé dans la course à l'IA",
        "Ray-Ban Meta, l'IA est déjà presque partout",
        "Progrès à marche forcée ou fuite en avant ?",
    ],
    "004_8d7098db96789ba4.txt": ["Meta vise un milliard d'utilisateurs"],
}


@pytest.mark.parametrize("name", sorted(SEED_BODIES))
def test_seed_markdown_shows_the_body_with_its_subheadings(name: str) -> None:
    document = parse_plain_text(seed_text(name))
    headings = [block[3:] for block in document.markdown.split("\n\n") if block.startswith("## ")]
    assert headings == SEED_HEADINGS.get(name, [])
    plain = [block.removeprefix("## ") for block in document.markdown.split("\n\n")]
    assert plain == SEED_BODIES[name]  # the seeds contain no character Markdown needs escaped


# --- glued sentences ----------------------------------------------------------------


def paragraphs(body: str) -> list[str]:
    return parse_plain_text(f"Un titre de quatre mots\n{body}").text.split("\n\n")


def test_glued_sentences_are_split_into_paragraphs() -> None:
    assert paragraphs("Une phrase sur les données.Dans le cadre du projet, rien.") == [
        "Une phrase sur les données.",
        "Dans le cadre du projet, rien.",
    ]
    assert paragraphs("Une longue phrase ici pour le test.« Ce sera une année », a-t-il dit. »Mark parle.") == [
        "Une longue phrase ici pour le test.",
        "« Ce sera une année », a-t-il dit. »",
        "Mark parle.",
    ]
    assert paragraphs("Que faut-il en penser ?Trouvez-vous cela utile ?Personne.À ce stade, rien.") == [
        "Que faut-il en penser ?",
        "Trouvez-vous cela utile ?",
        "Personne.",
        "À ce stade, rien.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Amazon.com a déclaré des dépenses plus élevées que prévu cette année.",
        "Elon Musk a fondé x.AI et lancé l'IA Grok l'an dernier, sans succès.",
        "Meta Platforms disposera de 1,3 million de GPU, soit 1.5 fois plus.",
        "M. Dupont et Mme Martin ont rencontré M.Durand au siège parisien du groupe.",
        "The U.S. market grew while the U.S.Army kept its budget at $1.5bn.",
    ],
)
def test_names_numbers_and_abbreviations_are_not_split(sentence: str) -> None:
    assert paragraphs(sentence) == [sentence]


# --- dates and bylines in the header ---------------------------------------------------


def header(*lines: str) -> str:
    body = "Meta a annoncé mardi un plan d'investissement de grande ampleur dans l'intelligence artificielle."
    return "\n".join(["Meta dévoile son budget pour l'IA", *lines, body])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date 2025-01", "2025-01"),
        ("Publié le 28 janvier 2025 à 18:07", "2025-01-28T18:07:00"),
        ("Publié le 28 janvier 2025 à 18h07", "2025-01-28T18:07:00"),
        ("Mis à jour le 29 janvier 2025 à 09:30", "2025-01-29T09:30:00"),
        ("Le 1er février 2025", "2025-02-01"),
        ("2025-01-28", "2025-01-28"),
        ("2025-01-28T18:07:00Z", "2025-01-28T18:07:00+00:00"),
        ("Published January 28, 2025", "2025-01-28"),
        ("Jan 28, 2025 6:07 PM", "2025-01-28T18:07:00"),
        ("28 Jan 2025", "2025-01-28"),
        ("Updated: Tuesday, January 28, 2025 at 9:15 am GMT", "2025-01-28T09:15:00"),
        ("28/01/2025", "2025-01-28"),
    ],
)
def test_header_dates(line: str, expected: str) -> None:
    document = parse_plain_text(header(line))
    assert document.published == expected
    assert document.text.startswith("Meta a annoncé mardi")  # the date line is gone


def test_published_wins_over_updated() -> None:
    document = parse_plain_text(header("Mis à jour le 3 février 2025 à 10h15", "Publié le 2 février 2025 à 18h30"))
    assert document.published == "2025-02-02T18:30:00"


def test_a_date_inside_the_article_is_not_taken() -> None:
    text = header() + "\nLe 28 janvier 2025, Meta a confirmé ce chiffre devant les analystes réunis à New York."
    document = parse_plain_text(text)
    assert document.published is None
    assert "Le 28 janvier 2025, Meta a confirmé" in document.text


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Par Mathis Ferrut | Journaliste télé, people, télé-réalité", "Mathis Ferrut"),
        ("By Jane Doe", "Jane Doe"),
        ("Par Jane Doe et John Smith", "Jane Doe et John Smith"),
        ("By Daniel Okafor and Priya Raman, Business Desk", "Daniel Okafor and Priya Raman"),
        ("Posted on March 3, 2024 by Sarah Whitfield", "Sarah Whitfield"),
        ("Par Anne-Sophie de La Tour, publié le 2 février 2025", "Anne-Sophie de La Tour"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    document = parse_plain_text(header(line))
    assert document.author == author
    assert document.text.startswith("Meta a annoncé mardi")


def test_a_sentence_starting_with_par_is_not_a_byline() -> None:
    text = "Meta dévoile son budget pour l'IA\nPar ailleurs, Meta a confirmé son budget devant les analystes."
    document = parse_plain_text(text)
    assert document.author is None
    assert document.text == "Par ailleurs, Meta a confirmé son budget devant les analystes."


def test_the_bio_after_a_byline_is_dropped_but_a_lede_is_kept() -> None:
    text = header(
        "By Jane Doe",
        "Jane Doe is a senior reporter covering technology. She has written for several magazines and "
        "is a passionate cyclist.",
    )
    assert parse_plain_text(text).text.startswith("Meta a annoncé mardi")
    lede = "Le créateur de Meta s'engage dans la voie de l'IA pour stimuler la croissance de l'entreprise..."
    assert parse_plain_text(header("Par Jane Doe", lede)).text.startswith(lede)


def test_find_and_parse_dates() -> None:
    assert parse_date("31 février 2025") is None  # not a real day
    assert parse_date("rien") is None
    assert [value for _, _, value in find_dates("du 2 mars 2024 au 2025-04-05")] == ["2024-03-02", "2025-04-05"]


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t\n  ", "\x1b[31m\x00\n", "Advertisement\nShare this article\n"])
def test_nothing_left_raises_a_one_line_ingest_error(text: str) -> None:
    with pytest.raises(IngestError, match=r"^no article text "):
        parse_plain_text(text)


def test_control_characters_are_stripped() -> None:
    document = parse_plain_text("Un titre \x1b[2Jpropre ici\nUn corps\x07 de texte avec\x00 assez de mots.")
    assert document.title == "Un titre propre ici"
    assert document.text == "Un corps de texte avec assez de mots."


def test_a_line_of_punctuation_alone_keeps_it_as_its_title() -> None:
    document = parse_plain_text(";")
    assert document.title == ";" and document.text == ";"


@given(st.text(max_size=400))
def test_any_text_parses_or_raises_ingest_error(text: str) -> None:
    try:
        document = parse_plain_text(text)
    except IngestError as error:
        assert str(error).startswith("no article text ")
        return
    assert document.title.strip()  # the text may be empty: a headline-only item
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", document.title + document.text + document.markdown)
    assert "\n\n\n" not in document.text


def test_escape_markdown_is_exported() -> None:
    assert escape_markdown("# titre") == "\\# titre"


def test_a_headline_only_item_keeps_its_title_with_an_empty_body() -> None:
    # Real corpus item: the feed's summary repeats the headline.
    document = parse_plain_text(
        "Bonsoir Lyon : le JT du 15/02/2023\n2023-02-15\n\nBonsoir Lyon : le JT du 15/02/2023\n"
    )
    assert document.title == "Bonsoir Lyon : le JT du 15/02/2023"
    assert document.published == "2023-02-15"
    assert document.text == ""


def test_a_file_that_is_one_short_line_has_that_line_whole_as_its_title() -> None:
    # Real Google News FR headline (../shared/data/stories): its first sentence alone is a quote.
    headline = '"On a vu deux hommes allonges au sol." Un tireur fait deux blesses devant une mosquee a Brest'
    document = parse_plain_text(f"{headline}\n")
    assert document.title == headline and document.text == headline
    long_line = "Une phrase. " + "Et une autre bien plus longue qui continue encore " * 4
    assert parse_plain_text(long_line).title == "Une phrase"


def test_a_question_that_is_the_whole_article_is_kept() -> None:
    # Real corpus item (20min.ch poll): the only paragraph ends by asking the reader.
    body = (
        "Le 22 octobre 2023 auront lieu les élections au Conseil National et au Conseil des États. "
        "Pour qui donneriez-vous votre voix aujourd’hui?"
    )
    document = parse_plain_text(f"Pour quel parti voteriez-vous aujourd’hui?\n2023-02-15\n\n{body}\n")
    assert document.text == body
