"""Property tests: on generated reports the parser never crashes and conserves text."""

from __future__ import annotations

from html import escape

from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import SEEDS

from generator.errors import ReportError
from generator.parse import parse_document
from generator.read.read import parse_source_text
from tests.fidelity import check_conservation, check_positions

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PUNCT = st.sampled_from(list("。,、;:“”《》()-.|1234567890 \u3000\xa0"))
sentence = st.text(st.one_of(CJK, CJK, CJK, PUNCT), min_size=1, max_size=30)
division = st.sampled_from(["办公室", "规划处", "高新处", "成果处", "社发处", "基金办", "某某中心"])
label = st.sampled_from(["重点工作", "任务", "目标任务", "工作举措", "完成情况", "责任", "单位", "存在", "问题",
                         "下一步", "打算", "序号", "备注"])


@st.composite
def numbered(draw):
    count = draw(st.integers(1, 4))
    return [f"{n}.{draw(sentence)}" for n in range(1, count + 1)]


@st.composite
def flat_table_report(draw):
    lines = [draw(sentence) + "情况"]
    lines += draw(st.sampled_from([[], [], ["类别"]])) + draw(st.lists(label, min_size=0, max_size=10))
    for n in range(1, draw(st.integers(1, 4)) + 1):
        if draw(st.integers(0, 3)) == 0:  # a group row's number and text, a paragraph each
            lines += [draw(group_number), draw(sentence)]
        if draw(st.integers(0, 3)) == 0:  # a category's value over its first row
            lines.append(draw(st.sampled_from(["创新平台", "成果转化", "高新处"])))
        lines.append(str(n))
        lines.append(draw(st.one_of(sentence, family_cell())))
        for _ in range(draw(st.integers(0, 4))):
            lines += draw(st.one_of(numbered(), sentence.map(lambda s: [s])))
        lines += draw(st.lists(division, max_size=3))
        lines += draw(st.one_of(numbered(), st.just([])))
    return "\n\n".join(lines)


@st.composite
def division_list_report(draw):
    lines = [draw(sentence) + "完成情况"]
    for n in range(1, draw(st.integers(1, 8)) + 1):
        if draw(st.booleans()) or n == 1:
            lines.append(f"{n}. {draw(division)}:{draw(sentence)}")
        else:
            lines.append(draw(sentence))
    return "\n\n".join(lines)


# ---------------------------------------------------------------- the family's other layouts

family_label = st.sampled_from(["序号", "内容与要求", "重点任务", "完成情况", "进展情况（不超过300字）", "推进情况",
                                "责任单位", "牵头责任单位", "牵头单位", "进展状态", "存在问题", "下步打算", "备注",
                                "责任领导", "存在主要问题", "责任科室"])  # the last three: labels the vocabulary does not know, or new
unit = st.sampled_from(["市发改委", "市科技局", "各区(县、市)政府", "市委组织部（市人才办）", "高新处", "县经信局"])
row_number = st.sampled_from(["1", "2", "3", "4", "一", "二", "十一", "1、", ""])
section_line = st.sampled_from(["一、", "二、", "(一)", "（二）", ""]).flatmap(
    lambda marker: sentence.map(lambda s: marker + s))
group_number = st.sampled_from(["一", "二", "十一", "（一）", "(二)", "三、"])  # a group row's number in a cell of its own
category = st.sampled_from(["类别", "领域"])


@st.composite
def family_cell(draw):
    """A cell's text as the family writes it: sentences, lists run on, units, labels inside."""
    kind = draw(st.sampled_from(["sentence", "list", "units", "owners-inside", "fields", "empty", "status"]))
    if kind == "list":
        return "".join(f"{n}.{draw(sentence)}。" for n in range(1, draw(st.integers(1, 3)) + 1))
    if kind == "units":
        return draw(st.sampled_from(["、", " ", "，"])).join(draw(st.lists(unit, min_size=1, max_size=3)))
    if kind == "owners-inside":
        after = draw(st.sampled_from(["", "", "并于年底前完成。"]))  # the task going on after the bracket
        return f"{draw(sentence)}。{draw(st.sampled_from(['', '(', '（']))}责任单位:{draw(unit)}、{draw(unit)}){after}"
    if kind == "fields":
        return f"进展情况:{draw(sentence)}。下步打算:{draw(sentence)}"
    if kind == "status":
        return draw(st.sampled_from(["顺利推进", "已完工", "滞后"]))
    return "" if kind == "empty" else draw(sentence)


