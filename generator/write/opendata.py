"""Open data under /data/: the model as JSON, CSV tables, and a Frictionless datapackage.json.

The JSON is the parse format (docs/data-format.md). CSVs are long tables: one
row per task and column item, per division entry, per event (however many reports state it)
and per report that states it, per document mention, per quantified target and reported figure. They
begin with a UTF-8 byte order mark, without which Excel on a Chinese Windows reads UTF-8
as GBK and shows garbled text (chosen over an .xlsx beside each CSV: no new dependency,
one file per table, and every CSV tool reads it).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ..link.ids import rows_of
from ..files import link
from .targets_data import TABLES as TARGET_TABLES, figure_rows, target_rows

LICENSE = {"name": "public-government-information", "title": "公开政府信息，原文版权归发布机构"}

TABLES = {
    "tasks": [
        ("report_id", "string", "报告编号", "取自索引号"), ("task_id", "string", "任务编号", "表-行"),
        ("row_number", "string", "原文行号", "原文表格中的序号"), ("column_label", "string", "栏目名", "原文栏目名"),
        ("column_role", "string", "栏目类别", "task target measures progress owners problems next_steps"),
        ("item", "integer", "条目", "本栏内的第几项，从 1 起"), ("marker", "string", "原文序号", "如 1."),
        ("text", "string", "原文文字", "原文文字"), ("source_line", "integer", "源文件行号", "源文件行号"),
    ],
    "entries": [
        ("report_id", "string", "报告编号", "取自索引号"), ("number", "string", "原文序号", "原文序号"),
        ("division", "string", "处室", "处室名（原文）"), ("division_id", "string", "处室编号", "本站的处室编号"),
        ("text", "string", "原文文字", "原文文字"), ("source_line", "integer", "源文件行号", "源文件行号"),
    ],
    "events": [
        ("event_id", "string", "事件编号", "本站的事件编号；同一日期、同一句话（规范化后）、同一任务或处室为一件事"),
        ("date", "string", "日期", "ISO 8601，只到原文写明的精度；期间为其截止"), ("date_label", "string", "中文日期", "本站的写法，如 2021年6月28日、截至2021年6月、2021年1-5月"),
        ("is_period", "string", "是否期间", "yes：今年以来、1-5月、上半年等期间；no：某日或某月"),
        ("planned", "string", "是否计划", "yes：只见于目标任务、工作举措或下一步打算；no：报告写明已做"),
        ("task_title", "string", "任务", "任务名称（原文）"), ("thread_id", "string", "任务线索编号", "本站把各期报告中的同一任务连成一条线索"),
        ("divisions", "string", "相关处室", "相关处室编号，以空格分隔"), ("text", "string", "原文句子", "日期所在的分句，如第一份报告所写"),
        ("reports", "string", "见于报告", "写到这件事的报告编号，以空格分隔，旧的在前"), ("report_count", "integer", "报告数", "写到这件事的报告数"),
    ],
    "event_sightings": [
        ("event_id", "string", "事件编号", "见 events.csv"), ("report_id", "string", "报告编号", "取自索引号"),
        ("task_id", "string", "任务编号", "表-行"), ("entry_number", "string", "工作条目序号", "工作条目序号"),
        ("column_label", "string", "栏目名", "原文栏目名"), ("column_role", "string", "栏目类别", "progress next_steps … ；entry：处室工作条目"),
        ("source_line", "integer", "源文件行号", "源文件行号"),
    ],
    "document_mentions": [
        ("document_id", "string", "文件编号", "本站的文件编号"), ("title", "string", "文件名称", "原文书名"),
        ("action", "string", "动作", "原文所述动作"), ("stage", "integer", "阶段", "本站对动作的排序：0 为未述动作或计划，越大越靠后"),
        ("planned", "string", "是否计划", "yes：出自目标任务、工作举措或下一步打算"), ("date", "string", "日期", "日期"),
        ("report_id", "string", "报告编号", "取自索引号"), ("task_id", "string", "任务编号", "表-行"),
        ("entry_number", "string", "工作条目序号", "工作条目序号"), ("column_label", "string", "栏目名", "栏目名"),
        ("sentence", "string", "原文句子", "原文句子"),
    ],
    **TARGET_TABLES,
}
"""Each CSV's columns: (name, type, Chinese title, Chinese description), as datapackage.json gives them."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell beginning so is a formula to a spreadsheet (OWASP, CSV injection): in the CSV files it
begins with an apostrophe, which spreadsheets show as text and do not display; JSON keeps the text."""


def spreadsheet_safe(row: list) -> list:
    return ["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in row]


def _json(data) -> str:
    # Compact: Python's JSON encoder is five times faster without indentation, and browsers
    # and tools show it indented anyway. The small index and datapackage stay indented.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def report_files(s) -> Iterator[tuple[str, str]]:
    """The files of one report (a `pages.Source`): its model, and each task's row."""
    yield f"reports/{s.id}.json", _json(s.report.to_json())
    for _, table, _, row, tid in rows_of(s.report):
        yield f"tasks/{s.id}-{tid}.json", _json({"report_id": s.id, "task_id": tid, "table_caption": table.caption,
                                                 "columns": [c.to_json() for c in table.columns], **row.to_json()})


