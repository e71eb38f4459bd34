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

#: Keys of the story list (one row per story, its articles below it when expanded).
STORIES: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="stories.down", tooltip="Next row"),
    Binding("k,up", "cursor_up", "Up", show=False, id="stories.up", tooltip="Previous row"),
    Binding(
        "enter",
        "open",
        "Open",
        id="stories.open",
        tooltip="Read the highlighted article, or show the highlighted story",
    ),
    Binding(
        "space,right",
        "toggle_story",
        "Expand",
        key_display="space",
        show=False,
        id="stories.toggle",
        tooltip="Show or hide the articles of the highlighted story",
    ),
    Binding("left", "collapse", "Collapse", show=False, id="stories.collapse", tooltip="Hide the story's articles"),
    Binding("pagedown", "page_down", "Page down", show=False, id="stories.page_down", tooltip="One screen down"),
    Binding("pageup", "page_up", "Page up", show=False, id="stories.page_up", tooltip="One screen up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="stories.top", tooltip="First story"),
    Binding(
        "G,end",
        "scroll_end",
        "Bottom",
        show=False,
        id="stories.bottom",
        tooltip="Last story loaded (more load as you go)",
    ),
]

#: Keys of the sidebar (All, Unread, Starred, tags, sources).
SIDEBAR: list[Binding] = [
    Binding("j", "cursor_down", "Down", show=False, id="sidebar.down", tooltip="Next entry"),
    Binding("k", "cursor_up", "Up", show=False, id="sidebar.up", tooltip="Previous entry"),
]

#: Keys of the main screen (sidebar, story list and preview).
MAIN: list[Binding] = [
    # A priority key, so that what is typed right after it (even in one burst) goes into the box.
    Binding(
        "slash",
        "search",
        "Search",
        key_display="/",
        priority=True,
        id="main.search",
        tooltip="Search the library as you type",
    ),
    Binding("n", "next", "Next", show=False, id="main.next", tooltip="Next search result, or next unread story"),
    Binding(
        "N",
        "previous",
        "Previous",
        show=False,
        id="main.previous",
        tooltip="Previous search result, or previous unread story",
    ),
    Binding("t", "tag", "Tags", id="main.tag", tooltip="Edit the tags of the highlighted article or story"),
    Binding(
        "s", "toggle_star", "Star", id="main.toggle_star", tooltip="Star or unstar the highlighted article or story"
    ),
    Binding(
        "m",
        "toggle_read",
        "Read",
        id="main.toggle_read",
        tooltip="Mark the highlighted article or story read or unread",
    ),
    Binding("o", "open_link", "Browser", id="main.open_link", tooltip="Open the article's web page in your browser"),
    Binding("y", "copy_link", "Copy link", show=False, id="main.copy_link", tooltip="Copy the article's web address"),
    Binding(
        "A",
        "mark_all_read",
        "All read",
        show=False,
        id="main.mark_all_read",
        tooltip="Mark everything in view read, after asking",
    ),
    Binding("u", "undo", "Undo", show=False, id="main.undo", tooltip="Mark unread again what A marked read"),
    Binding("H", "toggle_hide_read", "Hide read", show=False, id="main.hide_read", tooltip="Hide or show read stories"),
    Binding(
        "d", "remove", "Remove", show=False, id="main.remove", tooltip="Remove the highlighted article, after asking"
    ),
    Binding("b", "toggle_sidebar", "Sidebar", id="main.sidebar", tooltip="Show or hide the sidebar of filters"),
    Binding("a", "add", "Add", id="main.add", tooltip="Import a file, a folder or a feed URL"),
    Binding("r", "refresh_feeds", "Refresh", id="main.refresh", tooltip="Fetch every subscribed feed now"),
    Binding(
        "f",
        "feeds",
        "Feeds",
        show=False,
        id="main.feeds",
        tooltip="Show the subscribed feeds and how their last refresh went",
    ),
    Binding("ctrl+l", "reload", "Reload", show=False, id="main.reload", tooltip="Read the list again from the library"),
    Binding(
        "escape", "leave_search", "Leave search", show=False, id="main.leave_search", tooltip="Back to the story list"
    ),
]

#: Keys of the search box.
SEARCH: list[Binding] = [
    Binding("escape", "leave", "Leave search", key_display="esc", id="search.leave", tooltip="Back to the story list"),
    Binding(
        "tab",
        "accept_suggestion",
        "Accept suggestion",
        id="search.accept_suggestion",
        tooltip="Search for the suggested spelling (else: go to the results)",
    ),
    Binding("down", "results", "Results", show=False, id="search.results", tooltip="Go to the results"),
]

