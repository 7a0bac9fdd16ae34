"""Body text of any other shape: headed sections (一、 / (一)) and plain paragraphs."""

from __future__ import annotations

import re

from ..model import Item, Section
from ..read import Para
from ..vocabulary import fold, looks_like_division, looks_like_unit, status_values
from .ledger import Ledger
from .tables import chrome_cells, number_kind

_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
)


def heading_level(text: str) -> int:
    if len(text) > 60:
        return 0
    return next((level for level, pattern in _LEVELS if pattern.match(text)), 0)


def split_heads(paras: list[Para], digits: bool, keep: int,
                categorized: bool = False) -> tuple[list[Para], list[tuple[Para, ...]]]:
    """`paras` without the section headings at their end, and those headings, each as its
    paragraphs: "一、…" in one, or a group row's number and text in two ("一" / "科技创新") in a
    table whose rows are numbered 1, 2 … (`digits`), or, in a table with a category column first
    (`categorized`), the category's value over the next row: a short name, not a unit's or a
    status. At least `keep` paragraphs stay."""
    heads: list[tuple[Para, ...]] = []
    while len(paras) > keep:
        if heading_level(paras[-1].text):
            size = 1
        elif categorized and not heads and _category_value(paras[-1].text):
            size = 1
        elif (digits and len(paras) > keep + 1 and number_kind(paras[-2].text) in ("chinese", "bracketed")
              and len(paras[-1].text) <= 30 and number_kind(paras[-1].text) is None):
            size = 2
        else:
            break
        heads.insert(0, tuple(paras[-size:]))
        paras = paras[:-size]
    return paras, heads


def _category_value(text: str) -> bool:
    return (len(text) <= 12 and not re.search(r"[。；;，,、:：\d]", text) and not looks_like_unit(text)
            and not looks_like_division(text) and fold(text) not in status_values())


def heading_item(paras: tuple[Para, ...], ledger: Ledger) -> Item:
    """A section heading of one paragraph or two (a group's number and text), its texts apart by a space."""
    for para in paras:
        ledger.content(para.text, para.line)
    return Item(" ".join(p.text for p in paras), paras[0].line)


def parse_sections(paras: list[Para], ledger: Ledger) -> list[Section]:
    """Group paragraphs under the headings before them, kept verbatim (markers included)."""
    sections: list[Section] = []
    heading, level, line, items = None, 0, None, []

    def close() -> None:
        if heading is not None or items:
            sections.append(Section(heading, level, tuple(items), line))

    for para in paras:
        kind = chrome_cells(para.text)
        if kind:  # the site's links copied as one row of cells, not a paragraph
            ledger.structure("separator", "".join(re.findall("[|｜]", para.text)), para.line)
            ledger.chrome(re.sub(r"\s*[|｜]+\s*", " ", para.text).strip(), para.line, kind)
            continue
        ledger.content(para.text, para.line)
        found = heading_level(para.text)
        if found:
            close()
            heading, level, line, items = para.text, found, para.line, []
        else:
            if line is None:
                line = para.line
            items.append(Item(para.text, para.line))
    close()
    return sections
