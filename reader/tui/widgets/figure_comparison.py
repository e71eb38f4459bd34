"""What the sources of a story say about the same facts, disagreements flagged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from textual.content import Content
from textual.widgets import Static

from reader.tui.text import one_line
from reader.tui.widgets.figures_table import readable_number

AGREED_MARK = "✓"
DISPUTED_MARK = "⚠"
NOTHING_TO_COMPARE = "No figure is given by more than one source."


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

    def show_facts(self, facts: Sequence[Mapping[str, Any]], labels: Mapping[int, str]) -> None:
        """Show ``facts``, citing articles by ``labels``."""
        if not facts:
            self.update(Content.styled(NOTHING_TO_COMPARE, "italic"))
            return
        self.update(Content("\n").join(_fact_lines(fact, labels) for fact in facts))


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
        return Content("\n").join([heading, *(Content("    ") + line for line in values)])
    return heading + Content("\n").join(values)


def _value_line(value: Mapping[str, Any], labels: Mapping[int, str]) -> Content:
    number = value.get("value")
    shown = readable_number(number) if isinstance(number, (int, float)) else ""
    unit = one_line(value.get("unit"))
    cited = " ".join(labels.get(article, f"#{article}") for article in value.get("articles", []))
    return Content.assemble(f"{shown} {unit}".strip().ljust(24), "  ", (cited, ".figure-comparison--sources"))
