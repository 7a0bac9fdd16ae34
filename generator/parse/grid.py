"""Tables with explicit cells: HTML <table>, `a | b |` rows, and the grids of perline.py and glued.py.

The grid is laid out and its header read by gridhead.py. Each row after the header is one of:

- empty (a `||` line, a rule): nothing;
- the header again, as published under each section: structure of kind "header";
- a section row: one cell of text, not a row number, that is a heading (一、, (一)), spans
  the whole row, or stands above a repeated header or the first row of a numbered table.
  The rows after it carry it in `Row.section`;
- a continuation: in a numbered table, a row with no number of its own continues the row
  above (its number cell spans it, or the page wrote a merged cell's text on a line of its
  own); its text is added to the same columns of that row;
- a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Column, Item, Row, Table, Unplaced
from ..read import Cell, Grid, Para
from ..vocabulary import fold, status_values
from .cells import split_inline_labels, split_task_owners
from .gridhead import Slot, cell_text, header_columns, header_row, is_label_row, lay_out, leading_cells_restored
from .items import cell_items
from .ledger import Ledger, Notes
from .sections import heading_level
from .tables import check_count, number_kind, number_value, owner_items

_NOTE = re.compile(r"^(注|备注|说明)\s*\d?\s*[:：]")
_GLUED = re.compile(r"^(\d{1,3})(?!\d)(\s*[.．、]?\s*)(?=\S)")


@dataclass
class _Draft:
    """A row being read: its cells grow while continuation rows follow."""

    number: str | None
    line: int
    section: str | None
    cells: dict[str, list[Item]]


class _Reader:
    def __init__(self, grid: Grid, ledger: Ledger, notes: Notes, unplaced: list[Unplaced]):
        self.grid, self.ledger, self.notes, self.unplaced = grid, ledger, notes, unplaced
        self.drafts: list[_Draft] = []
        self.sections: list[Item] = []
        self.section: str | None = None
        self.owner_label: str | None = None

    def header(self, rows: list[list[Slot]], at: int, repeated: bool) -> int:
        """Read the header at rows[at]; the index of the first row after it."""
        sub = rows[at + 1] if at + 1 < len(rows) and is_label_row(rows[at + 1]) and self._has_room(rows[at]) else None
        self.columns, self.slot_of, cells = header_columns(rows[at], sub)
        self.header_texts = [self._texts(r) for r in (rows[at], sub) if r]
        if sub:  # both levels in one row: a header repeated by a copy that wrote its cells in a run
            self.header_texts.append(self.header_texts[0] + self.header_texts[1])
        for cell in cells:
            for para in cell.paras:
                if repeated:
                    self.ledger.structure("header", para.text, para.line)
                else:
                    self.ledger.content(para.text, para.line)
        self.numbered = None in self.slot_of or any(c.role == "number" for c in self.columns)
        self.category_at = next((j for j, k in enumerate(self.slot_of)
                                 if k is not None and self.columns[k].role == "category"), None)
        return at + (2 if sub else 1)

    @staticmethod
    def _has_room(head: list[Slot]) -> bool:
        """A header with a cell over several columns, or empty cells a second level may name."""
        return any(s.cell.colspan > 1 or not cell_text(s.cell) for s in head)

    @staticmethod
    def _texts(row: list[Slot]) -> list[str]:
        return [fold(cell_text(s.cell)) for s in row if s.first and cell_text(s.cell)]

    def row(self, row: list[Slot], next_row: list[Slot] | None) -> None:
        firsts = [(j, s.cell) for j, s in enumerate(row) if s.first and s.cell.paras]
        if not firsts:
            return
        if self._texts(row) in self.header_texts:
            for _, cell in firsts:
                for para in cell.paras:
                    self.ledger.structure("header", para.text, para.line)
            return
        slot_of = self.slot_of
        shifted = (len(row) == len(slot_of) + 1 and not self.numbered
                   and number_value(cell_text(row[0].cell)) is not None)  # a number column the header did not name
        row = self._unglue_number(self._category(row, int(shifted)))
        firsts = [(j, s.cell) for j, s in enumerate(row) if s.first and s.cell.paras]
        if not firsts:  # a category's cell alone
            return
        if shifted:
            slot_of = [None] + slot_of
        number_at = next((j for j, k in enumerate(slot_of) if k is None or self.columns[k].role == "number"), None)
        number_slot = row[number_at] if number_at is not None and number_at < len(row) else None
        number = cell_text(number_slot.cell).strip() if number_slot and number_slot.first else ""
        line = firsts[0][1].paras[0].line
        if len(firsts) == 1 and _NOTE.match(cell_text(firsts[0][1])):  # "注:…" written in a row of its own
            for para in firsts[0][1].paras:
                self.ledger.content(para.text, para.line)
                self.unplaced.append(Unplaced(para.text, para.line, "a note written in a row of the table"))
            self.notes.add(line, "table-note", "a note in a row of its own is kept as unplaced, under the table",
                           "check that it is a note on the table and not a row")
            return
        if (len(firsts) == 1 and number_value(number) is None and self._is_section(row, firsts[0][1], next_row)
                or self._is_group_row(firsts, number_at, number, next_row)):
            self._section([cell for _, cell in firsts], line)
            return
        has_task = any(j < len(slot_of) and slot_of[j] is not None and self.columns[slot_of[j]].role == "task"
                       for j, _ in firsts)
        new_row = (number_value(number) is not None or not (self.numbered and self.drafts)
                   or (has_task and not number))  # a task of its own: a row the publisher did not number
        if not new_row:
            draft = self.drafts[-1]
            if number and number_slot is not None:  # a merged cell's text written where the number stands
                target = self._first_data_slot(slot_of)
                firsts = [(target, cell) if j == number_at else (j, cell) for j, cell in firsts]
                self.notes.add(line, "continuation-row",
                               f"line {line} continues row {draft.number}: its text {number[:20]!r} is added to "
                               f"{self.columns[slot_of[target]].label}",
                               "a merged cell's text on a line of its own: check which column it is in on the published page")
        else:
            draft = _Draft(number or None, line, self.section, {})
            self.drafts.append(draft)
            if number_slot is not None and number_slot.first:
                for para in number_slot.cell.paras:
                    self.ledger.content(para.text, para.line)
        for j, cell in firsts:
            if new_row and j == number_at and draft.number is not None:
                continue  # the row number, read above
            self._cell(draft, slot_of[j] if j < len(slot_of) else None, cell, line)

    def _category(self, row: list[Slot], shift: int) -> list[Slot]:
        """A category column (类别) written once over the rows it spans, merged or left empty below:
        where its cell is written, a section the rows after it carry; the rest of the row is read
        without it. `shift`: cells before the header's first column (a number it does not name)."""
        if self.category_at is None or self.category_at + shift >= len(row):
            return row
        at = self.category_at + shift
        slot = row[at]
        if slot.first and slot.cell.paras:
            self._section([slot.cell], slot.cell.paras[0].line)
        return row[:at] + [Slot(Cell(()), True)] + row[at + 1:]

    def _unglue_number(self, row: list[Slot]) -> list[Slot]:
        """A row one cell short whose first cell starts with the next row number ("2确保…"):
        the number split off into a cell of its own."""
        if not self.numbered or len(row) != len(self.slot_of) - 1 or not row[0].first or not row[0].cell.paras:
            return row
        first = row[0].cell.paras[0]
        m = _GLUED.match(first.text)
        last = number_value(self.drafts[-1].number or "") if self.drafts else 0
        if not m or number_value(first.text) is not None or last is None or int(m.group(1)) != last + 1:
            return row
        self.ledger.structure("separator", m.group(2), first.line)
        rest = Cell((Para(first.text[m.end():], first.line),) + row[0].cell.paras[1:])
        return [Slot(Cell((Para(m.group(1), first.line),)), True), Slot(rest, True)] + row[1:]

    def _first_data_slot(self, slot_of) -> int:
        """The slot a merged cell's stray text goes to: the first column after the task, else the task."""
        roles = {j: self.columns[k].role for j, k in enumerate(slot_of) if k is not None}
        after = [j for j, role in roles.items() if role not in ("number", "task", "category")]
        return after[0] if after else next((j for j, role in roles.items() if role == "task"), len(slot_of) - 1)

    def _is_section(self, row: list[Slot], cell: Cell, next_row: list[Slot] | None) -> bool:
        text = cell_text(cell)
        return bool(
            heading_level(text)
            or (cell.colspan > 1 and cell.colspan >= len(self.slot_of))
            or (next_row is not None and self._texts(next_row) in self.header_texts)
            or (self.numbered and not self.drafts)
        )

    def _is_group_row(self, firsts: list[tuple[int, Cell]], number_at: int | None, number: str,
                      next_row: list[Slot] | None) -> bool:
        """A group row with its number in a cell apart from its text (`| 一 | 科技创新 | | |`,
        `| （一） | 教育 |`): a number of another kind than the next row's (一 over rows 1, 2;
        (一) between 一 and 1), or the header repeated under it."""
        kind = number_kind(number)
        if len(firsts) != 2 or firsts[0][0] != number_at or kind not in ("chinese", "bracketed"):
            return False
        if next_row is None:
            return False
        if self._texts(next_row) in self.header_texts:
            return True
        after = next_row[number_at] if number_at < len(next_row) and next_row[number_at].first else None
        next_kind = number_kind(cell_text(after.cell)) if after else None
        return next_kind is not None and next_kind != kind

    def _section(self, cells: list[Cell], line: int) -> None:
        """A section row: its cells' text, apart by a space where the number and the text stand
        in cells of their own; the rows after it carry it."""
        for cell in cells:
            for para in cell.paras:
                self.ledger.content(para.text, para.line)
        text = " ".join("\n".join(p.text for p in cell.paras) for cell in cells)
        self.sections.append(Item(text, line))
        self.section = text

    def _cell(self, draft: _Draft, k: int | None, cell: Cell, line: int) -> None:
        # beyond the header, a second number, or a category out of its place (rows shifted by a number
        # column the header does not name): kept as unplaced, as the report page shows no category cells
        if k is None or self.columns[k].role in ("number", "category"):
            for para in cell.paras:
                self.ledger.content(para.text, para.line)
                self.unplaced.append(Unplaced(para.text, para.line, f"row {draft.number}: a cell beyond the header's columns"))
            self.notes.add(line, "extra-cell", f"row {draft.number} has more cells than the header has columns; "
                           "the extra text is kept as unplaced", "check the row against the published page")
            return
        column = self.columns[k]
        paras = list(cell.paras)
        if column.role == "owners":
            items = owner_items(paras, self.ledger)
        else:
            owners: tuple[Item, ...] = ()
            if column.role == "task":
                paras, owners, label = split_task_owners(paras, self.ledger)
                self.owner_label = self.owner_label or label
            items = cell_items(paras, self.ledger)
            if column.role != "task":
                items = split_inline_labels(items)
            draft.cells.setdefault("owners", []).extend(owners)
        draft.cells.setdefault(column.key, []).extend(items)

    def _status_column(self, columns: list[Column]) -> list[Column]:
        """An unknown column whose every cell is a status (顺利推进, 已完工) has the status role."""
        if any(c.role == "status" for c in columns):
            return columns
        for n, column in enumerate(columns):
            texts = [fold(i.text) for d in self.drafts for i in d.cells.get(column.key, ())]
            if column.role is None and texts and set(texts) <= status_values() and "status" not in {
                    c.key for c in columns}:
                for draft in self.drafts:
                    if column.key in draft.cells:
                        draft.cells["status"] = draft.cells.pop(column.key)
                columns[n] = Column(column.label, "status", "status", column.group)
                return columns
        return columns

    def table(self, caption: Para | None, layout: str) -> Table:
        columns = self._status_column(list(self.columns))
        for column in columns:
            if column.role is None:
                self.notes.add(self.grid.line, "unknown-column",
                               f"column label {column.label!r} is not in the vocabulary; its cells are kept under that label",
                               "if it names a known role, add it to generator/data/columns.toml")
        if self.owner_label and not any(c.role == "owners" for c in columns):
            columns.append(Column(self.owner_label, "owners", from_cells=True))
        keys = [c.key for c in columns if c.role not in ("number", "category")]
        rows = tuple(Row(d.number, d.line, tuple((k, tuple(d.cells.get(k, ()))) for k in keys), d.section)
                     for d in self.drafts)
        return Table(caption.text if caption else None, tuple(columns), rows,
                     caption.line if caption else self.grid.line, tuple(self.sections), layout)


