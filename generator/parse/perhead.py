"""The header of a table copied one cell per line (perline.py), in one level or two.

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

from ..read import Cell
from ..vocabulary import role_of
from .ledger import Notes

_SUBS = 2  # sub-columns under the one cell over them, when the copy does not show how many


def header_rows(tokens: list, data_width: int | None,
                notes: Notes) -> tuple[tuple[tuple[Cell, ...], ...], int, int]:
    """The header's rows as grid rows, how many cells a row of the table has, and how many of
    `tokens` (labels and empty cells up to the first row) the header takes."""
    cells = [Cell(tuple(t.paras)) for t in tokens]
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
            notes.add(tokens[0].line, "header-levels",
                      f"the header has one label more than its rows have cells: read as {_text(top[at])!r} over {labels}",
                      "a copy one cell per line does not show merged header cells: check the header on the published page")
            return (row, tuple(subs)), data_width, size
    return (tuple(cells),), size, size


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
