"""The terminal interface (Textual). The core (store, ingest, text) never imports it."""

from reader.tui.app import ReaderApp

__all__ = ["ReaderApp"]
