"""Laying out a grid as a browser does, and reading its header (one level or two).

Cells spanning rows or columns are repeated in every slot they cover, marked as spans, so
a row below a spanning cell has no cell of its own there. The header is the first row
naming two known columns; a row under it made only of labels is a second level: the
sub-label names the column and `Column.group` keeps the cell over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Column
from ..read import Cell, Grid
from ..vocabulary import fold, role_of
from .sections import heading_level
from .tables import dedupe_roles, number_value

_SENTENCE = "。；;！!？?,，"


@dataclass(frozen=True)
class Slot:
    cell: Cell
    first: bool
    """True in the slot holding the cell's text (its top left); False where it only spans."""


def cell_text(cell: Cell | None) -> str:
    return "".join(p.text for p in cell.paras) if cell else ""


def lay_out(rows: tuple[tuple[Cell, ...], ...]) -> list[list[Slot]]:
    """Each row as one slot per column, cells spanning rows and columns repeated where they span."""
    spans: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows it still covers)
    result = []
    for cells in rows:
        out: list[Slot] = []
        new: dict[int, tuple[Cell, int]] = {}

        def fill() -> None:
            while len(out) in spans:
                out.append(Slot(spans[len(out)][0], False))

        for cell in cells:
            fill()
            for k in range(cell.colspan):
                if cell.rowspan > 1:
                    new[len(out)] = (cell, cell.rowspan - 1)
                out.append(Slot(cell, k == 0))
        fill()
        spans = {c: (cell, left - 1) for c, (cell, left) in spans.items() if left > 1} | new
        result.append(out)
    return result


def is_label_row(row: list[Slot]) -> bool:
    texts = [cell_text(s.cell) for s in row if s.first and cell_text(s.cell)]
    return bool(texts) and all(
        len(fold(t)) <= 20 and not any(p in t for p in _SENTENCE) and number_value(t) is None
        and not heading_level(t) for t in texts
    ) and (len(texts) >= 2 or any(role_of(t) for t in texts))


def header_columns(head: list[Slot], sub: list[Slot] | None) -> tuple[list[Column], list[int | None], list[Cell]]:
    """Columns of the header, which column each slot feeds (None: an unnamed row-number slot),
    and the header cells whose text the columns hold."""
    columns: list[Column] = []
    slot_of: list[int | None] = []
    cells: list[Cell] = []
    by_cell: dict[int, int] = {}
    parent: Cell | None = None
    for j, slot in enumerate(head):
        top_text = cell_text(slot.cell)
        if top_text:
            parent = slot.cell
        below = sub[j] if sub and j < len(sub) and sub[j].first and cell_text(sub[j].cell) else None
        if below is not None:
            group_cell = slot.cell if top_text else parent
            group = cell_text(group_cell) if group_cell else None
            label = cell_text(below.cell)
            columns.append(Column(label, role_of(label) or (role_of(group) if group else None), group=group))
            slot_of.append(len(columns) - 1)
            cells += [c for c in (group_cell, below.cell) if c is not None and c not in cells]
        elif id(slot.cell) in by_cell:
            slot_of.append(by_cell[id(slot.cell)])
        elif role_of(top_text) == "task" and slot.cell.colspan > 1 and not sub:
            slot_of.append(None)  # a task header over the row number and the task
            by_cell[id(slot.cell)] = len(columns)
            columns.append(Column(top_text, "task"))
            cells.append(slot.cell)
        else:
            by_cell[id(slot.cell)] = len(columns)
            columns.append(Column(top_text, role_of(top_text)))
            slot_of.append(len(columns) - 1)
            cells.append(slot.cell)
    return dedupe_roles(columns), slot_of, cells


def header_row(grid: Grid) -> int | None:
    """Index of the grid's header: the first row naming at least two known columns."""
    return next((n for n, row in enumerate(grid.rows)
                 if sum(1 for cell in row if role_of(cell_text(cell))) >= 2), None)


def leading_cells_restored(grid: Grid) -> tuple[tuple[Cell, ...], ...]:
    """`a | b |` rows (a pipe after each cell, none before the first) lose an empty first cell
    where a line starts with its pipe (`| b |` reads as Markdown); put it back."""
    lines = [p for p in grid.structure if "-" not in p.text]  # a pipe row's pipes, not a --- rule
    if not lines or len(lines) != len(grid.rows):
        return grid.rows
    pipes = [len(re.findall("[|｜]", p.text)) for p in lines]
    if pipes[0] != len(grid.rows[0]):  # the first row has a pipe before its first cell: Markdown rows
        return grid.rows
    return tuple((Cell(()),) + row if len(row) == n - 1 else row for row, n in zip(grid.rows, pipes))
