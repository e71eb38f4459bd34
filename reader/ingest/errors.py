"""The one error type import raises for input it cannot use."""


class IngestError(Exception):
    """An input that cannot be imported; the message is one line a user can act on."""
