"""Numbered lists inside cells: "1.… 2.…" becomes one item per number.

A marker is a number followed by "." "．" or "、" (or a number in parentheses)
at the start of a paragraph. The number decides, not the character after it:
"2.6月28日,…" is item 2 whose text begins "6月28日", and "3.1-5月" is item 3
beginning "1-5月", because 2 and 3 continue the list. A paragraph is a new list
when its number is 1; any other number that does not continue the list is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Item
from ..read import Para
from .ledger import Ledger

_MARKER = re.compile(r"^(?:(\d{1,2})\s*[.．、]|[(（](\d{1,2})[)）])\s*")
# Inside one paragraph a list may run on: "1.甲。2.乙。" (pipe tables, HTML cells).
_INLINE = re.compile(r"(?<=[。；;！!？?])\s*(\d{1,2})\s*[.．、]\s*")


@dataclass(frozen=True)
class Marked:
    """A paragraph with its list marker split off."""

    number: int | None
    marker: str | None
    """The marker exactly as published, white space included."""
    text: str
    line: int


def split_marker(para: Para) -> Marked:
    m = _MARKER.match(para.text)
    if not m or not para.text[m.end():].strip():
        return Marked(None, None, para.text, para.line)
    number = int(m.group(1) or m.group(2))
    return Marked(number, m.group(0), para.text[m.end():], para.line)


def segments(paras: list[Para]) -> list[list[Marked]]:
    """Cut consecutive paragraphs into cell-sized segments.

    A numbered list is one segment (it ends where the numbering stops following on);
    a list restarting at 1 starts the next segment; a plain paragraph is a segment.
    """
    result: list[list[Marked]] = []
    last: int | None = None
    for para in paras:
        marked = split_marker(para)
        if marked.number is not None and last is not None and marked.number == last + 1:
            result[-1].append(marked)
            last = marked.number
        elif marked.number == 1:
            result.append([marked])
            last = 1
        else:
            result.append([Marked(None, None, para.text, para.line)])
            last = None
    return result


def inline_split(first: Marked) -> list[Marked]:
    """Split item 1 written as "1.甲。2.乙。" in one paragraph into numbered items 1, 2, …"""
    text = first.text
    items = []
    start, marker, expected = 0, first.marker, 2
    for m in _INLINE.finditer(text):
        if int(m.group(1)) != expected:
            continue
        items.append(Marked(expected - 1, marker, text[start:m.start()], first.line))
        start, marker, expected = m.end(), m.group(0), expected + 1
    items.append(Marked(expected - 1, marker, text[start:], first.line))
    return items


def cell_items(paras: list[Para], ledger: Ledger) -> tuple[Item, ...]:
    """All paragraphs of one explicit cell as items, markers split off where they number a list."""
    marked: list[Marked] = []
    for segment in segments(paras):
        if len(segment) == 1 and segment[0].number == 1:
            marked.extend(inline_split(segment[0]))
        else:
            marked.extend(segment)
    return record(marked, ledger)


def record(marked: list[Marked], ledger: Ledger) -> tuple[Item, ...]:
    """Turn marked paragraphs into items, writing markers and texts to the ledger."""
    items = []
    for m in marked:
        if m.marker:
            ledger.structure("marker", m.marker, m.line)
        ledger.content(m.text, m.line)
        items.append(Item(m.text.strip(), m.line, m.marker.strip() if m.marker else None))
    return tuple(items)
