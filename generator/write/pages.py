"""The linked reports -> every generated Markdown page (content/generated/), in groups.

Each page is a JSON front matter (Pelican metadata) and a Markdown body: headings,
paragraphs, lists and links in Markdown, report text escaped for it (markdown.py), HTML only
where Markdown has no form (a task table whose cells hold numbered points, a section, a date).
Internal links are Pelican `{filename}` links, so Pelican checks them.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator

from ..link.archive import Archive
from ..link.ids import rows_of
from ..link.source import Source
from .common import task_label
from .division_pages import division_pages, divisions_index
from .documents import document_pages
from .indexes import home_page, tasks_index
from .markdown import GENERATED
from .report_page import report_page
from .task_page import task_page
from .targets_pages import site_pages, task_block
from .timelines import timeline_pages

PageGroup = tuple[str, str | None, Callable[[], Iterator[tuple[str, str]]]]
"""(group name, mark or None, a function giving each page's path under content/ and text)."""


def all_pages(archive: Archive) -> Iterator[PageGroup]:
    """Every generated page, in groups made one page at a time (an archive's pages together are
    hundreds of megabytes): (group name, mark, a function giving (path under content/, text)).

    A report's group is its report and task pages. They are made from the report itself and the
    threads and near misses of its tasks, whose events name the reports that state them too, so
    `mark` digests the keys of those reports (`Source.key`); the same mark gives the same pages.
    The pages that span reports form the last group, with no mark."""
    near_of_task: dict[tuple[str, str], list] = {}
    for miss in archive.near_misses:
        for side in (miss.a, miss.b):
            near_of_task.setdefault(side, []).append(miss)
    events_of_task: dict[tuple[str, str], list] = {}
    for e in archive.events:
        for key in {(s.report_id, s.task_id) for s in e.seen if s.task_id}:
            events_of_task.setdefault(key, []).append(e)
    keys = {s.id: s.key for s in archive.sources}

    def mark(source: Source) -> str | None:
        if not source.key:
            return None
        digest = hashlib.sha256(source.key.encode())
        for *_, tid in rows_of(source.report):
            thread = archive.threads.get((source.id, tid))
            for m in thread.members if thread else ():
                digest.update(f"\0thread {thread.id} {m.report_id} {m.task_id} {keys[m.report_id]}".encode())
            for miss in near_of_task.get((source.id, tid), []):
                digest.update(f"\0near {miss!r} {keys[miss.a[0]]} {keys[miss.b[0]]}".encode())
        return digest.hexdigest()

    def report_group(source: Source) -> Iterator[tuple[str, str]]:
        yield f"{GENERATED}/reports/{source.id}.md", report_page(source)
        rows = list(rows_of(source.report))
        for n, (t, table, r, row, tid) in enumerate(rows):
            before = (rows[n - 1][4], task_label(rows[n - 1][3])) if n > 0 else None
            after = (rows[n + 1][4], task_label(rows[n + 1][3])) if n + 1 < len(rows) else None
            key = (source.id, tid)
            yield f"{GENERATED}/tasks/{source.id}-{tid}.md", task_page(
                source, t, table, r, row, tid, (before, after), events_of_task.get(key, []),
                archive.threads.get(key), near_of_task.get(key, []), task_block(archive.targets, source.id, tid))

    def spanning() -> Iterator[tuple[str, str]]:
        ordered = list(archive.sources)
        for did, page_text in division_pages(archive):
            yield f"{GENERATED}/divisions/{did}.md", page_text
        for did, page_text in document_pages(archive):
            yield (f"{GENERATED}/documents.md" if did == "index" else f"{GENERATED}/documents/{did}.md"), page_text
        for name, page_text in timeline_pages(archive.events):
            yield f"{GENERATED}/{name}.md", page_text
        yield f"{GENERATED}/index.md", home_page(ordered)
        for name, page_text in tasks_index(ordered):
            yield f"{GENERATED}/{name}.md", page_text
        yield f"{GENERATED}/divisions.md", divisions_index(ordered)
        yield from site_pages(ordered, archive.targets, archive.division_names)

    for source in archive.sources:
        yield f"reports/{source.id}", mark(source), functools.partial(report_group, source)
    yield "spanning", None, spanning
