"""The head of the page: chrome, the information block and the title, before the body.

The title is the report's own: the heading between the information block and the
发布日期 line, or beside them, checked against the page's <title> or ArticleTitle
when the page gives one. A site column name or any other short line in the head that
is not the title is kept as unplaced text with a warning; a second, mangled copy of the
title is read once and its copy recorded as chrome, with a warning.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from ..model import Meta, Unplaced
from ..read import Grid, Para
from ..vocabulary import chrome_kind, fold, meta_labels, role_of
from .chrome import chrome_run
from .ledger import Ledger, Notes
from .meta import Fields, fits_pending, is_info_grid, label_text, read_block

_LIST_START = re.compile(r"^\s*(\d{1,2}\s*[.．、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]$")
_CELLS = re.compile(r"\S\s*[|｜\t]\s*\S")
_LOOKAHEAD = 3
"""A short line is part of the head when the information block goes on within this many blocks."""
_HEAD_WINDOW = 40
"""Blocks searched for the information block: what stands above it is the head too."""


@dataclass
class HeadResult:
    meta: Meta
    body_start: int
    """Index of the first body block."""
    unplaced: tuple[Unplaced, ...] = ()
    """Lines of the head that are neither chrome, metadata nor the title."""


def parse_head(blocks: list, ledger: Ledger, notes: Notes, page_title: str | None = None) -> HeadResult:
    """Read metadata, chrome and the title from the top of the document."""
    fields = Fields()
    order: list[tuple[str, Para | None]] = []  # ("meta", None), ("title?", para) or ("text", para)
    first_meta = _first_meta(blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        run = chrome_run(blocks, i)
        if run:
            end, text, kind = run
            ledger.chrome(text, block.line, kind)
            i = end
            continue
        if isinstance(block, Grid) and not is_info_grid(block):
            break
        if isinstance(block, Para) and fields.pending and not fits_pending(fields, block.text):
            _without_values(fields, ledger, notes)
        fields.pieces, fields.puts, fields.copies = [], 0, 0
        left = read_block(block, fields)
        if left is not None:
            _commit(fields, ledger, notes)
            order.append(("meta", None))
            for para in left:  # cells of an information table that are neither label nor value
                kind = chrome_kind(para.text)
                if kind:
                    ledger.chrome(para.text, para.line, kind)
                else:
                    order.append(("title?" if _is_title(para.text) else "text", para))
            i += 1
            continue
        if isinstance(block, Grid):
            break
        title_like = _is_title(block.text) or (  # a piece of a title broken over lines (…重点工作 / 完成情况)
            _is_line(block.text, piece=True) and order and order[-1][0] == "title?" and _meta_follows(blocks, i))
        if title_like and (not any(k == "title?" for k, _ in order) or _meta_follows(blocks, i)
                           or _in_page_title(block.text, page_title)
                           or _in_page_title(block.text, page_title, fuzzy=True) and not _titled(order, page_title)):
            order.append(("title?", block))
            i += 1
            continue
        if i < first_meta:  # a menu, a site name … above the information block
            order.append(("title?" if title_like else "text", block))
            i += 1
            continue
        break
    _without_values(fields, ledger, notes)
    values = dict(fields.values)
    title, unplaced = _choose_title(order, values.pop("title", None), page_title, ledger, notes)
    meta = Meta(title=title, extra=tuple(fields.extra), labels=tuple(fields.labels.items()), **values)
    return HeadResult(meta, i, tuple(unplaced))


def _without_values(fields: Fields, ledger: Ledger, notes: Notes) -> None:
    """Labels left waiting for a value that never came (an empty cell)."""
    for label in fields.pending:
        fields.pieces = []
        fields.put(label.text, "", label.line)
        _commit(fields, ledger, notes)
    fields.pending.clear()


def _commit(fields: Fields, ledger: Ledger, notes: Notes) -> None:
    """The current block's pieces to the ledger; pairs repeating ones already read (the
    phone copy of the information table) are chrome, with one warning."""
    if fields.copies and not any(code == "duplicate-meta" for _, code, _, _ in notes.items):
        line = next(line for kind, _, line, why in fields.pieces if why == "duplicate")
        notes.add(line, "duplicate-meta", "the information block is printed again (fields already read, with the same values); "
                  "the copy is read as chrome", "nothing to do: pages often carry a second copy for phones")
    for kind, text, line, why in fields.pieces:
        if kind == "content":
            ledger.content(text, line)
        else:
            ledger.structure(kind, text, line, why)
    fields.pieces = []


def _first_meta(blocks: list) -> int:
    """Index of the first information block near the top (a page copied whole has its menus
    and site name above it), or 0 when there is none."""
    for i, block in enumerate(blocks[:_HEAD_WINDOW]):
        if isinstance(block, Grid):
            return i if is_info_grid(block) else 0
        if chrome_run(blocks, i):
            continue
        if _is_index_block(block):
            return i
        if _LIST_START.match(block.text) or block.text.endswith(("。", "；", ";")):
            return 0  # the report has begun: an information block after it is not above the title
    return 0


def late_meta(block, meta: Meta, ledger: Ledger, notes: Notes) -> tuple[Meta, list[Unplaced]] | None:
    """An information table after the body (some pages print it at the foot of the article):
    its fields complete `meta`, pairs already read are its copy. None when `block` is not one."""
    if not isinstance(block, Grid) or not is_info_grid(block) or not _is_index_block(block):
        return None
    fields = Fields({name: value for name in _NAMES if (value := getattr(meta, name)) is not None}, dict(meta.labels),
                    list(meta.extra))
    left = read_block(block, fields) or []
    _commit(fields, ledger, notes)
    _without_values(fields, ledger, notes)
    for para in left:
        ledger.content(para.text, para.line)
    unplaced = [Unplaced(p.text, p.line, "a cell of the information table that is neither label nor value") for p in left]
    return Meta(**fields.values, extra=tuple(fields.extra), labels=tuple(fields.labels.items())), unplaced


_NAMES = ("index_no", "publisher", "issued", "disclosure", "title", "published", "origin")


def _is_index_block(block: Para | Grid) -> bool:
    """A block of the 索引号 table itself (not only a 发布日期 line, which prose may resemble)."""
    probe = Fields()
    if read_block(block, probe) is None:
        return False
    names = {*probe.values, *(meta_labels().field_of(label.text.rstrip(":： ")) for label in probe.pending)}
    return bool(names & {"index_no", "publisher", "issued", "disclosure"})


def _is_meta_block(block: Para) -> bool:
    return bool(label_text(block.text)) or read_block(block, Fields()) is not None


def _meta_follows(blocks: list, i: int) -> bool:
    for block in blocks[i + 1:i + 1 + _LOOKAHEAD]:
        if isinstance(block, Grid):
            return is_info_grid(block)
        if chrome_run([block], 0):
            continue
        if _is_meta_block(block):
            return True
    return False


def _choose_title(order, labelled: str | None, page_title: str | None, ledger: Ledger, notes: Notes):
    candidates = [(n, para) for n, (kind, para) in enumerate(order) if kind == "title?"]
    chosen = None
    if labelled is None and candidates:
        chosen = _best(candidates, order, page_title)
    second = _second_line(chosen, order, page_title) if chosen else None
    title = labelled if labelled is not None else chosen.text + (second.text if second else "") if chosen else None
    unplaced = []
    for kind, para in order:
        if kind == "text":
            ledger.content(para.text, para.line)
            unplaced.append(Unplaced(para.text, para.line, "text in the head of the page: not metadata, not the title"))
    copies = _copies([(n, p) for n, p in candidates if p is not chosen and p is not second], title)
    copied = {id(para) for group in copies for para in group}
    for _, para in candidates:
        if para is chosen or para is second:
            ledger.content(para.text, para.line)
        elif id(para) in copied:
            ledger.chrome(para.text, para.line, "duplicate")
        else:
            ledger.content(para.text, para.line)
            unplaced.append(Unplaced(para.text, para.line, "a line in the head of the page that is not the title"))
    if copies:
        again = "twice; the second copy is" if len(copies) == 1 else f"{len(copies) + 1} times; the copies are"
        notes.add(copies[0][0].line, "title-twice", f"the title is printed {again} read as chrome",
                  "nothing to do if the copies say the same")
    if unplaced:
        unplaced.sort(key=lambda u: u.line)
        shown = "、".join(repr(u.text[:20]) for u in unplaced[:4]) + (" …" if len(unplaced) > 4 else "")
        notes.add(unplaced[0].line, "head-text",
                  f"{len(unplaced)} line(s) in the head of the page are neither metadata nor the title ({shown}); "
                  "they are kept as unplaced text", "if one is the title, or page chrome, check the lines around it")
    return title, unplaced


def _copies(rest: list[tuple[int, Para]], title: str | None) -> list[list[Para]]:
    """The copies of the title among the other candidates: a line, or consecutive lines that
    together are one (a copy broken over lines). A copy holds nothing the title does not:
    text of its own would be lost as chrome."""
    def is_copy(text: str) -> bool:
        return title is not None and _similar(text, title) and not Counter(fold(text)) - Counter(fold(title))

    groups, run = [], []
    for n, para in [*rest, (-1, None)]:
        if run and n != run[-1][0] + 1:
            whole = is_copy("".join(p.text for _, p in run))
            groups += [[p for _, p in run]] if whole else [[p] for _, p in run if is_copy(p.text)]
            run = []
        run.append((n, para))
    return groups


def _second_line(chosen: Para, order, page_title: str | None) -> Para | None:
    """The title's second line, when the title was broken over two: the page's title holds
    both, or both stand between the 索引号 block and the 发布日期 line."""
    n = next(n for n, (_, para) in enumerate(order) if para is chosen)
    if n + 1 >= len(order) or order[n + 1][0] != "title?":
        return None
    after = order[n + 1][1]
    joined = fold(chosen.text + after.text)
    if any(k == "title?" and p is not chosen and p is not after and fold(p.text) == joined for k, p in order):
        return after  # printed again whole
    if _similar(chosen.text, after.text):
        return None
    if page_title and _in_page_title(chosen.text + after.text, page_title):
        return after
    between = n > 0 and order[n - 1][0] == "meta" and n + 2 < len(order) and order[n + 2][0] == "meta"
    return after if between and not page_title else None


def _best(candidates, order, page_title: str | None) -> Para:
    for fuzzy in (False, True):
        matching = [para for _, para in candidates if _in_page_title(para.text, page_title, fuzzy)]
        if matching:
            return max(matching, key=lambda p: len(fold(p.text)))
    after = [para for n, para in candidates if n > 0 and order[n - 1][0] == "meta"]
    if after:
        return after[0]
    before = [para for n, para in candidates if n + 1 < len(order) and order[n + 1][0] == "meta"]
    return before[-1] if before else candidates[0][1]


def _titled(order, page_title: str | None) -> bool:
    """A line the page's title holds is among the candidates already."""
    return any(k == "title?" and _in_page_title(para.text, page_title, fuzzy=True) for k, para in order)


