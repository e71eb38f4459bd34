"""Refuse XML that declares entities before any parser sees it.

Entity declarations are how "billion laughs" (exponential expansion) and
external-entity attacks start; no real feed or OPML file needs them (RSS
0.91's DOCTYPE names an external DTD but declares nothing inline).

The prolog is read by expat itself, in whatever encoding the document is
(UTF-8, UTF-16 with or without a BOM, a declared one), so that comments,
processing instructions or an encoding cannot hide a declaration; reading stops
where the root element starts. A prolog expat cannot read is judged on its
bytes: any ``<!ENTITY`` in it, as one-byte or UTF-16 text, refuses it.
"""

from __future__ import annotations

from xml.parsers import expat

_ENTITY_DECLARATION = b"<!entity"


class _PrologRead(Exception):
    """Raised from an expat handler: what the prolog holds is known, reading stops."""


def declares_entities(data: bytes) -> bool:
    """Whether the prolog of the XML document ``data`` declares entities."""
    found = False

    def entity_declared(*_: object) -> None:
        nonlocal found
        found = True
        raise _PrologRead

    def root_started(*_: object) -> None:
        raise _PrologRead

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = entity_declared
    parser.StartElementHandler = root_started
    try:
        parser.Parse(data, True)
    except _PrologRead:
        return found
    except (expat.ExpatError, ValueError):
        return _mentions_entities(data)
    return found


def _mentions_entities(data: bytes) -> bool:
    """Whether ``<!ENTITY`` appears anywhere in ``data``, read as one-byte text or as UTF-16 either way round."""
    texts = [data]
    if b"\x00" in data:
        texts += [
            data.decode(codec, errors="ignore").encode("utf-8", errors="ignore") for codec in ("utf-16-le", "utf-16-be")
        ]
    return any(_ENTITY_DECLARATION in text.lower() for text in texts)
