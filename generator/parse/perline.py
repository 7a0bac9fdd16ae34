"""Tables copied one cell per line, each cell ending in `|`, rows not marked:

    序号|
    内容与要求|
    完成情况|
    责任单位|
    1|
    确保…。|
    1.已完成…。
    2.正在…。|
    市发改委|
    ||

Every `|` ends one cell, so a bare `|` is an empty cell and `||` two (the lines merged
cells leave); lines without a `|` run on in the cell the next `|` ends. The header is the
labels before the first row number; the cells after it are regrouped into rows of as many
cells as the header has, a row starting again at each next row number. The rows become a
grid for grid.py, the pipes its structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read import Cell, Grid, Para
from ..vocabulary import chrome_kind, fold, role_of
from .ledger import Notes
from .perhead import header_rows
from .sections import heading_level
from .tables import chrome_cells, number_kind, number_value

_PIPE = re.compile(r"[|｜]")
_RULE = re.compile(r"-{3,}")
_GLUED = re.compile(r"^(\d{1,3})(?!\d)\s*[.．、]?\s*(?=\S)")
_RUN_ON = 8  # lines without a pipe a cell may run on for before the table is taken to end


@dataclass
class _Token:
    paras: list[Para]
    line: int


def _tokens(body: list, i: int) -> tuple[list[_Token], list[Para], int]:
    """The cells from body[i] on, the pipes between them, and the index after the last pipe."""
    tokens: list[_Token] = []
    pipes: list[Para] = []
    open_paras: list[Para] = []
    end = i
    j = i
    while j < len(body):
        block = body[j]
        lines = _lines(block)
        if lines is None:
            break
        if not any(_PIPE.search(text) for text, _ in lines):
            if not _pipe_ahead(body, j):
                break
            if not open_paras and heading_level(lines[0][0]):  # a section heading between rows
                tokens.append(_Token([Para(lines[0][0], lines[0][1])], lines[0][1]))
                j += 1
                continue
        for text, line in lines:
            parts = _PIPE.split(text)
            for n, part in enumerate(parts):
                if part.strip():
                    open_paras.append(Para(part.strip(), line))
                if n < len(parts) - 1:  # a pipe ends the cell
                    tokens.append(_Token(open_paras, open_paras[0].line if open_paras else line))
                    open_paras = []
            runs = "".join(_PIPE.findall(text))
            if runs:
                pipes.append(Para(runs, line))
        if any(_PIPE.search(t) for t, _ in lines):
            end = j + 1
        j += 1
    if open_paras:  # text after the last pipe: a cell of its own
        tokens.append(_Token(open_paras, open_paras[0].line))
    return tokens, pipes, end


def _lines(block) -> list[tuple[str, int]] | None:
    """A block as (text, line) lines: a paragraph, or a grid of `||` lines read back into lines."""
    if isinstance(block, Para):
        return None if chrome_cells(block.text) else [(block.text, block.line)]
    if not isinstance(block, Grid) or not block.structure:
        return None  # (a grid with no pipes is an HTML table, not `||` lines)
    rows = list(block.rows)
    if all(chrome_kind(" ".join(p.text for c in row for p in c.paras)) for row in rows):
        return None  # the site's links as `| 网站地图 | 联系我们 |` after the table: not its cells
    result = []
    for para in block.structure:
        if _RULE.search(para.text):
            return None  # a Markdown table, not cells one per line
        if "<" in para.text:
            return None  # cells split by <br>: a pipe-row table
        cells = rows.pop(0) if rows else ()
        texts = [" ".join(p.text for p in c.paras) for c in cells]
        pipes = len(_PIPE.findall(para.text))
        texts = [""] * max(0, pipes - len(texts)) + texts  # the grid drops a leading empty cell
        line = "".join(t + "|" for t in texts[:pipes]) + "".join(texts[pipes:])
        result.append((line, para.line))
    return result


def _pipe_ahead(body: list, j: int) -> bool:
    for block in body[j + 1:j + 1 + _RUN_ON]:
        lines = _lines(block)
        if lines is None:
            return False
        if any(_PIPE.search(text) for text, _ in lines):
            return True
    return False


def _text(token: _Token) -> str:
    return "".join(p.text for p in token.paras)


def perline_table(body: list, i: int, notes: Notes | None = None) -> tuple[Grid, int, str] | None:
    """A one-cell-per-line table starting at body[i]: (its grid, the index after it, its layout), or None."""
    first = body[i]
    if not isinstance(first, Para) or not first.text.endswith(("|", "｜")) or not role_of(_PIPE.split(first.text)[0]):
        return None
    tokens, pipes, end = _tokens(body, i)
    size = 0  # the header: labels, and the empty cells a two-level header leaves, up to the first row
    while size < len(tokens) and (_is_label(_text(tokens[size])) or not tokens[size].paras):
        size += 1
    roles = [role_of(_text(t)) for t in tokens[:size]]
    # a category column first (类别, 序号, …): the first row's category is no label, though it looks like one
    lead = 1 if roles[:2] == ["category", "number"] else 0
    if lead and size < len(tokens) and _text(tokens[size]) == "1" and roles[size - 1] is None:
        size, roles = size - 1, roles[:size - 1]
    if "task" not in roles or sum(1 for r in roles if r) < 2:
        return None
    numbered = len(roles) > lead and roles[lead] == "number"
    width = _first_row_width(tokens, size) if numbered else None
    head, width, size = header_rows([Cell(tuple(t.paras)) for t in tokens[:size]], first.line, width, notes or Notes())
    rows = _rows(tokens, size, width, numbered, lead)
    cells = tuple(tuple(Cell(tuple(t.paras)) for t in row) for row in rows)
    return Grid(head + cells, first.line, tuple(pipes)), end, "cell-per-line"


def _first_row_width(tokens: list[_Token], size: int) -> int | None:
    """How many cells the first row has: from its number 1 to the number 2 (None if not found)."""
    texts = [_text(t).strip() for t in tokens[size:size + 40]]
    if "1" in texts and "2" in texts[texts.index("1"):]:
        return texts.index("2", texts.index("1")) - texts.index("1")
    return None


def _is_label(text: str) -> bool:
    return (bool(text) and len(fold(text)) <= 16 and number_value(text) is None and not heading_level(text)
            and not re.search(r"[。；;，,]", text))


def _rows(tokens: list[_Token], size: int, width: int, numbered: bool, lead: int = 0) -> list[list[_Token]]:
    """The rows after the header's `size` cells, of `width` cells each; a numbered table starts
    a row at each next number, or at the `lead` cells before it (a category's)."""
    header = [fold(_text(t)) for t in tokens[:size]]
    rows: list[list[_Token]] = []
    if not numbered:
        return [tokens[n:n + width] for n in range(size, len(tokens), width)]
    # rows numbered 1, 2 …: a 一 or (一) where a row may start is a group row's number
    digits = any(_text(t) == "1" for t in tokens[size:])
    current: list[_Token] = []
    expected: int | None = None
    group = False  # current is a group row: its number, its text, the empty cells it has
    n = size
    while n < len(tokens):
        token = tokens[n]
        value = number_value(_text(token))
        glued = _GLUED.match(_text(token)) if value is None and (not current or len(current) >= width - 1) else None
        if glued and int(glued.group(1)) == (expected or 1):  # "2.新增…|": the number glued to the task
            value = int(glued.group(1))  # grid.py splits it off, the row being one cell short
        # the cells before a new row's lead: all of a full row (its own lead first), else all but the last
        keep = len(current) if len(current) == width else len(current) - lead
        may_start = keep >= 2 or not any(t.paras for t in current[:max(keep, 0)])
        if [fold(_text(t)) for t in tokens[n:n + size]] == header:  # the header again
            rows += [r for r in (current, tokens[n:n + size]) if r]
            current, n, expected, group = [], n + size, None, False
            continue
        if digits and may_start and number_kind(_text(token)) in ("chinese", "bracketed"):
            rows += [current] if current else []
            current, n, group = [token], n + 1, True
            continue
        if value is None and heading_level(_text(token)):  # a section row
            rows += [r for r in (current, [token]) if r]
            current, n, group = [], n + 1, False
            continue
        if value is not None and (expected is None or value == expected) and may_start:
            keep = max(keep, 0)
            if current[:keep]:
                rows.append(_padded(current[:keep], width) if group else current[:keep])
            lead_cells = [_Token([], token.line)] * (lead - len(current[keep:]))  # a merged category left no `|`
            current, expected, group = lead_cells + current[keep:], value + 1, False
        elif len(current) == width:
            rows.append(current)
            current, group = [], False
        current.append(token)
        n += 1
    if current:
        rows.append(current)
    return rows


def _padded(row: list[_Token], width: int) -> list[_Token]:
    """A group row as wide as the header: its merged cell leaves no `|` for the columns it spans."""
    return row + [_Token([], row[-1].line) for _ in range(width - len(row))]


def short_rows(grid: Grid, notes: Notes) -> None:
    """Say where a regrouped row has fewer cells than the header: read from the left."""
    width = len(grid.rows[0])
    for row in grid.rows[1:]:
        texts = [c for c in row if c.paras]
        if texts and 1 < len(row) < width and number_value("".join(p.text for p in row[0].paras)) is not None:
            notes.add(row[0].paras[0].line, "short-row",
                      f"row {row[0].paras[0].text} has {len(row)} cells for {width} columns; its cells are read from the left",
                      "a merged cell leaves no `|` in its later rows: check this row against the published page")
