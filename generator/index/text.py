"""What search indexes: a page's text taken from its HTML, and that text split into bigrams.

Text. A page gives the text of its `<main>` element, its first `<h1>` as its title and its
`data-pagefind-filter="name:value"` attributes as filters. Elements marked
`data-pagefind-ignore` are left out (timelines, threads and parse notes repeat what other
pages say), except tables: a report's tables are its own text. Block elements end a run of
text, so the last word of a heading never joins the first of the paragraph under it.

Bigrams. Pagefind's Chinese segmentation at index time and the browser's at query time do
not agree (upstream Pagefind/pagefind#1237), so a phrase typed verbatim may not be found.
We hand Pagefind words it need not segment: every run of letters and digits becomes its
overlapping two-character pairs, then its last character alone (种质资源 -> 种质 质资 资源 源),
and every other character is a word of its own. The search page splits a query into the
same pairs and asks for them as a phrase, so any two or more characters that occur in a
page find it, and a single character finds every page that has it (as the first character
of a word, which each character of a run is once). Letters and digits are compared in NFKC
form (Ｇ６０ = G60); where that differs from the page, the word is "normal~original", and
Pagefind indexes both halves. The search page shows text from these words, the first
character of each (of its original half), so the excerpt is the page's text as written.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from operator import add

from ..model import record

SPACE = "\u2063"
"""The word that stands for white space between words (INVISIBLE SEPARATOR: neither a letter,
a digit nor white space, so Pagefind keeps it as a word and indexes nothing for it)."""
ORIGINAL = "~"
BLOCKS = frozenset("address article aside blockquote br caption dd details div dl dt figcaption figure footer "
                   "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
                   "th thead tr ul".split())
SKIPPED = frozenset({"script", "style", "template", "noscript", "nav"})
KEPT = frozenset({"figure", "table"})
"""Marked ignored but indexed all the same: a report's tables hold its tasks."""
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@record
class PageText:
    """The text a page gives the search index."""

    title: str
    """Its first <h1>, as shown."""
    body: str
    """The text of its <main>, blocks separated by newlines."""
    filters: tuple[tuple[str, str], ...]
    """(name, value) of each data-pagefind-filter, in page order."""


_LEFT_OUT = re.compile(r"<(?:(" + "|".join(sorted(SKIPPED)) + r")\b|([a-zA-Z][a-zA-Z0-9-]*)(?=[^>]*\bdata-pagefind-ignore\b))[^>]*>", re.I)
_FILTER = re.compile(r"""\bdata-pagefind-filter\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_COMMENT = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:" + "|".join(sorted(BLOCKS)) + r")\b[^>]*>", re.I)
_ANY = re.compile(r"<[^>]*>")


def _end_of(html: str, tag: str, start: int) -> int:
    """Where the element whose start tag ends at `start` ends (after its end tag)."""
    depth = 1
    for match in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def _kept(html: str) -> str:
    """`html` without the elements whose text search leaves out."""
    out, at = [], 0
    for match in _LEFT_OUT.finditer(html):
        tag = (match.group(1) or match.group(2)).lower()
        if match.start() < at or tag in KEPT or tag in VOID:
            continue  # inside an element already left out, or kept
        out.append(html[at:match.start()])
        at = _end_of(html, tag, match.end())
    out.append(html[at:])
    return "".join(out)


def _text(html: str) -> str:
    return unescape(_ANY.sub("", _BLOCK.sub("\n", html)))


def page_text(html: str) -> PageText:
    """The title, text and filters of a rendered page (found with regular expressions, several
    times faster than html.parser: the pages are the ones we rendered)."""
    filters = []
    for found in _FILTER.finditer(html):
        name, _, value = unescape(found.group(1) if found.group(1) is not None else found.group(2)).partition(":")
        if value:
            filters.append((name.strip(), value.strip()))
    html = _COMMENT.sub("", html)  # comments, scripts and styles, which may hold "<main>" as text
    begin = re.search(r"<main\b[^>]*>", html, re.I)
    main = _kept(html[begin.end():_end_of(html, "main", begin.end())]) if begin else ""
    h1 = _H1.search(main)
    lines = (" ".join(line.split()) for line in _text(main).split("\n"))
    return PageText(title=" ".join(_text(h1.group(1)).split()) if h1 else "",
                    body="\n".join(line for line in lines if line), filters=tuple(filters))


_RUN = re.compile(r"([^\W_]+)")
"""A run of letters and digits: `str.isalnum`, which is what \\w is, less "_"."""


def _word(chars: str) -> str:
    normal = unicodedata.normalize("NFKC", chars).lower()
    return chars if normal == chars.lower() else f"{normal}{ORIGINAL}{chars}"


def words(text: str) -> str:
    """`text` as the words search indexes, separated by spaces (see the module docstring)."""
    out: list[str] = []
    for i, piece in enumerate(_RUN.split(text.replace(SPACE, ""))):
        if i % 2:  # a run
            pairs = list(map(add, piece, piece[1:]))
            pairs.append(piece[-1])
            # Mostly nothing to normalize but case, which Pagefind folds itself.
            out += pairs if unicodedata.is_normalized("NFKC", piece) else map(_word, pairs)
            continue
        for char in piece:  # white space and other characters between runs
            if not char.isspace():
                out.append(char)
            elif out and out[-1] != SPACE:
                out.append(SPACE)
    if out and out[-1] == SPACE:
        out.pop()
    return " ".join(out)


def shown(indexed: str) -> str:
    """The text that `words` made `indexed` from (white space as one space): what the search
    page does to show an excerpt (theme/static/js/search.js, `shown`). Each word stands for
    its first character, or for the first of its original half; SPACE for a space."""
    out = []
    for word in indexed.split(" "):
        if word == SPACE:
            out.append(" ")
        elif word:
            out.append(word.partition(ORIGINAL)[2][:1] if ORIGINAL in word[1:] else word[0])
    return "".join(out)
