"""The page of one report, shaped like the published 主动公开 page: its information block (in
the template), its tables, division list and sections in source order, then what the site
could not place and a note for readers on how it was read."""

from __future__ import annotations

import tomllib
from functools import cache

from ..link.ids import division_id, task_id
from ..link.source import Source
from ..model import Item, Report, Table
from ..vocabulary import DATA
from .citations import linked_md, point_html
from .common import NO_TASK_TEXT, TABLE_LABEL, entry_anchor, report_year, section, title_of, year_label
from .markdown import attr, attrs, bullets, cell, heading, html, link, page, ref, text


def report_page(source: Source) -> str:
    report, rid = source.report, source.id
    m = report.meta
    meta = {
        "title": title_of(source),
        "template": "report",
        "slug": f"report-{rid}",
        "url": f"reports/{rid}/",
        "save_as": f"reports/{rid}/index.html",
        "index_no": m.index_no, "publisher": m.publisher, "issued": m.issued,
        "disclosure": m.disclosure, "published": m.published, "origin": m.origin,
        "extra_fields": [[f.label, f.value] for f in m.extra],
        "labels": {**INFO_LABELS, **dict(m.labels)},  # each field named as the report names it (成文日期)
        "original_url": source.url,
        "source_file": report.source,
        "report_id": rid,
        "has_title": m.title is not None,
        "year": year_label(report_year(source)),  # search's year filter: the year of the division pages
    }
    blocks: list[tuple[int, str]] = []
    for t, table in enumerate(report.tables):
        blocks.append((table.line, report_table(rid, t, table)))
    if report.entries:
        blocks.append((report.entries[0].line, _entries(source)))
    for s in report.sections:
        out = [heading(min(s.level + 1, 4), cell(s.heading))] if s.heading else []
        out += [text(p.text) for p in s.paragraphs]
        blocks.append((s.line, "\n\n".join(out)))
    body = ['<div class="report-body">', *(b for _, b in sorted(blocks, key=lambda b: b[0])), "</div>"]
    return page(meta, body + _unplaced_and_notes(report))


def _entries(source: Source) -> str:
    """The division list: each entry with its number as published, its division linked; a list
    grouped under headings ("(二)市经济和信息化局(5项)") gives each heading once, above its entries."""
    blocks, items, heading_now = [], [], None
    for e in source.report.entries:
        if e.heading != heading_now:
            if items:
                blocks.append(attrs(None, "entries") + "\n" + bullets(items))
                items = []
            blocks.append(attrs(None, "entries-heading") + "\n" + text(e.heading or ""))
            heading_now = e.heading
        division = link(text(e.division), ref("divisions", e.division_id or division_id(e.division)))
        marker = f"{e.number}." if e.number else ""
        number = "[" + text(marker) + "]{#" + entry_anchor(e.line) + " .marker}"
        items.append(f"{number} {division}:{linked_md(e.text)}")  # continued paragraphs: line breaks
    blocks.append(attrs(None, "entries") + "\n" + bullets(items))
    return "\n\n".join(blocks)


INFO_LABELS = {"index_no": "索引号", "publisher": "发布机构", "issued": "发文日期", "disclosure": "公开方式",
               "published": "发布日期", "origin": "信息来源"}
"""The information block's labels where the report gives a field no label of its own (or not the field)."""


def _section_row(text: str, width: int) -> str:
    return f'<tr class="section-row"><th scope="rowgroup" colspan="{width}">{html(text)}</th></tr>'


