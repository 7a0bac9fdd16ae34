"""The page of one task row: every column of the row, its timeline, and the same task in the
other reports of its series (the thread)."""

from __future__ import annotations

from ..link.archive import Event, NearMiss, Thread
from ..link.dates import report_period
from ..link.ids import division_id
from ..link.source import Source
from ..link.threads import changes
from ..model import Row, Table
from ..vocabulary import roles
from .common import EMPTY_CELL, TABLE_LABEL, report_year, section, time_html, title_of, year_label
from .markdown import attrs, bullets, cell, heading, link, page, ref, text
from .citations import linked_md, point_md
from .timelines import task_timeline


def task_page(source: Source, t: int, table: Table, r: int, row: Row, tid: str,
              neighbours: tuple[tuple[str, str] | None, tuple[str, str] | None],
              events: list[Event], thread: Thread | None, near: list[NearMiss], extra: list[str] = ()) -> str:
    """`neighbours`: (task id, name as a Markdown label) of the rows before and after this one."""
    report, rid = source.report, source.id
    caption = table.caption or TABLE_LABEL.format(n=t + 1)
    meta = {
        "title": row.task or f"{report.meta.title} {tid}",
        "template": "task",
        "slug": f"task-{rid}-{tid}",
        "url": f"reports/{rid}/tasks/{tid}/",
        "save_as": f"reports/{rid}/tasks/{tid}/index.html",
        "report_title": title_of(source),
        "row_number": row.number,
        "table_caption": caption,
        "report_id": rid,
        "task_id": tid,
        "owners": list(row.owners),
        "year": year_label(report_year(source)),  # search's year filter
        # Search shows a task followed across reports once (the site's reading: search.js).
        "thread_id": thread.id if thread and len(thread.members) > 1 else None,
    }
    where = link(text(f"{caption} 第 {row.number or str(r + 1)} 项"), ref("reports", rid, f"task-{tid}"))
    # The report's title on each of its task pages is not the task's text: search leaves it out
    # (else a report's title finds all its tasks, and Pagefind indexes 6% more words).
    body = [attrs(None, "from", data_pagefind_ignore="") + "\n" + f"出自 {link(text(title_of(source)), ref('reports', rid))} · {where}"]
    if part := row.section:  # the table's section the row stands in
        body.append(attrs(None, "note") + "\n" + f"所属部分：{text(part)}")
    for column in table.columns:
        if column.role in ("number", "task", "category"):  # a category is the row's section (所属部分)
            continue
        items = row.cell(column.key)
        blocks = [heading(2, cell(column.label))]
        if not items:
            blocks.append(attrs(None, "empty") + "\n" + EMPTY_CELL)
        elif column.role == "owners":
            blocks.append(attrs(None, "owners") + "\n" + "、".join(
                link(text(i.text), ref("divisions", division_id(i.text))) for i in items))
        else:
            blocks += [point_md(i) for i in items]
        if column.role == "problems" and thread and (run := thread.problems_run.get(rid)):
            blocks.append(attrs(None, "note") + "\n" + f"本站比对：这一存在问题已连续 {run} 期报告相同。")
        body.append(section(f"column column-{column.role or 'other'}", column.label, blocks))
    missing = [n for n in ("target", "measures", "progress", "problems", "next_steps")
               if n not in {c.role for c in table.columns}]
    if missing:
        body.append(attrs(None, "note") + "\n" + "本表未设以下栏目：" + "、".join(roles()[n].title for n in missing) + "。")
    body += list(extra)
    period = report_period(report.meta.title, report.meta.issued)
    body += task_timeline(events, period.label if period else None)
    body += thread_section(rid, tid, thread, near)
    body += _pager(rid, neighbours)
    return page(meta, ['<div class="task-body">', *body, "</div>"])


def _pager(rid: str, neighbours) -> list[str]:
    before, after = neighbours
    items = []
    if before:
        items.append(f"上一项：{link(before[1], ref('tasks', f'{rid}-{before[0]}'))}" + '{rel="prev"}')
    if after:
        items.append(f"下一项：{link(after[1], ref('tasks', f'{rid}-{after[0]}'))}" + '{rel="next"}')
    if not items:
        return []
    return ['<nav class="pager" aria-label="上一项和下一项">\n\n' + bullets(items) + "\n\n</nav>"]


def thread_section(rid: str, tid: str, thread: Thread | None, near: list[NearMiss]) -> list[str]:
    """The same task in every report of its series: progress, what changed, plan beside result."""
    out = []
    if thread and len(thread.members) > 1:
        items, previous = [], None
        for m in thread.members:
            current = (m.report_id, m.task_id) == (rid, tid)
            when = time_html(m.period) if m.period else "日期未注明"
            blocks = [f"{when} " + link(text(m.report_title), ref("tasks", f"{m.report_id}-{m.task_id}"))
                      + ('{aria-current="page"}' if current else "")]
            progress = [i.text for i in m.row.cell("progress")]
            if previous is not None:
                plan = [i.text for i in previous.row.cell("next_steps")]
                if plan:
                    blocks.append(_part("plan-vs-done", "上次报告的下一步打算（计划）", [linked_md(p) for p in plan]))
                added, dropped = changes([i.text for i in previous.row.cell("progress")], progress)
                parts = []
                if added:
                    parts += ["新增：", bullets([f"<ins>{linked_md(x)}</ins>" for x in added])]
                if dropped:
                    parts += ["不再列出：", bullets([f"<del>{linked_md(x)}</del>" for x in dropped])]
                blocks.append(_part("changes", "完成情况与上次相比（本站比对）", parts or ["完成情况与上次相同。"]))
            blocks.append(_part("progress", "本次完成情况", [linked_md(p) for p in progress] or [EMPTY_CELL]))
            items.append("\n\n".join(blocks))
            previous = m
        out.append(section("thread", "历次报告中的进展", [
            heading(2, "历次报告中的进展"),
            "以下报告列出了这项任务（本站按任务表述比对：同一发布机构、同一系列报告，表述相同），按报告期排列。",
            attrs(None, "timeline", "thread-list") + "\n" + bullets(items)], data_pagefind_ignore=""))
    for miss in near:
        other = miss.b if miss.a == (rid, tid) else miss.a
        out.append(attrs(None, "note") + "\n" + "另见 " + link("相近的任务", ref("tasks", f"{other[0]}-{other[1]}"))
                   + f"：{text(miss.reason)}（本站计算的相似度 {miss.ratio:.2f}）。")
    return out


def _part(classes: str, title: str, blocks: list[str]) -> str:
    """A titled part of a thread item (inside its list item)."""
    return f'<div class="{classes}">\n\n' + heading(3, title) + "\n\n" + "\n\n".join(blocks) + "\n\n</div>"
