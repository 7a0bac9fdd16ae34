"""Reports -> Markdown pages for Pelican (content/generated/).

Each page is a JSON front matter (Pelican metadata) and a body that is one raw
HTML block written by us. Report text enters the body only through `esc()`, so
`<script>` in a report is shown as text; CommonMark passes an HTML block through
without reading Markdown syntax in it, so `**` or `[x](y)` in a report stay text
too. Internal links are Pelican `{filename}` links, so Pelican checks them.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterator

from ..model import Item, Report, Row, Table
from ..vocabulary import roles
from ..link.ids import division_id, rows_of, task_id
from ..link.source import Source

GENERATED = "generated"
EMPTY_CELL = "（本栏无内容）"
TABLE_LABEL = "任务表{n}"  # our label for a table the report gives no caption


_SPECIAL = re.compile(r"[&<>\"']")


def esc(text: str) -> str:
    # Most report text has none of these characters; one scan is cheaper than html.escape's five.
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


def linked(text: str) -> str:
    """Escaped report text, each cited 《document》 linked to its page (the text itself unchanged)."""
    from ..link.documents import cited_spans, doc_id

    if "《" not in text:
        return esc(text)
    out, last = [], 0
    for start, end, title in cited_spans(text):
        out.append(esc(text[last:start]))
        out.append(f'<a class="doc" href="{ref("documents", doc_id(title))}">{esc(text[start:end])}</a>')
        last = end
    out.append(esc(text[last:]))
    return "".join(out)


def ref(kind: str, name: str, anchor: str = "") -> str:
    """A Pelican {filename} link target for a generated page."""
    return f"{{filename}}/{GENERATED}/{kind}/{name}.md" + (f"#{anchor}" if anchor else "")


def catalogue(caption: str, *columns: str) -> list[str]:
    """The head of an index table, up to its <tbody>: the caption and a header per column."""
    heads = "".join(f'<th scope="col">{c}</th>' for c in columns)
    return ['<table class="catalogue">', f"<caption>{caption}</caption>", f"<thead><tr>{heads}</tr></thead>", "<tbody>"]


def year_jump(folder: str, years: list[str], current: str | None) -> list[str]:
    """Links to the year pages under `folder` ("timeline", "tasks", "divisions/<id>"), the
    one being read marked as current."""
    here = ' aria-current="page"'
    kind, _, prefix = folder.partition("/")
    items = [f'<li><a href="{ref(kind, f"{prefix}/{y}" if prefix else y)}"{here if y == current else ""}>'
             f"{_year_label(y)}</a></li>" for y in years]
    return ['<nav class="year-jump" aria-label="跳到年份"><ul>', *items, "</ul></nav>"]


def page(meta: dict, body: list[str]) -> str:
    """A generated Markdown file: JSON front matter, then one HTML block (no blank lines)."""
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    lines = [line for line in body if line.strip()]
    return f"---\n{front}\n---\n" + "\n".join(lines) + "\n"


def newest_first(sources: list[Source]) -> list[Source]:
    return sorted(sources, key=lambda s: (s.report.meta.issued or "", s.id), reverse=True)


PageGroup = tuple[str, str | None, Callable[[], Iterator[tuple[str, str]]]]
"""(group name, mark or None, a function giving each page's path under content/ and text)."""


def all_pages(sources: list[Source]) -> Iterator[PageGroup]:
    """Every generated page, in groups made one page at a time (an archive's pages together are
    hundreds of megabytes): (group name, mark, a function giving (path under content/, text)).

    A report's group is its report and task pages. They are made from the report itself and the
    threads and near misses of its tasks (timeline_pages.thread_section), so `mark` digests the
    keys of those reports (`Source.key`); the same mark gives the same pages. The pages that
    span reports form the last group, with no mark."""
    from ..link.threads import threads
    from .timeline_pages import document_pages, thread_section, timeline_pages

    ordered = newest_first(sources)
    thread_of, near_misses = threads(ordered)
    near_of_task: dict[tuple[str, str], list] = {}
    for miss in near_misses:
        for side in (miss.a, miss.b):
            near_of_task.setdefault(side, []).append(miss)
    keys = {s.id: s.key for s in ordered}

    def mark(source: Source) -> str | None:
        if not source.key:
            return None
        digest = hashlib.sha256(source.key.encode())
        for *_, tid in rows_of(source.report):
            for m in thread_of.get((source.id, tid), []):
                digest.update(f"\0thread {m.report_id} {m.task_id} {keys[m.report_id]}".encode())
            for miss in near_of_task.get((source.id, tid), []):
                digest.update(f"\0near {miss!r} {keys[miss.a[0]]} {keys[miss.b[0]]}".encode())
        return digest.hexdigest()

    def report_group(source: Source) -> Iterator[tuple[str, str]]:
        yield f"{GENERATED}/reports/{source.id}.md", report_page(source)
        task_events: dict[str, list] = {}
        for e in source.events:
            if e.task_id:
                task_events.setdefault(e.task_id, []).append(e)
        rows = list(rows_of(source.report))
        for n, (t, table, r, row, tid) in enumerate(rows):
            prev = rows[n - 1][4] if n > 0 else None
            nxt = rows[n + 1][4] if n + 1 < len(rows) else None
            key = (source.id, tid)
            extra = thread_section(source.id, tid, thread_of.get(key, []), near_of_task.get(key, []))
            yield f"{GENERATED}/tasks/{source.id}-{tid}.md", task_page(
                source, t, table, r, row, tid, prev, nxt, task_events.get(tid, []), extra)

    def spanning() -> Iterator[tuple[str, str]]:
        events = [e for s in ordered for e in s.events]
        for did, page_text in division_pages(ordered, events):
            yield f"{GENERATED}/divisions/{did}.md", page_text
        for did, page_text in document_pages([m for s in ordered for m in s.mentions]):
            yield (f"{GENERATED}/documents.md" if did == "index" else f"{GENERATED}/documents/{did}.md"), page_text
        for name, page_text in timeline_pages(events):
            yield f"{GENERATED}/{name}.md", page_text
        yield f"{GENERATED}/index.md", home_page(ordered)
        for name, page_text in tasks_index(ordered):
            yield f"{GENERATED}/{name}.md", page_text
        yield f"{GENERATED}/divisions.md", divisions_index(ordered)

    for source in ordered:
        yield f"reports/{source.id}", mark(source), functools.partial(report_group, source)
    yield "spanning", None, spanning


# ---------------------------------------------------------------- report page


def report_page(source: Source) -> str:
    report, rid = source.report, source.id
    m = report.meta
    meta = {
        "title": m.title or report.source,
        "template": "report",
        "slug": f"report-{rid}",
        "url": f"reports/{rid}/",
        "save_as": f"reports/{rid}/index.html",
        "index_no": m.index_no, "publisher": m.publisher, "issued": m.issued,
        "disclosure": m.disclosure, "published": m.published, "origin": m.origin,
        "extra_fields": [[f.label, f.value] for f in m.extra],
        "original_url": source.url,
        "source_file": report.source,
        "report_id": rid,
        "has_title": m.title is not None,
    }
    blocks: list[tuple[int, list[str]]] = []
    for t, table in enumerate(report.tables):
        blocks.append((table.line, _report_table(rid, t, table)))
    if report.entries:
        items = []
        for e in report.entries:
            link = f'<a href="{ref("divisions", e.division_id or division_id(e.division))}">{esc(e.division)}</a>'
            items.append(f'<li id="entry-{esc(e.number)}"><span class="marker">{esc(e.number)}.</span> '
                         f'{link}:{_entry_html(e)}</li>')
        blocks.append((report.entries[0].line, ['<ol class="entries">', *items, "</ol>"]))
    for s in report.sections:
        out = []
        if s.heading:
            out.append(f'<h{min(s.level + 1, 4)} class="section-heading">{esc(s.heading)}</h{min(s.level + 1, 4)}>')
        out += [f"<p>{esc(p.text)}</p>" for p in s.paragraphs]
        blocks.append((s.line, out))
    body = ['<div class="report-body">']
    for _, lines in sorted(blocks, key=lambda b: b[0]):
        body += lines
    body.append("</div>")
    body += _unplaced_and_notes(report)
    return page(meta, body)


def _report_table(rid: str, t: int, table: Table) -> list[str]:
    caption = esc(table.caption) if table.caption else f'<span class="our-label">{TABLE_LABEL.format(n=t + 1)}</span>'
    # Search indexes each task on its own page, so the table is left out of the report's index entry.
    out = [f'<figure class="task-table" id="table-{t + 1}" data-pagefind-ignore>',
           f'<figcaption id="table-{t + 1}-caption">{caption}</figcaption>',
           f'<div class="table-wrap" role="region" aria-labelledby="table-{t + 1}-caption" tabindex="0">',
           "<table>", "<thead><tr>"]
    has_number = any(c.role == "number" for c in table.columns)
    for c in table.columns:
        span = ' colspan="2"' if c.role == "task" and not has_number else ""
        out.append(f'<th scope="col"{span}>{esc(c.label)}</th>')
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(table.rows):
        tid = task_id(t, r)
        link = ref("tasks", f"{rid}-{tid}")
        number = esc(row.number) if row.number else "—"
        out.append(f'<tr id="task-{tid}">')
        out.append(f'<td class="num"><a href="{link}" aria-label="任务 {number} 详情">{number}</a></td>')
        for key, items in row.cells:
            if key == "task":
                out.append(f'<td class="task"><a href="{link}">{_inline_items(items)}</a></td>')
            elif key == "owners":
                out.append(f'<td class="owners">{_owner_links(items, "<br>")}</td>')
            else:
                out.append(f"<td>{_items(items)}</td>")
        out.append("</tr>")
    out += ["</tbody></table>", "</div>", "</figure>"]
    return out


def _entry_html(entry) -> str:
    """A division entry's text; paragraphs that continued it are kept as line breaks."""
    return "<br>".join(linked(part) for part in entry.text.split("\n"))


def _items(items: tuple[Item, ...]) -> str:
    return "".join(
        f'<p>{f"<span class=marker>{esc(i.marker)}</span>" if i.marker else ""}{linked(i.text)}</p>' for i in items
    )


def _inline_items(items: tuple[Item, ...]) -> str:
    return " ".join(esc(i.text) for i in items)


def _owner_links(items: tuple[Item, ...], sep: str) -> str:
    return sep.join(f'<a href="{ref("divisions", division_id(i.text))}">{esc(i.text)}</a>' for i in items)


def _unplaced_and_notes(report: Report) -> list[str]:
    out = []
    if report.unplaced:
        out += ['<section class="unplaced" aria-labelledby="unplaced-h">',
                '<h2 id="unplaced-h">未能归类的内容</h2>',
                "<p>以下文字出自原文，本站未能确定其在表格中的位置，原样列出：</p>"]
        out += [f'<p class="unplaced-text" data-line="{u.line}">{esc(u.text)}</p>' for u in report.unplaced]
        out.append("</section>")
    if report.diagnostics:
        out += ['<details class="diagnostics" data-pagefind-ignore>', f"<summary>解析说明（{len(report.diagnostics)} 条，英文）</summary>", '<ul lang="en">']
        out += [f"<li>line {d.line}: {esc(d.message)}</li>" for d in report.diagnostics]
        out += ["</ul>", "</details>"]
    return out


# ---------------------------------------------------------------- task page


def task_page(source: Source, t: int, table: Table, r: int, row: Row, tid: str,
              prev: str | None, nxt: str | None, events: list, extra: list[str]) -> str:
    from .timeline_pages import task_timeline

    report, rid = source.report, source.id
    meta = {
        "title": row.task or f"{report.meta.title} {tid}",
        "template": "task",
        "slug": f"task-{rid}-{tid}",
        "url": f"reports/{rid}/tasks/{tid}/",
        "save_as": f"reports/{rid}/tasks/{tid}/index.html",
        "report_title": report.meta.title or report.source,
        "row_number": row.number,
        "table_caption": table.caption or TABLE_LABEL.format(n=t + 1),
        "report_id": rid,
        "task_id": tid,
        "owners": list(row.owners),
    }
    role_titles = {name: role.title for name, role in roles().items()}
    body = ['<div class="task-body">',
            f'<p class="from">出自 <a href="{ref("reports", rid)}">{esc(report.meta.title or report.source)}</a>'
            f' · <a href="{ref("reports", rid, f"task-{tid}")}">{esc(meta["table_caption"])} 第 {esc(row.number or str(r + 1))} 项</a></p>']
    for column in table.columns:
        if column.role in ("number", "task"):
            continue
        items = row.cell(column.key)
        heading = esc(column.label)
        body.append(f'<section class="column column-{esc(column.role or "other")}">')
        body.append(f"<h2>{heading}</h2>")
        if not items:
            body.append(f'<p class="empty">{EMPTY_CELL}</p>')
        elif column.role == "owners":
            body.append(f'<p class="owners">{_owner_links(items, "、")}</p>')
        else:
            body.append(_items(items))
        body.append("</section>")
    if column_missing := [n for n in ("target", "measures", "progress", "problems", "next_steps")
                          if n not in {c.role for c in table.columns}]:
        body.append('<p class="note">本表未设以下栏目：' + "、".join(role_titles[n] for n in column_missing) + "。</p>")
    body += task_timeline(events)
    body += extra
    nav = []
    if prev:
        nav.append(f'<a rel="prev" href="{ref("tasks", f"{rid}-{prev}")}">上一项</a>')
    if nxt:
        nav.append(f'<a rel="next" href="{ref("tasks", f"{rid}-{nxt}")}">下一项</a>')
    if nav:
        body.append('<nav class="pager" aria-label="上一项和下一项">' + " ".join(nav) + "</nav>")
    body.append("</div>")
    return page(meta, body)


# ---------------------------------------------------------------- division pages


def division_titles(sources: list[Source]) -> dict[str, str]:
    """Division id -> the name its page is titled with: the first met in `sources` (newest
    first), a task's owners before the report's division entries."""
    names: dict[str, str] = {}
    for source in sources:
        for _, _, _, row, _ in rows_of(source.report):
            for owner in row.owners:
                names.setdefault(division_id(owner), owner)
        for e in source.report.entries:
            names.setdefault(e.division_id or division_id(e.division), e.division)
    return names


UNDATED = "undated"
"""The year page of reports with no year in their 发文日期, title or 索引号."""


def report_year(source: Source) -> str:
    """The year a report is filed under on division and task-list pages: of its 发文日期, else
    of the period its title names ("2022年重点工作…"), else of its 索引号."""
    from ..link.dates import report_period

    meta = source.report.meta
    if m := re.match(r"(\d{4})", meta.issued or ""):
        return m.group(1)
    if period := report_period(meta.title, None):
        return f"{period.year:04d}"
    m = re.match(r"(\d{4})-", source.id)
    return m.group(1) if m else UNDATED


def newest_years(years) -> list[str]:
    """Years newest first, UNDATED last."""
    return sorted(years, key=lambda y: (y != UNDATED, y), reverse=True)


def division_pages(sources: list[Source], events: list) -> Iterator[tuple[str, str]]:
    """Per division named anywhere: an overview (years with counts, the newest report's part)
    and a page per year (its reports' tasks and entries, newest first, then its events by
    month). Pages by year, like the site timeline: a decade of one division is megabytes,
    and a new report then changes this year's page, not the whole history."""
    from .timeline_pages import division_timeline

    names = division_titles(sources)
    parts: dict[str, dict[str, list[str]]] = {}  # division -> year -> sections
    counts: dict[str, dict[str, list[int]]] = {}  # division -> year -> [reports, tasks, entries, events]
    newest: dict[str, list[str]] = {}
    for source in sources:
        year = report_year(source)
        for did, (tasks, entries) in _division_items(source).items():
            parts.setdefault(did, {}).setdefault(year, []).extend(_report_section(source, tasks + entries, "h2"))
            if did not in newest:
                newest[did] = _report_section(source, tasks + entries, "h3")
            tally = counts.setdefault(did, {}).setdefault(year, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += len(tasks)
            tally[2] += len(entries)
    dated: dict[str, dict[str, list]] = {}
    for e in events:
        for did in e.divisions:
            dated.setdefault(did, {}).setdefault(str(e.when.year), []).append(e)
            counts.setdefault(did, {}).setdefault(str(e.when.year), [0, 0, 0, 0])[3] += 1
    for did in sorted(names):
        years = newest_years(counts.get(did, {}))
        meta = {"title": names[did], "template": "division", "slug": f"division-{did}",
                "registered": not did.startswith("unregistered-"), "division_id": did, "division_name": names[did]}
        table = catalogue("各年份的报告、负责任务、工作条目和时间线事件", "年份", "报告", "任务", "条目", "事件")
        for year in years:
            table.append(f'<tr><td><a href="{ref("divisions", f"{did}/{year}")}">{_year_label(year)}</a></td>'
                         + "".join(f"<td>{n}</td>" for n in counts[did][year]) + "</tr>")
        table.append("</tbody></table>")
        latest = ['<section class="latest" aria-labelledby="latest-h">', '<h2 id="latest-h">最近一期报告</h2>',
                  *newest[did], "</section>"] if did in newest else []
        yield did, page({**meta, "url": f"divisions/{did}/", "save_as": f"divisions/{did}/index.html"},
                        [*table, *latest])
        for year in years:
            body = [*year_jump(f"divisions/{did}", years, year), '<div class="division-body">', *parts.get(did, {}).get(year, []),
                    *division_timeline(dated.get(did, {}).get(year, [])), "</div>"]
            yield f"{did}/{year}", page({**meta, "title": f"{names[did]} · {_year_label(year)}", "year": _year_label(year), "undated": year == UNDATED,
                                         "slug": f"division-{did}-{year}", "url": f"divisions/{did}/{year}/",
                                         "save_as": f"divisions/{did}/{year}/index.html"}, body)


def _division_items(source: Source) -> dict[str, tuple[list[str], list[str]]]:
    """Division id -> (its task rows, its entries) in one report, as list items."""
    rid, per = source.id, {}
    for _, _, _, row, tid in rows_of(source.report):
        for owner in row.owners:
            joint = [o for o in row.owners if o != owner]
            note = f'<span class="joint">（与{"、".join(esc(o) for o in joint)}共同负责）</span>' if joint else ""
            per.setdefault(division_id(owner), ([], []))[0].append(
                f'<li><a href="{ref("tasks", f"{rid}-{tid}")}">{esc(row.task)}</a>{note}</li>')
    for e in source.report.entries:
        per.setdefault(e.division_id or division_id(e.division), ([], []))[1].append(
            f'<li class="entry"><a href="{ref("reports", rid, f"entry-{e.number}")}">'
            f'第 {esc(e.number)} 条</a>：{_entry_html(e)}</li>')
    return per


def _report_section(source: Source, items: list[str], heading: str) -> list[str]:
    report = source.report
    return [f'<section class="from-report"><{heading}><a href="{ref("reports", source.id)}">'
            f'{esc(report.meta.title or report.source)}</a></{heading}>',
            f'<p class="date">发文日期：{esc(report.meta.issued or "未注明")}</p>', "<ul>", *items, "</ul>", "</section>"]


def _year_label(year: str) -> str:
    return "日期未注明" if year == UNDATED else f"{year}年"


# ---------------------------------------------------------------- indexes


def home_page(sources: list[Source]) -> str:
    meta = {"title": "信息公开目录", "template": "home", "slug": "home", "url": "", "save_as": "index.html"}
    body = catalogue("重点工作完成情况报告（按发文日期，新的在前）", "索引号", "标题", "发文日期", "内容")
    for s in sources:
        r = s.report
        count = sum(len(t.rows) for t in r.tables)
        what = f"{count} 项任务" if r.tables else f"{len(r.entries)} 个处室" if r.entries else "正文"
        # A phone may break the 索引号 after its slash, leaving the title room (theme CSS).
        index_no = esc(r.meta.index_no or "—").replace("/", "/<wbr>")
        body.append(f'<tr><td class="index-no">{index_no}</td>'
                    f'<td><a href="{ref("reports", s.id)}">{esc(r.meta.title or r.source)}</a></td>'
                    f'<td class="date">{esc(r.meta.issued or "—")}</td><td>{what}</td></tr>')
    body += ["</tbody></table>"]
    return page(meta, body)


def tasks_index(sources: list[Source]) -> Iterator[tuple[str, str]]:
    """/tasks/ (the years, with counts, and the newest report's tasks) and a page per year
    listing its reports' tasks; one page of every task was megabytes at 1,600 reports."""
    by_year: dict[str, list[Source]] = {}
    for s in sources:
        if s.report.tables:
            by_year.setdefault(report_year(s), []).append(s)
    years = newest_years(by_year)
    body = catalogue("各年份的报告和任务", "年份", "报告", "任务")
    for year in years:
        count = sum(len(t.rows) for s in by_year[year] for t in s.report.tables)
        body.append(f'<tr><td><a href="{ref("tasks", year)}">{_year_label(year)}</a></td>'
                    f"<td>{len(by_year[year])}</td><td>{count}</td></tr>")
    body.append("</tbody></table>")
    if years:
        body += ['<h2>最近一期报告</h2>', '<div class="tasks-index">', *_task_lists(by_year[years[0]][0], "h3", "h4"), "</div>"]
    yield "tasks", page({"title": "全部任务", "template": "page", "slug": "tasks", "url": "tasks/",
                         "save_as": "tasks/index.html"}, body)
    for year in years:
        lists = [line for s in by_year[year] for line in _task_lists(s, "h2", "h3")]
        yield f"tasks/{year}", page({"title": f"{_year_label(year)}的任务", "template": "page", "slug": f"tasks-{year}",
                                     "url": f"tasks/{year}/", "save_as": f"tasks/{year}/index.html"},
                                    [*year_jump("tasks", years, year), '<div class="tasks-index">', *lists, "</div>"])


def _task_lists(source: Source, heading: str, subheading: str) -> list[str]:
    report = source.report
    out = [f'<{heading}><a href="{ref("reports", source.id)}">{esc(report.meta.title or report.source)}</a></{heading}>']
    for t, table in enumerate(report.tables):
        out.append(f"<{subheading}>{esc(table.caption or TABLE_LABEL.format(n=t + 1))}</{subheading}>")
        out.append('<ol class="task-list">')
        for r, row in enumerate(table.rows):
            out.append(f'<li><span class="marker">{esc(row.number or "—")}</span> '
                       f'<a href="{ref("tasks", f"{source.id}-{task_id(t, r)}")}">{esc(row.task)}</a>'
                       f' <span class="owners-inline">{"、".join(esc(o) for o in row.owners)}</span></li>')
        out.append("</ol>")
    return out


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
    body = catalogue("各处室负责的任务和月度工作", "处室", "负责任务", "月度工作条目")
    for did, (name, tasks, entries) in sorted(counts.items()):
        body.append(f'<tr><td><a href="{ref("divisions", did)}">{esc(name)}</a></td>'
                    f"<td>{tasks}</td><td>{entries}</td></tr>")
    body += ["</tbody></table>"]
    return page(meta, body)

