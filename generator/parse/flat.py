"""Task tables flattened to one cell per paragraph.

The text seeds: a header whose labels may be broken over lines, then
rows: the row number alone, the task, then each column as one plain paragraph or
one numbered list, the responsible divisions one per line, then the columns after
them. An empty cell leaves no text, so where a row has fewer blocks than columns
the columns most often empty (columns.toml `empty_rank`) are read as the empty
ones, and a diagnostic says so.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..model import Column, Item, Row, Table, Unplaced
from ..read import Para
from ..vocabulary import fold, is_label_prefix, role_of, roles
from .items import Marked, record, segments
from .ledger import Ledger, Notes
from .sections import heading_item, heading_level, split_heads
from .cells import split_inline_labels, split_task_owners
from .continued import caption_to_section
from .tables import check_count, dedupe_roles, is_caption, is_owner_para, number_value, owner_items

_SENTENCE_PUNCT = re.compile(r"[。；;！!？?,，]")
_CHINESE_NUMBER = re.compile("[一二三四五六七八九十]{1,3}")
_MAX_LABEL_PARAS = 4
_MAX_HEADER_PARAS = 30


@dataclass(frozen=True)
class Header:
    start: int
    """Index of the header's first paragraph."""
    end: int
    """Index of the first row number ("1"), or of the section heading over the first row."""
    parts: tuple[tuple[Column, tuple[Para, ...]], ...]
    """Each column with the header paragraphs its label was joined from."""

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(column for column, _ in self.parts)


# ---------------------------------------------------------------- header


def find_header(body: list, i: int) -> Header | None:
    """A flattened header starting at body[i]: short label paragraphs up to the row number "1"."""
    first = body[i]
    if not isinstance(first, Para) or not is_label_prefix(first.text):
        return None
    end = heads = None
    for j in range(i + 1, min(len(body), i + _MAX_HEADER_PARAS)):
        para = body[j]
        if not isinstance(para, Para):
            return None
        if _row_number(para.text) == 1:
            end = j
            break
        if heading_level(para.text):  # a section heading between the header and the first row
            heads = j if heads is None else heads
            continue
        if heads is not None or len(fold(para.text)) > 16 or _SENTENCE_PUNCT.search(para.text):
            return None
    if end is None:
        return None
    end = heads if heads is not None else end
    parts: list[tuple[Column, tuple[Para, ...]]] = []
    pos = i
    while pos < end:
        size = next(
            (k for k in range(min(_MAX_LABEL_PARAS, end - pos), 0, -1)
             if role_of("".join(p.text for p in body[pos:pos + k]))),
            None,
        )
        paras = tuple(body[pos:pos + (size or 1)])
        label = "".join(p.text for p in paras)
        parts.append((Column(label, role_of(label) if size else None), paras))
        pos += len(paras)
    if parts[0][0].role == "category" and len(parts) > 1 and parts[-1][0].role is None and len(parts[-1][1]) == 1:
        parts, end = parts[:-1], end - 1  # the first row's category, over its number: not a label
    known = [c.role for c, _ in parts if c.role]
    if "task" not in known or len(known) < 3:
        return None
    columns = dedupe_roles([c for c, _ in parts])
    parts = [(c, paras) for c, (_, paras) in zip(columns, parts)]
    return Header(i, end, tuple(parts))


# ---------------------------------------------------------------- flattened rows


