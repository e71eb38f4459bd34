"""The reader's Textual application: thin on purpose; the screens do the work."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from platformdirs import user_downloads_path
from textual import on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer

from reader.config import Config, ConfigError, load_config
from reader.paths import assets_dir
from reader.tui import keys
from reader.tui.feed_refresh import FeedRefresh
from reader.tui.screens import HelpScreen, MainScreen
from reader.tui.work import notify_outcome
from reader.tui.writes import WriteQueue


def screenshot_folder() -> Path:
    """The folder screenshots go to: the user's Downloads folder, made if it does not exist, or one that does."""
    downloads = user_downloads_path()
    with contextlib.suppress(OSError):  # a read-only home: another folder will do
        downloads.mkdir(parents=True, exist_ok=True)
    for folder in (downloads, Path.cwd(), Path(tempfile.gettempdir())):
        if folder.is_dir() and os.access(folder, os.W_OK):
            return folder
    return Path(tempfile.gettempdir())


class ReaderApp(App[None]):
    """Browse and read the library stored at ``db_path``, with the user's theme and keymap.

    ``allow_import=False`` turns the ``a`` prompt off, so that nobody reading
    through ``reader serve`` from another machine can name files on this one.
    """

    TITLE = "reader"
    CSS_PATH: ClassVar = [assets_dir() / "app.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*keys.APP]

    def __init__(self, db_path: Path | str, *, allow_import: bool = True) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.allow_import = allow_import
        self.keymap: dict[str, str] = {}
        """The user's keys by binding id (from config.toml)."""
        self.writes = WriteQueue(self, self.db_path)
        """Every write of the app, in order."""
        self.feed_refresh = FeedRefresh(self, self.db_path)
        """The one feed refresh of the app."""
        self._refresh_timer: Timer | None = None

    def get_default_screen(self) -> Screen:
        return MainScreen(self.db_path, allow_import=self.allow_import)

    def on_mount(self) -> None:
        try:
            config = load_config()
        except ConfigError as error:
            self.notify(f"{error} (using the defaults)", title="Config", severity="error", timeout=10, markup=False)
            config = Config()
        self.apply_config(config)

    def apply_config(self, config: Config) -> None:
        """Use the config's keymap, theme and refresh period (an unknown theme is reported, the current one kept)."""
        self.keymap = config.keys
        self.set_keymap(config.keys)
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None
        if config.refresh_minutes:
            self._refresh_timer = self.set_interval(config.refresh_minutes * 60, self.feed_refresh.every)
        if config.theme and config.theme != self.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self.notify(
                    f"Unknown theme {config.theme!r} in the config (ctrl+p lists the themes)",
                    title="Config",
                    severity="error",
                    timeout=10,
                    markup=False,
                )

    @on(WriteQueue.Written)
    def _written(self, message: WriteQueue.Written) -> None:
        if message.then is not None:
            message.then(message.result)

    @on(WriteQueue.Failed)
    def _write_failed(self, message: WriteQueue.Failed) -> None:
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(FeedRefresh.Finished)
    def _refreshed(self, message: FeedRefresh.Finished) -> None:
        if message.asked or message.failures:
            notify_outcome(self, message.title, message.summary, message.failures, failed="feed")
        self.feed_refresh.finished.publish(message)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Textual's screenshot, saved where a folder exists: the Downloads folder (made if missing), else
        the working folder, else the temporary one (the notice says where)."""
        if path is None and not self.is_web:
            path = str(screenshot_folder())
        return super().deliver_screenshot(filename, path, time_format)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then every key binding active on ``screen``, by its description."""
        yield from super().get_system_commands(screen)
        seen: set[str] = {"app.commands"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.id or binding.id in seen or not active.enabled:
                continue
            seen.add(binding.id)
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                partial(self.run_action, binding.action, active.node),
            )

    def action_help(self) -> None:
        """Show the help, unless it is already showing."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))
