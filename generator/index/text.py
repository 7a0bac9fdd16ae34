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

import unicodedata
from html.parser import HTMLParser

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


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, text of it is skipped)
        self.main = 0  # depth inside <main>
        self.parts: list[str] = []
        self.title: list[str] | None = None  # collecting the first h1
        self.title_done = False
        self.filters: list[tuple[str, str]] = []

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        value = names.get("data-pagefind-filter")
        if value and ":" in value:
            name, _, text = value.partition(":")
            self.filters.append((name.strip(), text.strip()))
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag in VOID:
            return
        skip = self.skipping() or tag in SKIPPED or ("data-pagefind-ignore" in names and tag not in KEPT)
        self.stack.append((tag, skip))
        if tag == "main":
            self.main += 1
        if tag == "h1" and self.main and not skip and not self.title_done:
            self.title = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:  # close what the page left open inside it, as a browser does
            open_tag, _ = self.stack.pop()
            if open_tag == "main":
                self.main -= 1
            if open_tag == "h1" and self.title is not None:
                self.title_done = True
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.main and not self.skipping():
            self.parts.append(data)
            if self.title is not None and not self.title_done:
                self.title.append(data)


def page_text(html: str) -> PageText:
    """The title, text and filters of a rendered page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return PageText(title=" ".join("".join(reader.title or ()).split()), body="\n".join(l for l in lines if l),
                    filters=tuple(reader.filters))


def _word_char(char: str) -> bool:
    return char.isalnum() and char != ORIGINAL


def _normal(chars: str) -> str:
    return unicodedata.normalize("NFKC", chars).lower()


def _word(chars: str) -> str:
    normal = _normal(chars)
    return chars if normal == chars.lower() else f"{normal}{ORIGINAL}{chars}"


def words(text: str) -> str:
    """`text` as the words search indexes, separated by spaces (see the module docstring)."""
    out: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        out.extend(_word(run[i] + run[i + 1]) for i in range(len(run) - 1))
        if run:
            out.append(_word(run[-1]))
        run.clear()

    for char in text:
        if _word_char(char):
            run.append(char)
            continue
        end_run()
        if char.isspace():
            if out and out[-1] != SPACE:
                out.append(SPACE)
        elif char != SPACE:
            out.append(char)
    end_run()
    while out and out[-1] == SPACE:
        out.pop()
    return " ".join(out)


def shown(indexed: str) -> str:
    """The text that `words` made `indexed` from (white space as one space): what the search
    page does to show an excerpt (theme/static/js/search.js, `shown`)."""
    out = []
    for word in indexed.split(" "):
        if word == SPACE:
            out.append(" ")
        elif word and _word_char(word[0]):
            out.append(word.partition(ORIGINAL)[2][:1] if ORIGINAL in word else word[0])
        else:
            out.append(word)
    return "".join(out)
