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

from markdown_it import MarkdownIt

_table_rule = importlib.import_module("markdown_it.rules_block.table")

PART_CHARS = 1 << 18
"""A page longer than this is rendered in parts of about this size."""
_HTML_SPANS = re.compile(r" {0,3}(?:<(?:pre|script|style|textarea)[\s>]|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|```|~~~)", re.I)
_STARTS = re.compile(r"[^\s\-+*0-9]")
_DELIMITER = re.compile(r"\|?(?: *:?-+:? *\|)+ *:?-*:? *$")
_TABLE_END = "</tbody>\n</table>\n"


class _Table:
    """The table a line is in: its header lines, the HTML they make, its width, and the
    cells markdown-it has added to short rows so far (it ends a table after 65,536)."""

    def __init__(self, prefix: str, header: list[str], columns: int, first_row: int) -> None:
        self.prefix, self.header, self.columns, self.first_row = prefix, header, columns, first_row
        self.added = 0


def render(md: MarkdownIt, body: str, part: int = PART_CHARS) -> str:
    """`md.render(body)`, in parts of about `part` characters when the body is longer."""
    lines = body.split("\n") if len(body) > part else ()
    pieces = _pieces(md, lines, part) if lines and not any(map(_HTML_SPANS.match, lines)) else None
    if not pieces:
        return md.render(body)
    html = []
    for text, head, cut in pieces:
        out = md.render(text)
        if head:
            if not out.startswith(head):
                return md.render(body)
            out = out[len(head):]
        if cut:
            if not out.endswith(_TABLE_END):
                return md.render(body)
            out = out[:-len(_TABLE_END)]
        html.append(out)
    return "".join(html)


def _pieces(md: MarkdownIt, lines: list[str], part: int) -> list[tuple[str, str | None, bool]] | None:
    """The parts to render: (Markdown, the HTML to take off its start, whether it ends inside a
    table); None when the page must be rendered whole."""
    pieces: list[tuple[str, str | None, bool]] = []
    start, size, head, header = 0, 0, None, []
    table: _Table | None = None
    for n, line in enumerate(lines):
        size += len(line) + 1
        if table and not line.startswith("|"):
            table = None
        elif table and n >= table.first_row:
            table.added += table.columns - len(_cells(line))
            if table.added > _table_rule.MAX_AUTOCOMPLETED_CELLS:
                return None
        elif not table and line.startswith("|") and n + 1 < len(lines) and (n == 0 or not lines[n - 1]):
            table = _table(md, line, lines[n + 1], n + 2)
        if size < part or n + 1 >= len(lines):
            continue
        if table and n >= table.first_row and lines[n + 1].startswith("|"):
            pieces.append(("\n".join(header + lines[start:n + 1]) + "\n", head, True))
            start, size, head, header = n + 1, 0, table.prefix, table.header
        elif not table and not line and n > 0 and _STARTS.match(lines[n + 1]) and not _attributes(lines[n - 1]):
            pieces.append(("\n".join(header + lines[start:n + 1]) + "\n", head, False))
            start, size, head, header = n + 1, 0, None, []
    pieces.append(("\n".join(header + lines[start:]), head, False))
    return pieces


def _table(md: MarkdownIt, header: str, delimiter: str, first_row: int) -> _Table | None:
    """The table these two lines begin, if markdown-it reads them as one."""
    if not _DELIMITER.match(delimiter):
        return None
    html = md.render(f"{header}\n{delimiter}\n")
    if not (html.startswith("<table>\n<thead>\n") and html.endswith("</thead>\n</table>\n")):
        return None
    return _Table(html[:-len("</table>\n")] + "<tbody>\n", [header, delimiter], len(_cells(header)), first_row)


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
