"""The key figures of an article as a table: as written, kind, value, unit, qualifier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

from reader.text.figures import KINDS, Figure
from reader.tui import keys
from reader.tui.text import one_line

_COLUMNS = (("As written", 30), ("Kind", 10), ("Value", 33), ("Unit", 14), ("Qualifier", 14))
# How narrow a column may get while the kind column stays, and once it has gone (its colour tells the kind).
_NARROW = {"As written": 20, "Kind": 10, "Value": 24, "Unit": 8, "Qualifier": 10}
_NARROWEST = {"As written": 12, "Value": 14, "Unit": 7, "Qualifier": 10}
_CELL_PADDING = 2  # DataTable's, per column


def column_widths(width: int) -> list[tuple[str, int]]:
    """The columns that fit in ``width`` cells, with their widths.

    The unit and the qualifier give way first, then the text and the value;
    below that the kind column goes (the colour of the text tells it), never
    the unit or the qualifier; what is left over widens the value and the text first.
    """
    full = dict(_COLUMNS)
    if sum(size + _CELL_PADDING for size in full.values()) <= width:
        return list(full.items())
    fits = sum(size + _CELL_PADDING for size in _NARROW.values()) <= width
    columns = dict(_NARROW if fits else _NARROWEST)
    spare = width - sum(size + _CELL_PADDING for size in columns.values())
    for label in ("Value", "As written", "Qualifier", "Unit"):
        grow = max(0, min(spare, full[label] - columns[label]))
        columns[label] += grow
        spare -= grow
    return [(label, columns[label]) for label, _ in _COLUMNS if label in columns]


def readable_number(value: float) -> str:
    """``value`` in full, digits grouped by three: ``62 000 000 000``, ``1.5``."""
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}".replace(",", "\N{NARROW NO-BREAK SPACE}")
    return f"{value:,.6g}".replace(",", "\N{NARROW NO-BREAK SPACE}")


def figure_value(figure: Figure) -> str:
    """What a figure says, normalised: a value, a range, or a date's ISO form."""
    if figure.kind == "date":
        return figure.unit or ""
    if figure.low is not None and figure.high is not None:
        return f"{readable_number(figure.low)} – {readable_number(figure.high)}"
    return readable_number(figure.value) if figure.value is not None else ""


def figure_unit(figure: Figure) -> str:
    """The currency or the unit (a date's is its value)."""
    return "" if figure.kind == "date" else figure.currency or figure.unit or ""


class FiguresTable(DataTable[Text]):
    """One row per figure, in text order; choosing a row posts :class:`FiguresTable.FigureChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FIGURES]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"figures-table--{kind}" for kind in KINDS}

    @dataclass
    class FigureChosen(Message):
        """The reader chose the figure at ``index`` in the table's list."""

        table: FiguresTable
        index: int

        @property
        def control(self) -> FiguresTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.figures: list[Figure] = []
        self._columns = list(_COLUMNS)

    def on_mount(self) -> None:
        self._add_columns()
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def on_resize(self) -> None:
        columns = column_widths(self.scrollable_content_region.width)
        if columns != self._columns:
            self._columns = columns
            self.clear(columns=True)
            self._add_columns()
            self._fill()

    def _add_columns(self) -> None:
        for label, width in self._columns:
            self.add_column(label, width=width)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._fill)

    def show_figures(self, figures: Sequence[Figure]) -> None:
        """List ``figures`` (in text order)."""
        self.figures = list(figures)
        self._fill()

    def _fill(self) -> None:
        cursor = self.cursor_row
        self.clear()
        shown = [label for label, _ in self._columns]
        for index, figure in enumerate(self.figures):
            style = self._kind_style(figure.kind)
            cells = {
                "As written": Text(one_line(figure.text), style=style if "Kind" not in shown else ""),
                "Kind": Text(figure.kind, style=style),
                "Value": Text(figure_value(figure)),
                "Unit": Text(figure_unit(figure)),
                "Qualifier": Text(figure.approx or ""),
            }
            for cell in cells.values():
                cell.no_wrap, cell.overflow = True, "ellipsis"
            self.add_row(*(cells[label] for label in shown), key=str(index))
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    def _kind_style(self, kind: str) -> Style:
        """The kind's colour, without a background (the row's shows through)."""
        full = self.get_component_rich_style(f"figures-table--{kind}")
        return Style(color=full.color, bold=full.bold)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.row_key.value is not None:
            self.post_message(self.FigureChosen(self, int(message.row_key.value)))
