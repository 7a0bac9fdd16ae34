"""Tables whose cells were run together when the page was copied:

    序号内容与要求完成情况责任单位
    1确保新增城镇就业岗位5000个。已新增3120个。市人力社保局

The header is split by the column vocabulary (gluedhead.py); a tabbed one may have a second
line of sub-labels (perhead.py). A row starts with its number, glued to the text (with tabs:
in a cell of its own, after a category's, or 一 二 … where no row is numbered 1); between rows
stand section headings, group rows (`一<tab>科技创新`, `一　科技创新`, `一经济发展`) and the
header repeated. A row's paragraphs up to the
next number are its cells when there are as many as columns (or, when the header's labels
stand apart by tabs, as a browser copies a table, the row's parts between tabs; by spaces,
the row's parts between spaces, if there are as many). Otherwise a unit at the end
of the row that the owners vocabulary knows is split off into the owners column (when
that column is the last), and the rest is kept whole in the first column it may belong
to, with an `unsplit-row` diagnostic: the boundary between two sentences of text is not
in the text, and the parser does not guess it. The rows become a grid for grid.py.
"""

from __future__ import annotations

import re

from ..read import Cell, Grid, Para
from ..vocabulary import looks_like_unit, role_of
from .gluedhead import split_header
from .ledger import Notes
from .perhead import tab_levels
from .sections import heading_level
from .tables import number_kind, number_value, split_names

_START = re.compile(r"^(\d{1,3})(?!\d)(\s*[.．、]?\s*)(?=\S)")
_TAIL = re.compile(r"[。；;！!？?)）]\s*([^。；;！!？?)）]+)$")
_SPACES = re.compile(r"\s+")
_START_CHINESE = re.compile(r"^([一二三四五六七八九十]{1,3})(\s*[.．、]?\s+)(?=\S)")  # apart by a tab or spaces
_GLUED_GROUP = re.compile(r"^([一二三四五六七八九十]{1,3})[^\d\s。；;，,、.．:：()（）]{1,20}$")


def _starts_row(block, expected: int, tabbed: bool = False, glued_tabs: int | None = None,
               lead: bool = False, chinese: bool = False) -> re.Match | None:
    """The row number `expected` starting `block`; in a tabbed table, in a cell of its own, or
    glued to the task in a row with all its other cells (`glued_tabs` tabs: `1.实施…<tab>…`);
    after a category's cell (`lead`: `科技创新<tab>1<tab>…`, or its tab dropped when empty)."""
    if not isinstance(block, Para):
        return None
    start = _START_CHINESE if chinese else _START
    m = start.match(block.text)
    if lead and not (m and "\t" in m.group(2)):
        m = start.match(block.text.partition("\t")[2])
    if not m or number_value(m.group(1)) != expected:
        return None
    if chinese:
        return m
    return m if not tabbed or "\t" in m.group(2) or block.text.count("\t") == glued_tabs else None


