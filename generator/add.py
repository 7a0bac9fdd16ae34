"""`python -m generator add FILE`: the monthly routine of adding a released report.

Parses and validates the file, stores it byte for byte in content/sources/ under its
canonical name (from its report id, the one the site uses), refuses a second copy of the
same full 索引号 unless --replace (and then says what changed), and prints what the report
brings. Nothing it stores is deleted or truncated first (`files.save_file`), and what it
prints of a report's text has terminal escapes removed and control characters made visible.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sys
from pathlib import Path

from .errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, ReportError
from .files import save_file
from .link import link
from .link.ids import division_names, file_slug, report_id, rows_of
from .link.source import Source
from .link.summary import brings
from .model import Report
from .parse import parse_file
from .provenance import read as read_provenance, record, url_problem
from .site.build import SOURCE_SUFFIXES, load_sources

_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def shown(text: str) -> str:
    """`text` safe to print on a terminal: escape sequences (colours, titles, cursor moves)
    removed, other control, bidi and zero-width characters written as \\uXXXX, to be seen."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", _ESCAPES.sub("", text))


def say(line: str = "", error: bool = False) -> None:
    """Print a line (or lines) that may carry report text, through `shown`."""
    print("\n".join(shown(part) for part in line.split("\n")), file=sys.stderr if error else sys.stdout)


def stored_name(report: Report, data: bytes, suffix: str) -> str:
    """The file name in content/sources/: the report id for a report with a 索引号; without
    one, the saved file's name and a digest of its bytes, so that two different reports
    saved as report.txt never take one name."""
    if report.meta.index_no:
        return report_id(report) + suffix
    return f"{file_slug(report.source)}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def add_report(path: Path, sources_dir: Path, replace: bool = False, url: str | None = None) -> int:
    if url is not None and (problem := url_problem(url)):
        say(f"error: --url {url!r}: {problem}\n  hint: give the address of the published page, "
            f"beginning https:// or http://", error=True)
        return EXIT_BAD_INPUT
    try:
        report = parse_file(path)
    except ReportError as exc:
        say(str(exc), error=True)
        return EXIT_BAD_INPUT
    data = path.read_bytes()
    suffix = path.suffix.lower() if path.suffix.lower() in SOURCE_SUFFIXES else ".txt"
    target = sources_dir / stored_name(report, data, suffix)
    report = dataclasses.replace(report, source=target.name)
    rid = report_id(report)
    existing, _ = load_sources(sources_dir)
    previous = next((s for s in existing if _same(s.report, report)), None)
    if previous and not replace:
        say(f"{path.name}:1: error: {_identity(report)} is already in content/sources/{previous.report.source}\n"
            f"  hint: run again with --replace to replace it with this file", error=True)
        return EXIT_BAD_INPUT
    clash = next((s for s in existing if s.id == rid and s is not previous), None)
    if clash or (target.exists() and not previous):
        taken = f"索引号 {clash.report.meta.index_no}" if clash else "a file that is not a report"
        say(f"{path.name}:1: error: content/sources/{target.name} is already taken by {taken}\n"
            f"  hint: look at that file, and remove it if it is not a report", error=True)
        return EXIT_BAD_INPUT
    renamed = None
    if previous and previous.report.source != target.name:
        if Path(previous.report.source).suffix == target.suffix:
            # The new bytes take the old file's name: one rename replaces the report, so a kill
            # at any moment leaves one whole copy, and its provenance entry keeps its key.
            target = sources_dir / previous.report.source
        else:
            renamed = previous.report.source
    if (url is not None or renamed) and (broken := read_provenance(sources_dir)[1]):
        say("\n".join(broken) + "\n  nothing was stored: provenance.toml must be fixed first", error=True)
        return EXIT_BAD_INPUT
    _summary(Source(report, rid, url), [s for s in existing if s is not previous], previous, target)
    try:
        save_file(target, data)
        record(sources_dir, target.name, url, drop=renamed)
        if renamed:  # only now: the new file and its address are in place
            (sources_dir / renamed).unlink()
    except OSError as exc:
        say(f"{exc.filename or sources_dir}: error: could not store the report: {exc.strerror}\n"
            f"  hint: free space or fix the folder's permissions, then add it again; what was stored "
            f"before is unchanged", error=True)
        return EXIT_OUTPUT
    say("Run `make html` to rebuild the site.")
    return EXIT_OK


def _same(a: Report, b: Report) -> bool:
    """One report twice: the same full 索引号; without one, the same stored file (same bytes)."""
    if a.meta.index_no or b.meta.index_no:
        return a.meta.index_no == b.meta.index_no
    return a.source == b.source


def _identity(report: Report) -> str:
    return f"索引号 {report.meta.index_no}" if report.meta.index_no else "this file (it has no 索引号)"


def _summary(new: Source, others: list[Source], previous: Source | None, target: Path) -> None:
    r = new.report
    verb = "replaced" if previous else "added"
    say(f"{verb} content/sources/{target.name} as report {new.id} (索引号 {r.meta.index_no or '未注明'})")
    say(f"  {r.meta.title or '(no title)'}, 发文日期 {r.meta.issued or '未注明'}")
    for line in brings(link(others + [new]), new.id):
        say(f"  {line}")
    if r.entries:
        say(f"  {len(r.entries)} division entries")
    divisions = division_names(r)
    if divisions:
        say(f"  divisions: {'、'.join(divisions)}")
    if previous:
        for line in changes(previous.report, r):
            say(f"  changed: {line}")
    if r.diagnostics:
        say(f"  {len(r.diagnostics)} warning(s):")
        for d in r.diagnostics:
            say(f"    line {d.line}: {d.message}")


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