def flat_table(header: Header, caption: Para | None, region: list[Para], ledger: Ledger,
               notes: Notes, unplaced: list[Unplaced]) -> Table:
    if caption:
        ledger.content(caption.text, caption.line)
    for column, paras in header.parts:
        for para in paras:
            ledger.content(para.text, para.line)
        if column.role is None:
            notes.add(paras[0].line, "unknown-column",
                      f"column label {column.label!r} is not in the vocabulary; its cells are kept under that label",
                      "if it names a known role, add it to generator/data/columns.toml")
    digits = any(p.text.strip() == "1" for p in region)  # rows 1, 2 …: 一 and (一) may number groups
    starts = _row_starts(region, notes, digits)
    # the first section's headings, over the first row
    categorized = header.columns[0].role == "category"  # a category's value stands over its first row
    lead, first_heads = split_heads(region[:starts[0]] if starts else [], digits, 0, categorized)
    if lead:
        for para in lead:
            ledger.content(para.text, para.line)
            unplaced.append(Unplaced(para.text, para.line, "text between the table header and its first row"))
        notes.add(region[0].line, "unplaced-text", "text between the table header and its first row is kept as unplaced",
                  "check the source around this line")
    sections = [heading_item(head, ledger) for head in first_heads]
    groups = _column_groups(header.columns)
    readings: dict[tuple, list[str]] = {}
    rows = []
    section = sections[-1].text if sections else None
    labels = [fold(p.text) for _, paras in header.parts for p in paras]
    parted = None  # the first section that stands over the header repeated
    owner_label = None  # owners written in the task cells: a column the header does not have
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(region)
        paras, heads, repeated = _before_next(region[start + 1:stop], labels, n + 1 < len(starts), digits, categorized)
        row, label = _flat_row(region[start], paras, header.columns, groups, ledger, notes, readings, unplaced)
        rows.append(dataclasses.replace(row, section=section))
        owner_label = owner_label or label
        items = [heading_item(head, ledger) for head in heads]
        sections += items
        section = items[-1].text if items else section
        for para in repeated:
            ledger.structure("header", para.text, para.line)
        if repeated and items and parted is None:
            parted = items[0].text
    for (label, empties, kept), numbers in readings.items():
        notes.add(
            header.parts[0][1][0].line, "ambiguous-empty-column",
            f"rows {', '.join(numbers)}: fewer text blocks than columns {label}; read with "
            f"{'、'.join(empties)} empty and the text in {'、'.join(kept) or 'no column'}",
            "an empty cell leaves no text in a flattened table; check these rows against the published page",
        )
    columns = header.columns
    if owner_label and not groups[2]:
        columns += (Column(owner_label, "owners", from_cells=True),)
        rows = [r if any(k == "owners" for k, _ in r.cells) else dataclasses.replace(r, cells=r.cells + (("owners", ()),))
                for r in rows]
    table = Table(caption.text if caption else None, columns, tuple(rows),
                  caption.line if caption else header.parts[0][1][0].line, tuple(sections), "flat")
    if parted is not None:
        table = caption_to_section(table, parted)
    check_count(table, notes)
    return table


def _before_next(paras: list[Para], labels: list[str], more: bool, digits: bool,
                 categorized: bool) -> tuple[list[Para], list, list[Para]]:
    """A row's own paragraphs, then what stands before the next row: section headings (一、, or
    一 / 科技创新 in paragraphs of their own), or the header repeated with the section's caption over it."""
    if not more:
        return paras, [], []
    size = len(labels)
    if len(paras) > size and fold(paras[-1].text) == labels[-1] and [fold(p.text) for p in paras[-size:]] == labels:
        paras, repeated = paras[:-size], paras[-size:]
        heads = [(paras.pop(),)] if len(paras) > 1 and (heading_level(paras[-1].text) or is_caption(paras[-1])) else []
        return paras, heads, repeated
    paras, heads = split_heads(paras, digits, 1, categorized)
    return paras, heads, []


def _row_starts(region: list[Para], notes: Notes, digits: bool) -> list[int]:
    """Indexes of row numbers: "1" (or "一"), then "2" … each the next number after the last; in
    rows numbered 1, 2 … a 一 with its text and a number after it is a group's, not a row's."""
    starts = []
    expected = 1
    for index, para in enumerate(region):
        text = para.text.strip()
        group = digits and not text.isdigit() and index + 2 < len(region) and region[index + 2].text.strip().isdigit()
        value = None if group else _row_number(text)
        if value == expected:
            starts.append(index)
            expected += 1
        elif starts and value == expected + 1:
            notes.add(para.line, "missing-row", f"row number {expected} is missing: {expected - 1} is followed by {text}",
                      "the published table may have lost a row; check the source")
            starts.append(index)
            expected += 2
    return starts


