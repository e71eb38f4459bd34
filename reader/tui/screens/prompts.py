"""Small dialogs over the main screen: editing tags, naming something to import."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reader.tui import keys


def split_tags(value: str) -> list[str]:
    """Tag names from comma-separated text: trimmed, blanks dropped, each once (ignoring case)."""
    names: dict[str, str] = {}
    for part in value.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


class TagSuggester(Suggester):
    """Completes the tag being typed (the last comma-separated piece) from the existing tags."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, typed = value.rpartition(",")
        typed = typed.lstrip()
        if not typed:
            return None
        for name in self.names:
            if name.casefold().startswith(typed.casefold()) and name != typed:
                prefix = f"{head}, " if head else ""
                return prefix + name
        return None


class Prompt(ModalScreen[str | None]):
    """A one-line question: enter answers it, escape closes it without an answer."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.PROMPT]

    def __init__(
        self,
        title: str,
        hint: str,
        *,
        value: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.prompt_title = title
        self.hint = hint
        self.value = value
        self.placeholder = placeholder
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-dialog") as dialog:
            dialog.border_title = self.prompt_title
            dialog.border_subtitle = "enter to confirm · esc to cancel"
            yield Input(self.value, placeholder=self.placeholder, suggester=self.suggester, select_on_focus=False)
            yield Static(self.hint, classes="prompt-hint", markup=False)

    @on(Input.Submitted)
    def _submit(self, message: Input.Submitted) -> None:
        message.stop()
        self.dismiss(message.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def tag_prompt(what: str, tags: list[str], known: list[str]) -> Prompt:
    """The dialog editing the tags of ``what`` (an article or a story), completing from ``known``."""
    return Prompt(
        f"Tags of {what}",
        "Comma-separated; → completes a tag that exists. Clear a name to take the tag off.",
        value=", ".join(tags),
        placeholder="ia, économie",
        suggester=TagSuggester(known),
        id="tag-prompt",
    )


def import_prompt() -> Prompt:
    """The dialog asking what to import."""
    return Prompt(
        "Add to the library",
        "A file or folder (.txt, .md, .html) or a feed URL (http:// or https://).",
        placeholder="~/Downloads/article.html  or  https://example.org/feed.xml",
        id="import-prompt",
    )


class Confirm(ModalScreen[bool]):
    """A yes-or-no question asked before doing something that cannot be taken back at once."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.CONFIRM]

    def __init__(self, question: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-dialog") as dialog:
            dialog.border_title = "Are you sure?"
            dialog.border_subtitle = "y to go ahead · n or esc to cancel"
            yield Static(self.question, markup=False)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
