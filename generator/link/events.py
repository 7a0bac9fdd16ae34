"""Events: what happened when, for tasks, divisions and reports.

Every task row and division entry is an event dated by its report's period;
every date written inside their text is an event too, with its sentence.
"""

from __future__ import annotations

from ..model import record
from .ids import division_id, rows_of
from .dates import When, find_dates, report_period


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
                for dated in find_dates(item.text, report.meta.issued):
                    events.append(Event(dated.when, dated.sentence, "dated", column=column.label, **common))
    for entry in report.entries:
        common = dict(report_id=rid, report_title=title, task_id=None, task_title=None,
                      entry_number=entry.number, divisions=(entry.division_id or division_id(entry.division),))
        if period:
            events.append(Event(period, entry.text, "report", column=None, **common))
        for dated in find_dates(entry.text, report.meta.issued):
            events.append(Event(dated.when, dated.sentence, "dated", column=None, **common))
    return events


def in_order(events: list[Event]) -> list[Event]:
    """Date order; a report's own period event comes after the dated events it contains."""
    return sorted(events, key=lambda e: (e.when.sort_key, e.kind == "report", e.report_id,
                                         e.task_id or "", e.entry_number or ""))
