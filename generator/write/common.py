"""What several page writers share: years, labels, index tables, the year list."""

from __future__ import annotations

import re

from ..link.dates import When, report_period
from ..link.source import Source
from .markdown import attr, attrs, cell, link, ref, table, text

EMPTY_CELL = "（本栏无内容）"
TABLE_LABEL = "任务表{n}"  # our label for a table the report gives no caption
UNDATED = "undated"
"""The year page of reports with no year in their 发文日期, title or 索引号."""


def entry_anchor(line: int) -> str:
    """The id of a division entry on its report page, from the source line it starts on
    ("line-23"): unique and never empty, where published numbers repeat under each heading of a
    grouped list or are missing."""
    return f"line-{line}"


NO_TASK_TEXT = "（原文此项未写任务名称）"
"""Our label, in place of a task's name, where the task cell is empty."""


def task_label(row) -> str:
    """A task's name as a link label (Markdown): its text, or our label where it has none."""
    return text(row.task) if row.task.strip() else f"[{NO_TASK_TEXT}]{{.our-label}}"


def title_of(source: Source) -> str:
    """The report's title, or its file name where it has none."""
    return source.report.meta.title or source.report.source


def report_year(source: Source) -> str:
    """The year a report is filed under on division and task-list pages: of its 发文日期, else
    of the period its title names ("2022年重点工作…"), else of its 索引号."""
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


def year_label(year: str) -> str:
    return "日期未注明" if year == UNDATED else f"{year}年"


def time_html(when: When) -> str:
    """A date as the site shows it, with its machine-readable value. `<time>` has no Markdown form."""
    return f'<time datetime="{when.datetime}">{text(when.label)}</time>'


def catalogue(caption: str, columns: list[str], rows: list[list[str]]) -> str:
    """An index table (a Markdown table; `rows` are Markdown cells), named by `caption`."""
    return attrs(None, "catalogue", aria_label=caption) + "\n" + table([cell(c) for c in columns], rows)


def year_jump(folder: str, years: list[str], current: str | None) -> str:
    """Links to the year pages under `folder` ("timeline", "tasks", "divisions/<id>"), the
    one being read marked as current."""
    kind, _, prefix = folder.partition("/")
    items = []
    for y in years:
        target = link(text(year_label(y)), ref(kind, f"{prefix}/{y}" if prefix else y))
        items.append("- " + target + ('{aria-current="page"}' if y == current else ""))
    return '<nav class="year-jump" aria-label="跳到年份">\n\n' + "\n".join(items) + "\n\n</nav>"


def section(classes: str, label: str, blocks: list[str], **attributes: str) -> str:
    """Blocks of Markdown inside a <section> (Markdown has no form for a section); `label`
    names it for assistive technology."""
    extra = "".join(f' {k.replace("_", "-")}="{attr(v)}"' for k, v in attributes.items())
    body = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
    return f'<section class="{classes}" aria-label="{attr(label)}"{extra}>\n\n{body}\n\n</section>'
