"""Report text with each cited 《document》 linked to its page, the text itself unchanged."""

from __future__ import annotations

from ..link.documents import cited_spans, doc_id
from .markdown import html, link, ref, text


def _linked(s: str, plain, linked) -> str:
    """`plain(piece, line_start)` for the text between citations, `linked` for each citation."""
    if "《" not in s:
        return plain(s, True)
    out, last = [], 0
    for start, end, title in cited_spans(s):
        out += [plain(s[last:start], last == 0), linked(s[start:end], ref("documents", doc_id(title)))]
        last = end
    out.append(plain(s[last:], False))
    return "".join(out)


def linked_md(s: str) -> str:
    """As Markdown inline text."""
    return _linked(s, text, lambda cited, target: link(text(cited), target) + "{.doc}")


def linked_html(s: str) -> str:
    """As text inside an HTML block."""
    return _linked(s, lambda piece, _: html(piece), lambda cited, target: f'<a class="doc" href="{target}">{html(cited)}</a>')


def point_md(item) -> str:
    """A cell's point as a Markdown paragraph: its marker as published, then its text."""
    marker = f"[{text(item.marker)}]{{.marker}}" if item.marker else ""
    return marker + linked_md(item.text)


def point_html(item) -> str:
    marker = f"<span class=marker>{html(item.marker)}</span>" if item.marker else ""
    return f"<p>{marker}{linked_html(item.text)}</p>"
