"""What one cell of an explicit table holds, beyond its paragraphs and numbered lists.

- Owners written in the task cell after a label ("…。责任单位:市发改委、市财政局", perhaps
  in parentheses): the label and brackets are structure, the names go to the owners column.
- Several fields in one cell, each after its inline label ("进展情况:… 下步打算:…"): one
  item per field, each keeping its label at the start of its text, because the column is
  what the table published and the label is the report's own word for the part.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Item
from ..read import Para
from ..vocabulary import labels_of, roles
from .ledger import Ledger
from .tables import split_names

_SENTENCE = re.compile(r"[。；;！!？?]")
_COLON = re.compile("[:：]")  # every label ends in one: most cells need no closer look


@cache
def _owner_label() -> re.Pattern[str]:
    labels = sorted(labels_of("owners"), key=len, reverse=True)
    return re.compile(r"([(（]?)\s*(" + "|".join(map(re.escape, labels)) + r")\s*[:：]\s*")


@cache
def _inline_label() -> re.Pattern[str]:
    labels = sorted(labels_of(*(r for r in roles() if r not in ("number", "owners", "category"))), key=len, reverse=True)
    return re.compile(r"(?:^|(?<=[。；;！!？?\s]))(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")


def split_task_owners(paras: list[Para], ledger: Ledger) -> tuple[list[Para], tuple[Item, ...], str | None]:
    """(the task's own paragraphs, the owners named after a label in them, the label as written).

    The label, its colon and the brackets around it are written to the ledger as structure,
    the names as content; the task's paragraphs are left for the caller to record."""
    task: list[Para] = []
    owners: list[Item] = []
    label = None
    for para in paras:
        m = _owner_label().search(para.text) if _COLON.search(para.text) else None
        rest = para.text[m.end():] if m else ""
        after = ""
        if m and m.group(1):  # "（责任单位:…）" with text after the bracket: the names end at it
            close = _closing(rest)
            if close is not None and rest[close + 1:].strip():
                rest, after = rest[:close + 1], rest[close + 1:]
        if (not m or not rest.strip() or _SENTENCE.search(rest.rstrip("。；;"))
                or para.text[:m.start(2)].rstrip().endswith(("【", "["))):  # 【责任单位:…】: kept as written
            task.append(para)
            continue
        before = para.text[:m.start()]
        if before.strip():
            task.append(Para(before, para.line))
        if m.group(1):
            ledger.structure("separator", m.group(1), para.line)
        ledger.structure("label", para.text[m.start(2):m.end()], para.line)
        label = label or m.group(2)
        closing = ""
        if m.group(1) and rest.rstrip()[-1:] in ")）":
            rest, closing = rest.rstrip()[:-1], rest.rstrip()[-1]
        for piece, separator in split_names(rest):
            if separator:
                ledger.structure("separator", piece, para.line)
            else:
                ledger.content(piece, para.line)
                owners.append(Item(piece, para.line))
        ledger.structure("separator", closing, para.line)
        if after.strip():
            task.append(Para(after, para.line))
    return task, tuple(owners), label


def _closing(text: str) -> int | None:
    """Where the bracket opened before the text closes (brackets inside it counted), or None."""
    depth = 0
    for i, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            if depth == 0:
                return i
            depth -= 1
    return None


def split_inline_labels(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Each item cut where a second field starts after its label ("…。下步打算:…")."""
    result: list[Item] = []
    for item in items:
        starts = [m.start() for m in _inline_label().finditer(item.text)] if _COLON.search(item.text) else []
        cuts = [0] + [s for s in starts if s > 0] + [len(item.text)]
        if len(cuts) == 2:
            result.append(item)
            continue
        for n, (a, b) in enumerate(zip(cuts, cuts[1:])):
            text = item.text[a:b].strip()
            if text:
                result.append(Item(text, item.line, item.marker if n == 0 else None))
    return tuple(result)