@st.composite
def family_rows(draw):
    """(header labels, rows of cell texts, with section rows, repeated headers and continuations)."""
    task = draw(st.sampled_from(["内容与要求", "重点任务", "任务"]))
    header = draw(st.sampled_from([["序号"], []])) + [task] + draw(st.lists(family_label, min_size=1, max_size=5))
    rows: list[list[str] | str] = []
    number = 1
    chinese = draw(st.integers(0, 4)) == 0
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["row", "row", "row", "section", "header", "continuation", "group"]))
        if kind == "section":
            rows.append(draw(section_line))
        elif kind == "group":
            rows.append([draw(group_number), draw(sentence)] + [""] * draw(st.integers(0, len(header) - 1)))
        elif kind == "header":
            rows.append(list(header))
        elif kind == "continuation":
            rows.append([draw(sentence)] + [""] * draw(st.integers(0, len(header))))
        else:
            own = "一二三四五六七八九十"[(number - 1) % 10] if chinese else str(number)  # rows numbered 一, 二 … or 1, 2 …
            cells = [draw(st.one_of(st.just(own), row_number))] + [draw(family_cell()) for _ in header[1:]]
            number += 1
            rows.append(cells[:draw(st.integers(1, len(cells)))] if draw(st.booleans()) else cells)
    if draw(st.integers(0, 3)) == 0:  # a category column first, written once over its rows and empty below
        old, header = header, [draw(category)] + header
        rows = [row if isinstance(row, str) else header if row == old else [draw(st.sampled_from(["", "", "科技创新"]))] + row
                for row in rows]
    return header, rows


@st.composite
def pipe_rows_report(draw):
    header, rows = draw(family_rows())
    edge = draw(st.sampled_from(["| ", ""]))
    lines = [draw(sentence) + "情况", edge + " | ".join(header) + " |"]
    if draw(st.booleans()):
        lines.append("|" + "---|" * len(header))
    for row in rows:
        cells = [row] + [""] * (len(header) - 1) if isinstance(row, str) else row
        lines.append(edge + " | ".join(c.replace("。", draw(st.sampled_from(["。", "。<br>"])), 1) for c in cells) + " |")
    return "\n".join(lines)


@st.composite
def cell_per_line_report(draw):
    header, rows = draw(family_rows())
    lines = [draw(sentence) + "情况"] + [label + "|" for label in header]
    for row in rows:
        if isinstance(row, str):
            lines.append(row)  # a section heading on a line of its own
            continue
        if len(row) > 1 and row[0].isdigit() and draw(st.integers(0, 3)) == 0:
            row = [row[0] + draw(st.sampled_from(["", ".", "、"])) + row[1]] + row[2:]  # the number glued to the task
        for cell in row:
            if draw(st.integers(0, 5)) == 0 and "。" in cell:  # a cell over two lines
                a, _, b = cell.partition("。")
                lines += [a + "。", b + "|"]
            else:
                lines.append(cell + "|")
        lines += draw(st.sampled_from([[], ["|"], ["||"], ["|||", "||"]]))
    return "\n".join(lines)


@st.composite
def joined_report(draw):
    """Cells on one line per row: glued together, apart by tabs (a browser's copy) or by spaces;
    with tabs, a list cell may break over lines."""
    header, rows = draw(family_rows())
    sep = draw(st.sampled_from(["", "\t", "\u3000", " "]))
    lines = [draw(sentence) + "情况", sep.join(header)]
    for row in rows:
        text = row if isinstance(row, str) else sep.join(row)
        lines += text.split("。2.", 1) if sep == "\t" and draw(st.booleans()) else [text]
    return "\n".join(lines)


