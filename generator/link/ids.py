"""Stable ASCII ids for URLs, decided by us from the report's 索引号 and the row.

A new report never changes an existing page's URL: ids depend only on the
report's own 索引号 (or file name) and the position of the row in its report.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Report
from ..vocabulary import division_named


OWN_CODE = "002482090"
"""The organisation code that begins the 索引号 of 浙江省科学技术厅's own reports."""


def report_id(report: Report) -> str:
    """"2021-00558" from the department's 索引号 "002482090/2021-00558"; "2021-00558-111111111"
    from another code's; any other 索引号 spelled in ASCII with a digest of it ("2021_00558" ->
    "2021-00558-…"), so that two different 索引号 never share an id. Each begins with the year
    where the 索引号 does (pages and search bundles file reports by it). From the file name
    when there is no 索引号."""
    index_no = report.meta.index_no
    if index_no:
        code, _, tail = index_no.rpartition("/")
        if re.fullmatch(r"[0-9]+", code) and re.fullmatch(r"[0-9]{4}-[0-9]+", tail):
            return tail if code == OWN_CODE else f"{tail}-{code}"
        return f"{_ascii(index_no) or 'index'}-{_digest(index_no)}"
    return "file-" + file_slug(report.source)


def file_slug(name: str) -> str:
    """A file name without its suffix, in ASCII ("report" from "report.txt")."""
    return _ascii(name.rsplit(".", 1)[0]) or _digest(name)


def task_id(table_index: int, row_index: int) -> str:
    """"1-01" for the first row of the first table (positions, not published numbers)."""
    return f"{table_index + 1}-{row_index + 1:02d}"


def division_id(name: str) -> str:
    """The registry id, or a stable id derived from the name for a division not registered."""
    division = division_named(name)
    return division.id if division else f"unregistered-{_digest(name)}"


def _ascii(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def division_names(report: Report) -> list[str]:
    """Every division the report names, as owner of a task or in a division entry, sorted."""
    owners = {o for table in report.tables for row in table.rows for o in row.owners}
    return sorted(owners | {e.division for e in report.entries})


def rows_of(report: Report):
    """(table index, table, row index, row, task id) for every row of a report."""
    for t, table in enumerate(report.tables):
        for r, row in enumerate(table.rows):
            yield t, table, r, row, task_id(t, r)



def division_titles(sources) -> dict[str, str]:
    """Division id -> the name its page is titled with: the first met in `sources` (newest
    first), a task's owners before the report's division entries."""
    names: dict[str, str] = {}
    for source in sources:
        for _, _, _, row, _ in rows_of(source.report):
            for owner in row.owners:
                names.setdefault(division_id(owner), owner)
        for e in source.report.entries:
            names.setdefault(e.division_id or division_id(e.division), e.division)
    return names
