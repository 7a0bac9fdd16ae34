"""The same task across successive reports of a series, as one thread.

Matching is conservative: two rows are one task only when their task text is the
same (white space aside; for `follow`, after NFKC too), they come from the same
publisher (for `follow`, the same kind of report in one year or the next), and
neither report has that text twice. A near match (similar wording) is not merged;
the reason is recorded so a maintainer can look, and generator/data/threads.toml
can make it one task (`follow` only).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from functools import cache, lru_cache

from ..vocabulary import DATA
from .archive import Member, NearMiss, Thread as ArchiveThread
from .ids import rows_of
from .dates import report_period
from .text import normal


def _publisher(report) -> str:
    index = report.meta.index_no or ""
    return index.split("/")[0] if "/" in index else (report.meta.publisher or "")


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


# Threads (archive.Thread): every row has one, and a series is the kind of report in one year
# or the next.

_PERIOD_WORDS = re.compile(r"\d{4}年度?|\d{1,2}月份?|[上下]?半年度?|[第前]?[一二三四1-4]季度|全年")
_NO_PROBLEM = frozenset({"", "无", "暂无", "没有", "无问题", "/", "-", "—", "一"})
"""存在问题 cells that say there is none: "无" in two reports is not a problem that persists."""
_NEAR_REASON = "任务表述相近但不完全相同，未合并为同一任务（如为同一任务，在 generator/data/threads.toml 中合并）"


def series_of(report) -> tuple[str, str]:
    """(publisher, kind): the kind is the title without its period words, so the half-year and
    the third-quarter reports of one year are one series ("…厅重点工作完成情况")."""
    return _publisher(report), _PERIOD_WORDS.sub("", normal(report.meta.title or ""))


@cache
def merges() -> tuple[tuple[tuple[str, str], ...], ...]:
    """generator/data/threads.toml: groups of (report id, task id) an operator made one task."""
    data = tomllib.loads((DATA / "threads.toml").read_text(encoding="utf-8"))
    return tuple(tuple(tuple(t.split()) for t in m["tasks"]) for m in data.get("merge", []))


def follow(sources) -> tuple[dict[tuple[str, str], ArchiveThread], tuple[NearMiss, ...]]:
    """Every row's thread, and the near matches of consecutive reports. `sources` oldest first.

    Rows continue one another when their publisher, kind of report and normalised task text
    are the same and their years are the same or consecutive; a report that has the text
    twice makes each of those rows a thread of its own (which would continue which is a guess)."""
    groups: dict[tuple, list[Member]] = {}
    series: dict[str, tuple] = {}
    tasks: dict[tuple[str, str], str] = {}  # (report id, task id) -> normalised task text
    for s in sources:
        series[s.id] = series_of(s.report)
        period = report_period(s.report.meta.title, s.report.meta.issued)
        for _, _, _, row, tid in rows_of(s.report):
            member = Member(s.id, s.report.meta.title or s.report.source, tid, period, row)
            tasks[(s.id, tid)] = normal(row.task)
            groups.setdefault((*series[s.id], tasks[(s.id, tid)]), []).append(member)
    chains: list[list[Member]] = []
    for members in groups.values():
        reports = [m.report_id for m in members]
        if len(set(reports)) != len(reports):
            chains += [[m] for m in members]
            continue
        ours: list[list[Member]] = []
        for m in sorted(members, key=_period_key):
            if ours and _year(m) - _year(ours[-1][-1]) <= 1:  # this year's series or the next year's
                ours[-1].append(m)
            else:
                ours.append([m])
        chains += ours
    chains = _merged(chains)
    thread_of = {}
    for chain in chains:
        thread = _thread(sorted(chain, key=_period_key), series, tasks)
        for m in chain:
            thread_of[(m.report_id, m.task_id)] = thread
    return thread_of, _near(sources, series, tasks, thread_of)


def _merged(chains: list[list]) -> list[list]:
    """Chains joined as threads.toml says; a (report, task) no report has is left out."""
    index = {(m.report_id, m.task_id): n for n, chain in enumerate(chains) for m in chain}
    parent = list(range(len(chains)))

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    for group in merges():
        known = sorted(root(index[t]) for t in group if t in index)
        for n in known[1:]:
            parent[n] = known[0]
    joined: dict[int, list] = {}
    for n, chain in enumerate(chains):
        joined.setdefault(root(n), []).extend(chain)
    return list(joined.values())


def _thread(members: list, series, tasks) -> ArchiveThread:
    first = members[0]
    text = "\0".join((*series[first.report_id], str(_year(first)), tasks[(first.report_id, first.task_id)]))
    if len(members) == 1:  # alone, perhaps beside the same text in its report: its own place too
        text += f"\0{first.report_id}\0{first.task_id}"
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    runs, run, previous = {}, 0, None
    for m in members:
        problems = normal("".join(i.text for i in m.row.cell("problems"))).rstrip("。.")
        problems = "" if problems in _NO_PROBLEM else problems
        run = run + 1 if problems and problems == previous else 1
        previous = problems
        if run >= 2:
            runs[m.report_id] = run
    return ArchiveThread(f"t{digest}", tuple(members), runs)


def _near(sources, series, tasks, thread_of) -> tuple[NearMiss, ...]:
    """Similar task texts in consecutive reports of a series that are not one thread."""
    by_series: dict[tuple, list] = {}
    for s in sources:
        by_series.setdefault(series[s.id], []).append(s)
    misses = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for reports in by_series.values():
        reports.sort(key=_source_key)
        for older, newer in zip(reports, reports[1:]):
            if _source_key(newer)[0] - _source_key(older)[0] > 1:
                continue
            old_rows = [(tasks[(older.id, tid)], (older.id, tid)) for *_, tid in rows_of(older.report)]
            for *_, tid in rows_of(newer.report):
                kb, b = tasks[(newer.id, tid)], (newer.id, tid)
                if any(m.report_id == older.id for m in thread_of[b].members):
                    continue  # already continues a task of the older report
                matcher.set_seq2(kb)  # the matcher indexes its second text; once for each
                for ka, a in old_rows:
                    if abs(len(ka) - len(kb)) > 10 or any(m.report_id == newer.id for m in thread_of[a].members):
                        continue
                    matcher.set_seq1(ka)
                    if (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
                            and (ratio := matcher.ratio()) >= 0.85):  # cheap upper bounds first
                        misses.append(NearMiss(a, b, round(ratio, 2), _NEAR_REASON))
    return tuple(sorted(misses, key=lambda m: (m.a, m.b)))


def _year(m) -> int:
    return m.period.year if m.period else 0


def _source_key(s) -> tuple:
    period = report_period(s.report.meta.title, s.report.meta.issued)
    return (*period.sort_key, s.id) if period else (0, 0, 0, s.id)
