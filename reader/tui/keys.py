"""Every key binding of the reader, in one place.

The footer, the help screen (``?``) and user keymaps (``App.set_keymap``, by
binding ``id``) all read these lists, so a key is declared exactly once. Each
list belongs to the part of the interface where its keys work.
"""

from __future__ import annotations

from textual.binding import Binding

#: Keys that work everywhere.
APP: list[Binding] = [
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave the reader"),
    Binding(
        "question_mark",
        "help",
        "Help",
        key_display="?",
        id="app.help",
        tooltip="Show every key and what it does",
    ),
    Binding(
        "ctrl+p",
        "command_palette",
        "Commands",
        show=False,
        id="app.commands",
        tooltip="Search the commands (themes, help, quit...)",
    ),
]

#: Keys of the article list.
LIST: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="list.down", tooltip="Next article"),
    Binding("k,up", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous article"),
    Binding("enter", "select_cursor", "Open", id="list.open", tooltip="Read the highlighted article"),
    Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down", tooltip="One screen down"),
    Binding("pageup", "page_up", "Page up", show=False, id="list.page_up", tooltip="One screen up"),
    Binding("g,home", "scroll_top", "Top", show=False, id="list.top", tooltip="First article"),
    Binding(
        "G,end",
        "scroll_bottom",
        "Bottom",
        show=False,
        id="list.bottom",
        tooltip="Last article loaded (more load as you go)",
    ),
]

#: Keys of the library screen (the list and its details pane).
LIBRARY: list[Binding] = [
    Binding("u", "toggle_read", "Read/unread", id="library.toggle_read", tooltip="Mark the highlighted article read or unread"),
    Binding("s", "toggle_star", "Star", id="library.toggle_star", tooltip="Star or unstar the highlighted article"),
    Binding("o", "open_link", "Browser", id="library.open_link", tooltip="Open the article's web page in your browser"),
    Binding("r", "reload", "Reload", id="library.reload", tooltip="Reload the list from the library"),
    Binding("f", "feeds", "Feeds", id="library.feeds", tooltip="Show the subscribed feeds and how their last refresh went"),
]

#: Keys of the feeds screen.
FEEDS: list[Binding] = [
    Binding("escape,q", "back", "Back", key_display="esc", id="feeds.back", tooltip="Back to the list"),
    Binding("R", "refresh_feeds", "Refresh all", id="feeds.refresh", tooltip="Fetch every feed now"),
]

#: Keys of the article view.
ARTICLE: list[Binding] = [
    Binding(
        "escape,q",
        "back",
        "Back",
        key_display="esc",
        id="article.back",
        tooltip="Close the figures table, or go back to the list",
    ),
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="article.scroll_down", tooltip="Scroll the text down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.scroll_up", tooltip="Scroll the text up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="article.page_down", tooltip="One screen down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="article.page_up", tooltip="One screen up"),
    Binding("g,home", "scroll_top", "Top", show=False, id="article.top", tooltip="Back to the title"),
    Binding("G,end", "scroll_bottom", "End", show=False, id="article.bottom", tooltip="The end of the text"),
    Binding(
        "n",
        "next_mark",
        "Next mark",
        id="article.next_mark",
        tooltip="Next key figure, or next searched word after a search",
    ),
    Binding(
        "N",
        "previous_mark",
        "Previous mark",
        show=False,
        id="article.previous_mark",
        tooltip="Previous key figure, or searched word after a search",
    ),
    Binding("f", "toggle_figures", "Figures", id="article.figures", tooltip="Show or hide the table of key figures"),
    Binding("J", "next", "Next article", id="article.next", tooltip="Read the next article in the list"),
    Binding("K", "previous", "Previous article", show=False, id="article.previous", tooltip="Read the previous article in the list"),
    Binding("s", "toggle_star", "Star", id="article.toggle_star", tooltip="Star or unstar this article"),
    Binding("o", "open_link", "Browser", id="article.open_link", tooltip="Open the article's web page in your browser"),
]

#: Keys of the figures table, over the article's keys.
FIGURES: list[Binding] = [
    Binding("enter", "select_cursor", "Show in text", id="figures.show", tooltip="Scroll the text to the highlighted figure"),
    Binding("j,down", "cursor_down", "Down", show=False, id="figures.down", tooltip="Next figure"),
    Binding("k,up", "cursor_up", "Up", show=False, id="figures.up", tooltip="Previous figure"),
]

#: Keys of a story.
STORY: list[Binding] = [
    Binding("escape,q", "back", "Back", key_display="esc", id="story.back", tooltip="Back to where the story was opened"),
    Binding("space", "page_down", "Page down", show=False, id="story.page_down", tooltip="Scroll the story one screen down"),
    Binding("b", "page_up", "Page up", show=False, id="story.page_up", tooltip="Scroll the story one screen up"),
]

#: Keys of a story's list of articles.
STORY_ARTICLES: list[Binding] = [
    Binding("enter", "select_cursor", "Read", id="story.open", tooltip="Read the highlighted article of the story"),
    Binding("j,down", "cursor_down", "Down", show=False, id="story.down", tooltip="Next article of the story"),
    Binding("k,up", "cursor_up", "Up", show=False, id="story.up", tooltip="Previous article of the story"),
]

#: Keys of the help screen.
HELP: list[Binding] = [
    Binding("escape,q,question_mark", "close", "Close", key_display="esc", id="help.close", tooltip="Close the help"),
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="help.scroll_down", tooltip="Scroll down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="help.scroll_up", tooltip="Scroll up"),
]

#: What the help screen lists, section by section.
SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Article list", LIST + LIBRARY),
    ("Article view", ARTICLE),
    ("Figures table", FIGURES),
    ("Story", STORY + STORY_ARTICLES),
    ("Feeds", FEEDS),
    ("Everywhere", APP),
]
