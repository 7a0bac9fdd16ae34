"""Body text of any other shape: headed sections (一、 / (一)) and plain paragraphs."""

from __future__ import annotations

import re

from ..model import Item, Section
from ..read import Para
from .ledger import Ledger
from .tables import chrome_cells

_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
)


def heading_level(text: str) -> int:
    if len(text) > 60:
        return 0
    return next((level for level, pattern in _LEVELS if pattern.match(text)), 0)


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