def glued_table(body: list, i: int, notes: Notes) -> tuple[Grid, int, str] | None:
    """A glued table starting at body[i]: (its grid, the index after it, its layout), or None."""
    first = body[i]
    if not isinstance(first, Para):
        return None
    labels = split_header(first.text)
    if labels is None:
        return None
    j = i + 1
    tabbed = "\t" in first.text
    said = Notes()  # what reading the header says, said only if the table is one
    levels = tab_levels(labels, body[j], body[j + 1], first.line, said) if tabbed and j + 1 < len(body) else None
    if levels:  # a second line of sub-labels: the table's columns are the cells under them
        head, labels, roles = levels
        j += 1
    else:
        if tabbed and j < len(body) and isinstance(body[j], Para) and body[j].text.count("\t") == len(labels):
            labels = labels + [""]  # a last column with no label: the copy dropped its header's tab
        head, roles = (_header_cells(first, labels),), [role_of(label) for label in labels]
    glued_tabs = len(labels) - 2 if tabbed and roles[0] == "number" else None
    lead = tabbed and roles[:2] == ["category", "number"]
    # how the copy set the cells apart, if it did: tabs (a browser's copy), or spaces like the labels'
    spaced = "\t" if tabbed else " " if all(_SPACES.search(label) for label in labels[1:]) else ""
    chinese = bool(spaced) and _chinese_rows(body, j)  # rows numbered 一, 二 … in a cell of their own

    def starts(block, number: int) -> re.Match | None:
        return _starts_row(block, number, tabbed, glued_tabs, lead, chinese)

    groups = _glued_groups(body, j) if not spaced else frozenset()
    apart = "" if chinese else spaced  # how a group row's number stands apart from its text, if it may
    while j < len(body) and isinstance(body[j], Para) and (heading_level(body[j].text) or _group_cells(body[j], apart, groups)):
        j += 1
    if j >= len(body) or not starts(body[j], 1):
        return None
    notes.items += said.items
    if None in roles and not tabbed:
        notes.add(first.line, "glued-header",
                  f"the header's labels are run together: read as {' / '.join(l.strip() for l in labels)}, "
                  f"{'、'.join(l.strip() for l, r in zip(labels, roles) if r is None)} a label the vocabulary does not know",
                  "check the header on the published page; if the label names a known role, add it to "
                  "generator/data/columns.toml")
    rows: list[tuple[Cell, ...]] = list(head)
    structure: list[Para] = []
    rows += [_divider_cells(para, labels, apart, groups) for para in body[i + 1 + bool(levels):j]]
    expected, end = 1, j
    while end < len(body) and starts(body[end], expected):
        stop = end + 1
        while (stop < len(body) and isinstance(body[stop], Para) and not starts(body[stop], expected + 1)
               and not _is_divider(body[stop], labels, apart, groups)):
            stop += 1
        heads = stop  # headings and repeated headers up to the next row
        while heads < len(body) and _is_divider(body[heads], labels, apart, groups):
            heads += 1
        if heads >= len(body) or not starts(body[heads], expected + 1):  # the table ends with this row
            stop = heads = _last_row_end(body, end, stop, tabbed, sum(1 for r in roles if r != "number"))
        rows.append(_led_row(body[end:stop], roles, labels, structure, notes, spaced) if lead
                    else _row(body[end:stop], roles, labels, structure, notes, spaced))
        rows += [_divider_cells(para, labels, apart, groups) for para in body[stop:heads]]
        expected, end = expected + 1, heads
    layout = {"\t": "tabs", " ": "spaced"}.get(spaced, "glued")
    return Grid(tuple(rows), first.line, tuple(structure)), end, layout


def _is_divider(block, labels: list[str], spaced: str, groups: frozenset[int]) -> bool:
    """What stands between two rows: a section heading, a group row, the header again."""
    return isinstance(block, Para) and (bool(heading_level(block.text)) or bool(_group_cells(block, spaced, groups))
                                        or split_header(block.text) == labels)


def _group_cells(para: Para, spaced: str, groups: frozenset[int]) -> list[str]:
    """A group row with its number in a cell of its own (`一<tab>科技创新`, `一　科技创新` in a
    table apart by spaces), or glued to its text (`groups`): its cells' texts; [] for any other line."""
    if para.line in groups:
        return [para.text]
    if spaced == "\t" and "\t" in para.text:
        parts = para.text.split("\t")
    elif spaced == " ":
        parts = _SPACES.split(para.text.strip())
        parts = parts if len(parts) == 2 else []
    else:
        return []
    return parts if parts and number_kind(parts[0]) in ("chinese", "bracketed") else []


def _chinese_rows(body: list, j: int) -> bool:
    """A table apart by tabs or spaces whose rows are numbered 一, 二 … (`一<tab>建设…`): its first
    line is 一, and no row numbered 1 follows (where one does, 一<tab>科技创新 is a group row's)."""
    near = [b for b in body[j:j + 8] if isinstance(b, Para)]
    if not near or not (m := _START_CHINESE.match(near[0].text)) or number_value(m.group(1)) != 1:
        return False
    return not any((d := _START.match(b.text)) and d.group(1) == "1" for b in near)


def _glued_groups(body: list, j: int) -> frozenset[int]:
    """The lines of group rows glued to their text (`一经济发展`) in a glued table whose first
    row stands under 一: short lines, no sentence, numbered 一, 二 … in turn (一流… in a cell
    is not one: it is not where 二 would be next)."""
    lines, expected = [], 1
    for block in body[j:]:
        m = _GLUED_GROUP.match(block.text) if isinstance(block, Para) else None
        if m and number_value(m.group(1)) == expected:
            lines.append(block.line)
            expected += 1
        elif expected == 1:
            break
    return frozenset(lines)


def _divider_cells(para: Para, labels: list[str], spaced: str, groups: frozenset[int]) -> tuple[Cell, ...]:
    if para.line in groups:  # a group row glued to its text: one cell over the row
        return (Cell((para,), colspan=len(labels)),)
    if parts := _group_cells(para, spaced, groups):
        cells = tuple(Cell((Para(part.strip(), para.line),) if part.strip() else ()) for part in parts)
        return cells + (Cell(()),) * (len(labels) - len(cells))  # the copy drops a row's trailing tabs
    return (Cell((para,)),) if heading_level(para.text) else _header_cells(para, labels)


