"""A table published in parts, each under its own heading with the header repeated
("一、省长主抓重点工作" / "二、市长主抓重点工作", numbering running on): one table whose rows
carry their section, not a table per part.

A part continues the table before it when nothing but its caption stands between them,
its header has the same labels, and its numbering runs on from the last row or its caption
is a heading (一、, (一)). The caption of the first part becomes a section too when it is
of the same kind as the next part's (both headings, or both plain lines); a plain caption
over parts headed 一、/二、 stays the table's caption.
"""

from __future__ import annotations

import dataclasses

from ..model import Item, Row, Table, Unplaced
from ..read import Grid, Para
from ..vocabulary import chrome_kind, fold
from .grid import grid_table
from .ledger import Ledger, Notes
from .sections import heading_level
from .tables import check_count, number_value


def same_header(previous: Table, table: Table) -> bool:
    def labels(t: Table) -> list[tuple[str, str | None]]:
        return [(fold(c.label), c.group and fold(c.group)) for c in t.columns if not c.from_cells]
    return labels(previous) == labels(table)


def continues(previous: Table, table: Table) -> bool:
    if not same_header(previous, table) or not table.rows or not previous.rows:
        return False
    if table.caption and heading_level(table.caption):
        return True
    last, first = number_value(previous.rows[-1].number or ""), number_value(table.rows[0].number or "")
    return last is not None and first == last + 1


def merge(previous: Table, table: Table) -> Table:
    """`table` (read with its header as a repeated header) appended to `previous`."""
    if table.caption and not previous.sections:
        previous = caption_to_section(previous, table.caption)
    sections = list(previous.sections)
    rows = list(previous.rows)
    caption = previous.caption
    if table.caption:
        sections.append(Item(table.caption, table.line))
    sections += table.sections
    # the part's columns are the table's, in the same places (the part may have read a role the table did not)
    published = [c for c in previous.columns if not c.from_cells]
    same_place = dict(zip((c.key for c in table.columns if not c.from_cells), (c.key for c in published)))
    columns = list(previous.columns) + [c for c in table.columns
                                        if c.from_cells and c.key not in {p.key for p in previous.columns}]
    keys = [c.key for c in columns if c.role != "number"]
    part_rows = [dataclasses.replace(_in(row, table.caption),
                                     cells=tuple((same_place.get(k, k), items) for k, items in row.cells))
                 for row in table.rows]
    rows = [dataclasses.replace(row, cells=tuple((k, row.cell(k)) for k in keys)) for row in rows + part_rows]
    return Table(caption, tuple(columns), tuple(rows), previous.line, tuple(sections), previous.layout)


def caption_to_section(table: Table, heading: str) -> Table:
    """The caption of a table's first part as its first section, when the next part's `heading`
    is of the same kind (both 一、 headings, or both plain lines) and no section comes before it."""
    if (not table.caption or (table.sections and table.sections[0].text != heading)
            or bool(heading_level(table.caption)) != bool(heading_level(heading))):
        return table
    return dataclasses.replace(table, caption=None, rows=tuple(_in(row, table.caption) for row in table.rows),
                               sections=(Item(table.caption, table.line),) + table.sections)


def _in(row: Row, section: str | None) -> Row:
    return row if row.section is not None or section is None else dataclasses.replace(row, section=section)


def read_grid(grid: Grid, caption: Para | None, tables: list[Table], may_continue: bool, ledger: Ledger,
              notes: Notes, unplaced: list[Unplaced], layout: str = "cells") -> bool:
    """Read a grid as a new table, or as the next part of the last table (`may_continue`: nothing
    but a caption stands between them). False when the grid is no table.

    A part is read first on the side (its header as a repeated one): whether it continues
    the table before depends on its rows."""
    if may_continue and tables:
        side = (Ledger(), Notes(), [])
        part = grid_table(grid, caption, *side, repeated=True, layout=layout)
        if part is not None and continues(tables[-1], part):
            ledger.pieces += side[0].pieces
            # said of the first part already, or counted again below on the whole table
            notes.items += [n for n in side[1].items if n[1] not in ("unknown-column", "row-count")]
            unplaced += side[2]
            tables[-1] = _recounted(merge(tables[-1], part), notes)
            return True
    table = grid_table(grid, caption, ledger, notes, unplaced, layout=layout)
    if (table is not None and table.caption and table.sections  # 一、… over the header, 二、… inside the table
            and heading_level(table.caption) == heading_level(table.sections[0].text) > 0):
        table = _recounted(caption_to_section(table, table.sections[0].text), notes)
    if table is not None:
        tables.append(table)
    return table is not None


def _recounted(table: Table, notes: Notes) -> Table:
    """The table with its rows counted again against its caption and sections."""
    counted = {table.line} | {s.line for s in table.sections}
    notes.items = [n for n in notes.items if not (n[1] == "row-count" and n[0] in counted)]
    check_count(table, notes)
    return table


def loose_cells(grid: Grid, ledger: Ledger) -> list[Para]:
    """The paragraphs of a grid with no known header, to be read as text; a row of it that is
    page chrome (the site's links copied as `| 网站地图 | 联系我们 |`) is recorded as chrome."""
    paras: list[Para] = []
    for row in grid.rows:
        cells = [para for cell in row for para in cell.paras]
        kind = chrome_kind(" ".join(para.text for para in cells)) if cells else None
        if kind:
            ledger.chrome(" ".join(para.text for para in cells), cells[0].line, kind)
        else:
            paras += cells
    return paras
