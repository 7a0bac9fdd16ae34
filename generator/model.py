"""The structured model of one published report.

Every stage after parsing reads these frozen dataclasses; nothing passes loose
dicts around. `to_json()` gives the open-data format documented in
docs/data-format.md (the same shape `python -m generator parse` prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import dataclass_transform


@dataclass_transform(frozen_default=True)
def record(cls):
    """A frozen dataclass with slots (less memory per object), pickled as its class and field
    values: dataclasses pickle a slotted class through a `__setstate__` that looks its fields
    up again for every object, and parsed reports with their events (cache/reports/) load in
    two thirds of the time this way."""
    cls = dataclass(frozen=True, slots=True)(cls)
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__
    return cls


@record
class Item:
    """One item of a table cell or a section: a paragraph or one numbered point."""

    text: str
    """The text exactly as published, without its list marker."""
    line: int
    """1-based line of the source file where the text starts."""
    marker: str | None = None
    """The list marker as published ("1.", "2、"), or None for a plain paragraph."""

    def to_json(self) -> dict:
        return {"text": self.text, "line": self.line, "marker": self.marker}


@record
class Column:
    """One column of a table, as its header names it."""

    label: str
    """The header label as published, rejoined when broken over lines (责任单位)."""
    role: str | None
    """Canonical role from generator/data/columns.toml, or None when the label is unknown."""
    key: str = ""
    """The key of this column's cells in `Row.cells`: the role, else the label, made unique
    within the table ("备注", "备注-2") when a label repeats."""
    group: str | None = None
    """In a two-level header, the label of the cell over this one ("完成情况" over "进展"), as published."""
    from_cells: bool = False
    """True for a column the header does not have, read from labels inside cells (owners after
    `责任单位:` in the task cell); its label is the label as the cells write it."""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.role or self.label)

    def to_json(self) -> dict:
        return {"label": self.label, "role": self.role, "key": self.key, "group": self.group,
                "from_cells": self.from_cells}


@record
class Row:
    """One row of a task table: one key task."""

    number: str | None
    """The row number as published ("1", "17"); None when the table numbers no rows."""
    line: int
    """Line where the row starts."""
    cells: tuple[tuple[str, tuple[Item, ...]], ...]
    """(column key, items) in column order; an empty cell has no items."""
    section: str | None = None
    """The section of the table the row stands in (a group row "一、…" or the caption above a
    repeated header), as published; None before any section."""

    def cell(self, key: str) -> tuple[Item, ...]:
        for k, items in self.cells:
            if k == key:
                return items
        return ()

    @property
    def task(self) -> str:
        return "".join(item.text for item in self.cell("task"))

    @property
    def owners(self) -> tuple[str, ...]:
        return tuple(item.text for item in self.cell("owners"))

    def to_json(self) -> dict:
        cells = {}
        for key, items in self.cells:
            if key == "owners":
                cells[key] = [item.text for item in items]
            else:
                cells[key] = [item.to_json() for item in items]
        return {"number": self.number, "line": self.line, "section": self.section, "cells": cells}


@record
class Table:
    """A table of key tasks, with its caption and columns."""

    caption: str | None
    """The caption as published, or None when the table has none."""
    columns: tuple[Column, ...]
    """Columns in published order (the row number column included when it has its own header)."""
    rows: tuple[Row, ...]
    """Rows in published order."""
    line: int
    """Line where the table (its caption, or its header) starts."""
    sections: tuple[Item, ...] = ()
    """The table's section headings in order, as published (each row names its own in `Row.section`)."""
    layout: str = "cells"
    """How the parser found the cells (the site's reading, not the report's): "cells" (HTML, `a | b |`
    rows), "flat" (one cell per paragraph), "cell-per-line" (cells ending in `|`), "tabs", "spaced"
    (cells apart by tabs or spaces) or "glued" (cells run together)."""

    def to_json(self) -> dict:
        return {
            "caption": self.caption,
            "line": self.line,
            "layout": self.layout,
            "sections": [s.to_json() for s in self.sections],
            "columns": [c.to_json() for c in self.columns],
            "rows": [row.to_json() for row in self.rows],
        }


