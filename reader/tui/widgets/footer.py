"""The footer of every screen: Textual's, with ``? Help`` first so that a narrow terminal never cuts it off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "question_mark"
COMPACT_BELOW = 100
"""Columns under which the keys are drawn closer together."""


class ReaderFooter(Footer):
    """The keys of the screen, the help key first; compact under :data:`COMPACT_BELOW` columns."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        keys.sort(key=lambda widget: not (isinstance(widget, FooterKey) and widget.key == HELP_KEY))
        yield from keys

    def on_resize(self) -> None:
        self.compact = self.size.width < COMPACT_BELOW
