"""`python -m generator add FILE`: the monthly routine of adding a released report.

Parses and validates the file, stores it byte for byte in content/sources/ under
its canonical name from the 索引号, refuses a second copy of the same 索引号
unless --replace (and then says what changed), and prints what the report brings.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from .errors import ReportError
from .link.threads import threads
from .model import Report
from .parse import parse_document
from .parse.summary import how_it_was_read
from .read import read_document
from .site.build import SOURCE_SUFFIXES, load_sources
from .link.ids import division_names, report_id, rows_of
from .link.source import Source


def add_report(path: Path, sources_dir: Path, replace: bool = False, url: str | None = None,
               force: bool = False) -> int:
    try:
        document = read_document(path)
        report = parse_document(document)
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return 2
    shape = next((d for d in report.diagnostics if d.code == "not-a-report"), None)
    if shape and not force:
        print(f"{path.name}:{shape.line}: error: {shape.message.replace('this does not', 'the file does not')}\n"
              f"  hint: check that this is the published progress report; run again with --force to add it anyway",
              file=sys.stderr)
        return 2
    rid = report_id(report)
    existing, _ = load_sources(sources_dir)
    previous = next((s for s in existing if s.id == rid), None)
    if previous and not replace:
        print(f"{path.name}:1: error: 索引号 {report.meta.index_no} is already in "
              f"content/sources/{previous.report.source}\n"
              f"  hint: run again with --replace to replace it with this file", file=sys.stderr)
        return 2
    suffix = path.suffix.lower() if path.suffix.lower() in SOURCE_SUFFIXES else ".txt"
    target = sources_dir / f"{rid}{suffix}"
    others = [s for s in existing if s.id != rid]
    new = Source(dataclasses.replace(report, source=target.name), rid, url)
    _summary(new, others, previous, target)
    for line in how_it_was_read(report, document.layout):
        print(f"  {line}")
    data = path.read_bytes()
    if previous and previous.report.source != target.name:
        (sources_dir / previous.report.source).unlink()
    target.write_bytes(data)
    if url:
        _record_url(sources_dir / "provenance.toml", target.name, url)
    print("Run `make html` to rebuild the site.")
    return 0


def _summary(new: Source, others: list[Source], previous: Source | None, target: Path) -> None:
    r = new.report
    verb = "replaced" if previous else "added"
    print(f"{verb} content/sources/{target.name} (索引号 {r.meta.index_no or '未注明'})")
    print(f"  {r.meta.title or '(no title)'}, 发文日期 {r.meta.issued or '未注明'}")
    thread_of, _ = threads(others + [new])
    rows = list(rows_of(r))
    if rows:
        continuing = [(tid, row, thread_of[(new.id, tid)]) for _, _, _, row, tid in rows if (new.id, tid) in thread_of]
        print(f"  {len(rows)} tasks: {len(rows) - len(continuing)} new, {len(continuing)} continuing tasks seen before")
        for tid, row, members in continuing:
            before = [m for m in members if m.report_id != new.id]
            print(f"    continues: {tid} {row.task[:30]} (after {before[-1].report_id} {before[-1].task_id})")
    if r.entries:
        print(f"  {len(r.entries)} division entries")
    divisions = division_names(r)
    if divisions:
        print(f"  divisions: {'、'.join(divisions)}")
    if previous:
        for line in changes(previous.report, r):
            print(f"  changed: {line}")
    if r.diagnostics:
        print(f"  {len(r.diagnostics)} warning(s):")
        for d in r.diagnostics:
            print(f"    line {d.line}: {d.message}")


def changes(old: Report, new: Report) -> list[str]:
    """What --replace changes, in words a maintainer can check."""
    lines = []
    for field in ("index_no", "publisher", "issued", "disclosure", "title", "published", "origin"):
        a, b = getattr(old.meta, field), getattr(new.meta, field)
        if a != b:
            lines.append(f"{field}: {a!r} -> {b!r}")
    old_rows = {tid: row for _, _, _, row, tid in rows_of(old)}
    new_rows = {tid: row for _, _, _, row, tid in rows_of(new)}
    for tid in sorted(old_rows.keys() - new_rows.keys()):
        lines.append(f"task {tid} removed")
    for tid in sorted(new_rows.keys() - old_rows.keys()):
        lines.append(f"task {tid} added")
    for tid in sorted(old_rows.keys() & new_rows.keys()):
        a = [(k, [i.text for i in v]) for k, v in old_rows[tid].cells]
        b = [(k, [i.text for i in v]) for k, v in new_rows[tid].cells]
        if a != b:
            keys = [k for (k, x), (_, y) in zip(a, b) if x != y] or ["columns"]
            lines.append(f"task {tid}: {', '.join(keys)} changed")
    old_entries = [(e.division, e.text) for e in old.entries]
    new_entries = [(e.division, e.text) for e in new.entries]
    if old_entries != new_entries:
        lines.append(f"division entries changed ({len(old_entries)} -> {len(new_entries)})")
    if not lines:
        lines.append("nothing in the model (the file's bytes may still differ)")
    return lines


def _record_url(path: Path, name: str, url: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if f'["{name}"]' in text:
        return
    path.write_text(text.rstrip("\n") + f'\n\n["{name}"]\nurl = "{url}"\n', encoding="utf-8")
