"""A long page rendered a part at a time, to the same HTML as the page whole (issue 16).

markdown-it holds about 50 times a page's Markdown in tokens while it renders it, and a
report at the limits makes pages of tens of megabytes: its report page and 目标与进展 hold a
table of thousands of rows (a 17 MB page took 800 MB). `render` cuts such a page where
rendering the parts gives exactly the whole's HTML:

- at a blank line before a line that begins a new top-level block: not indented, not a
  list item (which would join the list before it), not after a `{...}` attribute line
  (which applies to the next block);
- between two rows of a table: the next part starts with the table's header and delimiter
  lines again, and the HTML the repeated header makes is taken off, as is the end of the
  table from the part before.

A page with a fence or an HTML block that may hold blank lines (CommonMark's kinds 1-5) is
rendered whole, and so is one where a part does not begin or end as expected. Our pages
have no link reference definitions, the only other thing one block takes from another.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from itertools import chain

from markdown_it import MarkdownIt

_table_rule = importlib.import_module("markdown_it.rules_block.table")

PART_CHARS = 1 << 18
"""A page longer than this is rendered in parts of about this size."""
_HTML_SPANS = re.compile(r"^ {0,3}(?:<(?:pre|script|style|textarea)[\s>]|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|```|~~~)", re.I | re.M)
_STARTS = re.compile(r"[^\s\-+*0-9]")
_DELIMITER = re.compile(r"\|?(?: *:?-+:? *\|)+ *:?-*:? *$")
_TABLE_END = "</tbody>\n</table>\n"


class _Whole(Exception):
    """The page must be rendered whole."""


class _Table:
    """The table a line is in: its header lines, the HTML they make, its width, where its rows
    begin, and the cells markdown-it has added to short rows so far (it ends a table after 65,536)."""

    def __init__(self, prefix: str, header: str, columns: int, first_row: int) -> None:
        self.prefix, self.header, self.columns, self.first_row = prefix, header, columns, first_row
        self.added = 0


def render(md: MarkdownIt, body: str, part: int = PART_CHARS) -> str:
    """`md.render(body)`, in parts of about `part` characters when the body is longer. The
    parts are made and rendered one at a time: only the HTML is kept."""
    if len(body) <= part or _HTML_SPANS.search(body):
        return md.render(body)
    html = []
    try:
        for text, head, cut in _pieces(md, body, part):
            out = md.render(text)
            if head:
                if not out.startswith(head):
                    raise _Whole
                out = out[len(head):]
            if cut:
                if not out.endswith(_TABLE_END):
                    raise _Whole
                out = out[:-len(_TABLE_END)]
            html.append(out)
    except _Whole:
        return md.render(body)
    return "".join(html)


def _lines(body: str) -> Iterator[tuple[int, int]]:
    """Where each line of `body` starts and ends (before its newline)."""
    start = 0
    while (end := body.find("\n", start)) >= 0:
        yield start, end
        start = end + 1
    yield start, len(body)


def _pieces(md: MarkdownIt, body: str, part: int) -> Iterator[tuple[str, str | None, bool]]:
    """The parts to render: (Markdown, the HTML to take off its start, whether it ends inside
    a table). Raises _Whole when the page must be rendered whole."""
    start, size, head, header, previous = 0, 0, None, "", ""
    table: _Table | None = None
    lines = _lines(body)
    here = next(lines)
    for after in chain(lines, [None]):
        line = body[here[0]:here[1]]
        following = body[after[0]:after[1]] if after else None
        size += len(line) + 1
        if table and not line.startswith("|"):
            table = None
        elif table and here[0] >= table.first_row:
            table.added += table.columns - len(_cells(line))
            if table.added > _table_rule.MAX_AUTOCOMPLETED_CELLS:
                raise _Whole
        elif not table and line.startswith("|") and following is not None and not previous:
            table = _table(md, line, following, after[1] + 1)
        if size >= part and following is not None:
            if table and here[0] >= table.first_row and following.startswith("|"):
                yield header + body[start:here[1] + 1], head, True
                start, size, head, header = here[1] + 1, 0, table.prefix, table.header
            elif not table and not line and previous and _STARTS.match(following) and not _attributes(previous):
                yield header + body[start:here[1] + 1], head, False
                start, size, head, header = here[1] + 1, 0, None, ""
        previous, here = line, after
        if here is None:
            break
    yield header + body[start:], head, False


def _table(md: MarkdownIt, header: str, delimiter: str, first_row: int) -> _Table | None:
    """The table these two lines begin, if markdown-it reads them as one."""
    if not _DELIMITER.match(delimiter):
        return None
    html = md.render(f"{header}\n{delimiter}\n")
    if not (html.startswith("<table>\n<thead>\n") and html.endswith("</thead>\n</table>\n")):
        return None
    return _Table(html[:-len("</table>\n")] + "<tbody>\n", f"{header}\n{delimiter}\n", len(_cells(header)), first_row)


def _cells(line: str) -> list[str]:
    """A row's cells as markdown-it's table rule counts them."""
    cells = _table_rule.escapedSplit(line.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _attributes(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("{") and stripped.endswith("}")
