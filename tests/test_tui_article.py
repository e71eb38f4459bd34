"""The article view, driven with Pilot on real libraries: figures lit up, searched words, the figures table."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.widget import Widget

from reader.models import Article, ParsedDocument, RawInput
from reader.operations import store_document
from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen
from reader.tui.screens.article import ArticleClosed
from reader.tui.widgets import ArticleBody, ArticleView, FiguresTable
from reader.tui.widgets.article_body import BodyBlock
from tests.builders import SEEDS
from tests.tui_helpers import SIZE, notifications, rendered, settle

pytestmark = pytest.mark.asyncio

FIGURE_KINDS = ("money", "percent", "quantity", "multiplier", "date")


def seed_article(db_path: Path, file_name: str) -> Article:
    """The list's copy (no body) of the seed article imported from ``file_name``."""
    with Library(db_path) as library:
        stored = library.find_by_path(str(SEEDS / file_name))
        assert stored is not None
        article = library.get_article(stored.article_id, with_body=False)
    assert article is not None
    return article


async def open_article(
    app: ReaderApp, pilot, db_path: Path, article: Article, query: str | None = None
) -> ArticleScreen:
    await settle(pilot)
    screen = ArticleScreen(db_path, article, query=query)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


def styles_of(widget: Widget, text: str, occurrence: int = 0) -> set[Style]:
    """The styles of the characters of ``text`` as ``widget`` draws it (lines wrapped back together)."""
    drawn: list[tuple[str, Style | None]] = []
    for strip in widget.render_lines(widget.size.region):
        line = [(char, segment.style) for segment in strip for char in segment.text]
        while line and line[-1][0] == " ":
            line.pop()
        drawn += [*line, (" ", None)]
    plain = "".join(char for char, _ in drawn)
    start = -1
    for _ in range(occurrence + 1):
        start = plain.index(text, start + 1)
    return {style for _, style in drawn[start : start + len(text)] if style is not None}


def block_with(screen: ArticleScreen, text: str) -> BodyBlock:
    return next(block for block in screen.query(BodyBlock) if text in " ".join(rendered(block).split()))


def kind_style(screen: ArticleScreen, kind: str) -> Style:
    """How the body draws a figure of ``kind`` (its component class, resolved)."""
    return screen.query_one(ArticleBody).get_visual_style(f"article-body--{kind}").rich_style


def colours(styles: set[Style]) -> set[tuple[object, object]]:
    return {(style.color, style.bgcolor) for style in styles}


async def test_key_figures_are_lit_up_by_kind(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, seeded, seed_article(seeded, "000_e3d4b392c949e465.txt"))
        money, percent, multiplier = (kind_style(screen, kind) for kind in ("money", "percent", "multiplier"))
        assert colours(styles_of(block_with(screen, "38 milliards de dollars"), "38 milliards de dollars")) == {
            (money.color, money.bgcolor)
        }
        assert colours(styles_of(block_with(screen, "1, 5 fois"), "1, 5 fois")) == {
            (multiplier.color, multiplier.bgcolor)
        }
        assert colours(styles_of(block_with(screen, "1, 4 %"), "1, 4 %")) == {(percent.color, percent.bgcolor)}
        # The words around a figure are plain text.
        plain = styles_of(block_with(screen, "dépensés par Meta"), "dépensés par Meta")
        assert not colours(plain) & {(money.color, money.bgcolor), (multiplier.color, multiplier.bgcolor)}
        # Every stored figure was found in the text shown.
        with Library(seeded) as library:
            assert len(screen.query_one(ArticleBody).reading.figure_marks) == len(library.figures(screen.article.id))

        screen = await open_article(app, pilot, seeded, seed_article(seeded, "004_8d7098db96789ba4.txt"))
        money = kind_style(screen, "money")
        drawn = styles_of(block_with(screen, "62 milliards d'euros cette année"), "62 milliards d'euros")
        assert colours(drawn) == {(money.color, money.bgcolor)}


@pytest.mark.parametrize(
    "theme", ["textual-dark", "textual-light", "nord", "gruvbox", "catppuccin-latte", "solarized-light"]
)
async def test_each_kind_has_its_own_colours_in_dark_and_light_themes(seeded: Path, theme: str) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        screen = await open_article(app, pilot, seeded, seed_article(seeded, "000_e3d4b392c949e465.txt"))
        styles = [kind_style(screen, kind) for kind in FIGURE_KINDS]
        assert len({(style.color, style.bgcolor) for style in styles}) == len(FIGURE_KINDS)
        text = screen.query_one(ArticleBody).get_visual_style().rich_style
        for style in styles:
            assert style.color != text.bgcolor and style.bgcolor != style.color


