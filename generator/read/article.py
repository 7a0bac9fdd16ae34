"""Where the report is on a saved page: its article container, found from the page itself.

A page of the CMS family wraps the report in navigation, breadcrumbs, related links
and footers, built as often from <div>s and layout tables as from <nav>/<footer>. The
article is found from what it holds, in this order:

1. the CMS's own markers around the body (`<!--<$[信息内容]>begin-->`,
   `<!--ZJEG_RSS.content.begin-->` …), else the block that holds nearly all of the
   page's text that is not link text (the body);
2. the title: the element whose text is the CMS's ArticleTitle, or the longest text
   the page's <title> contains (that often adds the site's name);
3. the information block (索引号 …): small blocks naming two or more metadata labels;
   and the attachments (附件：…).

The container is the smallest element holding the body and the title; the information
blocks and attachments are content too, wherever they stand. Everything else is outside the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..vocabulary import chrome_kind, fold, meta_labels, role_of

INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}
_BODY_MARK = re.compile(r"(信息内容|正文|content|article|zoom)\W*(begin|start|开始)", re.I)
_TITLE_MARK = re.compile(r"(标题名称|标题|title)\W*(begin|start|开始)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TABLE_PARTS = {"table", "tbody", "thead", "tfoot", "tr", "td", "th"}
_ROW_PARTS = _TABLE_PARTS - {"td", "th"}
_DOMINANT = 0.9
"""A child holding this share of its parent's non-link text is where the body is."""
_META_BLOCK_CHARS = 600
_CHROME_CHARS = 300


def is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))
        or (tag.name == "input" and str(tag.get("type", "")).lower() == "hidden")
    )


def page_title(soup: BeautifulSoup) -> str | None:
    """The CMS's ArticleTitle meta, else the <title> text unless it is only the site's or the
    column's name (SiteName, ColumnName metas)."""
    metas = {str(m.get("name", "")).lower(): str(m.get("content", "")).strip() for m in soup.find_all("meta")}
    if metas.get("articletitle"):
        return metas["articletitle"]
    title = soup.find("title")
    text = title.get_text().strip() if title else ""
    if fold(text) in {fold(metas.get("sitename", "")), fold(metas.get("columnname", ""))}:
        return None
    return text or None


@dataclass
class Article:
    """The parts of a page that are the report; the rest is chrome."""

    container: Tag | None
    """None when no article was found: the whole page is read."""
    body: Tag | None
    """The report's body: inside it, only text that data/chrome.toml lists is chrome."""
    blocks: tuple[Tag, ...] = ()
    """Information blocks outside the container."""
    title: Tag | None = None
    how: str = "the whole page (no article container found)"
    _keep: set[int] = field(default_factory=set)
    _around: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        for tag in (self.container, *self.blocks):
            if tag is not None:
                self._keep.add(id(tag))
                self._around.update(id(parent) for parent in tag.parents)

    def holds_part(self, tag: Tag) -> bool:
        """True when `tag` holds the container, the body, the title or an information block."""
        return any(part is not None and _within(part, tag)
                   for part in (self.container, self.body, self.title, *self.blocks))

    def place(self, tag: Tag) -> str:
        """"keep" (the article or an information block), "around" (holds one), or "outside"."""
        if self.container is None or id(tag) in self._keep:
            return "keep"
        return "around" if id(tag) in self._around else "outside"


def find_article(soup: BeautifulSoup, title_text: str | None) -> Article:
    root = soup.body or soup
    sizes = _text_sizes(root)
    body, how = _marked_body(root)
    if body is None:
        body, how = _densest(root, sizes), "the block holding the page's text"
    title = _marked_title(root) or _title_element(root, title_text, sizes)
    if title is not None:
        how += " and the title"
    container = _common_ancestor(body, title) if title is not None else body
    if container is None or container is root:
        return Article(None, body, title=title)
    blocks = tuple(b for b in _info_blocks(root, sizes) if not _within(b, container))
    return Article(container, body, blocks, title, how)


