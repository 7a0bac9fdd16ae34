"""Linking across reports: one stage between parsing and writing, `link(sources) -> Archive`.

Events (events.py), documents (documents.py) and task threads (threads.py) are worked out
here once per build from every report, and read by the writers and by `add`."""

from __future__ import annotations

from .archive import Archive
from .documents import documents_of
from .events import one_event_each
from .ids import division_titles
from .source import Source
from .targets import book
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
                   near_misses, division_titles(newest), book(newest, threads))
