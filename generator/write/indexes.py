"""The site's catalogues: the home page (every report, as the 主动公开 list shows them) and the
task index by year."""

from __future__ import annotations

from collections.abc import Iterator

from ..link.ids import task_id
from ..link.source import Source
from .common import TABLE_LABEL, catalogue, task_label, newest_years, report_year, title_of, year_jump, year_label
from .markdown import attrs, bullets, cell, heading, link, page, ref, text


def home_page(sources: list[Source]) -> str:
    meta = {"title": "信息公开目录", "template": "home", "slug": "home", "url": "", "save_as": "index.html"}
    rows = []
    for s in sources:
        r = s.report
        count = sum(len(t.rows) for t in r.tables)
        what = f"{count} 项任务" if r.tables else f"{len(r.entries)} 个处室" if r.entries else "正文"
        # A phone may break the 索引号 after its slash, leaving the title room (theme CSS).
        index_no = "[" + cell(r.meta.index_no or "—").replace("/", "/<wbr>") + "]{.index-no}"
        issued = "[" + cell(r.meta.issued or "—") + "]{.date}"
        rows.append([index_no, link(cell(title_of(s)), ref("reports", s.id)), issued, what])
    table = catalogue("重点工作完成情况报告（按发文日期，新的在前）", ["索引号", "标题", "发文日期", "内容"], rows)
    return page(meta, [table])


def tasks_index(sources: list[Source]) -> Iterator[tuple[str, str]]:
    """/tasks/ (the years, with counts, and the newest report's tasks) and a page per year
    listing its reports' tasks; one page of every task was megabytes at 1,600 reports."""
    by_year: dict[str, list[Source]] = {}
    for s in sources:
        if s.report.tables:
            by_year.setdefault(report_year(s), []).append(s)
    years = newest_years(by_year)
    rows = [[link(year_label(y), ref("tasks", y)), str(len(by_year[y])),
             str(sum(len(t.rows) for s in by_year[y] for t in s.report.tables))] for y in years]
    body = [catalogue("各年份的报告和任务", ["年份", "报告", "任务"], rows)]
    if years:
        body += [heading(2, "最近一期报告"), '<div class="tasks-index">', *_task_lists(by_year[years[0]][0], 3), "</div>"]
    yield "tasks", page({"title": "全部任务", "template": "page", "slug": "tasks", "url": "tasks/",
                         "save_as": "tasks/index.html"}, body)
    for year in years:
        lists = [block for s in by_year[year] for block in _task_lists(s, 2)]
        yield f"tasks/{year}", page({"title": f"{year_label(year)}的任务", "template": "page", "slug": f"tasks-{year}",
                                     "url": f"tasks/{year}/", "save_as": f"tasks/{year}/index.html"},
                                    [year_jump("tasks", years, year), '<div class="tasks-index">', *lists, "</div>"])


def _task_lists(source: Source, level: int) -> list[str]:
    report = source.report
    out = [heading(level, link(cell(title_of(source)), ref("reports", source.id)))]
    for t, table in enumerate(report.tables):
        out.append(heading(level + 1, cell(table.caption or TABLE_LABEL.format(n=t + 1))))
        items = []
        for r, row in enumerate(table.rows):
            owners = "、".join(text(o) for o in row.owners)
            items.append(f"[{text(row.number or '—')}]{{.marker}} "
                         + link(task_label(row), ref("tasks", f"{source.id}-{task_id(t, r)}"))
                         + (f" [{owners}]{{.owners-inline}}" if owners else ""))
        out.append(attrs(None, "task-list") + "\n" + bullets(items))
    return out
