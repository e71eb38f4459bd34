"""What the sources of a story say about the same facts, disagreements flagged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.content import Content
from textual.widgets import Static

from reader.stories.facts import Fact
from reader.tui.paint import paint
from reader.tui.text import one_line

AGREED_MARK = "✓"
DISPUTED_MARK = "⚠"
NOTHING_TO_COMPARE = "No figure is given by more than one source."
_INDENT = "\N{NO-BREAK SPACE}" * 11  # plain spaces at the start of a line are dropped when it is drawn


class FigureComparison(Static):
    """The facts of a story (``reader.stories.story_figures``), one line per value.

    Each value lists the articles that give it by their label (``labels``
    maps an article id to it, such as its row number in the story's table).
    A fact its sources tell differently (other values, other currencies) is
    marked and coloured.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "figure-comparison--agreed",
        "figure-comparison--disputed",
        "figure-comparison--label",
        "figure-comparison--sources",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: Sequence[Fact] = []
        self.labels: Mapping[int, str] = {}

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._draw)

    def show_facts(self, facts: Sequence[Fact], labels: Mapping[int, str]) -> None:
        """Show ``facts``, citing articles by ``labels``."""
        self.facts, self.labels = facts, labels
        self._draw()

    def _draw(self) -> None:
        facts, labels = self.facts, self.labels
        if not facts:
            self.update(Content.styled(NOTHING_TO_COMPARE, "italic"))
            return
        self.update(paint(self, Content("\n").join(_fact_lines(fact, labels) for fact in facts)))


def _fact_lines(fact: Fact, labels: Mapping[int, str]) -> Content:
    flags = fact.flags
    mark, state = (DISPUTED_MARK, "disputed") if flags else (AGREED_MARK, "agreed")
    heading = Content.assemble(
        (f"{mark} ", f".figure-comparison--{state}"),
        (one_line(fact.label), ".figure-comparison--label"),
    )
    values = [_value_line(amount, articles, labels) for amount, articles in fact.values_given()]
    if flags:
        heading += Content.styled(f"  {' · '.join(flags)}", ".figure-comparison--disputed")
    branches = [_INDENT + "├ "] * (len(values) - 1) + [_INDENT + "└ "]
    return Content("\n").join(
        [heading, *(Content(branch) + line for branch, line in zip(branches, values, strict=False))]
    )


def _value_line(amount: str, articles: Sequence[int], labels: Mapping[int, str]) -> Content:
    order = list(labels)
    cited = sorted(articles, key=lambda article: order.index(article) if article in labels else len(order))
    sources = " ".join(labels.get(article, f"#{article}") for article in cited)
    return Content.assemble(one_line(amount).ljust(24), "  ", (sources, ".figure-comparison--sources"))
