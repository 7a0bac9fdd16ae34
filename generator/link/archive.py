"""The linking stage: `link(sources) -> Archive`, everything that spans reports, worked out
once per build and read by every writer and by `add`.

What a report states is kept as it states it; what the site infers across reports (that two
statements are one event, that two rows are one task) follows the rules in the docstrings
here and is labelled as the site's where it is shown.

This module fixes the stage's output. The rules that fill it live beside it: dates.py
(periods and points), events.py (one event once), documents.py (mentions, lifecycle),
threads.py (tasks followed across a series).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..model import record
from .dates import When
from .text import normal

if TYPE_CHECKING:  # the stage's output names its input; linking code imports this module
    from .source import Source

DONE_ROLES = frozenset({"progress"})
"""Columns whose text says what was done (完成情况 / 进展情况). Division entries are done too."""
PLAN_ROLES = frozenset({"target", "measures", "next_steps"})
"""Columns whose text says what is planned (目标任务 / 工作举措 / 下一步打算): shown as 计划, never as progress."""


@record
class Seen:
    """One report's statement of something: where a reader finds it."""

    report_id: str
    report_title: str
    task_id: str | None
    """"1-01" for a task row, None for a division entry."""
    entry_number: str | None
    column: str | None
    """The column label as published (完成情况 …); None for a division entry."""
    role: str | None
    """The column's role (progress, next_steps …); "entry" for a division entry."""
    line: int
    """Line of the source file where the statement stands."""

    @property
    def planned(self) -> bool:
        return self.role in PLAN_ROLES

    @property
    def done(self) -> bool:
        """Said done: a 完成情况 / 进展情况 cell or a division entry (not 存在问题 nor an unknown column)."""
        return self.role in DONE_ROLES or self.role == "entry"


@record
class Event:
    """One dated statement, however many reports repeat it.

    The same date (as resolved), the same text after NFKC and white-space normalisation, and
    the same task thread (or, for division entries, the same division) make one event; `seen`
    lists every report that states it, oldest report first."""

    id: str
    """Stable ASCII id (a digest of date, normalised text and thread or division)."""
    when: When
    """A day or a month ("6月28日", "3月"), or a period ("1-5月", "上半年", "今年以来", "截至6月底"):
    `when.is_period`. Periods are shown as periods and never filed under a month."""
    text: str
    """The clause as the first report wrote it: split at 。 and ；, whole, without dangling
    punctuation."""
    task_title: str | None
    thread_id: str | None
    """The task's thread (`Thread.id`), or None for a division entry."""
    divisions: tuple[str, ...]
    """Division ids concerned (the row's owners, or the entry's division)."""
    seen: tuple[Seen, ...]

    @property
    def planned(self) -> bool:
        """Stated only in plan columns (目标任务, 工作举措, 下一步打算): a plan, not something done."""
        return all(s.planned for s in self.seen)


@record
class Mention:
    """One citation of a document 《…》 in one report, as that report states it."""

    doc_id: str
    title: str
    """The title as this report writes it."""
    action: str | None
    """The action words stated next to the title (制定, 正式印发 …), None when none is stated."""
    stage: int
    """The action's place in a document's life (generator/data/documents.toml): 0 for none or a
    plan word; higher is later (编制 < 审议通过 < 印发 < 实施)."""
    when: When | None
    """The date written in the same sentence, else the report's period."""
    sentence: str
    seen: Seen

    @property
    def planned(self) -> bool:
        return self.seen.planned


@record
class Document:
    """A cited document with every mention, read forward."""

    id: str
    title: str
    """The canonical title (generator/data/documents.toml), else the title as first written."""
    variants: tuple[str, ...]
    """Other titles the reports write for it."""
    mentions: tuple[Mention, ...]
    """In lifecycle order: by date, a period at its start, plans before what was done."""
    latest: Mention | None
    """The furthest stage reported done (never a plan), the latest such; None when no report
    says anything was done. It never goes backwards when a later report plans or repeats an
    earlier step."""

    @property
    def steps(self) -> tuple[tuple[Mention, ...], ...]:
        """`mentions` with the same date, action, column role and sentence (after NFKC and white
        space) together, in order: what a document's page lists and counts, each step with every
        report that states it (a cumulative report repeats the half-year's word for word)."""
        steps: dict[tuple, list[Mention]] = {}
        for m in self.mentions:
            steps.setdefault((m.when, m.action, m.seen.role, normal(m.sentence)), []).append(m)
        return tuple(map(tuple, steps.values()))


@record
class Member:
    """One report's row of a task thread."""

    report_id: str
    report_title: str
    task_id: str
    period: When | None
    row: object
    """The model Row."""


@record
class Thread:
    """The same task across the reports of one series."""

    id: str
    """Stable ASCII id (publisher, series and normalised task text)."""
    members: tuple[Member, ...]
    """In period order, oldest first; at least one."""
    problems_run: Mapping[str, int]
    """Report id -> how many consecutive reports up to and including it state the same
    存在问题 (after normalisation); only counts of 2 or more."""


@record
class NearMiss:
    """Two tasks of consecutive reports of a series with similar wording, not threaded (unless
    generator/data/threads.toml says they are one task)."""

    a: tuple[str, str]
    """(report id, task id), the older report."""
    b: tuple[str, str]
    ratio: float
    reason: str


@record
class Archive:
    """Everything the writers need that spans reports. Built once per build by `link`."""

    sources: tuple[Source, ...]
    """Newest first (by 发文日期, then id)."""
    events: tuple[Event, ...]
    """One per event, in date order."""
    documents: tuple[Document, ...]
    """Newest latest progress first."""
    threads: Mapping[tuple[str, str], Thread]
    """(report id, task id) -> its thread; every task row has one (a new task: one member)."""
    near_misses: tuple[NearMiss, ...]
    division_names: Mapping[str, str]
    """Division id -> the name its page is titled with."""
    targets: object = None
    """The quantified targets, the figures reported and their matches (`targets.Book`)."""
