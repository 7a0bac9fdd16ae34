"""Division lists: "1. 办公室:…" … "14. 基金办:…", one entry per division."""

from __future__ import annotations

import re

from ..model import Entry
from ..read import Para
from ..vocabulary import division_named, looks_like_division
from .ledger import Ledger, Notes

_ENTRY = re.compile(r"^(\d{1,3})(\s*[.．、]\s*)([^:：,，。;；\s]{1,12}?)(\s*[:：]\s*)")


def entry_match(block) -> re.Match | None:
    if not isinstance(block, Para):
        return None
    m = _ENTRY.match(block.text)
    return m if m and looks_like_division(m.group(3)) else None


def entry_run(body: list, i: int) -> int:
    """How many blocks from body[i] form a division list (0 when none starts here).

    A run is entries with rising numbers; a plain paragraph between two entries
    continues the entry before it. A single entry counts only for a registered division.
    """
    first = entry_match(body[i])
    if not first:
        return 0
    end, last_entry, count, number = i + 1, i + 1, 1, int(first.group(1))
    while end < len(body):
        m = entry_match(body[end])
        if m and int(m.group(1)) > number:
            number, count, last_entry = int(m.group(1)), count + 1, end + 1
        elif m or not isinstance(body[end], Para):
            break
        end += 1
    if count == 1 and division_named(first.group(3)) is None:
        return 0
    return last_entry - i


def parse_entries(blocks: list[Para], ledger: Ledger, notes: Notes) -> list[Entry]:
    entries: list[Entry] = []
    previous: int | None = None
    for para in blocks:
        m = entry_match(para)
        if not m:  # a paragraph continuing the entry before it
            ledger.content(para.text, para.line)
            last = entries[-1]
            entries[-1] = Entry(last.number, last.division, last.division_id, f"{last.text}\n{para.text}", last.line)
            continue
        number, name = m.group(1), m.group(3)
        if previous is not None and int(number) != previous + 1:
            notes.add(para.line, "entry-number-gap",
                      f"division list goes from {previous} to {number}: entry {previous + 1} is missing",
                      "check the published list; the entries found are all kept")
        previous = int(number)
        division = division_named(name)
        if division is None:
            notes.add(para.line, "unknown-division", f"division {name!r} is not in the registry; kept as published",
                      "add it to generator/data/divisions.toml with a stable id if it is a real division")
        ledger.content(number, para.line)
        ledger.structure("separator", m.group(2), para.line)
        ledger.content(name, para.line)
        ledger.structure("separator", m.group(4), para.line)
        text = para.text[m.end():]
        ledger.content(text, para.line)
        entries.append(Entry(number, name, division.id if division else None, text.strip(), para.line))
    return entries