def grid_table(grid: Grid, caption: Para | None, ledger: Ledger, notes: Notes,
               unplaced: list[Unplaced], repeated: bool = False, layout: str = "cells") -> Table | None:
    """A table with explicit cells. None when it has no known header. `repeated`: the header
    repeats the table's before it (continued.py), and is written to the ledger as such."""
    head_at = header_row(grid)
    if head_at is None:
        return None
    for para in grid.structure:
        ledger.structure("separator", para.text, para.line)
    if caption:
        ledger.content(caption.text, caption.line)
    for row in grid.rows[:head_at]:  # a title row above the header
        for cell in row:
            for para in cell.paras:
                ledger.content(para.text, para.line)
                if caption is None:
                    caption = para
                else:
                    unplaced.append(Unplaced(para.text, para.line, "text above the table header"))
    rows = lay_out(leading_cells_restored(grid))
    reader = _Reader(grid, ledger, notes, unplaced)
    at = reader.header(rows, head_at, repeated)
    for n in range(at, len(rows)):  # each row with the next that holds text (`||` lines hold none)
        after = next((r for r in rows[n + 1:] if any(s.first and s.cell.paras for s in r)), None)
        reader.row(rows[n], after)
    table = reader.table(caption, layout)
    check_count(table, notes)
    return table
