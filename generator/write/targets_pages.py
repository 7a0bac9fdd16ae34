"""目标与进展: each task's targets with the figures its reports give for them, a site page of the
newest targets with their latest figure, and the same per division.

Everything quoted is report text, reaching the page only through write/markdown.py (`text`,
`cell`, `html`); what the site worked out, the pairing and the ratio, says so ("本站计算").
No colour, status or verdict the reports do not state: a bar is only the ratio drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..link.ids import division_id, rows_of
from ..link.targets import COMPUTED, NO_FIGURE, Book, Figure, Match, Target, percent
from .common import section, title_of
from .markdown import GENERATED, attr, attrs, bullets, cell, heading, html, link, page, ref, table, text
from .targets_data import value_text

CUT = attrs(None, "targets-cut") + "\n"
"""Before a note that a list is cut short (the site's limit), so the theme can set it apart."""

TITLE = "目标与进展"
INTRO = ("本栏由本站整理：数量目标摘自任务的重点工作任务、目标任务栏；其下是各期报告完成情况栏中"
         "计数对象和单位都与目标相同的数字。对应关系和比例由本站计算，报告本身没有给出。")
SITE_INTRO = ("下表列出每个报告系列最新一期中有数量的目标，以及报告给出的最近一个对应数字。"
              "对应关系和比例由本站计算（对应数字 ÷ 目标），报告本身没有给出；没有对应数字的目标写明“"
              + NO_FIGURE + "”。")
BAR_SCALE = 150
"""The bars run from 0 to 150%; a longer one stops at the edge, its figure written beside it."""
OVERVIEW_ROWS = 2000
"""Targets of one report an overview page lists (the seeds have 40): a report at the limits has
tens of thousands, a 25 MB page that no browser opens well and Pelican renders in 320 MB.
Every target stays on its task's page and in targets.csv, and the page says so."""
TASK_ROWS = 200
"""Targets, and other figures, a task page lists (the seeds' most: 9): a task of 30,000 made a
73 MB page. The task's cells above show every one, targets.csv and figures.csv hold them all."""


def task_block(book: Book, report_id: str, task_id: str) -> list[str]:
    """The 目标与进展 section of one task page, as one block for `task_page(extra=...)`; []
    when the task has no target."""
    targets = book.of_task(report_id, task_id)
    if not targets:
        return []
    blocks = [heading(2, TITLE), INTRO]
    for n, t in enumerate(targets[:TASK_ROWS], start=1):
        blocks += [heading(3, f"目标 {n}：{_target_name(t)}"), "> " + text(t.sentence),
                   f"出自{text(t.column)}栏，源文件 {text(t.source)} 第 {t.line} 行。"]
        answers = book.answers(t.id)
        if answers:
            blocks += ["报告给出的对应数字：", bullets([_figure_item(t, f, m) for f, m in answers])]
            if (count := book.count(t.id)) > len(answers):
                blocks.append(CUT + f"报告给出的对应数字共 {count} 个，本站每个目标只列出前 {len(answers)} 个"
                              f"（本站的限制）；全部数字见各期报告的完成情况栏和数据下载中的 figures.csv。")
        else:
            blocks.append(f"**{NO_FIGURE}**。")
    if len(targets) > TASK_ROWS:
        blocks.append(CUT + f"这项任务有 {len(targets)} 个有数量的目标，本栏只列出前 {TASK_ROWS} 个（本站的限制）；"
                      f"全部目标见上面的各栏和数据下载中的 targets.csv。")
    if others := book.unmatched_figures(report_id, task_id):
        blocks += [heading(3, "完成情况中的其他数字"),
                   "以下数字的计数对象或单位与上列目标不同（或报告未写明），本站不作对应：",
                   bullets([f"{text(f.quantity.text)}：{text(f.sentence)}（第 {f.line} 行）" for f in others[:TASK_ROWS]])]
        if len(others) > TASK_ROWS:
            blocks.append(CUT + f"这样的数字共 {len(others)} 个，本栏只列出前 {TASK_ROWS} 个（本站的限制）；"
                          f"全部数字见上面的完成情况栏和数据下载中的 figures.csv。")
    # Its quotes are the task's own cells, indexed once already; the rest is the site's words.
    return [section("targets", TITLE, blocks, data_pagefind_ignore="")]


def site_pages(sources: Iterable, book: Book, division_names: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(path under content/, page text): the 目标与进展 page, then one per division that owns
    a task of it. `sources` newest first (`Archive.sources`)."""
    newest = newest_of_series(sources)
    rows = {(s.id, tid): row for s in newest for _, _, _, row, tid in rows_of(s.report)}
    wanted = {s.id for s in newest}
    targets = [t for t in book.targets if t.report_id in wanted]
    owners = {key: [division_id(o) for o in row.owners] for key, row in rows.items()}
    divisions = sorted({d for ids in owners.values() for d in ids}, key=lambda d: division_names.get(d, d))
    blocks = [SITE_INTRO]
    if divisions:
        blocks.append("按处室查看：" + "、".join(link(text(division_names.get(d, d)), ref("targets", d))
                                             for d in divisions))
    blocks += _tables(newest, targets, book, rows)
    yield f"{GENERATED}/targets/index.md", _page(TITLE, "targets", blocks)
    for d in divisions:
        mine = [t for t in targets if d in owners[(t.report_id, t.task_id)]]
        name = division_names.get(d, d)
        blocks = [f"{text(name)}负责的任务中有数量的目标。{SITE_INTRO}", link("全部处室", ref("targets", "index"))]
        blocks += _tables(newest, mine, book, rows)
        yield f"{GENERATED}/targets/{d}.md", _page(f"{name}：{TITLE}", f"targets/{d}", blocks)


def newest_of_series(sources: Iterable) -> list:
    """The newest report with a task table of each series, newest first. A series is a
    publisher (the 索引号's prefix, else 发布机构): its reports with tables repeat its tasks."""
    seen, newest = set(), []
    for s in sources:
        index = s.report.meta.index_no or ""
        publisher = index.split("/")[0] if "/" in index else (s.report.meta.publisher or s.id)
        if s.report.tables and publisher not in seen:
            seen.add(publisher)
            newest.append(s)
    return newest


def _page(title: str, path: str, blocks: list[str]) -> str:
    meta = {"title": title, "template": "targets", "slug": path.replace("/", "-"),
            "url": f"{path}/", "save_as": f"{path}/index.html"}
    return page(meta, blocks)


def _tables(newest, targets: list[Target], book: Book, rows) -> list[str]:
    """Per report, the table of its targets (sortable by the script, which it does without),
    then the bars."""
    blocks = []
    for s in newest:
        mine = [t for t in targets if t.report_id == s.id]
        if not mine:
            continue
        body, bars = [], []
        for t in mine[:OVERVIEW_ROWS]:
            row = rows[(t.report_id, t.task_id)]
            number = link(cell(f"第 {row.number or t.task_id} 项"), ref("tasks", f"{t.report_id}-{t.task_id}"))
            owners = "、".join(link(cell(o), ref("targets", division_id(o))) for o in row.owners) or "—"
            target = f"**{cell(_target_label(t))}**<br>{cell(t.sentence)}（{cell(t.column)}）"
            if latest := book.latest(t.id):
                f, m = latest
                cells = [f"{_figure_text(f, cell)}<br>{cell(f.period.label)}", _ratio_text(t, f, m, cell, period=False)]
                if m.ratio is not None:
                    bars.append((f"第 {row.number or t.task_id} 项 · {_target_label(t)}", m.ratio, f.period.label))
            else:
                cells = [NO_FIGURE, ""]
            body.append([number, target, *cells, owners])
        title = title_of(s)
        blocks += [heading(2, link(text(title), ref("reports", s.id))),
                   f'<div class="targets-table" data-ratio-column="4" data-division-column="5" role="region" '
                   f'aria-label="{attr(title)}：{TITLE}" tabindex="0">',
                   table(["任务", "目标（原文）", "最近对应数字（时期）", f"{COMPUTED}比例", "责任处室"], body),
                   "</div>", *_cut(len(mine)), *_bars(bars)]
    return blocks or ["没有有数量的目标。"]


def _cut(count: int) -> list[str]:
    if count <= OVERVIEW_ROWS:
        return []
    return [CUT + f"这份报告有 {count} 个有数量的目标，本页只列出前 {OVERVIEW_ROWS} 个（本站的限制，"
            f"报告本身不分页）。每个目标都在其任务页面的“{TITLE}”一栏，全部目标见数据下载中的 targets.csv。"]


def _bars(bars: list[tuple[str, object, str]]) -> list[str]:
    """One plain SVG bar per target with a ratio; the words beside it carry the information,
    so the drawing is hidden from screen readers (the table above says it all)."""
    if not bars:
        return []
    items = []
    for label, ratio, period in bars:
        width = min(float(ratio) * 100, BAR_SCALE)
        items.append(f'<li><span class="bar-label">{html(label)}</span><span class="bar-line">'
                     f'<svg viewBox="0 0 {BAR_SCALE} 14" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
                     f'<rect class="track" x="0" y="1" width="{BAR_SCALE}" height="12"/>'
                     f'<rect class="bar" x="0" y="1" width="{width:.1f}" height="12"/>'
                     f'<line class="full" x1="100" y1="0" x2="100" y2="14" vector-effect="non-scaling-stroke"/></svg>'
                     f'<span class="bar-value">{percent(ratio)}（{html(period)}）</span></span></li>')
    caption = f"{COMPUTED}的比例（最近对应数字 ÷ 目标）；竖线为 100%，超过 {BAR_SCALE}% 的画到边为止。"
    return ['<figure class="target-bars">\n<figcaption>' + caption + "</figcaption>\n<ol>\n"
            + "\n".join(items) + "\n</ol>\n</figure>"]


def _figure_item(t: Target, f: Figure, m: Match) -> str:
    """One figure under its target: the figure, its period and report; the quote with a link
    to its cell; the site's ratio. A list reads on a phone where a five-column table cannot."""
    period = text(f.period.label) + (f"（原文：{text(f.period.phrase)}）" if f.period.phrase else "（报告期）")
    report = link(text(f.report_title), ref("tasks", f"{f.report_id}-{f.task_id}"))
    where = link(f"第 {f.line} 行", ref("reports", f.report_id, f"task-{f.task_id}"))
    return (f"**{_figure_text(f, text)}** · {period} · {report}\n\n"
            f"原文：{text(f.sentence)}（{text(f.column)}栏，{where}）\n\n{_ratio_text(t, f, m, text)}")


def _figure_text(f: Figure, escape) -> str:
    out = escape(f.quantity.text)
    if not f.quantity.unit:
        out += "（报告未写单位）"
    if extra := [q for q in f.quantity.qualifiers if q not in f.quantity.text]:
        out += "，" + "，".join(escape(q) for q in extra)
    return out


def _ratio_text(t: Target, f: Figure, m: Match, escape, period: bool = True) -> str:
    if m.ratio is None:
        return "不计算比例（单位为比率，或目标不是单一数字）"
    same = not f.quantity.unit or f.quantity.unit == t.quantity.unit
    a, b = (f.quantity.number, t.quantity.number) if same else (f.quantity.text, t.quantity.text)
    b = escape(b) + ("" if t.quantity.number[0].isdigit() else f"（{value_text(t.quantity.value)}）")  # 十（10）
    label = COMPUTED + (f"，{escape(f.period.label)}" if period else "")
    if m.synonym:  # say which words were taken as one measure, and on whose authority
        label += f"；“{escape(f.quantity.thing)}”按同义词表视同“{escape(t.quantity.thing)}”"
    return f"{escape(a)} / {b} = {percent(m.ratio)}（{label}）"


def _target_label(t: Target) -> str:
    q = t.quantity
    return f"{q.thing} {q.text}" if q.thing and q.number else q.thing + q.text if q.thing else q.text


def _target_name(t: Target) -> str:
    return text(_target_label(t))
