"""What the sources of a story say about the same facts, disagreements flagged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from textual.content import Content
from textual.widgets import Static

from reader.tui.paint import paint
from reader.tui.text import one_line
from reader.tui.widgets.figures_table import readable_number

AGREED_MARK = "✓"
DISPUTED_MARK = "⚠"
NOTHING_TO_COMPARE = "No figure is given by more than one source."
_INDENT = "\N{NO-BREAK SPACE}" * 11  # plain spaces at the start of a line are dropped when it is drawn


class FigureComparison(Static):
    """The facts of a story (``reader.stories.story_figures``), one line per value.

    Each value lists the articles that give it by their label (``labels``
    maps an article id to it, such as its row number in the story's table).
    A disputed fact, told differently by its sources, is marked and coloured.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "figure-comparison--agreed",
        "figure-comparison--disputed",
        "figure-comparison--kind",
        "figure-comparison--sources",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: Sequence[Mapping[str, Any]] = []
        self.labels: Mapping[int, str] = {}

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda: self.call_after_refresh(self._draw), init=False)

    def show_facts(self, facts: Sequence[Mapping[str, Any]], labels: Mapping[int, str]) -> None:
        """Show ``facts``, citing articles by ``labels``."""
        self.facts, self.labels = facts, labels
        self._draw()

    def _draw(self) -> None:
        facts, labels = self.facts, self.labels
        if not facts:
            self.update(Content.styled(NOTHING_TO_COMPARE, "italic"))
            return
        self.update(paint(self, Content("\n").join(_fact_lines(fact, labels) for fact in facts)))


def _fact_lines(fact: Mapping[str, Any], labels: Mapping[int, str]) -> Content:
    disputed = bool(fact.get("disputed"))
    mark, state = (DISPUTED_MARK, "disputed") if disputed else (AGREED_MARK, "agreed")
    heading = Content.assemble(
        (f"{mark} ", f".figure-comparison--{state}"),
        (f"{one_line(str(fact.get('kind', ''))):<11}", ".figure-comparison--kind"),
    )
    values = [_value_line(value, labels) for value in fact.get("values", [])]
    if disputed:
        heading += Content.styled("the sources disagree", ".figure-comparison--disputed")
        branches = [_INDENT + "├ "] * (len(values) - 1) + [_INDENT + "└ "]
        return Content("\n").join([heading, *(Content(branch) + line for branch, line in zip(branches, values))])
    return heading + Content("\n").join(values)


def _value_line(value: Mapping[str, Any], labels: Mapping[int, str]) -> Content:
    number = value.get("value")
    shown = readable_number(number) if isinstance(number, (int, float)) else ""
    unit = one_line(value.get("unit"))
    order = list(labels)
    articles = sorted(value.get("articles", []), key=lambda article: order.index(article) if article in labels else len(order))
    cited = " ".join(labels.get(article, f"#{article}") for article in articles)
    return Content.assemble(f"{shown} {unit}".strip().ljust(24), "  ", (cited, ".figure-comparison--sources"))
