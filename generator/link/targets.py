"""Promised and reported, side by side: the quantified targets of each task, the figures
its progress text reports, and which figure answers which target.

Targets are the quantities of a task's 重点工作任务 and 目标任务 cells; reported figures are the
quantities of its 完成情况 / 进展情况 cell (generator/link/quantities.py reads them). A figure
answers a target only when both count the same thing (after `quantities.thing_key`: folded,
through the synonyms of generator/data/measures.toml) in units of the same base, and both or
neither say 累计 (a running total does not answer a year's target). Nothing is matched by
position or by guess. The figures of a task are read in every report of its thread
(`Thread.members`), so a later report's figure answers the target it repeats.

The ratio figure / target is the site's computation, never the report's; it is given only
for single numbers in units that count or measure (not for % or 个百分点) and labelled so
where it is shown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..model import record
from .dates import When, find_dates, report_period
from .ids import rows_of
from .pairs import TaskFigures, answering, wanted
from .quantities import Quantity, comparisons, plain_key, quantities, sentence_at, unit_spec

TARGET_ROLES = ("task", "target")
FIGURE_ROLES = ("progress",)
NO_FIGURE = "报告未给出对应数字"
"""What a target with no matching figure shows."""
COMPUTED = "本站计算"
"""The label of every ratio: the site computed it, the report did not state it."""

MAX_ANSWERS = 20
"""Figures kept for one target (the seeds' most is 2): in a task of hundreds of targets and figures
of one kind every figure answers every target, and a 71 kB report made 810,000 pairs (220 MB, and a
task page listing them all). The others are counted (`Book.count`); the latest is kept wherever it
stands. They are found by groups (link/pairs.py), not pair by pair."""
TASK_ANSWERS = 2000
"""Figures kept over all the targets of one task: a task of 30,000 targets keeps one each."""

_AS_OF = re.compile(r"截至(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:底|末|份)?")


@record
class Period:
    """When a reported figure stands: the phrase the sentence writes, else the report's period."""

    phrase: str | None
    """As written before the figure ("1-6月", "今年以来", "截至6月底"); None when the sentence
    gives none and the report's period is used."""
    label: str
    """How the site shows it (the site's wording): "截至2021年6月", "2021年6月4日"."""
    datetime: str
    """For <time datetime>: "2021-06"."""


@record
class Target:
    """One quantity a task promises."""

    id: str
    """"2021-00558-1-06-t01": report, task, then the target's place in the row."""
    report_id: str
    source: str
    """The report's file name: with `line`, the cell's place (file:line)."""
    task_id: str
    column: str
    """The column label as published (目标任务 …)."""
    role: str
    """"task" or "target"."""
    line: int
    """Line of the cell item (model.Item.line) it stands in."""
    quantity: Quantity
    sentence: str
    """The sentence it stands in, as written."""


@record
class Figure:
    """One quantity a task's progress text reports."""

    id: str
    report_id: str
    report_title: str
    source: str
    task_id: str
    column: str
    line: int
    quantity: Quantity
    sentence: str
    period: Period


@record
class Match:
    """A figure that answers a target."""

    target_id: str
    figure_id: str
    ratio: Fraction | None
    """figure / target, computed by the site; None where it means nothing (a range, %, no
    number)."""
    synonym: bool
    """True when the things counted agree only through measures.toml's synonyms."""


@record
class Book:
    """Every target, figure and match of an archive, with the look-ups pages make, built once
    by `book` (an archive has thousands of targets)."""

    targets: tuple[Target, ...]
    """In report, task and cell order."""
    figures: tuple[Figure, ...]
    matches: tuple[Match, ...]
    """For each target, its figures oldest report first."""
    by_task: Mapping[tuple[str, str], tuple[tuple[Target, ...], tuple[Figure, ...]]]
    """(report id, task id) -> its targets, and its figures that answer none of them."""
    by_target: Mapping[str, tuple[tuple[Figure, Match], ...]]
    """Target id -> the figures that answer it, with their match, oldest report first: at most
    MAX_ANSWERS of them, fewer in a task of more than TASK_ANSWERS / MAX_ANSWERS targets."""
    counts: Mapping[str, int]
    """Target id -> how many figures answer it."""
    newest: Mapping[str, tuple[Figure, Match]]
    """Target id -> the answering figure with the latest period (the later one on a tie)."""

    def of_task(self, report_id: str, task_id: str) -> tuple[Target, ...]:
        return self.by_task.get((report_id, task_id), ((), ()))[0]

    def answers(self, target_id: str) -> tuple[tuple[Figure, Match], ...]:
        """The figures that answer a target, with their match, oldest report first (at most MAX_ANSWERS)."""
        return self.by_target.get(target_id, ())

    def count(self, target_id: str) -> int:
        """How many figures answer a target, listed or not."""
        return self.counts.get(target_id, 0)

    def latest(self, target_id: str) -> tuple[Figure, Match] | None:
        """The answering figure with the latest period (the later report's, on a tie)."""
        return self.newest.get(target_id)

    def unmatched_figures(self, report_id: str, task_id: str) -> tuple[Figure, ...]:
        """A task's figures that answer none of the targets."""
        return self.by_task.get((report_id, task_id), ((), ()))[1]


def targets_of(source) -> tuple[Target, ...]:
    """The targets of one report (a `Source`: its `report` and `id`)."""
    found = []
    for _, table, _, row, tid in rows_of(source.report):
        n = 0
        for column in table.columns:
            if column.role not in TARGET_ROLES:
                continue
            for item in row.cell(column.key):
                for q in sorted(quantities(item.text) + comparisons(item.text), key=lambda q: q.start):
                    n += 1
                    found.append(Target(f"{source.id}-{tid}-t{n:02d}", source.id, source.report.source, tid, column.label, column.role,
                                        item.line, q, sentence_at(item.text, q.start)))
    return tuple(found)


def figures_of(source) -> tuple[Figure, ...]:
    """The reported figures of one report, each with its period."""
    report = source.report
    period = report_period(report.meta.title, report.meta.issued)
    found = []
    for _, table, _, row, tid in rows_of(report):
        n = 0
        for column in table.columns:
            if column.role not in FIGURE_ROLES:
                continue
            for item in row.cell(column.key):
                for q in quantities(item.text, bare=True):
                    n += 1
                    sentence = sentence_at(item.text, q.start)
                    offset = q.start - item.text.find(sentence)
                    found.append(Figure(f"{source.id}-{tid}-f{n:02d}", source.id, report.meta.title or report.source,
                                        report.source, tid, column.label, item.line, q, sentence,
                                        figure_period(sentence, offset, report.meta.issued, period)))
    return tuple(found)


def book(sources: Iterable, threads: Mapping | None = None) -> Book:
    """Targets, figures and matches of `sources`. `threads` is `Archive.threads` ((report id,
    task id) -> Thread); without it, a target is answered only by its own row's figures."""
    sources = tuple(sources)
    targets = tuple(t for s in sources for t in targets_of(s))
    figures = tuple(f for s in sources for f in figures_of(s))
    by_task: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        by_task.setdefault((f.report_id, f.task_id), []).append(f)
    rows = {key: TaskFigures(found) for key, found in by_task.items()}
    per_task = Counter((t.report_id, t.task_id) for t in targets)
    matches, by_target, targets_of_task, counts, newest, hit = [], {}, {}, {}, {}, set()
    for t in targets:
        targets_of_task.setdefault((t.report_id, t.task_id), []).append(t)
        thread = threads.get((t.report_id, t.task_id)) if threads else None
        members = thread.members if thread else None
        keys = [k for k in ([(m.report_id, m.task_id) for m in members] if members else [(t.report_id, t.task_id)])
                if k in rows]
        groups = wanted(t.quantity)
        limit = max(1, min(MAX_ANSWERS, TASK_ANSWERS // per_task[(t.report_id, t.task_id)]))
        listed, count, latest = answering([rows[k] for k in keys], groups, limit)
        if not count:
            continue
        hit.update((k, g) for k in keys for g in groups if g in rows[k].groups)
        counts[t.id] = count
        made = {}
        for f in listed:
            made[f.id] = _match(t, f)
            matches.append(made[f.id])
            by_target.setdefault(t.id, []).append((f, made[f.id]))
        newest[t.id] = (latest, made.get(latest.id) or _match(t, latest))
    used = {f.id for k, g in hit for _, f in rows[k].groups[g]}
    tasks = {key: (tuple(targets_of_task.get(key, ())), tuple(f for f in by_task.get(key, ()) if f.id not in used))
             for key in targets_of_task.keys() | by_task.keys()}
    return Book(targets, figures, tuple(matches), tasks, {k: tuple(v) for k, v in by_target.items()}, counts, newest)


def _match(t: Target, f: Figure) -> Match:
    return Match(t.id, f.id, ratio(t.quantity, f.quantity), plain_key(t.quantity.thing) != plain_key(f.quantity.thing))


def answers(target: Quantity, figure: Quantity) -> bool:
    """Whether a reported figure answers a target: the same thing counted, units of the same
    base (a figure with no unit only for a target counted in a measure word), 累计 on both or
    on neither."""
    if not target.unit or not target.key or target.key != figure.key:
        return False
    t_unit = unit_spec(target.unit)
    if figure.unit:
        f_unit = unit_spec(figure.unit)
        if not t_unit or not f_unit or t_unit["base"] != f_unit["base"]:
            return False
    elif not (t_unit and t_unit["count"]):
        return False
    return ("累计" in target.qualifiers) == ("累计" in figure.qualifiers)


def ratio(target: Quantity, figure: Quantity) -> Fraction | None:
    """figure / target on one scale, where both are single numbers in a unit whose ratio means
    something; None otherwise."""
    t_unit = unit_spec(target.unit)
    if target.value is None or figure.value is None or not t_unit or not t_unit["ratio"] or target.value == 0:
        return None
    f_unit = unit_spec(figure.unit) if figure.unit else t_unit
    return (figure.value * Fraction(f_unit["factor"])) / (target.value * Fraction(t_unit["factor"]))


def percent(value: Fraction) -> str:
    """79.8% for 6387/8000: one decimal, halves rounded up."""
    d = (Decimal(value.numerator) * 100 / Decimal(value.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{d}%"


def figure_period(sentence: str, offset: int, issued: str | None, period: When | None) -> Period:
    """The last date phrase before the figure in its sentence (截至 first), else the report's
    period. 今年以来 runs to the end of the report's period when the title gives one."""
    if (m := _last(_AS_OF.finditer(sentence), offset)) and (when := _as_of(m, issued)):
        return Period(m.group(0), f"截至{when.year}年{when.month}月", when.datetime)
    dated = [d for d in find_dates(sentence, issued) if 0 <= sentence.find(d.when.phrase) < offset]
    if dated:
        when = dated[-1].when
        if when.phrase == "今年以来" and period and period.month:
            when = When(when.phrase, period.year, period.month, span_start=1)
        return Period(when.phrase, _label(when), when.datetime)
    if period is None:
        return Period(None, "报告期不详", "")
    return Period(None, _label(period), period.datetime)


def _label(when: When) -> str:
    if when.month is None:
        return f"{when.year}年"
    if when.span_start == 1:
        return f"截至{when.year}年{when.month}月"
    if when.span_start is not None:
        return when.label  # 2021年第三季度, 2021年7-9月
    if when.day is not None:
        return f"{when.year}年{when.month}月{when.day}日"
    return f"{when.year}年{when.month}月"


def _last(matches, offset: int):
    found = None
    for m in matches:
        if m.start() < offset:
            found = m
    return found


def _as_of(m: re.Match, issued: str | None) -> When | None:
    dated = find_dates(m.group(0)[2:], issued)
    if m.group("year") and not dated:
        return When(m.group(0), int(m.group("year")), int(m.group("month")))
    return dated[0].when if dated else None