@st.composite
def parts_report(draw):
    """A table in parts: caption, pipe table, caption, the same header, numbering running on or not."""
    header = ["序号"] + draw(st.lists(family_label, min_size=2, max_size=4))
    lines, number = [draw(sentence) + "情况"], 1
    for _ in range(draw(st.integers(1, 3))):
        lines += ["", draw(section_line), "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for _ in range(draw(st.integers(0, 3))):
            lines.append(f"| {number} | " + " | ".join(draw(family_cell()) for _ in header[1:]) + " |")
            number = number + 1 if draw(st.integers(0, 4)) else 1
    return "\n".join(lines)


@st.composite
def unit_headings_report(draw):
    lines = [draw(sentence) + "进展情况"]
    for n in range(draw(st.integers(1, 4))):
        count = draw(st.integers(0, 4))
        lines.append(f"({'一二三四'[n]}){draw(unit)}" + (f"({count}项)" if draw(st.booleans()) else ""))
        for k in range(1, draw(st.integers(0, 4)) + 1):
            lines.append(draw(st.sampled_from([f"{k}.", f"{k}、", f"{k}", ""])) + draw(sentence))
    return "\n".join(lines)


@st.composite
def cell_per_line_levels_report(draw):
    """One cell per line under a two-level header (a cell over two sub-labels), with the empty
    cells its merged cells leave or without them."""
    group = draw(st.sampled_from(["完成情况", "推进情况", "工作进展"]))
    subs = draw(st.sampled_from([["进展", "问题"], ["进展情况", "存在问题"], ["目标", "举措"]]))
    after = draw(st.lists(family_label, max_size=2))
    top = ["序号", draw(st.sampled_from(["重点任务", "工作任务"])), group] + after
    if draw(st.booleans()):  # the empty cells of merged cells, row by row
        head = top[:3] + [""] + after + ["", ""] + subs + [""] * len(after)
    else:
        head = top + subs
    lines = [draw(sentence) + "情况"] + [label + "|" for label in head]
    for n in range(1, draw(st.integers(0, 4)) + 1):
        if draw(st.integers(0, 3)) == 0:
            lines += [draw(group_number) + "|", draw(sentence) + "|", "|||"]
        lines += [f"{n}|"] + [draw(family_cell()) + "|" for _ in range(len(top) + 1 - 1)]
    return "\n".join(lines)


@st.composite
def tabs_levels_report(draw):
    """A browser's copy of a two-level header: the top labels, then the sub-labels on a line of
    their own, with or without the empty cells the merged one spans; rows apart by tabs."""
    subs = draw(st.sampled_from([["进展", "问题"], ["进展情况", "存在问题"]]))
    after = draw(st.lists(family_label, max_size=2))
    top = ["序号", "重点任务", draw(st.sampled_from(["完成情况", "推进情况"]))] + after
    empties = draw(st.booleans())
    lines = [draw(sentence) + "情况", "\t".join(top[:3] + [""] * empties + after),
             "\t".join([""] * (2 * empties) + subs + [""] * (len(after) * empties))]
    for n in range(1, draw(st.integers(0, 4)) + 1):
        lines.append("\t".join([str(n)] + [draw(family_cell()) for _ in range(len(top))]))
    return "\n".join(lines)


# What a page copied whole puts around a report: its menus, breadcrumb, buttons, footer.
page_chrome = st.sampled_from([
    "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流", "首页 机构概况 政务公开 政务服务", "| 网站地图 | 联系我们 | 网站声明 |",
    "当前位置: 首页 > 政务公开 > 重点工作", "字体:[大 中 小] 【打印本页】【关闭本页】", "【打印本页】【关闭本页】",
    "上一篇:某市2023年工作情况", "版权所有:某市科学技术局", "网站标识码:0000000000", "跳转到主要内容区域"])


@st.composite
def page_around(draw, inner):
    before = draw(st.lists(page_chrome, max_size=3))
    after = draw(st.lists(page_chrome, max_size=4))
    return "\n".join(before + [draw(inner)] + after)


@st.composite
def html_table_report(draw):
    """A saved page with the table as HTML: group rows with the text over the rest of the row
    (colspan), a category cell over the rows below it (rowspan), <br> in cells, chrome around."""
    header, rows = draw(family_rows())
    width = len(header)
    out = ["<html><head><meta charset='utf-8'><title>表</title></head><body>",
           "<div class='nav'>首页 | 机构概况 | 政务公开 | 政务服务</div>", f"<h1>{escape(draw(sentence))}情况</h1>",
           "<table>", "<tr>" + "".join(f"<td>{escape(label)}</td>" for label in header) + "</tr>"]
    spans = 0  # rows a category cell above still covers
    for row in rows:
        if isinstance(row, str):
            out.append(f"<tr><td colspan='{width}'>{escape(row)}</td></tr>")
            continue
        cells = [escape(c).replace("。", draw(st.sampled_from(["。", "。<br>"])), 1) for c in row]
        if len(row) >= 2 and not any(row[2:]) and width > 2 and draw(st.booleans()):
            out.append(f"<tr><td>{cells[0]}</td><td colspan='{width - 1}'>{cells[1]}</td></tr>")  # a group row
            continue
        if spans:
            cells, spans = cells[1:], spans - 1
        elif header[0] in ("类别", "领域") and draw(st.booleans()):
            spans = draw(st.integers(0, 2))
            out.append(f"<tr><td rowspan='{spans + 1}'>{cells[0]}</td>" + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>")
            continue
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</table>", "<div class='foot'>版权所有:某市科学技术局</div>", "</body></html>"]
    return "\n".join(out)


family_report = st.one_of(pipe_rows_report(), cell_per_line_report(), joined_report(), parts_report(),
                          unit_headings_report(), cell_per_line_levels_report(), tabs_levels_report())
family_report = st.one_of(family_report, page_around(family_report))


SEED_LINES = [p.read_text("utf-8").split("\n") for p in SEEDS]


@st.composite
def mutated_seed(draw):
    """A real seed with lines dropped, duplicated, swapped or spliced with junk."""
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "junk", "cut"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(st.one_of(CJK, PUNCT), max_size=6)) + lines[i][at:]
        else:
            lines = lines[:i]
    return "\n".join(lines)


any_report = st.one_of(
    mutated_seed(),
    family_report,
    flat_table_report(),
    division_list_report(),
    st.lists(st.one_of(sentence, label, division, numbered().map("\n".join)), max_size=20).map("\n".join),
    st.text(max_size=200),
)


@given(any_report)
@example("0情况\n\n重点工作\n\n重点工作\n\n重点工作\n\n1\n\n0\n\n1.0")  # repeated labels: unique keys
@example("重点工作\n重点工作\n责任单位\n1\n0\n一室\n0")  # text after the last column: unplaced
@example("序号|序号||0\n0|0|||0")  # a second number column: its cell unplaced, not dropped
@example("0情况\n| 内容与要求 | 序号 |\n| 1 | 0 |\n| 2 | 0000 |")  # a stray text where the number stands
@example("\r序号|序号|序号\n00||\n一、\n序号|序号|序号\n000000||\n0||顺利推进")  # a part reads a role the table did not
@example("0情况\n类别\t序号\t内容与要求\t序号\n\t一\t0\t0\n\t二\t0\t0\n\t0\n\t三\t\t0")  # a category before 一
@example("|类别|序号\n0||")  # a category's cell alone in its row: nothing left to read (IndexError)
@example("|类别|序号\n|0|\n||:")  # a continuation's stray text went to the category column and was lost
def test_parser_never_crashes_and_conserves_text(text):
    report = _parsed(text, "generated.txt")
    if report is not None:
        check_conservation(report, text)
        check_positions(report, text.replace("\r\n", "\n").replace("\r", "\n"))


def _parsed(text: str, name: str):
    """The report, or None when the parser refused the text with a clear error."""
    try:
        report = parse_document(parse_source_text(text, name))
    except ReportError as exc:
        assert exc.line >= 1 and exc.hint
        return None
    # a category's values are the table's sections: the report page shows no cells of its column
    assert not any(key == "category" for t in report.tables for r in t.rows for key, _ in r.cells)
    return report


@given(family_report)
def test_family_layouts_never_crash_and_conserve_text(text):
    test_parser_never_crashes_and_conserves_text.hypothesis.inner_test(text)


@given(html_table_report())
def test_html_tables_never_crash_and_conserve_text(text):
    report = _parsed(text, "generated.html")
    if report is not None:
        check_conservation(report, text, html_chrome=True)


@given(st.one_of(flat_table_report(), family_report, html_table_report()))
def test_same_input_same_model(text):
    def parse():
        try:
            return parse_document(parse_source_text(text, "generated.txt")).to_json()
        except ReportError as exc:
            return str(exc)
    assert parse() == parse()
