"""Limits on what one report may be (docs/performance.md has the measurements behind them).

The largest real report is about 100 KB with 26 table rows; the limits are far above
any real report and low enough that any report within them parses in well under
300 MB and a few seconds. A report over a limit is refused with a FILE:LINE error.
"""

from __future__ import annotations

import re

from ..errors import ReportError

MAX_BYTES = 4_000_000
"""Largest file: forty times the largest seed; a saved page is read into about 60 times its size."""
MAX_LINES = 100_000
MAX_ROWS = 5_000
"""Table rows (<tr>, or `a | b |` lines) in one report."""
MAX_DEPTH = 200
"""Elements nested deeper than this: real pages nest a few dozen; 10,000 unclosed <div>s
or <font>s would exhaust the parser."""

HINT = "check that this is one published report (not a whole site or an export); the limits are in docs/performance.md"
_ROW = re.compile(r"<tr[\s>]", re.I)
_PIPE_ROW = re.compile(r"^[^\n]*[|｜][^\n]*[|｜]", re.M)


def check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ReportError(name, 1, f"the file is {size:,} bytes, more than the {MAX_BYTES:,} a report may have", HINT)


def check_text(text: str, name: str, html: bool) -> None:
    """Lines and table rows, counted on the text before it is parsed."""
    lines = text.count("\n")
    if lines > MAX_LINES:
        raise ReportError(name, MAX_LINES + 1, f"the file has {lines:,} lines, more than the {MAX_LINES:,} a report may have", HINT)
    rows = _ROW.finditer(text) if html else _PIPE_ROW.finditer(text)
    for n, match in enumerate(rows, start=1):
        if n > MAX_ROWS:
            line = text.count("\n", 0, match.start()) + 1
            raise ReportError(name, line, f"the report has more than {MAX_ROWS:,} table rows", HINT)


def too_deep(line: int, name: str) -> ReportError:
    return ReportError(
        name, line, f"elements are nested more than {MAX_DEPTH} deep (unclosed tags?)",
        "open the page in a browser and save it again (File > Save as, HTML only), or copy its text "
        "into a .txt file; the limits are in docs/performance.md",
    )