#: Keys of the prompts (tags, import).
PROMPT: list[Binding] = [
    Binding(
        "escape", "cancel", "Cancel", key_display="esc", id="prompt.cancel", tooltip="Close without changing anything"
    ),
]

#: Keys of a question asked before doing something (removing, marking everything read).
CONFIRM: list[Binding] = [
    Binding("y,enter", "confirm", "Yes", key_display="y", id="confirm.yes", tooltip="Go ahead"),
    Binding("n,escape", "cancel", "No", key_display="n", id="confirm.no", tooltip="Change nothing"),
]

#: Keys of the feeds screen.
FEEDS: list[Binding] = [
    Binding("escape,q", "back", "Back", key_display="esc", id="feeds.back", tooltip="Back to the list"),
    Binding("R", "refresh_feeds", "Refresh all", id="feeds.refresh", tooltip="Fetch every feed now"),
    Binding("r", "refresh_feed", "Refresh", id="feeds.refresh_one", tooltip="Fetch the highlighted feed now"),
    Binding("enter", "open_feed", "Open", id="feeds.open", tooltip="List the highlighted feed's stories"),
    Binding("e", "rename", "Rename", id="feeds.rename", tooltip="Rename the highlighted feed"),
    Binding(
        "d",
        "unsubscribe",
        "Unsubscribe",
        id="feeds.unsubscribe",
        tooltip="Unsubscribe from the highlighted feed, after asking",
    ),
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
    Binding(
        "j,down", "scroll_down", "Scroll down", show=False, id="article.scroll_down", tooltip="Scroll the text down"
    ),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.scroll_up", tooltip="Scroll the text up"),
    Binding(
        "space",
        "page_or_next",
        "Page",
        show=False,
        id="article.page_or_next",
        tooltip="One screen down; at the end, the next unread article",
    ),
    Binding("pagedown", "page_down", "Page down", show=False, id="article.page_down", tooltip="One screen down"),
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
    Binding(
        "K",
        "previous",
        "Previous article",
        show=False,
        id="article.previous",
        tooltip="Read the previous article in the list",
    ),
    Binding("s", "toggle_star", "Star", id="article.toggle_star", tooltip="Star or unstar this article"),
    Binding("m", "toggle_read", "Read", id="article.toggle_read", tooltip="Mark this article read or unread"),
    Binding("t", "tag", "Tags", id="article.tag", tooltip="Edit the tags of this article"),
    Binding("o", "open_link", "Browser", id="article.open_link", tooltip="Open the article's web page in your browser"),
    Binding("d", "remove", "Remove", show=False, id="article.remove", tooltip="Remove this article, after asking"),
]

#: Keys of the figures table, over the article's keys.
FIGURES: list[Binding] = [
    Binding(
        "enter", "select_cursor", "Show in text", id="figures.show", tooltip="Scroll the text to the highlighted figure"
    ),
    Binding("j,down", "cursor_down", "Down", show=False, id="figures.down", tooltip="Next figure"),
    Binding("k,up", "cursor_up", "Up", show=False, id="figures.up", tooltip="Previous figure"),
]

#: Keys of a story.
STORY: list[Binding] = [
    Binding(
        "escape,q", "back", "Back", key_display="esc", id="story.back", tooltip="Back to where the story was opened"
    ),
    Binding(
        "space", "page_down", "Page down", show=False, id="story.page_down", tooltip="Scroll the story one screen down"
    ),
    Binding("b", "page_up", "Page up", show=False, id="story.page_up", tooltip="Scroll the story one screen up"),
    Binding("s", "toggle_star", "Star", id="story.toggle_star", tooltip="Star or unstar the highlighted article"),
    Binding("m", "toggle_read", "Read", id="story.toggle_read", tooltip="Mark the highlighted article read or unread"),
    Binding("t", "tag", "Tags", id="story.tag", tooltip="Edit the tags of the highlighted article"),
    Binding("o", "open_link", "Browser", id="story.open_link", tooltip="Open the highlighted article's web page"),
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
    ("Story list", STORIES + MAIN),
    ("Sidebar", SIDEBAR),
    ("Search box", SEARCH),
    ("Prompts", PROMPT),
    ("Questions", CONFIRM),
    ("Article view", ARTICLE),
    ("Figures table", FIGURES),
    ("Story", STORY + STORY_ARTICLES),
    ("Feeds", FEEDS),
    ("Everywhere", APP),
]
