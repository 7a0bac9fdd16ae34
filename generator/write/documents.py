"""Policy documents 《…》: the index with each document's latest reported progress, and a page
per document reading forward through every mention. Plans are shown as plans (计划), never as
progress; the latest progress is only what a report says was done."""

from __future__ import annotations

from collections.abc import Iterator

from ..link.archive import Archive, Mention
from ..link.documents import MAX_CANDIDATES, alias_candidates
from ..link.ids import rows_of
from .common import catalogue, time_html
from .markdown import attrs, bullets, cell, link, page, ref, text
from .timelines import seen_target


def _when(m: Mention) -> str:
    return time_html(m.when) if m.when else "日期未注明"


def _where(s, names: dict) -> str:
    """Where a report states it: the task (by its number and name) or the division entry."""
    if s.task_id:
        name = names.get((s.report_id, s.task_id), "")
        where = link(text(f"任务 {s.task_id}：{name}" if name else f"任务 {s.task_id}"), seen_target(s))
        where += f"（{text(s.column or '')}）"
    else:
        where = link(text(f"第 {s.entry_number} 条工作条目"), seen_target(s))
    return f"{link(text(s.report_title), ref('reports', s.report_id))} · {where}"


def _step(step: tuple[Mention, ...], names: dict) -> str:
    """One step of a document's life, as the first report states it, with every report that does."""
    m = step[0]
    label = '<span class="plan-label">计划</span> ' if m.planned else ""
    action = f'**[{text(m.action)}]{{.action}}** ' if m.action else ""
    sources = "；".join(_where(x.seen, names) for x in step)
    seen_in = f"见于 {len(step)} 份报告：" if len(step) > 1 else ""
    return f"{_when(m)} {label}{action}{text(m.sentence)} [— {seen_in}{sources}]{{.source}}"


def document_pages(archive: Archive) -> Iterator[tuple[str, str]]:
    names = {(s.id, tid): row.task for s in archive.sources for *_, row, tid in rows_of(s.report)}
    rows = []
    for d in archive.documents:
        latest = (f"{text(d.latest.action or '提及')}（{_when(d.latest)}）" if d.latest
                  else "报告未写明已完成的进展")
        rows.append([link(cell(f"《{d.title}》"), ref("documents", d.id)), str(len(d.steps)), latest])
        body = []
        if d.variants:
            body.append(attrs(None, "note") + "\n" + "报告中也写作：" + "、".join(text(f"《{v}》") for v in d.variants))
        if d.latest:
            body.append(attrs(None, "latest") + "\n" + f"最近报告的进展：{text(d.latest.action or '提及')}（{_when(d.latest)}）"
                        "，取自报告的完成情况，不含计划。")
        body.append(attrs(None, "timeline", "lifecycle") + "\n" + bullets([_step(step, names) for step in d.steps]))
        meta = {"title": f"《{d.title}》", "template": "document", "slug": f"document-{d.id}",
                "url": f"documents/{d.id}/", "save_as": f"documents/{d.id}/index.html"}
        yield d.id, page(meta, body)
    index = [catalogue("报告中引用的政策文件（按最近进展的时间，新的在前）", ["文件", "提及", "最近进展"], rows),
             "“提及”数的是不同的表述：后来的报告逐字重复的，只算一次。",
             "“最近进展”取自报告写明已完成的事项（完成情况、进展情况和处室工作条目）；下一步打算等计划不计在内。"]
    candidates = alias_candidates({m.title for d in archive.documents for m in d.mentions})
    if candidates:
        cut = f"（只列出前 {MAX_CANDIDATES} 对）" if len(candidates) == MAX_CANDIDATES else ""
        index.append(f'<details class="diagnostics">\n<summary>可能是同一文件的标题（未合并）{cut}</summary>\n\n'
                     + bullets([f"{text(f'《{a}》')} 与 {text(f'《{b}》')}" for a, b in candidates]) + "\n\n</details>")
    meta = {"title": "政策文件", "template": "page", "slug": "documents", "url": "documents/",
            "save_as": "documents/index.html"}
    yield "index", page(meta, index)