def _header_cells(para: Para, labels: list[str]) -> tuple[Cell, ...]:
    return tuple(Cell((Para(label.strip(), para.line),) if label.strip() else ()) for label in labels)


def _last_row_end(body: list, start: int, stop: int, tabbed: bool, cells: int) -> int:
    """The last row takes the paragraphs after its first only while they name units, or as many
    as it has `cells` when the last of them names one (a cell a line, the owners last), or, in a
    tabbed table, up to the next line with a tab (a cell over several lines)."""
    if tabbed:
        tab = next((k for k in range(start + 1, min(stop, start + 9)) if "\t" in body[k].text), None)
        if tab is not None:
            return tab + 1
    if 1 < cells and start + cells <= stop and _units(body[start + cells - 1].text):
        return start + cells
    end = start + 1
    while end < stop and _units(body[end].text):
        end += 1
    return end


def _units(text: str) -> bool:
    """Text made of units the owners vocabulary knows, apart by 、 or spaces."""
    return all(separator or looks_like_unit(name) for name, separator in split_names(text.strip()))


def _led_row(paras: list[Para], roles: list, labels: list[str], structure: list[Para], notes: Notes,
             spaced: str) -> tuple[Cell, ...]:
    """A tabbed row after a category's cell: the category, then the row as any other."""
    first = paras[0]
    m = _START.match(first.text) or _START_CHINESE.match(first.text)
    category = ""
    if not (m and "\t" in m.group(2)):
        category, _, rest = first.text.partition("\t")
        first = Para(rest, first.line)
    cell = Cell((Para(category.strip(), first.line),) if category.strip() else ())
    return (cell,) + _row([first] + list(paras[1:]), roles[1:], labels[1:], structure, notes, spaced)


def _row(paras: list[Para], roles: list, labels: list[str], structure: list[Para], notes: Notes,
         spaced: str) -> tuple[Cell, ...]:
    first = paras[0]
    m = _START.match(first.text) or _START_CHINESE.match(first.text)
    number = Cell((Para(m.group(1), first.line),))
    if m.group(2).strip():
        structure.append(Para(m.group(2).strip(), first.line))
    rest = [Para(first.text[m.end():], first.line)] + list(paras[1:])
    columns = [n for n, role in enumerate(roles) if role != "number"]
    if spaced == "\t":  # a cell per tab; a line without one at its start continues the cell before
        cells: list[list[Para]] = []
        for n, para in enumerate(rest):
            for k, part in enumerate(para.text.split("\t")):
                piece = [Para(part.strip(), para.line)] if part.strip() else []
                if k == 0 and n > 0:
                    cells[-1].extend(piece)
                else:
                    cells.append(piece)
        if len(cells) <= len(columns):
            return (number,) + tuple(Cell(tuple(c)) for c in cells) + (Cell(()),) * (len(columns) - len(cells))
    parts = _SPACES.split(rest[0].text.strip()) if spaced and len(rest) == 1 else []
    if len(parts) > len(columns) > 1 and roles[-1] == "owners" and all(map(looks_like_unit, parts[len(columns) - 1:])):
        parts = parts[:len(columns) - 1] + [" ".join(parts[len(columns) - 1:])]  # units apart by spaces: one cell
    if len(parts) == len(columns):
        rest = [Para(part, first.line) for part in parts]  # cells apart like the labels
    if len(rest) == len(columns):
        return (number,) + tuple(Cell((p,)) for p in rest)
    owners_cell = None
    if roles[-1] == "owners":
        tail = _TAIL.search(rest[-1].text)
        if tail and _units(tail.group(1)):
            cut = tail.start(1)
            owners_cell = Cell((Para(rest[-1].text[cut:].strip(), rest[-1].line),))
            rest = rest[:-1] + [Para(rest[-1].text[:cut].strip(), rest[-1].line)]
            columns = columns[:-1]
    if len(rest) == len(columns) or len(columns) == 1:
        cells = [Cell((p,)) for p in rest] if len(columns) > 1 else [Cell(tuple(rest))]
    else:
        cells = [Cell(tuple(rest))] + [Cell(())] * (len(columns) - 1)
        notes.add(first.line, "unsplit-row",
                  f"row {m.group(1)}: the cells of {'、'.join(labels[c].strip() for c in columns)} are run together; "
                  f"the row's text is kept whole in {labels[columns[0]].strip()}",
                  "the copy lost the cell boundaries: save the published page as HTML, or copy the table with its cells")
    return (number,) + tuple(cells) + ((owners_cell,) if owners_cell else ())
