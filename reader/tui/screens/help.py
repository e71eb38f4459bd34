"""The help screen: every key binding, generated from :mod:`reader.tui.keys`, and ``assets/help.md``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from reader.paths import assets_dir
from reader.tui import keys

_KEY_WIDTH = 18


def help_text() -> str:
    """The prose part of the help (``assets/help.md``), or '' when it is missing."""
    try:
        return (assets_dir() / "help.md").read_text(encoding="utf-8")
    except OSError:
        return ""


def keys_display(binding: Binding, key_display: Callable[[Binding], str]) -> str:
    """Every key of a binding as a person types it: ``j / ↓``."""
    shown = []
    for key in binding.key.split(","):
        display = key_display(Binding(key.strip(), binding.action))
        shown.append("enter" if display == "⏎" else display)
    return " / ".join(shown)


def keys_content(
    sections: Iterable[tuple[str, list[Binding]]],
    key_display: Callable[[Binding], str],
    keymap: Mapping[str, str] | None = None,
) -> Content:
    """The key tables: a heading per section, then one ``keys  what they do`` line per binding.

    :param keymap: the user's keys for some binding ids, shown instead of the defaults.
    """
    lines: list[Content] = []
    for title, bindings in sections:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold $accent"))
        for binding in bindings:
            if keymap and binding.id is not None and binding.id in keymap:
                binding = Binding(keymap[binding.id], binding.action, binding.description, tooltip=binding.tooltip)
            shown = keys_display(binding, key_display)
            lines.append(
                Content.assemble(
                    ("  " + shown.ljust(_KEY_WIDTH), "bold $text-primary"),
                    binding.tooltip or binding.description,
                )
            )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A dialog listing the keys, over the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.HELP]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = "reader · keys and help"
            dialog.border_subtitle = "esc to close"
            yield Static(keys_content(keys.SECTIONS, self.app.get_key_display, self.keymap), id="help-keys")
            yield Markdown(help_text(), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_up()
