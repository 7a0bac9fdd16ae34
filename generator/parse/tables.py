"""What every table layout shares: column keys, captions, row counts, owner names, row numbers.

The layouts themselves: flat.py (one cell per paragraph, the seeds), grid.py (explicit
cells: HTML, `a | b |` rows), perline.py (one cell per line ending in `|`) and glued.py
(cells run together on one line); the last two are turned into grids.
"""

from __future__ import annotations

import re

from ..model import Column, Item, Table
from ..read import Para
from ..vocabulary import chrome_kind, looks_like_division
from .ledger import Ledger, Notes

_CAPTION_COUNT = re.compile(r"[(（]\s*(\d+)\s*项\s*[)）]")
_NAME_SEP = re.compile(r"[、,，/;；\s]+")
# A row number as tables print it: 1, 12, 一, 十二, optionally followed by 、 or ., or (1)
ROW_NUMBER = re.compile(r"^(?:(\d{1,4}|[一二三四五六七八九十]{1,3})\s*[.．、]?|[(（]\s*(\d{1,4})\s*[)）])$")
_PIPES = re.compile(r"\s*[|｜]+\s*")
_CHINESE = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}
_BRACKETED = re.compile(r"^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]$")


def number_value(text: str) -> int | None:
    """The value of a row number ("12", "十二", "3、", "(3)"), or None when the text is not one."""
    m = ROW_NUMBER.match(text.strip())
    if not m:
        return None
    digits = m.group(1) or m.group(2)
    if digits.isdigit():
        return int(digits)
    if digits == "十":
        return 10
    tens, _, ones = digits.partition("十")
    if "十" not in digits:
        return _CHINESE.get(digits) if len(digits) == 1 else None
    return (_CHINESE.get(tens, 0) if tens else 1) * 10 + (_CHINESE.get(ones, 0) if ones else 0)


def chrome_cells(text: str) -> str | None:
    """The chrome kind of a line of cells (`| 网站地图 | 联系我们 |`, the site's links copied as
    a table row), its cells taken apart by spaces; None when it is not page chrome."""
    if not _PIPES.search(text):
        return None
    return chrome_kind(_PIPES.sub(" ", text).strip())


def number_kind(text: str) -> str | None:
    """How a number cell counts: "digits" (1, 12、), "chinese" (一, 十二、), "bracketed" ((一),
    the family's second-level group marker), or None when the text is no number."""
    text = text.strip()
    if _BRACKETED.match(text):
        return "bracketed"
    m = ROW_NUMBER.match(text)
    if not m:
        return None
    return "digits" if (m.group(1) or m.group(2)).isdigit() else "chinese"


def dedupe_roles(columns: list[Column]) -> list[Column]:
    """A role names one column only (a second one keeps its label, role None), and keys are unique."""
    roles_seen: set[str] = set()
    keys_seen: set[str] = set()
    result = []
    for column in columns:
        role = None if column.role in roles_seen else column.role
        key, n = role or column.label, 1
        while key in keys_seen:
            n += 1
            key = f"{column.label}-{n}"
        if role:
            roles_seen.add(role)
        keys_seen.add(key)
        result.append(Column(column.label, role, key, column.group, column.from_cells))
    return result


def is_caption(para) -> bool:
    """A table caption: a short line that is neither a list item nor a sentence."""
    if not isinstance(para, Para):
        return False
    text = para.text
    return (
        len(text) <= 80
        and not re.match(r"^\s*\d{1,2}\s*[.．、]", text)
        and not re.search(r"[。；;！!？?]$", text)
        and not text.isdigit()
        and not looks_like_division(text)
    )


def check_count(table: Table, notes: Notes) -> None:
    """A caption's count of rows ("(17项)") against the rows found; a section's against its rows."""
    if table.caption:
        m = _CAPTION_COUNT.search(table.caption)
        if m and int(m.group(1)) != len(table.rows):
            notes.add(table.line, "row-count", f"the caption announces {m.group(1)} rows but {len(table.rows)} were found",
                      "the table may be cut short or a row number may be missing in the source")
    for section in table.sections:
        m = _CAPTION_COUNT.search(section.text)
        found = sum(1 for row in table.rows if row.section == section.text)
        if m and int(m.group(1)) != found:
            notes.add(section.line, "row-count", f"the section {section.text[:30]!r} announces {m.group(1)} rows "
                      f"but {found} were found", "a row may be missing in the source, or placed under another section")


def split_names(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_separator): names apart at 、 , / ; and spaces, never inside
    parentheses, so "各区(县、市)政府" stays one name."""
    if not any(bracket in text for bracket in "(（"):
        return [(piece, bool(_NAME_SEP.fullmatch(piece))) for piece in re.split(f"({_NAME_SEP.pattern})", text) if piece]
    pieces: list[tuple[str, bool]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and _NAME_SEP.fullmatch(char):
            if i > start:
                pieces.append((text[start:i], False))
            if pieces and pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + char, True)
            else:
                pieces.append((char, True))
            start = i + 1
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces


def owner_items(paras, ledger: Ledger) -> tuple[Item, ...]:
    """Names in an owners cell, one item each; the punctuation between them is structure."""
    items = []
    for para in paras:
        for piece, separator in split_names(para.text):
            if separator:
                ledger.structure("separator", piece, para.line)
            else:
                ledger.content(piece, para.line)
                items.append(Item(piece, para.line))
    return tuple(items)


def is_owner_para(para: Para) -> bool:
    """A paragraph of a flattened table made only of division names (asked of every paragraph of a row)."""
    if "(" in para.text or "（" in para.text:
        names = [piece for piece, separator in split_names(para.text) if not separator]
    else:
        names = [name for name in _NAME_SEP.split(para.text) if name]
    return bool(names) and all(looks_like_division(n) for n in names)
