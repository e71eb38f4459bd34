"""The reader served to a browser (textual-serve): the server and who may use it. Never imports Textual."""

from reader.tui.web.access import is_loopback, new_token
from reader.tui.web.server import ReaderServer, bind, page_urls

__all__ = ["ReaderServer", "bind", "is_loopback", "new_token", "page_urls"]
