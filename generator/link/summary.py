"""What a report brings to the archive, in lines for the operator: `add` prints them for the
new report, the build prints the near matches of all reports as notes."""

from __future__ import annotations

import difflib

from .archive import Archive
from .ids import rows_of
from . import threads

_HINT = "if they are one task, add them to generator/data/threads.toml"


def brings(archive: Archive, report_id: str) -> list[str]:
    """A count of its tasks, then (indented) each continued task with the report it continues,
    each new task, each near match with its similarity."""
    source = next(s for s in archive.sources if s.id == report_id)
    rows = [(tid, row) for *_, row, tid in rows_of(source.report)]
    if not rows:
        return []
    continued, new = [], []
    for tid, row in rows:
        members = archive.threads[(report_id, tid)].members
        before = members[:next(i for i, m in enumerate(members) if (m.report_id, m.task_id) == (report_id, tid))]
        if before:
            continued.append(f"  continues: {tid} {_short(row.task)} (after {before[-1].report_id} "
                             f"{before[-1].task_id} of {before[-1].report_title})")
        else:
            new.append(f"  new: {tid} {_short(row.task)}")
    lines = [f"{len(rows)} tasks: {len(new)} new, {len(continued)} continuing tasks seen before", *continued, *new]
    lines += ["  " + near_line(archive, miss) for miss in archive.near_misses if report_id in (miss.a[0], miss.b[0])]
    return lines


def notes(archive: Archive) -> list[str]:
    """For the build: every near match, and every task threads.toml names that no report has."""
    lines = [near_line(archive, miss) for miss in archive.near_misses]
    for group in threads.merges():
        for rid, tid in group:
            if (rid, tid) not in archive.threads:
                lines.append(f"generator/data/threads.toml names task {tid} of report {rid}, which no report "
                             "has; check the ids (the task page's address reports/REPORT/tasks/TASK/)")
    return lines


def near_line(archive: Archive, miss) -> str:
    a, b = (archive.threads[side].members for side in (miss.a, miss.b))
    task = {(m.report_id, m.task_id): m.row.task for m in (*a, *b)}
    return (f"near: {miss.b[0]} {miss.b[1]} {_short(task[miss.b])} is like {miss.a[0]} {miss.a[1]} "
            f"(similarity {miss.ratio:.2f}: {_difference(task[miss.a], task[miss.b])}); {_HINT}")


def _difference(older: str, newer: str) -> str:
    """Where the wordings differ: “联动推进” → “推进”."""
    steps = difflib.SequenceMatcher(None, older, newer, autojunk=False).get_opcodes()
    return "; ".join(f"“{older[i1:i2]}” → “{newer[j1:j2]}”" for op, i1, i2, j1, j2 in steps if op != "equal")


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"
