"""The header of a table copied as text, one cell per line (perline.py) or with tabs (glued.py),
in one level or two.

A two-level header (`完成情况` over `进展 / 问题`) reaches the copy in one of two forms:

- with the empty cells its merged cells leave, row after row (`序号| 重点任务| 完成情况| |
  责任单位| | | 进展| 问题| |`): twice as many cells as a row, laid out as two rows;
- with no cell for what a merged cell covers (`序号| 重点任务| 完成情况| 责任单位| 进展|
  问题|`): more labels than the first row has cells. One label too many is one cell over
  sub-columns; which label it is and how many it spans is not in the text, so the parser
  reads the most common form, one cell over the last two labels, the cell over them the
  label they share a role with (else the one the vocabulary does not know), and says so.
"""

from __future__ import annotations

import re

from ..read import Cell, Para
from ..vocabulary import role_of
from .gridhead import header_columns, lay_out
from .ledger import Notes
from .tables import number_value

_SENTENCE = re.compile(r"[。；;，,]")

_SUBS = 2  # sub-columns under the one cell over them, when the copy does not show how many


def header_rows(cells: list[Cell], line: int, data_width: int | None,
                notes: Notes) -> tuple[tuple[tuple[Cell, ...], ...], int, int]:
    """The header's rows as grid rows, how many cells a row of the table has, and how many of
    `cells` (labels and empty cells up to the first row) the header takes."""
    size = len(cells)
    if (any(not c.paras for c in cells) and size % 2 == 0 and data_width == size // 2
            and _two_rows(cells[:size // 2], cells[size // 2:])):
        return (tuple(cells[:size // 2]), tuple(cells[size // 2:])), size // 2, size
    while size and not cells[size - 1].paras:  # empty cells before the first row: not the header's
        size -= 1
    cells = cells[:size]
    if data_width == size - 1 and size >= 4:
        top, subs = cells[:-_SUBS], cells[-_SUBS:]
        at = _group_at(top, subs)
        if at is not None:
            row = tuple(Cell(c.paras, colspan=_SUBS) if n == at else Cell(c.paras, rowspan=2) for n, c in enumerate(top))
            labels = "、".join(_text(c) for c in subs)
            notes.add(line, "header-levels",
                      f"the header has one label more than its rows have cells: read as {_text(top[at])!r} over {labels}",
                      "a copy as text does not show merged header cells: check the header on the published page")
            return (row, tuple(subs)), data_width, size
    return (tuple(cells),), size, size


def tab_levels(top: list[str], second, first_row, line: int,
               notes: Notes) -> tuple[tuple[tuple[Cell, ...], ...], list[str], list[str | None]] | None:
    """A two-level header copied with tabs: the labels of `top`, then a line of sub-labels
    (`进展<tab>问题`, the tabs of the cells under no sub-label dropped by the copy). Its grid rows,
    and the label and role of each column; None when `second` is no line of sub-labels."""
    if not isinstance(second, Para) or not isinstance(first_row, Para) or "\t" not in second.text:
        return None
    subs = [part.strip() for part in second.text.split("\t")]
    if not all(_is_label(sub) for sub in subs):
        return None
    cells = [Cell((Para(label.strip(), line),) if label.strip() else ()) for label in top]
    under = [Cell((Para(sub, second.line),)) for sub in subs]
    covered = [n for n, c in enumerate(cells) if not c.paras or n + 1 < len(cells) and not cells[n + 1].paras]
    if covered:  # the cells over sub-columns are followed by the empty ones they span
        if len(covered) != len(subs):
            return None
        row = [Cell(())] * len(cells)
        for n, cell in zip(covered, under):
            row[n] = cell
        rows, _, _ = header_rows(cells + row, line, len(cells), notes)
    else:
        rows, _, _ = header_rows(cells + under, line, first_row.text.count("\t") + 1, notes)
    if len(rows) != 2:
        return None
    columns, _, _ = header_columns(*lay_out(rows))
    if first_row.text.count("\t") == len(columns):  # a last column with no label: the copy dropped its tabs
        return tuple(row + (Cell(()),) for row in rows), [c.label for c in columns] + [""], [c.role for c in columns] + [None]
    return rows, [c.label for c in columns], [c.role for c in columns]


def _is_label(text: str) -> bool:
    return 0 < len(text) <= 16 and not _SENTENCE.search(text) and number_value(text) is None


def _two_rows(top: list[Cell], sub: list[Cell]) -> bool:
    """Two rows of a header: every slot named in one of them, the second naming some."""
    return bool(top[0].paras) and any(c.paras for c in sub) and all(a.paras or b.paras for a, b in zip(top, sub))


def _group_at(top: list[Cell], subs: list[Cell]) -> int | None:
    """Which top cell stands over the sub-columns: one whose role a sub-label shares, else the one
    the vocabulary does not know; never the row number or the task."""
    roles = [role_of(_text(c)) for c in top]
    sub_roles = {role_of(_text(c)) for c in subs}
    candidates = [n for n, role in enumerate(roles) if role not in ("number", "task")]
    shared = [n for n in candidates if roles[n] and roles[n] in sub_roles]
    unknown = [n for n in candidates if roles[n] is None]
    found = shared or unknown
    return found[0] if len(found) == 1 else None


def _text(cell: Cell) -> str:
    return "".join(p.text for p in cell.paras)
