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
of a word, which each character of a run is once). The last character alone is left out
where it begins another word of the same text anyway (three in four: Pagefind then indexes
7% fewer words, and a one-character query finds the same pages). Letters and digits are
compared in NFKC form (Ｇ６０ = G60); where that differs from the page, the word is
"normal~original", and Pagefind indexes both halves. The search page shows text from these
words, the first character of each (of its original half), and both characters of a pair
that ends its run without its last character after it, so the excerpt is the page's text
as written.
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


# Patterns that begin with their literal text, which `re` looks for quickly (a leading \b made
# each try every position: page_text of 275 pages 0.10 -> 0.05 s).
_SKIPPED = re.compile(r"<(" + "|".join(sorted(SKIPPED)) + r")\b", re.I)
_IGNORE = re.compile(r"data-pagefind-ignore(?<=\bdata-pagefind-ignore)\b", re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_FILTER = re.compile(r"""data-pagefind-filter(?<=\bdata-pagefind-filter)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
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


def _left_out(html: str) -> list[tuple[int, str, int]]:
    """(where its start tag begins, its name, where that tag ends) of each element to leave
    out: a SKIPPED one, or one whose start tag says data-pagefind-ignore; in order."""
    found = [(m.start(), m.group(1), html.find(">", m.end()) + 1) for m in _SKIPPED.finditer(html)]
    for match in _IGNORE.finditer(html):
        start = html.rfind("<", 0, match.start())
        tag = _TAG.match(html, start) if start >= 0 and html.find(">", start, match.start()) < 0 else None
        if tag:  # the attribute stands in a start tag, not in the text
            found.append((start, tag.group(1), html.find(">", match.end()) + 1))
    return sorted(found)


def _kept(html: str) -> str:
    """`html` without the elements whose text search leaves out."""
    out, at = [], 0
    for start, name, end in _left_out(html):
        tag = name.lower()
        if start < at or end == 0 or tag in KEPT or tag in VOID:
            continue  # inside an element already left out, kept, or a tag never closed
        out.append(html[at:start])
        at = _end_of(html, tag, end)
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
    pieces = _RUN.split(text.replace(SPACE, ""))
    runs = []  # each run's pairs, then its last character
    firsts = []  # the first (NFKC) character of each of those words, but a last character alone
    for run in pieces[1::2]:
        pairs = list(map(add, run, run[1:]))
        pairs.append(run[-1])
        if unicodedata.is_normalized("NFKC", run):  # mostly nothing to normalize but case, which Pagefind folds
            firsts.append(run if len(run) == 1 else run[:-1])
        else:
            pairs = list(map(_word, pairs))
            firsts += (word[0] for word in (pairs if len(pairs) == 1 else pairs[:-1]))
        runs.append(pairs)
    starts = set("".join(firsts))
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2:  # a run, without its last character alone where another word starts with it
            run = runs[i // 2]
            out += run
            if len(run) > 1 and run[-1][0] in starts:
                out.pop()
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
    its first character, or for the first of its original half; a pair not followed by a
    word that starts with a letter or digit (its run's last character alone, left out) for
    both; SPACE for a space."""
    out = []
    indexed = indexed.split(" ")
    for k, word in enumerate(indexed):
        if word == SPACE:
            out.append(" ")
        elif word:
            at = word.find(ORIGINAL, 1)
            half = word[at + 1:] if at > 0 else word
            ends = len(half) == 2 and not (k + 1 < len(indexed) and _RUN.match(indexed[k + 1]))
            out.append(half if ends else half[:1])
    return "".join(out)