def _text_sizes(root: Tag) -> dict[int, tuple[int, int]]:
    """id(tag) -> (characters of visible text, of which in links), in one bottom-up pass."""
    sizes: dict[int, tuple[int, int]] = {}
    for tag in [*reversed(root.find_all(True)), root]:
        if tag.name in INVISIBLE:
            sizes[id(tag)] = (0, 0)
            continue
        text = links = 0
        for child in tag.children:
            if isinstance(child, Tag):
                t, l = sizes.get(id(child), (0, 0))
                text, links = text + t, links + l
            elif isinstance(child, NavigableString) and type(child) in (NavigableString,):
                text += len(child.strip())
        if tag.name == "a" or tag.name not in _TABLE_PARTS and text <= _CHROME_CHARS and chrome_kind(tag.get_text()):
            links = text  # link text and known chrome (a footer line) say nothing of where the report is
        sizes[id(tag)] = (text, links)
    return sizes


def _marked_body(root: Tag) -> tuple[Tag | None, str]:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment) and _BODY_MARK.search(s)):
        if isinstance(comment.parent, Tag):
            return comment.parent, "the CMS's content marker"
    return None, ""


def _marked_title(root: Tag) -> Tag | None:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment) and _TITLE_MARK.search(s)):
        if isinstance(comment.parent, Tag) and comment.parent.get_text().strip():
            return comment.parent
    return None


def _densest(root: Tag, sizes: dict) -> Tag:
    """The innermost element holding nearly all the page's text that is not links or chrome.
    Pages built from layout tables are followed down through a table whose one cell holds
    that text; a table whose text is spread over its cells (a data table) is not entered."""
    node = found = root
    while True:
        total = sizes[id(node)][0] - sizes[id(node)][1]
        children = [c for c in node.find_all(True, recursive=False) if not is_hidden(c)]
        if not children or total <= 0:
            return found
        best = max(children, key=lambda c: sizes[id(c)][0] - sizes[id(c)][1])
        if sizes[id(best)][0] - sizes[id(best)][1] < _DOMINANT * total or best.name == "table" and _is_data(best, sizes):
            return found
        node = best
        if node.name not in _ROW_PARTS:  # never a table or a row: a cell or a block
            found = node


def _is_data(table: Tag, sizes: dict) -> bool:
    """A data table is never entered, even when one of its cells holds nearly all the text: a
    row of its first three names two known columns, or two of its rows have text in two cells
    (a layout table has one cell of text a row, beside spacers and links)."""
    rows = [tr for tr in table.find_all("tr", limit=12) if tr.find_parent("table") is table]
    texts = [[c for c in tr.find_all(["td", "th"], recursive=False) if sizes[id(c)][0] > sizes[id(c)][1]] for tr in rows]
    if any(sum(1 for c in cells if role_of(c.get_text())) >= 2 for cells in texts[:3]):
        return True
    return sum(1 for cells in texts if len(cells) >= 2) >= 2


def _title_element(root: Tag, title_text: str | None, sizes: dict) -> Tag | None:
    """The innermost, longest element whose whole text the page's title contains."""
    if not title_text:
        return None
    wanted = fold(title_text)
    best, best_len = None, 3
    for tag in root.find_all(True):
        if tag.name in INVISIBLE or not 4 <= sizes[id(tag)][0] <= min(200, len(title_text)):
            continue
        text = fold(tag.get_text())
        if len(text) > best_len and text in wanted and tag.find_parent("a") is None and tag.name != "a":
            if not any(is_hidden(t) for t in (tag, *tag.parents) if isinstance(t, Tag)):
                best, best_len = tag, len(text)
        elif best is not None and len(text) == best_len and text in wanted and _within(tag, best):
            best = tag
    return best


def _info_blocks(root: Tag, sizes: dict) -> list[Tag]:
    """The largest blocks of at most a few hundred characters naming two metadata labels, or
    listing the report's attachments (附件：…), which pages often put outside the article."""
    labels = meta_labels()
    strong = [label for label, name in labels.fields.items() if len(label) >= 3]
    found = []
    for tag in root.find_all(["table", "div", "ul", "dl", "section", "p"]):
        if not 0 < sizes[id(tag)][0] <= _META_BLOCK_CHARS or any(_within(tag, f) for f in found):
            continue
        text = fold(tag.get_text())
        if len({labels.fields[label] for label in strong if label in text}) >= 2 or text.startswith("附件"):
            found.append(tag)
    return found


def _within(tag: Tag, ancestor: Tag) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.parents)


def _common_ancestor(a: Tag, b: Tag) -> Tag | None:
    chain = {id(a)} | {id(p) for p in a.parents}
    for node in (b, *b.parents):
        if id(node) in chain:
            return node
    return None
