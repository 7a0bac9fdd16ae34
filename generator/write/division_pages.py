"""Per division: an overview (its latest events, the newest report's part, its years with
counts) and a page per year (that year's tasks and entries, then its events by month); and
the index of all divisions. Pages by year: a decade of one division is megabytes, and a new
report then changes this year's page, not the whole history."""

from __future__ import annotations

from collections.abc import Iterator

from ..link.archive import Archive
from ..link.ids import division_id, rows_of
from ..link.source import Source
from .common import (UNDATED, catalogue, task_label, entry_anchor, newest_years, report_year, section, title_of,
                     year_jump, year_label)
from .markdown import attrs, bullets, cell, heading, link, page, ref, text
from .citations import linked_md
from .timelines import division_timeline, event_item, in_order, on_timeline

LATEST_EVENTS = 8
"""How many of a division's latest dated events its overview shows."""


def division_pages(archive: Archive) -> Iterator[tuple[str, str]]:
    names = archive.division_names
    parts: dict[str, dict[str, list[str]]] = {}  # division -> year -> blocks
    counts: dict[str, dict[str, list[int]]] = {}  # division -> year -> [reports, tasks, entries, events]
    newest: dict[str, str] = {}
    for source in archive.sources:
        year = report_year(source)
        for did, (tasks, entries) in _division_items(source).items():
            parts.setdefault(did, {}).setdefault(year, []).append(_report_part(source, tasks + entries, 2))
            newest.setdefault(did, _report_part(source, tasks + entries, 3))
            tally = counts.setdefault(did, {}).setdefault(year, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += len(tasks)
            tally[2] += len(entries)
    dated: dict[str, dict[str, list]] = {}
    for e in archive.events:
        if not on_timeline(e):
            continue
        for did in e.divisions:
            dated.setdefault(did, {}).setdefault(str(e.when.year), []).append(e)
            counts.setdefault(did, {}).setdefault(str(e.when.year), [0, 0, 0, 0])[3] += 1
    for did in sorted(names):
        years = newest_years(counts.get(did, {}))
        meta = {"title": names[did], "template": "division", "slug": f"division-{did}",
                "registered": not did.startswith("unregistered-"), "division_id": did, "division_name": names[did]}
        rows = [[link(year_label(y), ref("divisions", f"{did}/{y}")), *map(str, counts[did][y])] for y in years]
        overview = []
        latest = in_order(e for y in dated.get(did, {}).values() for e in y)[-LATEST_EVENTS:][::-1]
        if latest:
            overview.append(section("latest-events", "最近的事件", [
                heading(2, "最近的事件"), "报告中写明日期的该处室相关事项，最新的在前：",
                attrs(None, "timeline") + "\n" + bullets([event_item(e) for e in latest])]))
        if did in newest:
            overview.append(section("latest", "最近一期报告", [heading(2, "最近一期报告"), newest[did]]))
        overview.append(catalogue("各年份的报告、负责任务、工作条目和时间线事件", ["年份", "报告", "任务", "条目", "事件"], rows))
        yield did, page({**meta, "url": f"divisions/{did}/", "save_as": f"divisions/{did}/index.html"}, overview)
        for year in years:
            body = [year_jump(f"divisions/{did}", years, year), '<div class="division-body">',
                    *parts.get(did, {}).get(year, []), *division_timeline(dated.get(did, {}).get(year, [])), "</div>"]
            yield f"{did}/{year}", page({**meta, "title": f"{names[did]} · {year_label(year)}", "year": year_label(year),
                                         "undated": year == UNDATED, "slug": f"division-{did}-{year}",
                                         "url": f"divisions/{did}/{year}/", "save_as": f"divisions/{did}/{year}/index.html"},
                                        body)


def _division_items(source: Source) -> dict[str, tuple[list[str], list[str]]]:
    """Division id -> (its task rows, its entries) in one report, as Markdown list items."""
    rid, per = source.id, {}
    for _, _, _, row, tid in rows_of(source.report):
        for owner in row.owners:
            joint = [o for o in row.owners if o != owner]
            note = f"（与{'、'.join(text(o) for o in joint)}共同负责）" if joint else ""
            per.setdefault(division_id(owner), ([], []))[0].append(
                link(task_label(row), ref("tasks", f"{rid}-{tid}")) + note)
    for e in source.report.entries:
        per.setdefault(e.division_id or division_id(e.division), ([], []))[1].append(
            link(f"第 {text(e.number)} 条", ref("reports", rid, entry_anchor(e.line))) + "：" + linked_md(e.text))
    return per


def _report_part(source: Source, items: list[str], level: int) -> str:
    """One report's part of a division page: its title, its 发文日期, its tasks and entries."""
    issued = source.report.meta.issued
    return section("from-report", title_of(source), [
        heading(level, link(cell(title_of(source)), ref("reports", source.id))),
        attrs(None, "date") + "\n" + f"发文日期：{text(issued) if issued else '未注明'}",
        bullets(items)])


def divisions_index(sources: list[Source]) -> str:
    meta = {"title": "处室", "template": "page", "slug": "divisions", "url": "divisions/",
            "save_as": "divisions/index.html"}
    counts: dict[str, list] = {}
    for s in sources:
        for _, _, _, row, _ in rows_of(s.report):
            for owner in row.owners:
                counts.setdefault(division_id(owner), [owner, 0, 0])[1] += 1
        for e in s.report.entries:
            counts.setdefault(e.division_id or division_id(e.division), [e.division, 0, 0])[2] += 1
    rows = [[link(cell(name), ref("divisions", did)), str(tasks), str(entries)]
            for did, (name, tasks, entries) in sorted(counts.items())]
    return page(meta, [catalogue("各处室负责的任务和月度工作", ["处室", "负责任务", "月度工作条目"], rows)])
