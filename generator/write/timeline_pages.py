"""Pages and sections that follow things through time: task and division timelines,
the site-wide timeline, and policy documents 《…》 with their lifecycle.

Markup is an ordered list of <time datetime> entries, readable without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..link.documents import Mention, alias_candidates, canonical_title
from ..link.events import Event, in_order
from .pages import EMPTY_CELL, catalogue, esc, page, ref, year_jump


def _target(e) -> str:
    if e.task_id:
        return ref("tasks", f"{e.report_id}-{e.task_id}")
    return ref("reports", e.report_id, f"entry-{e.entry_number}")


def _time(when) -> str:
    return f'<time datetime="{when.datetime}">{esc(when.label)}</time>'


def event_item(e: Event, with_source: bool = True) -> str:
    where = f'（{esc(e.column)}）' if e.column else ""
    if e.kind == "report":
        what = f'<a href="{_target(e)}">{esc(e.task_title or e.text)}</a>' if e.task_id else \
            f'{esc(e.text)} <a href="{_target(e)}">（第 {esc(e.entry_number)} 条）</a>'
        text = f'<span class="period-note">（报告期）</span>{what} <span class="source">见于报告 <a href="{ref("reports", e.report_id)}">{esc(e.report_title)}</a></span>'
    else:
        text = f"{esc(e.text)}{where}"
        if with_source:
            label = esc(e.task_title) if e.task_id else f"第 {esc(e.entry_number)} 条工作条目"
            text += f' <span class="source">— <a href="{_target(e)}">{label}</a></span>'
    return f'<li class="event event-{e.kind}">{_time(e.when)} {text}</li>'


def task_timeline(events: list[Event]) -> list[str]:
    if not events:
        return []
    return ['<section class="timeline-section" aria-labelledby="timeline-h" data-pagefind-ignore>', '<h2 id="timeline-h">时间线</h2>',
            '<ol class="timeline">', *(event_item(e, with_source=False) for e in in_order(events)), "</ol>",
            "</section>"]


def by_month(events: list[Event], heading: str = "h3") -> list[str]:
    out = []
    for (year, month), group in groupby(in_order(events), key=lambda e: (e.when.year, e.when.month)):
        label = f"{year}年{month}月" if month else f"{year}年"
        dt = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        out += [f'<{heading} id="m-{dt}"><time datetime="{dt}">{label}</time></{heading}>',
                '<ol class="timeline">', *(event_item(e) for e in group), "</ol>"]
    return out


def division_timeline(events: list[Event]) -> list[str]:
    if not events:
        return []
    return ['<section class="timeline-section" aria-labelledby="timeline-h">', '<h2 id="timeline-h">按月份</h2>',
            *by_month(events), "</section>"]


def timeline_pages(events: list[Event]) -> Iterator[tuple[str, str]]:
    """/timeline/ (the years, with counts by month) and one page per year, grouped by month.

    One page per year keeps pages readable: a department's decade holds tens of thousands of events."""
    by_year: dict[int, list[Event]] = {}
    for e in in_order(events):
        by_year.setdefault(e.when.year, []).append(e)
    years = sorted(by_year, reverse=True)
    labels = [str(y) for y in years]

    index = [*year_jump("timeline", labels, None), *catalogue("各年份的事件数", "年份", "事件", "月份")]
    for year in years:
        months = sorted({e.when.month for e in by_year[year] if e.when.month})
        links = " ".join(f'<a href="{ref("timeline", str(year), f"m-{year:04d}-{m:02d}")}">{m}月</a>' for m in months)
        index.append(f'<tr><td><a href="{ref("timeline", str(year))}">{year}年</a></td>'
                     f"<td>{len(by_year[year])}</td><td>{links}</td></tr>")
        meta = {"title": f"{year}年时间线", "template": "page", "slug": f"timeline-{year}",
                "url": f"timeline/{year}/", "save_as": f"timeline/{year}/index.html"}
        yield f"timeline/{year}", page(meta, [*year_jump("timeline", labels, str(year)), *by_month(by_year[year], "h2")])
    index.append("</tbody></table>")
    meta = {"title": "时间线", "template": "page", "slug": "timeline", "url": "timeline/",
            "save_as": "timeline/index.html"}
    yield "timeline", page(meta, index)


