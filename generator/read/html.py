"""The saved HTML page of a publication, cut into the same blocks as plain text.

The publisher's CMS page has an information table (索引号 …), the title, a line
with 发布日期 and 信息来源, then the body, where a tabular report is a real <table>.
What is the article is found from the page (read/article.py); hidden elements and
everything outside the article are chrome, kept for the ledger with their kind.
Layout tables are flattened; an information table (label and value cells) and a
table whose header row names known columns become a `Grid`.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from ..vocabulary import chrome_kind, fold, meta_labels, role_of
from .article import INVISIBLE, Article, find_article, is_hidden, page_title
from .blocks import Cell, Chrome, Grid, Para
from .limits import MAX_DEPTH, too_deep

_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_IMPLIED_END = re.compile(r"<(p|li)(\s[^>]*)?>", re.I)
_BLOCK = {
    "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
    "caption", "blockquote", "pre", "form", "center", "hr", "br", "body", "html",
}


def html_blocks(text: str, name: str) -> tuple[tuple[Para | Grid, ...], tuple[Chrome, ...], str | None, str]:
    """(content blocks, chrome, the page's title, how the article was found) of an HTML page."""
    soup = BeautifulSoup(text, "html.parser")
    if _too_deep(soup):
        # html.parser nests unclosed <p>/<li> that a browser closes at the next one; close them
        # the same way and try again before refusing the page (a few hundred unclosed <p>s).
        soup = BeautifulSoup(_IMPLIED_END.sub(r"</\1><\1\2>", text), "html.parser")
        deep = _too_deep(soup)
        if deep:
            raise too_deep(deep, name)
    title = page_title(soup)
    article = find_article(soup, title)
    walker = _Walker(article)
    walker.walk(soup, 1, article.container is None)
    walker.flush()
    return tuple(walker.blocks), tuple(walker.chrome), title, f"saved HTML; article found by {article.how}"


def _too_deep(soup: BeautifulSoup) -> int:
    """The line of the first element nested deeper than MAX_DEPTH, or 0."""
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node.sourceline or 1
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return 0


def _is_text(node) -> bool:
    """Text a reader sees: plain strings and CDATA, not comments, doctypes or declarations."""
    return type(node) in (NavigableString, CData)


class _Walker:
    def __init__(self, article: Article | None, chrome: list[Chrome] | None = None) -> None:
        self.article = article
        self.blocks: list[Para | Grid] = []
        self.chrome: list[Chrome] = [] if chrome is None else chrome
        self.parts: list[str] = []
        self.line = 1

    def flush(self) -> None:
        text = "".join(self.parts).strip()
        if text:
            self.blocks.append(Para(text, self.line))
        self.parts = []

    def walk(self, node: Tag, line: int, inside: bool = True) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not _is_text(child):
                    continue
                if not inside:
                    if child.strip():
                        self.chrome.append(Chrome(child.strip(), line, _kind(child, "outside-article")))
                    continue
                if not self.parts or not "".join(self.parts).strip():
                    self.line = line
                self.parts.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in INVISIBLE:
                continue
            child_line = child.sourceline or line
            if is_hidden(child):
                self.set_aside(child, child_line, "hidden")
                continue
            child_inside = inside
            if self.article is not None and not inside:
                place = self.article.place(child)
                if place == "outside":
                    self.set_aside(child, child_line, "outside-article")
                    continue
                child_inside = place == "keep"
            if child_inside and self._is_page_part(child):
                self.set_aside(child, child_line, "navigation" if child.name != "footer" else "footer")
                continue
            if child.name == "table" and child_inside:
                self.flush()
                self.table(child, child_line)
                continue
            if child.name in _BLOCK or self._is_label_element(child):
                self.flush()
                self.walk(child, child_line, child_inside)
                self.flush()
            else:
                self.walk(child, child_line, child_inside)

    def _is_label_element(self, tag: Tag) -> bool:
        """`<div><span>索引号</span><span>002482090/…</span></div>`: an element holding only a
        metadata label (three characters or more) and one holding its value, with no colon or
        space between: the label is a line of its own (a cell), not glued to its value."""
        parent = tag.parent
        if tag.name in _BLOCK or parent is None or len(tag.get_text()) > 12:
            return False
        folded = fold(tag.get_text()).rstrip(":：")
        if len(folded) < 3 or not meta_labels().is_label(folded):
            return False
        children = [c for c in parent.children if isinstance(c, Tag) or _is_text(c) and c.strip()]
        return len(children) == 2 and children[0] is tag and isinstance(children[1], Tag)

    def walk_one(self, tag: Tag, line: int) -> None:
        """One element of a table that is not a row, as its own paragraphs."""
        self.flush()
        for para in _paras_of(tag, tag.sourceline or line, self.chrome):
            self.blocks.append(para)

    def _is_page_part(self, tag: Tag) -> bool:
        """<nav>, <header>, <footer>, <aside> or role=navigation that holds no part of the article."""
        if tag.name not in _CHROME_TAGS and tag.get("role") != "navigation":
            return False
        return self.article is None or not self.article.holds_part(tag)

    def set_aside(self, tag: Tag, line: int, why: str) -> None:
        self.flush()
        for para in _paras_of(tag, line, self.chrome):  # hidden text is hidden, whatever it says
            self.chrome.append(Chrome(para.text, para.line, why if why == "hidden" else _kind(para.text, why)))

    def table(self, table: Tag, line: int) -> None:
        rows, others = _rows(table)
        for node in others:  # a caption, text between rows
            if isinstance(node, Tag):
                self.walk_one(node, line)
            else:
                self.blocks.append(Para(node.strip(), line))
        if _is_data_table(rows) or _is_info_table(rows):
            self.blocks.append(_grid(rows, line, self.chrome))
            return
        for tr in rows:
            cells = _cells(tr)
            if all(_is_simple(c) for c in cells):
                text = " ".join(c.get_text().strip() for c in cells if c.get_text().strip())
                if text:
                    self.blocks.append(Para(text, tr.sourceline or line))
            else:
                for cell in cells:
                    if is_hidden(cell):
                        self.set_aside(cell, cell.sourceline or line, "hidden")
                        continue
                    self.walk(cell, cell.sourceline or line)
                    self.flush()


def _kind(text: str, why: str) -> str:
    return chrome_kind(text) or why


def _is_simple(cell: Tag) -> bool:
    return (cell.find(["table", "div", "p", "ul", "ol"]) is None and len(cell.get_text().strip()) <= 80
            and not is_hidden(cell) and cell.find(is_hidden) is None)


def _is_data_table(rows: list[Tag]) -> bool:
    """A table is data when one of its first rows names at least two known columns."""
    for tr in rows[:3]:
        labels = [c.get_text() for c in _cells(tr)]
        if sum(1 for label in labels if role_of(label)) >= 2:
            return True
    return False


def _is_info_table(rows: list[Tag]) -> bool:
    """An information table: at least two cells that are a metadata label alone (索引号, 发布机构:)."""
    labels = meta_labels()
    count = 0
    for tr in rows[:8]:
        for c in _cells(tr):
            if labels.is_label(fold(c.get_text()).rstrip(":：")):
                count += 1
    return count >= 2 and len(rows) <= 12


def _grid(rows: list[Tag], line: int, chrome: list[Chrome]) -> Grid:
    result = []
    for tr in rows:
        cells = []
        for c in _cells(tr):
            cells.append(Cell(
                _paras_of(c, c.sourceline or line, chrome),
                colspan=_span(c.get("colspan")),
                rowspan=_span(c.get("rowspan")),
                header=c.name == "th",
            ))
        result.append(tuple(cells))
    return Grid(tuple(result), line)


def _rows(table: Tag) -> tuple[list[Tag], list]:
    """(the table's own rows, not a nested table's; what else it holds with text, such as a
    <caption> or text between rows), wherever the rows stand (<tbody>, a stray <form>)."""
    rows, others = [], []
    stack = list(reversed(list(table.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag) and node.name == "tr":
            rows.append(node)
        elif isinstance(node, Tag) and node.name not in ("table", *INVISIBLE) and node.find("tr") is not None:
            stack.extend(reversed(list(node.children)))
        elif isinstance(node, Tag) and node.name not in INVISIBLE or _is_text(node) and node.strip():
            others.append(node)
    return rows, others


def _cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 50))
    except (TypeError, ValueError):
        return 1


def _paras_of(node: Tag, line: int, chrome: list[Chrome]) -> tuple[Para, ...]:
    """Paragraphs inside one element (a cell, a nav), split at block elements and <br>;
    hidden elements inside it go to `chrome`."""
    walker = _Walker(None, chrome)
    walker.line = line
    walker.walk(node, line)
    walker.flush()
    paras: list[Para] = []
    for block in walker.blocks:
        if isinstance(block, Para):
            paras.append(block)
        else:  # a table nested in a cell: keep its text, cell by cell
            paras.extend(p for row in block.rows for cell in row for p in cell.paras)
    return tuple(paras)
