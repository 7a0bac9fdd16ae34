"""Events: what happened when, for tasks and divisions (archive.Event).

Only dates written in the text make events, each clause once however many reports repeat it
(`one_event_each`); a report's own period is shown from the report, not as an event.
"""

from __future__ import annotations

import hashlib

from ..model import record
from .archive import Event as ArchiveEvent, Seen
from .ids import division_id, rows_of
from .dates import When, find_dates, report_period
from .text import clauses, normal



@record
class Statement:
    """One dated clause as one report states it, before statements are made events."""

    when: When
    text: str
    """The clause (text.clauses): whole, without dangling punctuation."""
    task_title: str | None
    divisions: tuple[str, ...]
    seen: Seen
    compared: str
    """`text` as compared across reports (text.normal), worked out once with the report."""


def statements_of(source) -> tuple[Statement, ...]:
    """Every dated clause of a report's task cells and division entries (kept as `Source.learned("statements")`)."""
    report, rid = source.report, source.id
    title = report.meta.title or report.source
    period = report_period(report.meta.title, report.meta.issued)
    found: list[Statement] = []

    def add(text: str, task_title, divisions, seen_at) -> None:
        for clause in clauses(text):
            dates = set()
            for dated in find_dates(clause, report.meta.issued, period):
                if dated.when not in dates:  # one clause, one date: one statement
                    dates.add(dated.when)
                    found.append(Statement(dated.when, clause, task_title, divisions, seen_at, normal(clause)))

    for _, table, _, row, tid in rows_of(report):
        owners = tuple(division_id(o) for o in row.owners)
        for column in table.columns:
            if column.role in ("owners", "number"):
                continue
            for item in row.cell(column.key):
                add(item.text, row.task, owners, Seen(rid, title, tid, None, column.label, column.role, item.line))
    for entry in report.entries:
        did = entry.division_id or division_id(entry.division)
        add(entry.text, None, (did,), Seen(rid, title, None, entry.number, None, "entry", entry.line))
    return tuple(found)


def one_event_each(sources, thread_of) -> tuple[ArchiveEvent, ...]:
    """One event per (date as resolved, normalised text, task thread or division), with every
    report that states it in `seen`. `sources` oldest first; `thread_of`: (report id, task id)
    -> thread id."""
    groups: dict[tuple, list[Statement]] = {}
    for source in sources:
        for st in source.learned("statements", statements_of):
            s = st.seen
            owner = thread_of[(s.report_id, s.task_id)] if s.task_id else f"division {st.divisions[0]}"
            w = st.when
            groups.setdefault((w.year, w.month, w.day, w.span_start, w.span, st.compared, owner), []).append(st)
    events = []
    for order, (key, statements) in enumerate(groups.items()):
        first = statements[0]
        divisions = first.divisions if len(statements) == 1 else \
            tuple(dict.fromkeys(d for st in statements for d in st.divisions))
        digest = hashlib.sha1("\0".join(map(str, key)).encode("utf-8")).hexdigest()[:12]
        thread = key[-1] if first.seen.task_id else None
        events.append((first.when.sort_key, first.when.is_period, order, ArchiveEvent(
            f"e{digest}", first.when, first.text, first.task_title, thread, divisions,
            tuple(st.seen for st in statements))))
    return tuple(e for *_, e in sorted(events, key=lambda t: t[:3]))