def _row_number(text: str) -> int | None:
    """A row number standing alone: "1", "12", or in Chinese numerals "一", "十二"."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return number_value(text) if _CHINESE_NUMBER.fullmatch(text) else None


def _column_groups(columns: tuple[Column, ...]) -> tuple[list[Column], list[Column], bool]:
    """(columns before owners, columns after owners, has owners) of the data columns."""
    data = [c for c in columns if c.role not in ("number", "task", "category")]
    keys = [c.role for c in data]
    if "owners" not in keys:
        return data, [], False
    k = keys.index("owners")
    return data[:k], data[k + 1:], True


def _flat_row(number: Para, paras: list[Para], columns, groups, ledger: Ledger,
              notes: Notes, readings: dict, unplaced: list[Unplaced]) -> tuple[Row, str | None]:
    """The row, and the label of owners written in its task cell ("责任单位:…"), if any."""
    ledger.content(number.text, number.line)
    before_cols, after_cols, has_owners = groups
    cells: dict[str, tuple[Item, ...]] = {}
    rest = paras
    label = None
    if any(c.role == "task" for c in columns) and rest:
        task, in_task, label = split_task_owners([rest[0]], ledger)
        for para in task:
            ledger.content(para.text, para.line)
        cells["task"] = tuple(Item(para.text, para.line) for para in task)
        if in_task:
            cells["owners"] = in_task
        rest = rest[1:]
    owner_at, owner_len = _owner_run(rest) if has_owners else (None, 0)
    if owner_at is None:
        if has_owners and "owners" not in cells:
            notes.add(number.line, "no-owners", f"row {number.text}: no responsible division found",
                      "check the row's 责任单位 cell in the source")
        groups_and_segs = [(before_cols + after_cols, segments(rest), "")]
    else:
        cells["owners"] = cells.get("owners", ()) + owner_items(rest[owner_at:owner_at + owner_len], ledger)
        groups_and_segs = [
            (before_cols, segments(rest[:owner_at]), "before 责任单位"),
            (after_cols, segments(rest[owner_at + owner_len:]), "after 责任单位"),
        ]
    for cols, segs, where in groups_and_segs:
        for column, marked in _assign(cols, segs, number, notes, where, readings):
            if column is None:  # no column can hold it: kept, shown, reported
                for m in marked:
                    ledger.content((m.marker or "") + m.text, m.line)
                    unplaced.append(Unplaced((m.marker or "") + m.text, m.line, f"row {number.text}: text {where} with no column"))
            else:
                cells[column.key] = split_inline_labels(record(marked, ledger))
    keys = [c.key for c in columns if c.role not in ("number", "category")] + ([] if has_owners or not label else ["owners"])
    return Row(number.text, number.line, tuple((k, cells.get(k, ())) for k in keys)), label


def _owner_run(paras: list[Para]) -> tuple[int | None, int]:
    for start, para in enumerate(paras):
        if is_owner_para(para):
            end = start
            while end < len(paras) and is_owner_para(paras[end]):
                end += 1
            return start, end - start
    return None, 0


def _assign(cols: list[Column], segs: list[list[Marked]], number: Para, notes: Notes,
            where: str, readings: dict) -> list[tuple[Column, list[Marked]]]:
    """Match a row's text blocks to its columns, most likely reading first."""
    if not segs:
        return []
    if not cols:
        notes.add(segs[0][0].line, "extra-text", f"row {number.text}: text {where} with no column for it; kept as unplaced",
                  "check the table's header against the source")
        return [(None, [m for seg in segs for m in seg])]
    if len(segs) == len(cols):
        return list(zip(cols, segs))
    if len(segs) > len(cols):
        notes.add(segs[0][0].line, "extra-blocks",
                  f"row {number.text}: {len(segs)} text blocks {where} for {len(cols)} columns; "
                  f"the extra blocks were added to {cols[-1].label}",
                  "check this row against the published page")
        merged = [m for seg in segs[len(cols) - 1:] for m in seg]
        return list(zip(cols, segs[:len(cols) - 1])) + [(cols[-1], merged)]
    ranks = roles()
    order = sorted(range(len(cols)), key=lambda i: (ranks[cols[i].role].empty_rank if cols[i].role in ranks else 50, -i))
    empty = set(order[:len(cols) - len(segs)])
    kept = [c for i, c in enumerate(cols) if i not in empty]
    key = (
        f"{where} ({'、'.join(c.label for c in cols)})".strip(),
        tuple(cols[i].label for i in sorted(empty)),
        tuple(c.label for c in kept),
    )
    readings.setdefault(key, []).append(number.text)
    return list(zip(kept, segs))
