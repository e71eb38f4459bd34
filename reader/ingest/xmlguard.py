"""Refuse XML that declares entities before any parser sees it.

Entity declarations are how "billion laughs" (exponential expansion) and
external-entity attacks start; no real feed or OPML file needs them (RSS
0.91's DOCTYPE names an external DTD but declares nothing inline).
"""

from __future__ import annotations

import re

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")  # the prolog, where a DOCTYPE may declare entities, ends here


def declares_entities(data: bytes) -> bool:
    """Whether the prolog of the XML document ``data`` declares entities."""
    root = _ROOT_ELEMENT.search(data)
    return _ENTITY_DECLARATION.search(data, 0, root.start() if root else len(data)) is not None
