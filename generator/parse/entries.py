"""Division lists: "1. 办公室:…" … "14. 基金办:…", one entry per division; and lists of items
grouped under unit headings, one entry per item."""

from __future__ import annotations

import re

from ..model import Entry
from ..read import Para
from ..vocabulary import division_named, looks_like_division, looks_like_unit
from .ledger import Ledger, Notes
from .sections import heading_level

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


# ---------------------------------------------------------------- lists under division headings
# Other publishers list each unit's items under a heading of its own line, perhaps with a
# count: "(二)市经济和信息化局(5项)", then "1.…" "2、…", "3…" or unnumbered paragraphs.

_GROUP = re.compile(
    r"^(?P<marker>[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、])?\s*"
    r"(?P<name>[^\s:：(（]{2,30}?(?:[(（](?!\s*\d+\s*项)[^)）]*[)）])?)\s*"
    r"(?:[(（]\s*(?P<count>\d+)\s*项\s*[)）])?\s*(?P<colon>[:：])?$")
_ITEM = re.compile(r"^([(（]?)(\d{1,3})(\s*[.．、)）]\s*|(?=[\u4e00-\u9fff])(?![年月日个家项亿万元]))")


def group_heading(block) -> re.Match | None:
    if not isinstance(block, Para):
        return None
    m = _GROUP.match(block.text)
    if not m or not (m.group("marker") or m.group("count") or m.group("colon")):
        return None  # a bare name on its own line is a cell of a flattened table as often as a heading
    return m if looks_like_unit(m.group("name")) else None


def group_run(body: list, i: int) -> int:
    """How many blocks from body[i] are a list grouped under unit headings (0: none starts here).

    Two headings with items under each, or one that announces its count. A group ends at the
    next heading or non-paragraph; a count ends it sooner when every paragraph after it is numbered."""
    first = group_heading(body[i])
    if not first:
        return 0
    headings, end, previous = 0, i, None
    while end < len(body) and (m := group_heading(body[end])) and body[end].text != previous:
        stop = end + 1
        while (stop < len(body) and isinstance(body[stop], Para) and not group_heading(body[stop])
               and not heading_level(body[stop].text)):
            stop += 1
        count = int(m.group("count") or 0)
        if count and stop - end - 1 > count and _numbered(body[end + 1:stop]):
            stop = end + 1 + count
        if stop == end + 1:
            break
        headings, end, previous = headings + 1, stop, body[end].text  # the same heading twice: two lists
    return end - i if headings >= 2 or (headings == 1 and first.group("count")) else 0


def _numbered(paras: list[Para]) -> bool:
    return all(_ITEM.match(p.text) for p in paras)


def parse_groups(blocks: list[Para], ledger: Ledger, notes: Notes) -> list[Entry]:
    entries: list[Entry] = []
    heading = name = None
    count = expected = 0
    for para in blocks:
        m = group_heading(para)
        if m:  # a heading wherever group_run saw one, numbered 1. or not (it decided where the list ends)
            _check_group(heading, count, expected, notes)
            ledger.content(para.text, para.line)
            heading, name, count, expected = para, m.group("name"), int(m.group("count") or 0), 1
            if division_named(name) is None:
                notes.add(para.line, "unknown-division", f"unit {name!r} is not in the division registry; kept as published",
                          "add it to generator/data/divisions.toml with a stable id if it is one of the department's divisions")
            continue
        item = _ITEM.match(para.text)
        division = division_named(name)
        if item and int(item.group(2)) == expected:
            ledger.structure("separator", item.group(1), para.line)
            ledger.content(item.group(2), para.line)
            ledger.structure("separator", item.group(3), para.line)
            number, text, expected = item.group(2), para.text[item.end():], expected + 1
        elif expected > 1:  # a paragraph continuing the item before it
            ledger.content(para.text, para.line)
            last = entries[-1]
            entries[-1] = Entry(last.number, last.division, last.division_id, f"{last.text}\n{para.text}", last.line, last.heading)
            continue
        else:
            number, text = "", para.text
        ledger.content(text, para.line)
        entries.append(Entry(number, name, division.id if division else None, text.strip(), para.line, heading.text))
    _check_group(heading, count, expected, notes)
    return entries


def _check_group(heading: Para | None, count: int, expected: int, notes: Notes) -> None:
    if heading is not None and count and expected > 1 and expected - 1 != count:
        notes.add(heading.line, "entry-count", f"the heading announces {count} items but {expected - 1} were found",
                  "the list may be cut short or an item number may be missing in the source")