def table_rows(s) -> dict[str, Iterator[list]]:
    """The rows one report adds to the tables of reports' own text."""
    def tasks():
        for _, table, _, row, tid in rows_of(s.report):
            columns = {c.key: c for c in table.columns}
            for key, items in row.cells:
                column = columns.get(key)
                for n, item in enumerate(items, start=1):
                    yield [s.id, tid, row.number or "", column.label if column else key,
                           column.role or "" if column else "", n, item.marker or "", item.text, item.line]

    return {
        "tasks": tasks(),
        "entries": ([s.id, e.number, e.division, e.division_id or "", e.text, e.line] for e in s.report.entries),
    }


def archive_rows(archive) -> dict[str, Iterator[list]]:
    """The rows of the tables that span reports: events once each, with every report that
    states them; document mentions as each report states them; targets and figures."""
    yes = {True: "yes", False: "no"}
    return {
        "events": ([e.id, e.when.datetime, e.when.label, yes[e.when.is_period], yes[e.planned], e.task_title or "",
                    e.thread_id or "", " ".join(e.divisions), e.text, " ".join(x.report_id for x in e.seen), len(e.seen)]
                   for e in archive.events),
        "event_sightings": ([e.id, x.report_id, x.task_id or "", x.entry_number or "", x.column or "", x.role or "", x.line]
                            for e in archive.events for x in e.seen),
        "document_mentions": ([d.id, m.title, m.action or "", m.stage, yes[m.planned], m.when.datetime if m.when else "",
                               m.seen.report_id, m.seen.task_id or "", m.seen.entry_number or "", m.seen.column or "",
                               m.sentence] for d in archive.documents for m in d.mentions),
        "targets": target_rows(archive.targets),
        "figures": figure_rows(archive.targets),
    }


