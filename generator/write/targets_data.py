"""Open data for targets and reported figures: the rows of targets.csv and figures.csv, one
each, with the quote, the cell's place and the match, and their columns (write/opendata.py
writes them with the other tables).

The ratio is the site's computation and its column says so; everything else is as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ..link.targets import MAX_ANSWERS, Book, percent

TABLES = {
    "targets": [
        ("target_id", "string", "目标编号", "目标编号：报告-任务-本行第几个目标"), ("report_id", "string", "报告编号", "报告编号（取自索引号）"),
        ("task_id", "string", "任务编号", "任务编号：表-行"), ("column_label", "string", "原文栏目名", "原文栏目名（重点工作任务、目标任务）"),
        ("source_file", "string", "源文件名", "源文件名"), ("source_line", "integer", "目标所在单元格条目的源文件行号", "目标所在单元格条目的源文件行号"),
        ("number", "string", "原文数字", "原文数字（如 3000、两、三分之二、1-2）"),
        ("value", "string", "数值", "数值（本站换算：小数，或不能化为小数时的分数；范围和无数字的比较为空）"),
        ("unit", "string", "原文单位", "原文单位（无则为空）"), ("thing", "string", "计数对象", "计数对象（原文，去掉句中动词）"),
        ("qualifiers", "string", "原文限定词，以 | 分隔", "原文限定词，以 | 分隔（以上、左右、不少于、力争、累计……）"),
        ("sentence", "string", "目标所在的原文句子", "目标所在的原文句子"),
        ("figure_ids", "string", "对应的报告数字编号，以空格分隔",
         f"对应的报告数字编号，以空格分隔（本站按计数对象和单位对应，见 figures.csv；至多列出{MAX_ANSWERS}个，全部个数见 figure_count）"),
        ("figure_count", "integer", "对应的报告数字个数（本站计算）", "对应的报告数字个数（本站计算，含 figure_ids 未列出的）"),
        ("latest_figure_id", "string", "报告期最近的对应数字编号", "报告期最近的对应数字编号"),
        ("latest_ratio", "string", "最近比例（本站计算）", "本站计算：最近对应数字 ÷ 目标，一位小数；无法计算时为空"),
    ],
    "figures": [
        ("figure_id", "string", "数字编号", "数字编号：报告-任务-本行第几个数字"), ("report_id", "string", "报告编号", "报告编号"),
        ("task_id", "string", "任务编号", "任务编号"), ("column_label", "string", "原文栏目名", "原文栏目名（完成情况、进展情况）"),
        ("source_file", "string", "源文件名", "源文件名"), ("source_line", "integer", "数字所在条目的源文件行号", "数字所在条目的源文件行号"),
        ("period_phrase", "string", "句中写明的时期", "句中写明的时期（如 1-6月、今年以来）；未写明时为空，按报告期"),
        ("period", "string", "本站对时期的表述", "本站对时期的表述（如 截至2021年6月）"), ("period_date", "string", "时期的截止", "时期的截止（ISO 8601）"),
        ("number", "string", "原文数字", "原文数字"), ("value", "string", "数值", "数值（本站换算）"), ("unit", "string", "原文单位", "原文单位（无则为空）"),
        ("thing", "string", "计数对象", "计数对象（原文）"), ("qualifiers", "string", "原文限定词，以 | 分隔", "原文限定词，以 | 分隔（累计、同比增长68% ……）"),
        ("sentence", "string", "数字所在的原文句子", "数字所在的原文句子"),
        ("target_ids", "string", "本数字对应的目标编号，以空格分隔", "本数字对应的目标编号，以空格分隔"),
    ],
}


def value_text(value: Fraction | None) -> str:
    """539.9 for 5399/10; 2/3 where no finite decimal is exact; "" for none."""
    if value is None:
        return ""
    den, twos, fives = value.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    text = f"{value.numerator * 10 ** places // value.denominator:0{places + 1}d}"
    return f"{text[:-places]}.{text[-places:]}" if places else text


def target_rows(book: Book) -> Iterator[list]:
    for t in book.targets:
        q, answers, latest = t.quantity, book.answers(t.id), book.latest(t.id)
        ratio = latest[1].ratio if latest else None
        yield [t.id, t.report_id, t.task_id, t.column, t.source, t.line, q.number, value_text(q.value), q.unit,
               q.thing, "|".join(q.qualifiers), t.sentence, " ".join(f.id for f, _ in answers),
               book.count(t.id), latest[0].id if latest else "", percent(ratio) if ratio is not None else ""]


def figure_rows(book: Book) -> Iterator[list]:
    targets: dict[str, list[str]] = {}
    for m in book.matches:
        targets.setdefault(m.figure_id, []).append(m.target_id)
    for f in book.figures:
        q = f.quantity
        yield [f.id, f.report_id, f.task_id, f.column, f.source, f.line, f.period.phrase or "", f.period.label,
               f.period.datetime, q.number, value_text(q.value), q.unit, q.thing, "|".join(q.qualifiers), f.sentence,
               " ".join(targets.get(f.id, ()))]
