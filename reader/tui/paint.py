"""Resolving the component classes named in a Content's spans into full styles.

Spans may name a component class of a widget (``".article-body--money"``) so
that colours live in the stylesheet. Textual resolves such a name without the
colours inherited from the widget, which drops translucent backgrounds and
theme colours such as ``$text-muted``; :func:`paint` resolves them in full.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.widget import Widget


def paint(widget: Widget, content: Content) -> Content:
    """``content`` with each span naming one of ``widget``'s component classes given that class's style."""
    classes = widget.COMPONENT_CLASSES
    spans = [
        Span(span.start, span.end, widget.get_visual_style(span.style[1:]))
        if isinstance(span.style, str) and span.style.startswith(".") and span.style[1:] in classes
        else span
        for span in content.spans
    ]
    return Content(content.plain, spans, strip_control_codes=False)