def write_data(folder: Path, archive, previous: Path | None, old: dict[str, str]) -> dict[str, str]:
    """Write /data/ report by report (an archive's data is a hundred megabytes; it is never held whole).

    A report's own files are a function of its source (`Source.key`): where `old` (what the
    last build returned) has the same key, they are linked from `previous`. Returns report id -> key."""
    root = folder / "data"
    sources = archive.sources
    for sub in ("reports", "tasks"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    state = {s.id: s.key for s in sources}
    index = []
    with contextlib.ExitStack() as stack:
        writers = {}
        for name, fields in TABLES.items():
            f = stack.enter_context(open(root / f"{name}.csv", "w", encoding="utf-8-sig", newline=""))
            writers[name] = csv.writer(f, lineterminator="\n")
            writers[name].writerow([field for field, *_ in fields])
        for s in sources:
            names = [f"reports/{s.id}.json", *(f"tasks/{s.id}-{tid}.json" for *_, tid in rows_of(s.report))]
            if previous and s.key and old.get(s.id) == s.key and all((previous / "data" / n).is_file() for n in names):
                for name in names:
                    link(previous / "data" / name, root / name)
            else:
                for relative, text in report_files(s):
                    (root / relative).write_text(text, encoding="utf-8")
            for name, rows in table_rows(s).items():
                writers[name].writerows(map(spreadsheet_safe, rows))
            index.append({"id": s.id, "title": s.report.meta.title, "index_no": s.report.meta.index_no,
                          "issued": s.report.meta.issued, "json": f"reports/{s.id}.json", "original_url": s.url})
        for name, rows in archive_rows(archive).items():
            writers[name].writerows(map(spreadsheet_safe, rows))
    (root / "index.json").write_text(json.dumps({"reports": index}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (root / "datapackage.json").write_text(json.dumps(datapackage(root), ensure_ascii=False, indent=1) + "\n", "utf-8")
    return state


def datapackage(root: Path) -> dict:
    """The Frictionless description of the files in `root` as they were written (sizes, hashes)."""
    def served(path: str) -> dict:
        data = (root / path).read_bytes()
        return {"path": path, "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}

    return {
        "name": "kjt-key-task-progress",
        "title": "浙江省科学技术厅重点工作完成情况（整理数据）",
        "licenses": [LICENSE],
        "resources": [
            {"name": name.replace("_", "-"), **served(f"{name}.csv"), "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "description": "UTF-8，以字节顺序标记（BOM）开头；以 = + - @ 开头的单元格前加了一个撇号 '",
             "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n", "doubleQuote": True},
             "schema": {"fields": [{"name": f, "type": t, "title": title, "description": d} for f, t, title, d in fields]}}
            for name, fields in TABLES.items()
        ] + [{"name": "reports-index", **served("index.json"), "format": "json", "mediatype": "application/json",
              "encoding": "utf-8",
              "description": "每份报告的目录；每份报告的完整模型在 reports/<编号>.json，每项任务在 tasks/<报告编号>-<任务编号>.json"}],
    }


DOWNLOADS = (
    ("index.json", "全部报告的目录：每份报告的编号、标题、索引号、发文日期、原文地址，以及它的完整数据在哪个文件"),
    ("tasks.csv", "每项任务每一栏的每一条文字，一行一条：目标任务、工作举措、完成情况、责任单位等"),
    ("entries.csv", "月度报告中各处室做了什么，一行一个处室的一条"),
    ("events.csv", "报告中写明日期的事，一行一件：同一件事见于几份报告只列一次，并列出这些报告"),
    ("event_sightings.csv", "每件事见于哪份报告的哪一栏，一行一处"),
    ("document_mentions.csv", "每次提到《政策文件》的地方，和原文所述的动作（印发、起草、审议……），计划另有标注"),
    ("targets.csv", "任务中有数量的目标（新增高新技术企业3000家……），一行一个，附原文句子"),
    ("figures.csv", "完成情况中报告的数字及其时期，一行一个；与目标的对应和比例由本站计算"),
    ("reports/", "每份报告一个文件，包含它的全部内容：信息公开要素、表格、处室工作条目、其他正文、未能归类的文字"),
    ("tasks/", "每项任务（表格的一行）一个文件"),
    ("datapackage.json", "以上表格每一栏的中英文名称和说明（Frictionless Data Package 格式，供程序读取）"),
)
"""What the 数据下载 page lists, in its order: a file or folder of /data/ and what it holds."""


def downloads(folder: Path) -> list[dict]:
    """The 数据下载 page's table, from the data as written in `folder` (the site's data/):
    each file with what it holds, its size, and for a CSV its columns in English and Chinese."""
    rows = []
    for name, holds in DOWNLOADS:
        path = folder / name
        files = sorted(path.glob("*.json")) if name.endswith("/") else [path]
        table = TABLES.get(name.removesuffix(".csv"), ())
        rows.append({"name": name, "holds": holds, "count": len(files) if name.endswith("/") else None,
                     "size": readable_size(sum(f.stat().st_size for f in files if f.is_file())),
                     "columns": [(field, title) for field, _, title, _ in table]})
    return rows


def readable_size(size: int) -> str:
    """"35 KB", "1.2 MB": what a reader needs to decide whether to download."""
    if size < 1000:
        return f"{size} 字节"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"
