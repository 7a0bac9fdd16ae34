"""Link: what spans reports — ids, dated events, cited documents, task threads — worked out
once per build as an `Archive` (archive.py) for every writer and for `add`."""

from __future__ import annotations

import hashlib
import unicodedata

from .archive import Archive, Document, Event, Mention, NearMiss, Seen, Thread, Member
from .documents import canonical_title
from .ids import division_titles


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def link(sources) -> Archive:
    """INTERIM (the lead's, to be replaced by the linking rules): the Archive from the
    per-report events, mentions and threads."""
    from .threads import threads

    ordered = sorted(sources, key=lambda s: (s.report.meta.issued or "", s.id), reverse=True)
    merged: dict[tuple, list] = {}
    for s in reversed(ordered):
        for e in s.events:
            if e.kind != "dated":
                continue
            seen = Seen(e.report_id, e.report_title, e.task_id, e.entry_number, e.column, "progress", 0)
            key = (e.when, _norm(e.text), e.task_title if e.task_id else e.divisions)
            merged.setdefault(key, [e, []])[1].append(seen)
    events = tuple(Event("e" + hashlib.sha1(repr(k).encode()).hexdigest()[:10], e.when, e.text, e.task_title,
                         None, e.divisions, tuple(seen)) for k, (e, seen) in merged.items())
    by_doc: dict[str, list] = {}
    for s in ordered:
        for m in s.mentions:
            seen = Seen(m.report_id, m.report_title, m.task_id, m.entry_number, m.column, "progress", 0)
            by_doc.setdefault(m.doc_id, []).append(Mention(m.doc_id, m.title, m.action, 1 if m.action else 0,
                                                           m.when, m.sentence, seen))
    documents = []
    for did, ms in sorted(by_doc.items()):
        ms.sort(key=lambda m: ((m.when.year, m.when.span_start, 0) if m.when and m.when.span_start else
                               m.when.sort_key if m.when else (0, 0, 0), m.seen.report_id))
        title = canonical_title(ms[0].title)
        documents.append(Document(did, title, tuple(sorted({m.title for m in ms} - {title})), tuple(ms), ms[-1]))
    thread_of, near = threads(ordered)
    table = {}
    for s in ordered:
        for t, tb in enumerate(s.report.tables):
            for r, row in enumerate(tb.rows):
                tid = f"{t + 1}-{r + 1:02d}"
                members = thread_of.get((s.id, tid)) or []
                ms = tuple(Member(m.report_id, m.report_title, m.task_id, m.period, m.row) for m in members)
                table[(s.id, tid)] = Thread("t" + hashlib.sha1(_norm(row.task).encode()).hexdigest()[:10],
                                            ms or (Member(s.id, s.report.meta.title or s.report.source, tid, None, row),), {})
    misses = tuple(NearMiss(m.a, m.b, m.ratio, m.reason) for m in near)
    documents.sort(key=lambda d: (d.latest.when.sort_key if d.latest and d.latest.when else (0, 0, 0), d.id), reverse=True)
    return Archive(tuple(ordered), tuple(sorted(events, key=lambda e: (e.when.sort_key, e.id))), tuple(documents),
                   table, misses, division_titles(ordered))