def document_pages(mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    index = catalogue("报告中引用的政策文件（按最近提及时间，新的在前）", "文件", "提及次数", "最近进展")
    latest = {d: _lifecycle(ms)[-1] for d, ms in by_doc.items()}
    for did in sorted(by_doc, key=lambda d: (_key(latest[d]), d), reverse=True):
        ms = _lifecycle(by_doc[did])
        title = canonical_title(ms[0].title)
        last = latest[did]
        stage = f'{esc(last.action or "提及")}（{_time(last.when) if last.when else "日期未注明"}）'
        index.append(f'<tr><td><a href="{ref("documents", did)}">《{esc(title)}》</a></td>'
                     f"<td>{len(ms)}</td><td>{stage}</td></tr>")
        variants = sorted({m.title for m in ms} - {title})
        body = []
        if variants:
            body.append('<p class="note">报告中也写作：' + "、".join(f"《{esc(v)}》" for v in variants) + "</p>")
        body += ['<ol class="timeline lifecycle">']
        for m in ms:
            where = (f'<a href="{ref("tasks", f"{m.report_id}-{m.task_id}")}">任务 {esc(m.task_id)}</a>（{esc(m.column)}）'
                     if m.task_id else
                     f'<a href="{ref("reports", m.report_id, f"entry-{m.entry_number}")}">{esc(m.division or "")}工作条目</a>')
            action = f'<strong class="action">{esc(m.action)}</strong> ' if m.action else ""
            when = _time(m.when) if m.when else "日期未注明"
            body.append(f'<li>{when} {action}<span class="sentence">{esc(m.sentence)}</span> '
                        f'<span class="source">— <a href="{ref("reports", m.report_id)}">{esc(m.report_title)}</a> · {where}</span></li>')
        body.append("</ol>")
        meta = {"title": f"《{title}》", "template": "document", "slug": f"document-{did}",
                "url": f"documents/{did}/", "save_as": f"documents/{did}/index.html"}
        yield did, page(meta, body)
    index.append("</tbody></table>")
    candidates = alias_candidates({m.title for m in mentions})
    if candidates:
        index.append('<details class="diagnostics"><summary>可能是同一文件的标题（未合并）</summary><ul>')
        index += [f"<li>《{esc(a)}》 与 《{esc(b)}》</li>" for a, b in candidates]
        index.append("</ul></details>")
    meta = {"title": "政策文件", "template": "page", "slug": "documents", "url": "documents/",
            "save_as": "documents/index.html"}
    yield "index", page(meta, index)


def _key(m: Mention):
    """A document's lifecycle reads forward: a mention dated only by a period ("上半年",
    a plan in 工作举措) stands at the start of that period, before what the period's dates say."""
    if m.when is None:
        return (0, 0, 0)
    if m.when.span_start:
        return (m.when.year, m.when.span_start, 0)
    return m.when.sort_key


def _lifecycle(ms: list[Mention]) -> list[Mention]:
    return sorted(ms, key=lambda m: (_key(m), m.report_id, m.task_id or "", m.entry_number or ""))


def thread_section(rid: str, tid: str, members: list, near: list) -> list[str]:
    """The same task in every report of its series: progress, what changed, plan beside result."""
    from ..link.threads import changes

    out = []
    if members:
        out += ['<section class="thread" aria-labelledby="thread-h" data-pagefind-ignore>', '<h2 id="thread-h">历次报告中的进展</h2>',
                "<p>以下报告列出了表述完全相同的这项任务，按报告期排列。</p>", '<ol class="timeline thread-list">']
        previous = None
        for m in members:
            progress = [i.text for i in m.row.cell("progress")]
            here = ' aria-current="page"' if (m.report_id, m.task_id) == (rid, tid) else ""
            when = _time(m.period) if m.period else "日期未注明"
            out.append(f'<li{here}>{when} <a href="{ref("tasks", f"{m.report_id}-{m.task_id}")}">'
                       f'{esc(m.report_title)}</a>')
            if previous is not None:
                plan = [i.text for i in previous.row.cell("next_steps")]
                if plan:
                    out.append('<div class="plan-vs-done"><h3>上次报告的下一步打算</h3>'
                               + "".join(f"<p>{esc(p)}</p>" for p in plan) + "</div>")
                added, dropped = changes([i.text for i in previous.row.cell("progress")], progress)
                out.append('<div class="changes"><h3>完成情况与上次相比</h3>')
                if added:
                    out.append("<p>新增：</p><ul>" + "".join(f"<li><ins>{esc(x)}</ins></li>" for x in added) + "</ul>")
                if dropped:
                    out.append("<p>不再列出：</p><ul>" + "".join(f"<li><del>{esc(x)}</del></li>" for x in dropped) + "</ul>")
                if not added and not dropped:
                    out.append("<p>完成情况与上次相同。</p>")
                out.append("</div>")
            out.append('<div class="progress"><h3>本次完成情况</h3>'
                       + ("".join(f"<p>{esc(p)}</p>" for p in progress) or f"<p>{EMPTY_CELL}</p>") + "</div></li>")
            previous = m
        out += ["</ol>", "</section>"]
    for miss in near:
        other = miss.b if miss.a == (rid, tid) else miss.a
        out.append(f'<p class="note">另见 <a href="{ref("tasks", f"{other[0]}-{other[1]}")}">相近的任务</a>：'
                   f"{esc(miss.reason)}（相似度 {miss.ratio:.2f}）。</p>")
    return out