@record
class Entry:
    """One entry of a division list ("1. 办公室:…")."""

    number: str
    """The entry number as published ("" for an item the list does not number)."""
    division: str
    """The division name as published."""
    division_id: str | None
    """Stable id from the division registry, or None when the name is not registered."""
    text: str
    """The entry's full text after "division:", as published."""
    line: int
    heading: str | None = None
    """For a list grouped under division headings ("(二)市经济和信息化局(5项)"), the heading
    as published; `division` is then the name it gives. None for "1. 办公室:…" entries."""

    def to_json(self) -> dict:
        return {
            "heading": self.heading,
            "number": self.number,
            "division": self.division,
            "division_id": self.division_id,
            "text": self.text,
            "line": self.line,
        }


@record
class Section:
    """Body text that is neither a task table nor a division list: a heading and paragraphs."""

    heading: str | None
    """The heading as published ("一、总体情况"), or None for text before any heading."""
    level: int
    """0 for unheaded text, 1 for 一、, 2 for (一), 3 for 1."""
    paragraphs: tuple[Item, ...]
    line: int

    def to_json(self) -> dict:
        return {
            "heading": self.heading,
            "level": self.level,
            "line": self.line,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@record
class Unplaced:
    """Text the parser could not place; kept and shown, never dropped."""

    text: str
    line: int
    reason: str

    def to_json(self) -> dict:
        return {"text": self.text, "line": self.line, "reason": self.reason}


@record
class Diagnostic:
    """Something a maintainer should know about a report: where, what, and what to do."""

    file: str
    line: int
    level: str
    """"warning" (the model is still complete) or "error" (the file is not a report)."""
    code: str
    """Stable short name, e.g. "unknown-column", for filtering and tests."""
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.level}: {self.message} [{self.code}]"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@record
class MetaField:
    """One field of the publication's information block, with where it was read."""

    label: str
    """The label as published ("索引号", "成文日期")."""
    value: str
    line: int


@record
class Meta:
    """The publication's metadata, verbatim; a field is None when the page does not give it."""

    index_no: str | None = None
    """索引号, e.g. "002482090/2021-00558"."""
    publisher: str | None = None
    """发布机构."""
    issued: str | None = None
    """发文日期 (or 成文日期), as published."""
    disclosure: str | None = None
    """公开方式, e.g. "主动公开"."""
    title: str | None = None
    published: str | None = None
    """发布日期 with its time, as published: "2021-07-12 10:44"."""
    origin: str | None = None
    """信息来源."""
    extra: tuple[MetaField, ...] = ()
    """Other labelled fields of the information block (文号, 主题分类 …), kept as published."""
    labels: tuple[tuple[str, str], ...] = ()
    """(field, its label as published) for the fields above that the page gives: ("issued", "成文日期")."""

    def to_json(self) -> dict:
        return {
            "index_no": self.index_no,
            "publisher": self.publisher,
            "issued": self.issued,
            "disclosure": self.disclosure,
            "title": self.title,
            "published": self.published,
            "origin": self.origin,
            "extra": [{"label": f.label, "value": f.value, "line": f.line} for f in self.extra],
            "labels": dict(self.labels),
        }


@record
class Piece:
    """One span of the source as the parser consumed it (see `Report.ledger`)."""

    kind: str
    """"content" (it is in the model) or one of the structure kinds in parse/ledger.py."""
    text: str
    line: int
    why: str = ""
    """For chrome, its kind: one of data/chrome.toml's kinds, or how the reader knew
    ("hidden", "outside-article", "duplicate"); empty for other pieces."""


@record
class Report:
    """Everything parsed from one source file."""

    source: str
    """File name of the source report (no directory)."""
    encoding: str
    """The text encoding the file was read with (detected, not guessed)."""
    meta: Meta
    tables: tuple[Table, ...] = ()
    entries: tuple[Entry, ...] = ()
    sections: tuple[Section, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    ledger: tuple[Piece, ...] = field(default=(), repr=False, compare=False)
    """Every non-blank span of the source in order, marked content or structure.

    Not part of the JSON: it is what the fidelity tests check the model against."""

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "meta": self.meta.to_json(),
            "tables": [t.to_json() for t in self.tables],
            "entries": [e.to_json() for e in self.entries],
            "sections": [s.to_json() for s in self.sections],
            "unplaced": [u.to_json() for u in self.unplaced],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }
