"""The reader's Textual application: thin on purpose; the screens do the work."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from reader.paths import assets_dir
from reader.tui import keys
from reader.tui.screens import HelpScreen, LibraryScreen


class ReaderApp(App[None]):
    """Browse and read the library stored at ``db_path``."""

    TITLE = "reader"
    CSS_PATH: ClassVar = [assets_dir() / "app.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = keys.APP

    def __init__(self, db_path: Path | str) -> None:
        super().__init__()
        self.db_path = Path(db_path)

    def get_default_screen(self) -> Screen:
        return LibraryScreen(self.db_path)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show every key and what it does", self.action_help)

    def action_help(self) -> None:
        """Show the help, unless it is already showing."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
