"""Events on pages: a task's timeline, a division's by month, and the site timeline by year.

An event is shown once however many reports state it, with the reports that do ("见于 N 份
报告", the site's reading). The site and division timelines show what was reported done on a
day or in a month; periods (1-5月, 上半年, 今年以来) and plans stay on the task pages, as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..link.archive import Event, Seen
from .common import catalogue, entry_anchor, newest_years, section, time_html, year_jump
from .markdown import attrs, bullets, heading, link, page, ref, text


def seen_target(s: Seen) -> str:
    """Where a reader finds a statement: its task page, or its entry on the report page."""
    if s.task_id:
        return ref("tasks", f"{s.report_id}-{s.task_id}")
    return ref("reports", s.report_id, entry_anchor(s.line))


def in_order(events) -> list[Event]:
    return sorted(events, key=lambda e: (e.when.sort_key, e.id))


def on_timeline(e: Event) -> bool:
    """Shown on the site and division timelines: done, on a day or in a month."""
    return not e.when.is_period and not e.planned


def event_item(e: Event, with_source: bool = True) -> str:
    """One event as a list item: its date, its clause as written, where it stands."""
    first = e.seen[0]
    out = time_html(e.when) + " "
    if e.planned:
        out += '<span class="plan-label">计划</span> '
    out += text(e.text)
    if first.column:
        out += f"（{text(first.column)}）"
    if with_source:
        label = text(e.task_title) if e.task_title else text(f"{first.report_title} 第 {first.entry_number} 条工作条目")
        out += " [— " + link(label, seen_target(first)) + "]{.source}"
    if len(e.seen) > 1:
        reports = "、".join(link(text(s.report_title), ref("reports", s.report_id)) for s in e.seen)
        out += f"（见于 {len(e.seen)} 份报告：{reports}）"
    return out


def task_timeline(events: list[Event], period_label: str | None) -> list[str]:
    """A task page's events: dated ones, then periods and plans, each labelled as such."""
    if not events and not period_label:
        return []
    blocks = [heading(2, "时间线")]
    if period_label:
        blocks.append(f"本报告所述期间：{text(period_label)}")
    if events:
        blocks.append(attrs(None, "timeline") + "\n" + bullets([event_item(e, with_source=False) for e in in_order(events)]))
    return [section("timeline-section", "时间线", blocks, data_pagefind_ignore="")]


def by_month(events: list[Event], level: int = 3) -> list[str]:
    out = []
    for (year, month), group in groupby(in_order(events), key=lambda e: (e.when.year, e.when.month)):
        label = f"{year}年{month}月" if month else f"{year}年"
        dt = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        out.append(heading(level, f'<time datetime="{dt}">{label}</time>', id=f"m-{dt}"))
        out.append(attrs(None, "timeline") + "\n" + bullets([event_item(e) for e in group]))
    return out


def division_timeline(events: list[Event]) -> list[str]:
    shown = [e for e in events if on_timeline(e)]
    if not shown:
        return []
    return [section("timeline-section", "按月份", [heading(2, "按月份"), *by_month(shown)])]


def timeline_pages(events) -> Iterator[tuple[str, str]]:
    """/timeline/ (the years, with counts by month) and one page per year, grouped by month.

    One page per year keeps pages readable: a department's decade holds tens of thousands of events."""
    by_year: dict[int, list[Event]] = {}
    for e in in_order(e for e in events if on_timeline(e)):
        by_year.setdefault(e.when.year, []).append(e)
    labels = newest_years(str(y) for y in by_year)
    rows = []
    for label in labels:
        year = int(label)
        months = sorted({e.when.month for e in by_year[year] if e.when.month})
        jumps = " ".join(link(f"{m}月", ref("timeline", label, f"m-{year:04d}-{m:02d}")) for m in months)
        rows.append([link(f"{year}年", ref("timeline", label)), str(len(by_year[year])), jumps])
        meta = {"title": f"{year}年时间线", "template": "page", "slug": f"timeline-{year}",
                "url": f"timeline/{year}/", "save_as": f"timeline/{year}/index.html"}
        yield f"timeline/{year}", page(meta, [year_jump("timeline", labels, label), *by_month(by_year[year], 2)])
    meta = {"title": "时间线", "template": "page", "slug": "timeline", "url": "timeline/",
            "save_as": "timeline/index.html"}
    note = ("报告中写明日期（某日或某月）并已完成的事项，按年月排列；同一事项见于多份报告时只列一次。"
            "“今年以来”“1-5月”等期间和下一步打算列在各任务页上。")
    yield "timeline", page(meta, [year_jump("timeline", labels, None), note,
                                  catalogue("各年份的事件数", ["年份", "事件", "月份"], rows)])