def report_table(rid: str, t: int, table: Table) -> str:
    """A task table as HTML: its cells hold numbered points, which a Markdown table cannot.
    A table published in sections (group rows "一、…", or parts under a repeated header) is one
    table whose section rows stand where the report puts them; sub-columns sit under their group."""
    caption = html(table.caption) if table.caption else f'<span class="our-label">{TABLE_LABEL.format(n=t + 1)}</span>'
    out = [f'<figure class="task-table" id="table-{t + 1}">',
           f'<figcaption id="table-{t + 1}-caption">{caption}</figcaption>',
           f'<div class="table-wrap" role="region" aria-labelledby="table-{t + 1}-caption" tabindex="0">',
           "<table>", _head(table), "<tbody>"]
    width = 1 + sum(1 for c in table.columns if c.role not in ("number", "category"))
    labels = {c.key: f"{c.group} · {c.label}" if c.group else c.label for c in table.columns}
    part, shown = None, 0  # table.sections[:shown] stand on the page
    for r, row in enumerate(table.rows):
        if row.section != part and row.section:
            # every section up to the row's own: a section right above another (一 over （一）) has no rows
            upto = next((k for k in range(shown, len(table.sections)) if table.sections[k].text == row.section), shown - 1)
            out += [_section_row(s.text, width) for s in table.sections[shown:upto + 1]] or [_section_row(row.section, width)]
            shown = max(shown, upto + 1)
        part = row.section
        tid = task_id(t, r)
        target = ref("tasks", f"{rid}-{tid}")
        number = row.number or "—"
        out.append(f'<tr id="task-{tid}">')
        out.append(f'<td class="num"><a href="{target}" aria-label="{attr(f"任务 {number}：{row.task}")}">{html(number)}</a></td>')
        for key, items in row.cells:
            label = f' data-label="{attr(labels.get(key, ""))}"'  # for a phone's one-row-at-a-time layout
            if key == "task":
                name = " ".join(html(i.text) for i in items) if row.task.strip() else f'<span class="our-label">{NO_TASK_TEXT}</span>'
                out.append(f'<td class="task"{label}><a href="{target}">{name}</a></td>')
            elif key == "owners":
                out.append(f'<td class="owners"{label}>{owner_links(items, "<br>")}</td>')
            else:
                out.append(f"<td{label}>{items_html(items)}</td>")
        out.append("</tr>")
    out += [_section_row(s.text, width) for s in table.sections[shown:]]  # a last section with no rows
    out += ["</tbody></table>", "</div>", "</figure>"]
    return "\n".join(out)


def _head(table: Table) -> str:
    """The header: one row, or two where columns stand under a group label (a two-level header)."""
    columns = [c for c in table.columns if c.role != "category"]  # a category's values are section rows
    has_number = any(c.role == "number" for c in columns)

    def span(c) -> str:
        return ' colspan="2"' if c.role == "task" and not has_number else ""

    if not any(c.group for c in columns):
        return "<thead><tr>" + "".join(f'<th scope="col"{span(c)}>{html(c.label)}</th>' for c in columns) + "</tr></thead>"
    top, under, i = [], [], 0
    while i < len(columns):
        c = columns[i]
        if not c.group:
            top.append(f'<th scope="col" rowspan="2"{span(c)}>{html(c.label)}</th>')
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group == c.group:
            j += 1
        top.append(f'<th scope="colgroup" colspan="{j - i}">{html(c.group)}</th>')
        under += [f'<th scope="col">{html(x.label)}</th>' for x in columns[i:j]]
        i = j
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(under)}</tr></thead>"


def items_html(items: tuple[Item, ...]) -> str:
    """A cell's points, each a paragraph with its marker as published, documents linked."""
    return "".join(point_html(i) for i in items)


def owner_links(items: tuple[Item, ...], sep: str) -> str:
    return sep.join(f'<a href="{ref("divisions", division_id(i.text))}">{html(i.text)}</a>' for i in items)


@cache
def _notes() -> tuple[str, dict[str, str]]:
    data = tomllib.loads((DATA / "notes.toml").read_text(encoding="utf-8"))
    return data["default"]["text"], data["codes"]


def _unplaced_and_notes(report: Report) -> list[str]:
    out = []
    if report.unplaced:
        out.append(section("unplaced", "未能归类的内容", [
            heading(2, "未能归类的内容"), "以下文字出自原文，本站未能确定其在表格中的位置，原样列出：",
            *(attrs(None, "unplaced-text", data_line=str(u.line)) + "\n" + text(u.text) for u in report.unplaced)]))
    if report.diagnostics:
        default, codes = _notes()
        # The English message and code stay for maintainers: in open data and on the command line.
        items = [f"[第 {d.line} 行：{text(codes.get(d.code, default))}]{{.diagnostic data-code=\"{attr(d.code)}\"}}"
                 for d in report.diagnostics]
        out.append('<details class="diagnostics" data-pagefind-ignore>\n'
                   f"<summary>本站解析说明（{len(report.diagnostics)} 条）</summary>\n\n"
                   + bullets(items) + "\n\n</details>")
    return out
