"""The saved HTML page of a publication, cut into the same blocks as plain text.

The publisher's CMS page has an information table (索引号 …), the title, a
line with 发布日期 and 信息来源, then the body, where a tabular report is a real
<table>. Layout tables are flattened; a table whose header row names known
columns becomes a `Grid`. <nav>, <header> and <footer> are page chrome.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..vocabulary import role_of
from .blocks import Cell, Grid, Para

_INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}
_CHROME = {"nav", "header", "footer"}
_BLOCK = {
    "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
    "caption", "blockquote", "pre", "form", "center", "hr", "br", "body", "html",
}


def html_blocks(text: str) -> tuple[tuple[Para | Grid, ...], tuple[Para, ...]]:
    """(content blocks, chrome paragraphs) of an HTML page."""
    soup = BeautifulSoup(text, "html.parser")
    walker = _Walker()
    walker.walk(soup.body or soup, 1)
    walker.flush()
    return tuple(walker.blocks), tuple(walker.chrome)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Para | Grid] = []
        self.chrome: list[Para] = []
        self.parts: list[str] = []
        self.line = 1

    def flush(self) -> None:
        text = "".join(self.parts).strip()
        if text:
            self.blocks.append(Para(text, self.line))
        self.parts = []

    def walk(self, node: Tag, line: int) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if not self.parts or not "".join(self.parts).strip():
                    self.line = line
                self.parts.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _INVISIBLE:
                continue
            child_line = child.sourceline or line
            if child.name in _CHROME or child.get("role") == "navigation":
                self.flush()
                for para in _paras_of(child, child_line):
                    self.chrome.append(para)
                continue
            if child.name == "table":
                self.flush()
                self.table(child, child_line)
                continue
            if child.name in _BLOCK:
                self.flush()
                self.walk(child, child_line)
                self.flush()
            else:
                self.walk(child, child_line)

    def table(self, table: Tag, line: int) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        if _is_data_table(rows):
            self.blocks.append(_grid(rows, line))
            return
        for tr in rows:
            cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
            if all(_is_simple(c) for c in cells):
                text = " ".join(c.get_text().strip() for c in cells if c.get_text().strip())
                if text:
                    self.blocks.append(Para(text, tr.sourceline or line))
            else:
                for cell in cells:
                    self.walk(cell, cell.sourceline or line)
                    self.flush()


def _is_simple(cell: Tag) -> bool:
    return cell.find(["table", "div", "p", "ul", "ol"]) is None and len(cell.get_text().strip()) <= 80


def _is_data_table(rows: list[Tag]) -> bool:
    """A table is data when one of its first rows names at least two known columns."""
    for tr in rows[:3]:
        labels = [c.get_text() for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
        if sum(1 for label in labels if role_of(label)) >= 2:
            return True
    return False


def _grid(rows: list[Tag], line: int) -> Grid:
    result = []
    for tr in rows:
        cells = []
        for c in tr.find_all(["td", "th"]):
            if c.find_parent("tr") is not tr:
                continue
            cells.append(Cell(
                _paras_of(c, c.sourceline or line),
                colspan=_span(c.get("colspan")),
                rowspan=_span(c.get("rowspan")),
                header=c.name == "th",
            ))
        result.append(tuple(cells))
    return Grid(tuple(result), line)


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 50))
    except (TypeError, ValueError):
        return 1


def _paras_of(node: Tag, line: int) -> tuple[Para, ...]:
    """Paragraphs inside one element (a cell, a nav), split at block elements and <br>."""
    walker = _Walker()
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
