"""Jinja filters for report text that templates print (titles, metadata): the same visible,
isolated marks for invisible and direction-changing characters as in page bodies
(write/markdown.py), so a title cannot reverse or hide what follows it.

Enabled in pelicanconf.py: JINJA_FILTERS = FILTERS.
"""

from __future__ import annotations

from markupsafe import Markup

from ..write.markdown import INVISIBLE, html


def shown(value) -> Markup:
    """Report text in an element: escaped, each invisible character in a visible mark."""
    return Markup(html(str(value))) if value is not None else Markup("")


def plain(value) -> str:
    """Report text where no markup may go (<title>, an attribute): each invisible character
    written as its code, so it is seen and does nothing."""
    return INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", str(value)) if value is not None else ""


FILTERS = {"shown": shown, "plain": plain}
