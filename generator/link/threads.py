"""The same task across successive reports of a series, as one thread.

Matching is conservative: two rows are one task only when their task text is the
same (white space aside), they come from the same publisher, and neither report
has that text twice. A near match (similar wording) is not merged; the reason is
recorded so a maintainer can look.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..model import record
from .ids import rows_of
from .dates import When, report_period


@record
class Member:
    report_id: str
    report_title: str
    task_id: str
    period: When | None
    row: object
    """The model Row."""


@record
class NearMiss:
    """Two tasks with similar wording that were deliberately not threaded."""

    a: tuple[str, str]
    """(report id, task id)"""
    b: tuple[str, str]
    ratio: float
    reason: str


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _publisher(report) -> str:
    index = report.meta.index_no or ""
    return index.split("/")[0] if "/" in index else (report.meta.publisher or "")


def threads(sources) -> tuple[dict[tuple[str, str], list[Member]], list[NearMiss]]:
    """(report id, task id) -> the thread it belongs to (date order, 2+ members); and the near misses."""
    groups: dict[tuple[str, str], list[Member]] = {}
    for s in sources:
        period = report_period(s.report.meta.title, s.report.meta.issued)
        for _, _, _, row, tid in rows_of(s.report):
            member = Member(s.id, s.report.meta.title or s.report.source, tid, period, row)
            groups.setdefault((_publisher(s.report), _key(row.task)), []).append(member)
    result: dict[tuple[str, str], list[Member]] = {}
    for members in groups.values():
        reports = [m.report_id for m in members]
        if len(set(reports)) < 2 or len(set(reports)) != len(reports):
            continue  # alone, or one report repeats the text: not sure which row continues which
        ordered = sorted(members, key=_period_key)
        for m in ordered:
            result[(m.report_id, m.task_id)] = ordered
    return result, _near_misses(groups)


def _near_misses(groups) -> list[NearMiss]:
    """Similar task texts in consecutive reports of one publisher's series (quadratic only per pair)."""
    by_report: dict[tuple[str, str], list[tuple[str, Member]]] = {}
    for (publisher, key), members in groups.items():
        for m in members:
            by_report.setdefault((publisher, m.report_id), []).append((key, m))
    series: dict[str, list[list[tuple[str, Member]]]] = {}
    for (publisher, _), items in sorted(by_report.items(), key=lambda kv: _period_key(kv[1][0][1])):
        series.setdefault(publisher, []).append(items)
    misses = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for reports in series.values():
        for older, newer in zip(reports, reports[1:]):
            for kb, b in newer:
                matcher.set_seq2(kb)  # the matcher indexes its second text; once for each
                for ka, a in older:
                    if ka == kb or abs(len(ka) - len(kb)) > 10:
                        continue
                    matcher.set_seq1(ka)
                    if (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
                            and (ratio := matcher.ratio()) >= 0.85):  # cheap upper bounds first
                        misses.append(NearMiss((a.report_id, a.task_id), (b.report_id, b.task_id), round(ratio, 2),
                                               "任务表述相近但不完全相同，未合并为同一任务"))
    return sorted(misses, key=lambda m: (m.a, m.b))


def _period_key(m: Member):
    return (m.period.sort_key if m.period else (0, 0, 0), m.report_id)


def sentences(texts: list[str]) -> list[str]:
    return [s for t in texts for s in re.findall(r"[^。；;！!？?]+[。；;！!？?]?", t) if s.strip()]


def changes(before: list[str], after: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sentences of `after` that are new, and sentences of `before` no longer there."""
    return _changes(tuple(before), tuple(after))


@lru_cache(maxsize=4096)  # every page of a thread shows the same steps
def _changes(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    a, b = sentences(list(before)), sentences(list(after))
    added, dropped = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            dropped += a[i1:i2]
        if op in ("replace", "insert"):
            added += b[j1:j2]
    return tuple(added), tuple(dropped)
