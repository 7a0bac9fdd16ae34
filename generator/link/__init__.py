"""Linking across reports: one stage between parsing and writing, `link(sources) -> Archive`.

Events (events.py), documents (documents.py) and task threads (threads.py) are worked out
here once per build from every report, and read by the writers and by `add`."""

from __future__ import annotations

from .archive import Archive
from .documents import documents_of
from .events import one_event_each
from .ids import division_id, rows_of
from .source import Source
from .threads import follow

__all__ = ["Archive", "Source", "link"]


def link(sources) -> Archive:
    """Everything that spans the reports in `sources` (any order; the same reports give the
    same Archive)."""
    newest = tuple(sorted(sources, key=lambda s: (s.report.meta.issued or "", s.id), reverse=True))
    oldest = newest[::-1]
    threads, near_misses = follow(oldest)
    thread_ids = {key: thread.id for key, thread in threads.items()}
    return Archive(newest, one_event_each(oldest, thread_ids), documents_of(oldest), threads,
                   near_misses, _division_names(newest))


def _division_names(newest) -> dict[str, str]:
    """Division id -> the name first met, newest report first, a task's owners before entries."""
    names: dict[str, str] = {}
    for source in newest:
        for *_, row, _ in rows_of(source.report):
            for owner in row.owners:
                names.setdefault(division_id(owner), owner)
        for e in source.report.entries:
            names.setdefault(e.division_id or division_id(e.division), e.division)
    return names
