"""Events: what happened when, for tasks, divisions and reports.

Every task row and division entry is an event dated by its report's period;
every date written inside their text is an event too, with its sentence.

For the linking stage (`one_event_each`): only dates written in the text make events, each
clause once however many reports repeat it; a report's period is shown from the report.
"""

from __future__ import annotations

import hashlib

from ..model import record
from .archive import Event as ArchiveEvent, Seen
from .ids import division_id, rows_of
from .dates import When, find_dates, report_period
from .text import clauses, normal


@record
class Event:
    when: When
    text: str
    """The sentence that the date belongs to (or the task / entry text for a report event)."""
    kind: str
    """"report": the row or entry itself, dated by the report's period; "dated": a date in the text."""
    report_id: str
    report_title: str
    task_id: str | None
    """"1-01" for an event of a task row, None for a division entry."""
    task_title: str | None
    entry_number: str | None
    divisions: tuple[str, ...]
    """Division ids concerned (the row's owners, or the entry's division)."""
    column: str | None
    """The column label the date was written in (完成情况 …), None for report events."""


def events_of(source) -> list[Event]:
    """All events of one report (a `site.pages.Source`)."""
    report, rid = source.report, source.id
    title = report.meta.title or report.source
    period = report_period(report.meta.title, report.meta.issued)
    events: list[Event] = []
    for _, table, _, row, tid in rows_of(report):
        owners = tuple(division_id(o) for o in row.owners)
        common = dict(report_id=rid, report_title=title, task_id=tid, task_title=row.task,
                      entry_number=None, divisions=owners)
        if period:
            events.append(Event(period, row.task, "report", column=None, **common))
        for column in table.columns:
            if column.role in ("owners", "number"):
                continue
            for item in row.cell(column.key):
                for dated in find_dates(item.text, report.meta.issued, legacy=True):
                    events.append(Event(dated.when, dated.sentence, "dated", column=column.label, **common))
    for entry in report.entries:
        common = dict(report_id=rid, report_title=title, task_id=None, task_title=None,
                      entry_number=entry.number, divisions=(entry.division_id or division_id(entry.division),))
        if period:
            events.append(Event(period, entry.text, "report", column=None, **common))
        for dated in find_dates(entry.text, report.meta.issued, legacy=True):
            events.append(Event(dated.when, dated.sentence, "dated", column=None, **common))
    return events


def in_order(events: list[Event]) -> list[Event]:
    """Date order; a report's own period event comes after the dated events it contains."""
    return sorted(events, key=lambda e: (e.when.sort_key, e.kind == "report", e.report_id,
                                         e.task_id or "", e.entry_number or ""))


# The linking stage's events (archive.Event): one per dated statement, however many reports
# state it. The functions above serve today's writers until they read an Archive.

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
    """Every dated clause of a report's task cells and division entries (`Source.statements`)."""
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
        for st in source.statements:
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