async def test_the_searched_words_are_lit_up_and_n_goes_through_them(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        article = seed_article(seeded, "002_5cd6932bcf9ddbb7.txt")
        screen = await open_article(app, pilot, seeded, article, query="prometheus OR hyperion")
        body = screen.query_one(ArticleBody)
        term = kind_style(screen, "term")
        found = [body.reading.body.blocks[mark.block].plain[mark.start : mark.end] for mark in body.reading.term_marks]
        assert found == ["Prometheus", "Hyperion"]
        assert colours(styles_of(block_with(screen, "baptisée Prometheus"), "Prometheus")) == {
            (term.color, term.bgcolor)
        }

        await pilot.press("n")
        await settle(pilot)
        assert body.current == body.reading.term_marks[0]
        current = kind_style(screen, "current")
        assert colours(styles_of(block_with(screen, "baptisée Prometheus"), "Prometheus")) == {
            (current.color, current.bgcolor)
        }
        await pilot.press("n", "n")
        assert body.current == body.reading.term_marks[0]  # wraps around
        await pilot.press("N")
        assert body.current == body.reading.term_marks[1]


async def test_without_a_search_n_and_shift_n_go_from_figure_to_figure(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, seeded, seed_article(seeded, "000_e3d4b392c949e465.txt"))
        body = screen.query_one(ArticleBody)
        marks = body.reading.figure_marks
        await pilot.press("N")
        assert body.current == marks[-1]
        await pilot.press("n")
        assert body.current == marks[0]
        await pilot.press("n")
        assert body.current == marks[1]

        # Once the reader has scrolled away from the cursor, n goes on from what is in view.
        await pilot.press("G")
        await settle(pilot)
        view = screen.query_one(ArticleView)
        blocks = list(body.query_children(BodyBlock))
        in_view = [index for index, block in enumerate(blocks) if view.content_region.overlaps(block.region)]
        assert marks[1].block not in in_view
        await pilot.press("n")
        await settle(pilot)
        assert body.current == next(mark for mark in marks if mark.block >= in_view[0])


async def test_a_query_that_cannot_be_parsed_lights_up_nothing(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(
            app, pilot, seeded, seed_article(seeded, "002_5cd6932bcf9ddbb7.txt"), query='"[bold" AND ('
        )
        assert isinstance(app.screen, ArticleScreen)
        assert "Meta affiche" in rendered(screen.query_one(ArticleView))


async def test_the_figures_table_lists_the_figures_and_jumps_to_one(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_article(app, pilot, seeded, seed_article(seeded, "000_e3d4b392c949e465.txt"))
        table = screen.query_one(FiguresTable)
        view = screen.query_one(ArticleView)
        assert not table.display
        await pilot.press("f")
        await settle(pilot)
        assert table.display and app.focused is table
        with Library(seeded) as library:
            figures = library.figures(screen.article.id)
        assert table.row_count == len(figures)
        row = table.get_row_at(6)
        assert [cell.plain for cell in row] == ["1, 5 fois", "multiplier", "1.5", "x", "plus de"]
        assert "51 000 000 000 – 53 000 000 000" in [cell.plain for cell in table.get_row_at(3)][2].replace(
            "\u202f", " "
        )

        # The last figure is far down the text: choosing it scrolls there.
        assert view.scroll_y == 0
        await pilot.press(*["j"] * (len(figures) - 1), "enter")
        await settle(pilot)
        body = screen.query_one(ArticleBody)
        assert body.current is not None and body.current.figure == len(figures) - 1
        await settle(pilot)
        block = list(body.query_children(BodyBlock))[body.current.block]
        assert view.scroll_y > 0
        assert view.region.overlaps(block.region)

        await pilot.press("f")
        await settle(pilot)
        assert not table.display and app.focused is view
        await pilot.press("f", "escape")  # escape closes the table first, then the article
        await settle(pilot)
        assert not table.display and app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen


async def test_markup_and_escapes_in_the_text_stay_text_and_figures_next_to_them_are_lit(db_path: Path) -> None:
    hostile = (
        "Meta [bold red]x[/] spends 65 billion dollars [@click=app.quit]here[/] \x1b[31mnow\x1b[0m.\n\n"
        "A [script](javascript:alert(1)), a [file](ftp://example.org/f) and a [page](https://example.org/a)."
    )
    document = ParsedDocument(title="Hostile [b]title[/b]", text=hostile, markdown=hostile, url="https://example.org/h")
    with Library(db_path) as library:
        _, article_id = store_document(library, document, RawInput(hostile.encode(), "markdown", "utf-8"))
        article = library.get_article(article_id, with_body=False)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, db_path, article)
        shown = rendered(screen)
        assert "Meta [bold red]x[/] spends 65 billion dollars [@click=app.quit]here[/] now." in shown
        assert "Hostile [b]title[/b]" in shown and "\x1b" not in shown
        money = kind_style(screen, "money")
        assert colours(styles_of(screen.query(BodyBlock).first(), "65 billion dollars")) == {
            (money.color, money.bgcolor)
        }

        # The literal "[@click=app.quit]" does nothing when clicked; a link that is not a web address is refused.
        first = screen.query(BodyBlock).first()
        await pilot.click(first, offset=(rendered(first).index("[@click") + 3, 0))
        second = list(screen.query(BodyBlock))[1]
        assert "A [script](javascript:alert(1)), a file and a page." in rendered(second)  # never made a link
        await pilot.click(second, offset=(rendered(second).index("file") + 1, 0))
        await settle(pilot)
        assert app.return_code is None and app.screen is screen
        assert any("Not opening 'ftp://example.org/f'" in note for note in notifications(app))
        assert screen.query_one(ArticleBody).reading.body.links == ["ftp://example.org/f", "https://example.org/a"]


async def test_star_and_back_keep_the_list_contract(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        article = seed_article(seeded, "002_5cd6932bcf9ddbb7.txt")
        results: list[ArticleClosed] = []
        await settle(pilot)
        await app.push_screen(ArticleScreen(seeded, article), callback=results.append)
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "★ starred" in rendered(app.screen.query_one("#article-meta"))
        await pilot.press("escape")
        await settle(pilot)
    assert results[0].go == "back" and results[0].article.starred
    with Library(seeded) as library:
        assert library.get_article(article.id).starred


def long_markdown(chars: int) -> str:
    """A long French article of many short sections, each giving a few key figures."""
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        number = len(parts) // 2 + 1
        parts.append(f"## Le point numéro {number}")
        parts.append(
            f"Le chiffre d'affaires a atteint {number},5 milliards d'euros, en hausse de {number % 9 + 1} % "
            f"sur un an ; le groupe compte {number * 3} usines et veut installer 2 gigawatts d'ici à {2025 + number % 5}."
        )
    return "\n\n".join(parts)


async def test_a_long_article_opens_and_scrolls_to_its_end(db_path: Path) -> None:
    markdown = long_markdown(50_000)
    document = ParsedDocument(title="Une longue revue", text=markdown.replace("## ", ""), markdown=markdown)
    with Library(db_path) as library:
        _, article_id = store_document(library, document, RawInput(markdown.encode(), "markdown", "utf-8"))
        article = library.get_article(article_id)
    last_words = " ".join(article.markdown.split()[-4:])
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, db_path, article)
        body = screen.query_one(ArticleBody)
        assert body.reading.rest is not None  # the first part is shown, the rest comes as the reader goes on
        view = screen.query_one(ArticleView)
        for _ in range(10):  # G goes to the end of what is shown, and the next part follows
            await pilot.press("G")
            await settle(pilot)
            if body.reading.rest is None and view.scroll_y == view.max_scroll_y:
                break
        assert body.reading.rest is None and view.scroll_y == view.max_scroll_y > 0
        assert len(body.children) == len(body.reading.body.blocks) > 200
        assert len(body.reading.figure_marks) > 100
        assert last_words in " ".join(rendered(list(body.children)[-1]).split())


async def test_a_new_theme_recolours_the_figures(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-dark"
        screen = await open_article(app, pilot, seeded, seed_article(seeded, "004_8d7098db96789ba4.txt"))
        block = block_with(screen, "62 milliards d'euros cette année")
        dark = colours(styles_of(block, "62 milliards d'euros"))
        app.theme = "textual-light"
        await settle(pilot)
        money = kind_style(screen, "money")
        light = colours(styles_of(block, "62 milliards d'euros"))
        assert light == {(money.color, money.bgcolor)} and light != dark