def _in_page_title(text: str, page_title: str | None, fuzzy: bool = False) -> bool:
    """The page's title holds this text. A short text that is the whole <title> is more
    likely the site's name (浙江省科学技术厅) than a report's title."""
    folded, wanted = fold(text), fold(page_title or "")
    if fuzzy and len(folded) >= 12 and wanted:  # a <title> cut short (…) or a few characters apart
        match = difflib.SequenceMatcher(None, folded, wanted, autojunk=False).find_longest_match()
        if match.size * 10 >= len(folded) * 8:
            return True
    return len(folded) >= 4 and folded in wanted and (folded != wanted or len(folded) >= 12)


def _similar(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return min(len(fa), len(fb)) * 10 >= max(len(fa), len(fb)) * 6
    return difflib.SequenceMatcher(None, fa, fb).ratio() >= 0.8


def _is_title(text: str) -> bool:
    """A title: one short line, not a list item, not a sentence, not a column label, not a row
    of cells (a menu copied with | or tabs between its names)."""
    return _is_line(text) and len(fold(text)) >= 4


def _is_line(text: str, piece: bool = False) -> bool:
    """A line that may be (a piece of) a title; a piece may be a column label (完成情况)."""
    return (
        len(text) <= 100
        and not _CELLS.search(text)
        and not _LIST_START.match(text)
        and not _SENTENCE_END.search(text)
        and not text.isdigit()
        and (piece or role_of(text) is None)
    )
