"""Tables and lists in the layouts other publishers of the CMS family use: the columns, the
row count and cells exactly, sections carried by rows, and what could not be split said so."""

from __future__ import annotations

import pytest

from generator.parse import parse_file
from tests.conftest import DATA


def _columns(table):
    return [(c.label, c.role) for c in table.columns]


def _one_table(name: str, layout: str | None = None):
    """The report of a fixture and its one table, read in `layout` when given."""
    report = parse_file(DATA / name)
    (table,) = report.tables
    assert layout is None or table.layout == layout
    return report, table


def _levels(table):
    """Each column's label, role and the label of the cell over it."""
    return [(c.label, c.role, c.group) for c in table.columns]


def _texts(row, key):
    return [i.text for i in row.cell(key)]


def _codes(report):
    return [d.code for d in report.diagnostics]


def test_pipe_rows_with_group_rows_owners_in_the_task_cell_and_a_continuation_line():
    report = parse_file(DATA / "pipe_table_family.txt")
    (table,) = report.tables
    assert [r.number for r in table.rows] == ["1", "2", "3", "4"]
    assert [s.text for s in table.sections] == ["(一)创新主体培育", "(二)科技服务"]
    assert [r.section for r in table.rows] == ["(一)创新主体培育", "(一)创新主体培育", "(二)科技服务", "(二)科技服务"]
    row4 = table.rows[3]
    assert row4.task == "建设科技大市场分市场3家。"
    assert row4.owners == ("成果处", "某某区(县)科技局")
    assert _texts(row4, "progress") == ["已建成2家。", "第三家完成选址"]
    assert "continuation-row" in _codes(report)


def test_sections_with_the_header_repeated_are_one_table():
    report = parse_file(DATA / "pipe_sections.txt")
    (table,) = report.tables
    assert table.layout == "cells"
    assert _columns(table) == [("序号", "number"), ("重点任务", "task"), ("推进情况", "progress"),
                               ("牵头单位", "owners"), ("进展状态", "status")]
    assert [r.number for r in table.rows] == ["1", "2", "3", "4", "5"]
    assert [r.section for r in table.rows] == ["一、市长主抓重点工作"] * 3 + ["二、副市长分管重点工作"] * 2
    row1, row2, row3, _, row5 = table.rows
    assert _texts(row1, "progress") == ["进展情况:已认定高新技术企业180家。", "下步打算:做好第二批认定工作。"]
    assert _texts(row1, "status") == ["顺利推进"]
    assert row2.owners == ("市教育局", "各区(县、市)政府")
    assert _texts(row2, "progress") == ["已开工10所,完工4所。", "新增学位810个"]
    assert row3.owners == ("市文化广电旅游局", "市委宣传部(市新闻出版局)")
    assert row3.task == "建成城市书房20家。"
    assert row5.owners == ("市交通运输局", "市公安局交警支队")
    assert report.sections == () and report.unplaced == ()


def test_parts_under_captions_with_a_two_level_header_are_one_table():
    report = parse_file(DATA / "pipe_parts.txt")
    (table,) = report.tables
    assert table.caption is None
    assert [(c.label, c.role, c.group) for c in table.columns] == [
        ("序号", "number", None), ("内容与要求", "task", None), ("进展", "progress", "完成情况"),
        ("问题", "problems", "完成情况"), ("牵头责任单位", "owners", None), ("", "status", None)]
    assert [(r.number, r.section) for r in table.rows] == [
        ("一", "县长主抓重点工作"), ("二", "县长主抓重点工作"), ("三", "副县长分管重点工作")]
    assert [_texts(r, "status") for r in table.rows] == [["顺利推进"], ["滞后"], ["已完工"]]  # a column without a label
    assert [(i.marker, i.text) for i in table.rows[0].cell("progress")] == [
        ("1.", "已完成土地征收。"), ("2.", "引进企业6家。")]
    assert _texts(table.rows[0], "problems") == ["企业入驻进度偏慢。"]
    assert table.rows[1].owners == ("县经信局", "县统计局")
    assert report.sections == ()


def test_one_cell_per_line_is_regrouped_by_the_header():
    report = parse_file(DATA / "cell_per_line.txt")
    (table,) = report.tables
    assert table.layout == "cell-per-line"
    assert _columns(table) == [("序号", "number"), ("内容与要求", "task"), ("完成情况（不超过300字）", "progress"),
                               ("责任单位", "owners")]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一、区委主抓民生实事"), ("2", "一、区委主抓民生实事"), ("3", "一、区委主抓民生实事"), ("4", "二、区长主抓民生实事")]
    row1, row2, row3, row4 = table.rows
    assert [(i.marker, i.text) for i in row1.cell("progress")] == [
        ("1.", "上半年新增城镇就业岗位3120个。"), ("2.", "举办招聘会12场。")]
    assert row2.owners == ("区商务局", "各街道（镇）")
    assert row3.cell("progress") == () and row3.owners == ("区文化和广电旅游体育局",)
    assert row4.task == "实施老旧小区改造20个。"
    assert report.sections == () and report.unplaced == ()


def test_glued_cells_are_split_where_the_text_allows_and_reported_where_not():
    report = parse_file(DATA / "glued_cells.txt")
    (table,) = report.tables
    assert table.layout == "glued"
    assert _columns(table) == [("序号", "number"), ("内容与要求", "task"), ("完成情况", "progress"), ("责任单位", "owners")]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一、经济发展"), ("2", "一、经济发展"), ("3", "一、经济发展"), ("4", "二、营商环境")]
    row1, row2, row3, row4 = table.rows
    assert row1.task == "确保全年地区生产总值增长7%以上。前三季度地区生产总值增长8.1%。"
    assert row1.cell("progress") == () and row1.owners == ("市发改委",)
    assert (row2.task, _texts(row2, "progress"), row2.owners) == (
        "新增城镇就业5万人。", ["前三季度新增城镇就业4.2万人。"], ("市人力社保局", "市总工会"))
    assert row3.owners == ()  # "…缩短40%市政务服务中心": no punctuation before the unit, so not split
    assert row4.owners == ("市发改委", "市市场监管局")
    unsplit = [d for d in report.diagnostics if d.code == "unsplit-row"]
    assert [d.line for d in unsplit] == [10, 14, 17]
    assert all(d.hint for d in unsplit)


def test_html_rowspan_and_two_level_header():
    report = parse_file(DATA / "rowspan_table.html")
    (table,) = report.tables
    assert [(c.label, c.role, c.group) for c in table.columns] == [
        ("序号", "number", None), ("重点工作", "task", None), ("进展", "progress", "推进情况（截至3月底）"),
        ("存在问题", "problems", "推进情况（截至3月底）"), ("牵头处室", "owners", None)]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一、创新平台建设"), ("2", "一、创新平台建设"), ("3", "二、成果转化")]
    row1 = table.rows[0]
    assert _texts(row1, "progress") == ["新建省级重点实验室2家。", "启动第二批实验室评审。"]
    assert row1.owners == ("基础处",)
    assert "spanning-cell" not in _codes(report)
    assert [u.text for u in report.unplaced] == ["注:技术交易额为1-3月累计数。"]
    assert "table-note" in _codes(report)


def test_items_grouped_under_unit_headings():
    report = parse_file(DATA / "unit_headings.txt")
    assert report.tables == () and report.sections == ()
    assert [(e.division, e.number) for e in report.entries] == [
        ("市发展和改革委员会", "1"), ("市发展和改革委员会", "2"), ("市发展和改革委员会", "3"),
        ("市经济和信息化局", "1"), ("市经济和信息化局", "2"),
        ("市委组织部(市人才办)", ""), ("市委组织部(市人才办)", ""),
        ("市科技局", "1"), ("市科技局", "2")]
    assert report.entries[2].text == "推进国家物流枢纽建设,完成投资12亿元。"
    assert report.entries[4].text == "召开数字经济发展大会。\n会议签约项目18个。"
    assert report.entries[3].heading == "(二)市经济和信息化局(2项)"
    counts = [d for d in report.diagnostics if d.code == "entry-count"]
    assert [(d.line, d.message) for d in counts] == [(19, "the heading announces 3 items but 2 were found")]


def test_flattened_table_with_section_headings_between_rows():
    report = parse_file(DATA / "flat_sections.txt")
    (table,) = report.tables
    assert _columns(table) == [("序号", "number"), ("重点任务", "task"), ("推进情况", "progress"), ("牵头处室", "owners")]
    assert [(r.number, r.section) for r in table.rows] == [("1", "一、创新平台"), ("2", "一、创新平台"), ("三", "二、成果转化")]
    assert table.rows[1].owners == ("高新处", "规划处")
    assert _texts(table.rows[2], "progress") == ["上半年技术交易额96亿元。"]
    assert report.unplaced == () and "unknown-column" not in _codes(report)


def test_cells_apart_by_spaces_like_the_header_are_split_there(tmp_report):
    report = parse_file(tmp_report("某市2021年工作推进情况\n\n序号　内容与要求　完成情况　责任单位\n"
                                   "1　确保增长7%。　增长8.1%。　市发改委\n2 新增就业5万人。 新增4.2万人。 市人力社保局、市总工会\n"))
    (table,) = report.tables
    assert [c.label for c in table.columns] == ["序号", "内容与要求", "完成情况", "责任单位"]
    assert [(r.task, _texts(r, "progress"), r.owners) for r in table.rows] == [
        ("确保增长7%。", ["增长8.1%。"], ("市发改委",)),
        ("新增就业5万人。", ["新增4.2万人。"], ("市人力社保局", "市总工会"))]
    assert "unsplit-row" not in _codes(report)


def test_rows_the_publisher_did_not_number_stay_rows(tmp_report):
    """A row with a task of its own is a row, not the continuation of the row above."""
    report = parse_file(tmp_report("某表情况\n\n| 序号 | 重点任务 | 完成情况 |\n|---|---|---|\n"
                                   "| | 任务甲。 | 完成甲。 |\n| | 任务乙。 | 完成乙。 |\n| | | 乙的续行。 |\n"))
    (table,) = report.tables
    assert [(r.number, r.task, _texts(r, "progress")) for r in table.rows] == [
        (None, "任务甲。", ["完成甲。"]), (None, "任务乙。", ["完成乙。", "乙的续行。"])]


def test_cells_apart_by_tabs_as_a_browser_copies_a_table():
    report = parse_file(DATA / "tab_cells.txt")
    (table,) = report.tables
    assert table.layout == "tabs"
    assert _columns(table) == [("序号", "number"), ("工作事项", "task"), ("完成情况（截至6月底）", "progress"),
                               ("责任处室", "owners"), ("备注", None)]
    row1, row2, row3 = table.rows
    assert [(i.marker, i.text) for i in row1.cell("progress")] == [("1.", "已开工项目68项。"), ("2.", "完成投资120亿元。")]
    assert row1.owners == ("投资处",) and row1.cell("备注") == ()
    assert (row2.cell("progress"), row2.owners, _texts(row2, "备注")) == ((), ("中小企业处", "产业处"), ["待下半年认定"])
    assert row3.task == "推进数字化改造 200家企业。"
    assert _texts(row3, "progress") == ["已完成改造112家。", "培训企业负责人300人次。"] and row3.owners == ("数字经济处",)
    assert [p.text for s in report.sections for p in s.paragraphs] == ["下半年将继续推进各项工作。"]
    assert "unsplit-row" not in _codes(report)


def test_a_section_announcing_its_count_is_checked_against_its_rows(tmp_report):
    part = "| 序号 | 重点任务 | 推进情况 | 牵头单位 |\n|---|---|---|---|\n"
    report = parse_file(tmp_report(
        "某县2023年重点工作推进情况\n\n县长主抓重点工作(3项)\n\n" + part + "| 1 | 甲。 | 甲进展。 | 县发改局 |\n"
        "| 2 | 乙。 | 乙进展。 | 县经信局 |\n\n副县长分管重点工作(1项)\n\n" + part + "| 3 | 丙。 | 丙进展。 | 县交通运输局 |\n"
        "\n其他重点工作(2项)\n\n" + part + "| 4 | 丁。 | 丁进展。 | 县交通运输局 |\n"))
    (table,) = report.tables
    assert [r.number for r in table.rows] == ["1", "2", "3", "4"]
    counts = [(d.line, d.message) for d in report.diagnostics if d.code == "row-count"]
    assert counts == [(3, "the section '县长主抓重点工作(3项)' announces 3 rows but 2 were found"),
                      (16, "the section '其他重点工作(2项)' announces 2 rows but 1 were found")]


def test_flattened_table_in_parts_with_the_header_repeated_is_one_table():
    report = parse_file(DATA / "flat_parts.txt")
    (table,) = report.tables
    assert table.layout == "flat"
    assert table.caption is None
    assert [c.label for c in table.columns] == ["重点工作任务", "完成情况", "责任单位"]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "市长主抓重点工作"), ("2", "市长主抓重点工作"), ("3", "副市长分管重点工作")]
    assert table.rows[1].owners == ("市人力社保局",)  # not the next part's caption or header
    assert table.rows[2].owners == ("市林业局", "市自然资源和规划局")
    assert report.sections == () and report.unplaced == ()


def test_progress_that_ends_like_a_unit_is_not_split_off_as_one(tmp_report):
    report = parse_file(tmp_report("某市2021年工作推进情况\n\n序号内容与要求完成情况责任单位\n"
                                   "1编制专项规划。规划初稿已报省政府\n2推进改革。已完成。市发改委\n"))
    row1, row2 = report.tables[0].rows
    assert row1.owners == () and row1.task == "编制专项规划。规划初稿已报省政府"
    assert row2.owners == ("市发改委",)


def test_flattened_rows_with_owners_in_the_task_and_fields_after_labels(tmp_report):
    report = parse_file(tmp_report(
        "某局2022年重点工作情况\n\n序号\n\n重点任务\n\n进展情况\n\n1\n\n建设孵化器5家。（责任单位:高新处、成果处）\n\n"
        "进展情况:已建成3家。下步打算:年底前建成其余2家。\n\n2\n\n举办创新大赛。\n\n已举办。\n"))
    (table,) = report.tables
    assert [(c.label, c.role, c.from_cells) for c in table.columns] == [
        ("序号", "number", False), ("重点任务", "task", False), ("进展情况", "progress", False), ("责任单位", "owners", True)]
    row1, row2 = table.rows
    assert (row1.task, row1.owners) == ("建设孵化器5家。", ("高新处", "成果处"))
    assert _texts(row1, "progress") == ["进展情况:已建成3家。", "下步打算:年底前建成其余2家。"]
    assert (row2.task, row2.owners, _texts(row2, "progress")) == ("举办创新大赛。", (), ["已举办。"])


def test_second_header_row_of_rows_without_a_leading_pipe(tmp_report):
    """`a | b |` rows: a second header line starting with an empty cell reads like `| b |`; it stays aligned."""
    report = parse_file(tmp_report("某表情况\n\n序号 | 重点任务 | 完成情况 | | 责任单位 |\n | | 进展 | 问题 | |\n"
                                   "1 | 甲。 | 甲进展。 | 无 | 高新处 |\n"))
    (table,) = report.tables
    assert [(c.label, c.group) for c in table.columns] == [
        ("序号", None), ("重点任务", None), ("进展", "完成情况"), ("问题", "完成情况"), ("责任单位", None)]
    assert (table.rows[0].task, _texts(table.rows[0], "problems"), table.rows[0].owners) == ("甲。", ["无"], ("高新处",))


def test_rows_without_a_leading_pipe_keep_an_empty_first_cell(tmp_report):
    report = parse_file(tmp_report("某表情况\n\n序号 | 重点任务 | 完成情况 | 责任单位 |\n1 | 甲。 | 甲进展。 | 高新处 |\n"
                                   " | | 甲的续行。 | |\n2 | 乙。 | 乙进展。 | 规划处 |\n"))
    (table,) = report.tables
    assert [(r.number, r.task, _texts(r, "progress")) for r in table.rows] == [
        ("1", "甲。", ["甲进展。", "甲的续行。"]), ("2", "乙。", ["乙进展。"])]


def test_rows_numbered_past_999_are_rows_of_their_own(tmp_report):
    # Row 1000 was read as a continuation of row 999 (a number of three digits at most), so a
    # report of thousands of rows within the limits became one giant row.
    lines = ["索引号: | 002482090/2023-09991 | 发布机构: | 省科技厅 |", "", "测试2023年重点工作完成情况", "",
             "| 序号 | 重点任务 | 完成情况 | 责任处室 |"]
    lines += [f"| {n} | 推进第{n}项工作。 | 已完成。 | 高新处 |" for n in range(995, 1006)]
    report = parse_file(tmp_report("\n".join(lines) + "\n"))
    assert [row.number for row in report.tables[0].rows] == [str(n) for n in range(995, 1006)]


# ---------------------------------------------------------------- group rows with the number in a cell of its own


def test_group_rows_with_the_number_apart_in_pipe_rows():
    """`| 一 | 科技创新 | | |` and `| （一） | 平台建设 | |` are sections, not task rows numbered 一."""
    report, table = _one_table("group_rows_pipe.txt")
    assert [r.number for r in table.rows] == ["1", "2", "3", "4", "5"]
    assert [s.text for s in table.sections] == ["一 科技创新", "（一） 平台建设", "（二） 企业培育", "二 成果转化"]
    assert [r.section for r in table.rows] == ["（一） 平台建设"] * 2 + ["（二） 企业培育"] + ["二 成果转化"] * 2
    row1, row2, row3, row4, row5 = table.rows
    assert _texts(row1, "progress") == ["进展情况:已获批2家。", "下步打算:做好第三家申报。"]
    assert row2.owners == ("成果处", "高新处")
    assert row3.owners == ("高新处", "某某区(县)科技局")
    assert row5.owners == ("成果处", "市技术市场(中心)")
    assert [_texts(r, "status") for r in table.rows] == [["顺利推进"]] * 3 + [["已完成"], ["顺利推进"]]
    assert "continuation-row" not in _codes(report) and report.unplaced == ()


def test_group_rows_with_the_number_apart_in_tabbed_cells():
    report, table = _one_table("group_rows_tabs.txt", "tabs")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一 制造业高质量发展"), ("2", "一 制造业高质量发展"), ("3", "二 中小企业服务"), ("4", "（一） 融资服务")]
    assert [(i.marker, i.text) for i in table.rows[1].cell("progress")] == [
        ("1.", "已完成改造212家。"), ("2.", "培训企业负责人500人次。")]
    assert table.rows[2].owners == ("中小企业处", "产业处")
    assert [p.text for s in report.sections for p in s.paragraphs] == ["下一步,我局将继续抓好各项重点工作。"]
    assert "short-row" not in _codes(report)


def test_group_rows_with_the_number_apart_in_an_html_table():
    report, table = _one_table("group_rows.html")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一 教育卫生"), ("2", "一 教育卫生"), ("3", "（一） 城乡公交"), ("4", "（二） 停车设施")]
    assert [s.text for s in table.sections] == ["一 教育卫生", "二 交通出行", "（一） 城乡公交", "（二） 停车设施"]
    assert table.rows[1].owners == ("县卫生健康局", "各乡镇(街道)")
    assert table.rows[3].owners == ("县交通运输局", "县综合行政执法局")
    assert [_texts(r, "status") for r in table.rows] == [["顺利推进"], ["顺利推进"], ["已完工"], ["顺利推进"]]


def test_a_row_numbered_in_chinese_among_rows_numbered_so_stays_a_row(tmp_report):
    """一 二 三 numbering the rows themselves: a row with only its task is a row, not a section."""
    report = parse_file(tmp_report("某县重点工作情况\n\n| 序号 | 重点任务 | 完成情况 |\n|---|---|---|\n"
                                   "| 一 | 甲。 | 甲完成。 |\n| 二 | 乙。 | |\n| 三 | 丙。 | 丙完成。 |\n"))
    (table,) = report.tables
    assert [(r.number, r.task) for r in table.rows] == [("一", "甲。"), ("二", "乙。"), ("三", "丙。")]
    assert table.sections == ()


# ---------------------------------------------------------------- two-level headers one cell per line


def test_two_level_header_one_cell_per_line_with_the_empty_cells_of_merged_cells():
    report, table = _one_table("cell_per_line_levels.txt")
    assert _levels(table) == [
        ("序号", "number", None), ("重点任务", "task", None), ("进展", "progress", "推进情况"),
        ("存在问题", "problems", "推进情况"), ("牵头单位", "owners", None), ("进展状态", "status", None)]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一 重大项目"), ("2", "一 重大项目"), ("3", "二 民生保障")]
    row1, row2, row3 = table.rows
    assert [(i.marker, i.text) for i in row1.cell("progress")] == [("1.", "已完成土地征收。"), ("2.", "标准厂房主体结顶。")]
    assert _texts(row1, "problems") == ["企业入驻进度偏慢。"]
    assert row1.owners == ("县经信局", "县自然资源和规划局")
    assert row2.cell("problems") == () and _texts(row2, "status") == ["顺利推进"]
    assert row3.owners == ("县文化和广电旅游体育局(县体育发展中心)",)
    assert not {"short-row", "unknown-column"} & set(_codes(report))


def test_two_level_header_one_cell_per_line_without_cells_for_the_merged_ones():
    """One label more than a row has cells: read as one cell over the last two, and said so."""
    report, table = _one_table("cell_per_line_spans.txt")
    assert _levels(table) == [
        ("序号", "number", None), ("工作任务", "task", None), ("进展", "progress", "完成情况"),
        ("问题", "problems", "完成情况"), ("责任科室", "owners", None)]
    assert [r.number for r in table.rows] == ["1", "2", "3"]  # the header repeated is structure
    assert _texts(table.rows[0], "problems") == ["第二批评审尚未开始。"]
    assert table.rows[1].owners == ("成果科", "某某街道")
    levels = [d for d in report.diagnostics if d.code == "header-levels"]
    assert [d.line for d in levels] == [8] and levels[0].hint


# ---------------------------------------------------------------- category columns spanning rows


def test_a_category_column_spanning_rows_is_carried_by_the_rows_below():
    report, table = _one_table("category_column.html")
    assert _columns(table) == [
        ("类别", "category"), ("序号", "number"), ("重点任务", "task"), ("完成情况", "progress"), ("责任处室", "owners")]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "创新平台"), ("2", "创新平台"), ("3", "创新平台"), ("4", "企业创新"), ("5", "企业创新"), ("6", "人才引育")]
    assert [s.text for s in table.sections] == ["创新平台", "企业创新", "人才引育"]
    assert [k for k, _ in table.rows[0].cells] == ["task", "progress", "owners"]
    assert [(i.marker, i.text) for i in table.rows[2].cell("progress")] == [("1.", "完成布局方案。"), ("2.", "启动第二批建设。")]
    assert table.rows[4].owners == ("高新处", "成果处") and table.rows[5].owners == ("人才处(外专处)",)


def test_a_category_written_once_and_left_empty_below_in_pipe_rows():
    report, table = _one_table("category_column_pipe.txt")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "经济发展"), ("2", "经济发展"), ("3", "经济发展"), ("4", "社会民生"), ("5", "社会民生")]
    row2, row5 = table.rows[1], table.rows[4]
    assert (row2.task, row2.owners) == ("完成固定资产投资1200亿元。", ("市发改委", "市统计局"))
    assert _texts(row5, "progress") == ["已开工6所。", "另2所完成选址。"]  # the continuation line stays with row 5
    assert row5.owners == ("市教育局", "各区(县、市)政府") and _texts(row5, "status") == ["滞后"]


def test_the_report_page_shows_a_category_as_section_rows_not_an_empty_column():
    from bs4 import BeautifulSoup

    from generator.write.report_page import report_table

    (table,) = parse_file(DATA / "category_column.html").tables
    page = BeautifulSoup(report_table("r", 0, table), "html.parser")
    head = [th.get_text() for th in page.select("thead th")]
    assert head == ["序号", "重点任务", "完成情况", "责任处室"]
    rows = page.select("tbody tr")
    assert [r.get_text() for r in rows if "section-row" in r.get("class", [])] == ["创新平台", "企业创新", "人才引育"]
    assert {len(r.select("td")) for r in rows if "section-row" not in r.get("class", [])} == {len(head)}


# ---------------------------------------------------------------- glued headers with a label the vocabulary does not know


def test_a_glued_header_with_an_unknown_label_keeps_it_as_a_column_of_its_own():
    report, table = _one_table("glued_unknown_label.txt", "glued")
    assert _columns(table) == [("序号", "number"), ("重点工作", "task"), ("完成情况", "progress"),
                               ("责任单位", "owners"), ("备注", None)]
    row1, row2, row3 = table.rows
    assert (row1.task, _texts(row1, "progress"), row1.owners, _texts(row1, "备注")) == (
        "完成老旧小区改造40个。", ["已完成改造42个。"], ("城建处",), ["超额完成"])
    assert row2.owners == ("住房保障处", "某某区(县)住建局")
    assert row3.task == "推进建筑业高质量发展,建筑业产值增长6%。建筑业产值增长6.8%。建筑业处"  # kept whole, and said so
    assert [d.line for d in report.diagnostics if d.code == "unsplit-row"] == [17]
    (guess,) = [d for d in report.diagnostics if d.code == "glued-header"]
    assert guess.line == 8 and "备注" in guess.message and guess.hint


def test_an_unknown_glued_label_ending_in_a_short_known_one_stays_whole(tmp_report):
    """存在主要问题 is one label, not 存在主要 and 问题."""
    report = parse_file(tmp_report("某局重点工作情况\n\n序号重点任务完成情况存在主要问题\n1甲。\n甲完成。\n无。\n2乙。\n"))
    (table,) = report.tables
    assert [c.label for c in table.columns] == ["序号", "重点任务", "完成情况", "存在主要问题"]
    assert _texts(table.rows[0], "存在主要问题") == ["无。"]


# ---------------------------------------------------------------- a page copied whole: its menus are chrome, not rows


def test_a_page_copied_whole_keeps_its_menus_out_of_the_table():
    report, table = _one_table("page_copied_whole.txt")
    assert table.caption is None  # not the 字体 … 【打印本页】 line
    assert [r.number for r in table.rows] == ["1", "2"]
    assert table.rows[1].owners == ("成果处", "高新处")
    assert _texts(table.rows[1], "progress") == ["已建成1家,第二家完成选址。"]
    assert report.sections == () and report.unplaced == ()
    chrome = [(p.why, p.line) for p in report.ledger if p.kind == "chrome"]
    assert ("menu", 2) in chrome and ("menu", 25) in chrome and ("font-size", 11) in chrome
    assert ("site-links", 29) in chrome  # `| 网站地图 | 联系我们 | 网站声明 |`, a row of cells


def test_menu_rows_after_a_table_are_chrome_not_a_section(tmp_report):
    report = parse_file(tmp_report("某局重点工作情况\n\n| 序号 | 重点任务 | 完成情况 |\n|---|---|---|\n| 1 | 甲。 | 甲完成。 |\n\n"
                                   "| 网站地图 | 联系我们 | 网站声明 |\n| 首页 | 机构概况 | 政务公开 | 政务服务 |\n"))
    assert [r.number for r in report.tables[0].rows] == ["1"]
    assert report.sections == () and report.unplaced == ()
    assert [p.why for p in report.ledger if p.kind == "chrome"] == ["site-links", "menu"]


# ---------------------------------------------------------------- other publishers: sections of a mayor's table, department lists


def test_a_mayors_table_copied_with_tabs_in_sections_over_the_repeated_header():
    """The first section's heading stands above the header, as the second's does: both are sections."""
    report, table = _one_table("mayor_sections_tabs.txt")
    assert table.layout == "tabs" and table.caption is None
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一、市长主抓重点工作（3项）"), ("2", "一、市长主抓重点工作（3项）"), ("3", "一、市长主抓重点工作（3项）"),
        ("4", "二、副市长分管重点工作（3项）"), ("5", "二、副市长分管重点工作（3项）")]
    row1, row2, row3, row4, row5 = table.rows
    assert (row2.task, row2.owners) == ("新增高新技术企业300家。", ("市科技局", "市经信局"))
    assert row3.task == "建成城市书房20家。"  # its number glued to the task: `3.建成…<tab>…`
    assert _texts(row3, "progress") == ["进展情况：已建成15家。", "下步打算：年底前全部建成。"]
    assert row3.owners == ("市文化广电旅游局（市文物局）",)
    assert row4.owners == ("市住建局", "各区（县、市）政府") and _texts(row4, "status") == ["滞后"]
    assert row5.owners == ("市交通运输局", "市公安局交警支队")
    counts = [(d.line, d.message) for d in report.diagnostics if d.code == "row-count"]
    assert counts == [(13, "the section '二、副市长分管重点工作（3项）' announces 3 rows but 2 were found")]


def test_a_department_list_with_counts_in_its_headings():
    report = parse_file(DATA / "department_counts.txt")
    assert report.tables == () and report.sections == ()
    assert [(e.division, e.number) for e in report.entries] == [
        ("市发展和改革委员会", "1"), ("市发展和改革委员会", "2"), ("市发展和改革委员会", "3"),
        ("市经济和信息化局", "1"), ("市科技局", ""), ("市委组织部（市人才办）", "1"), ("市委组织部（市人才办）", "2")]
    assert report.entries[4].heading == "三、市科技局(1项):"
    # two items run on in one line stay one entry (an entry is anchored by its line), and the count says so
    assert report.entries[3].text == "召开全市工业经济运行分析会。2.新增规上工业企业21家。"
    assert [d.line for d in report.diagnostics if d.code == "entry-count"] == [12]


@pytest.mark.parametrize("text, caption, sections", [
    # a report's heading over group rows of the next level
    ("一、重点工作完成情况\n\n| 序号 | 重点任务 | 完成情况 |\n|---|---|---|\n| (一)创新 | | |\n| 1 | 甲。 | 甲完成。 |\n"
     "| (二)服务 | | |\n| 2 | 乙。 | 乙完成。 |\n", "一、重点工作完成情况", ["(一)创新", "(二)服务"]),
    # a plain caption over a table with a category column
    ("某市2023年重点任务清单\n\n| 类别 | 序号 | 重点任务 | 完成情况 |\n|---|---|---|---|\n| 科技创新 | 1 | 甲。 | 甲完成。 |\n"
     "| | 2 | 乙。 | 乙完成。 |\n", "某市2023年重点任务清单", ["科技创新", "科技创新"]),
])
def test_a_caption_over_sections_of_another_kind_stays_the_caption(tmp_report, text, caption, sections):
    """Only a 一、 heading over a table whose sections are 二、 … becomes its first section."""
    (table,) = parse_file(tmp_report("某局2023年工作情况\n\n" + text)).tables
    assert table.caption == caption
    assert [(r.number, r.section) for r in table.rows] == [("1", sections[0]), ("2", sections[1])]


def test_a_category_column_in_tabbed_rows_with_its_empty_cell_dropped():
    report, table = _one_table("category_column_tabs.txt", "tabs")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "创新主体"), ("2", "创新主体"), ("3", "平台载体"), ("4", "平台载体")]
    assert table.rows[1].owners == ("高新科", "成果科")
    assert table.rows[3].owners == ("成果科（县生产力促进中心）",)
    assert not {"unsplit-row", "unknown-column"} & set(_codes(report))


def test_a_category_column_one_cell_per_line_merged_or_left_empty():
    """The first row's category is no header label; a merged one leaves a `|`, or nothing."""
    report, table = _one_table("category_column_lines.txt")
    assert [c.label for c in table.columns] == ["类别", "序号", "重点工作", "推进情况", "责任科室"]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "工业投资"), ("2", "工业投资"), ("3", "数字经济"), ("4", "数字经济")]
    assert [(i.marker, i.text) for i in table.rows[2].cell("progress")] == [
        ("1.", "新增上云企业162家。"), ("2.", "举办数字化转型培训2场。")]
    assert table.rows[1].owners == ("投资科", "技术科") and table.rows[3].owners == ("信息化科",)


def test_rows_numbered_in_brackets_are_rows(tmp_report):
    report = parse_file(tmp_report("某市重点工作情况\n\n| 序号 | 重点工作 | 推进情况 |\n|---|---|---|\n"
                                   "| (1) | 甲。 | 甲完成。 |\n| （2） | 乙。 | 乙完成。 |\n"))
    assert [(r.number, r.task) for r in report.tables[0].rows] == [("(1)", "甲。"), ("（2）", "乙。")]


def test_cells_apart_by_spaces_with_group_rows_and_units_apart_by_spaces():
    report, table = _one_table("spaced_group_rows.txt", "spaced")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一 经济发展"), ("2", "一 经济发展"), ("3", "二 营商环境"), ("4", "（一） 政务服务")]
    assert table.rows[1].owners == ("市人力社保局", "市总工会")
    assert (_texts(table.rows[2], "progress"), table.rows[2].owners) == (
        ["已出台优化营商环境若干措施。"], ("市发改委", "市市场监管局", "市大数据局"))
    assert table.rows[3].owners == ("市政务服务中心（市行政审批局）",)
    assert "unsplit-row" not in _codes(report)


def test_owners_in_brackets_inside_the_task_end_at_the_bracket(tmp_report):
    """(责任单位:…) with the task going on after it: the text after the bracket stays the task's."""
    report = parse_file(tmp_report("某市重点工作情况\n\n| 序号 | 重点工作 | 推进情况 |\n|---|---|---|\n"
                                   "| 1 | 建设孵化器5家（责任单位：市科技局、市经信局）,年底前建成。 | 已建成3家。 |\n"))
    row = report.tables[0].rows[0]
    assert row.owners == ("市科技局", "市经信局")
    assert _texts(row, "task") == ["建设孵化器5家", ",年底前建成。"]


def test_group_rows_flattened_a_paragraph_per_cell():
    """一 / 创新平台 as two paragraphs before row 1: a section, not row 一 whose cells run into row 1."""
    report, table = _one_table("flat_group_rows.txt", "flat")
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "一 创新平台"), ("2", "一 创新平台"), ("3", "（一） 技术市场"), ("4", "（一） 技术市场")]
    assert [s.text for s in table.sections] == ["一 创新平台", "二 成果转化", "（一） 技术市场"]
    assert [(i.marker, i.text) for i in table.rows[1].cell("progress")] == [("1.", "已建成1家。"), ("2.", "第二家完成选址。")]
    assert table.rows[1].owners == ("成果处", "高新处")
    assert report.unplaced == () and not {"extra-blocks", "extra-text"} & set(_codes(report))


def test_owners_in_square_brackets_inside_the_task_are_left_as_written(tmp_report):
    """【责任单位:…】: no name takes the closing 】 (the bracket has no place of its own in the model)."""
    report = parse_file(tmp_report("某市重点工作情况\n\n| 序号 | 重点工作 | 推进情况 |\n|---|---|---|\n"
                                   "| 1 | 建设书房。【责任单位：市文广旅局】 | 已建成。 |\n"))
    row = report.tables[0].rows[0]
    assert row.task == "建设书房。【责任单位：市文广旅局】" and row.owners == ()


def test_a_two_level_header_copied_with_tabs():
    """A browser's copy: the cell over 进展 / 存在问题 leaves them on a line of their own."""
    report, table = _one_table("tabs_two_level.txt", "tabs")
    assert _levels(table) == [
        ("序号", "number", None), ("重点任务", "task", None), ("进展", "progress", "推进情况"),
        ("存在问题", "problems", "推进情况"), ("牵头单位", "owners", None)]
    row1, row2, row3 = table.rows
    assert _texts(row1, "problems") == ["企业入驻进度偏慢。"] and row1.owners == ("县经信局", "县自然资源和规划局")
    assert row2.cell("problems") == () and row2.owners == ("县交通运输局",)
    assert [(i.marker, i.text) for i in row3.cell("progress")] == [("1.", "已建成4家。"), ("2.", "第五家完成装修。")]
    assert [d.line for d in report.diagnostics if d.code == "header-levels"] == [8]


def test_tabbed_header_with_the_empty_cells_of_merged_ones_and_a_column_without_label(tmp_report):
    report = parse_file(tmp_report("某县重点工作情况\n\n序号\t重点任务\t完成情况\t\t责任单位\t\n\t\t进展\t问题\t\t\n"
                                   "1\t建设产业园。\t已完成征地。\t企业入驻偏慢。\t县经信局\t顺利推进\n"
                                   "2\t新建学校。\t已开工。\t\t县教育局\t滞后\n"))
    (table,) = report.tables
    assert [(c.label, c.group) for c in table.columns] == [
        ("序号", None), ("重点任务", None), ("进展", "完成情况"), ("问题", "完成情况"), ("责任单位", None), ("", None)]
    assert [(r.task, r.owners, _texts(r, "status")) for r in table.rows] == [
        ("建设产业园。", ("县经信局",), ["顺利推进"]), ("新建学校。", ("县教育局",), ["滞后"])]
    assert "header-levels" not in _codes(report)


def test_one_cell_per_line_with_the_row_number_glued_to_the_task(tmp_report):
    report = parse_file(tmp_report("某市重点工作情况\n\n序号|\n重点工作|\n推进情况|\n牵头单位|\n"
                                   "1.实施“千项万亿”工程。|\n完成投资652亿元。|\n市发改委|\n"
                                   "2、新增高新技术企业300家。|\n已认定276家。|\n市科技局|\n"))
    (table,) = report.tables
    assert [(r.number, r.task, _texts(r, "progress"), r.owners) for r in table.rows] == [
        ("1", "实施“千项万亿”工程。", ["完成投资652亿元。"], ("市发改委",)),
        ("2", "新增高新技术企业300家。", ["已认定276家。"], ("市科技局",))]


def test_glued_group_rows_and_a_last_row_a_cell_a_line():
    """一经济发展 and 二营商环境 are sections (numbered in turn, so 一季度… in a cell is not one);
    the last row takes its three lines, the owners last."""
    report, table = _one_table("glued_group_rows.txt", "glued")
    assert [(r.number, r.section) for r in table.rows] == [("1", "一经济发展"), ("2", "一经济发展"), ("3", "二营商环境")]
    assert _texts(table.rows[1], "progress") == ["一季度新增就业1.2万人"]
    assert (_texts(table.rows[2], "progress"), table.rows[2].owners) == (
        ["已出台优化营商环境若干措施。"], ("市发改委", "市市场监管局"))
    assert report.sections == () and "unsplit-row" not in _codes(report)


@pytest.mark.parametrize("sep", ["\t", "\u3000"])
def test_rows_numbered_in_chinese_numerals_apart_by_tabs_or_spaces(tmp_report, sep):
    """一<tab>建设… with no row numbered 1 after it: rows numbered 一, 二, not group rows."""
    lines = ["序号", "重点任务", "推进情况", "牵头单位"], ["一", "建设产业园。", "已完成征地。", "县经信局"], [
        "二", "新建学校2所。", "已开工。", "县教育局"]
    report = parse_file(tmp_report("某县重点工作情况\n\n" + "".join(sep.join(line) + "\n" for line in lines)))
    (table,) = report.tables
    assert [(r.number, r.task, r.owners) for r in table.rows] == [
        ("一", "建设产业园。", ("县经信局",)), ("二", "新建学校2所。", ("县教育局",))]
    assert table.sections == ()


def test_a_category_column_in_a_flattened_table():
    """The first row's category is no header label, and each value is a section over its rows."""
    report, table = _one_table("flat_category.txt")
    assert _columns(table) == [
        ("类别", "category"), ("序号", "number"), ("重点任务", "task"), ("完成情况", "progress"), ("牵头处室", "owners")]
    assert [(r.number, r.section) for r in table.rows] == [
        ("1", "创新平台"), ("2", "创新平台"), ("3", "企业创新"), ("4", "企业创新")]
    assert [(i.marker, i.text) for i in table.rows[1].cell("progress")] == [("1.", "已认定4家。"), ("2.", "第五家完成评审。")]
    assert table.rows[1].owners == ("基础处", "规划处") and table.rows[3].owners == ("高新处",)
    assert report.unplaced == () and not {"unknown-column", "ambiguous-empty-column"} & set(_codes(report))


def test_a_category_column_in_rows_with_a_number_the_header_does_not_name(tmp_report):
    report = parse_file(tmp_report("某市重点工作情况\n\n| 类别 | 重点任务 | 完成情况 |\n|---|---|---|\n"
                                   "| 1 | 科技创新 | 甲。 | 甲完成。 |\n| 2 | | 乙。 | 乙完成。 |\n"))
    (table,) = report.tables
    assert [(r.number, r.section, r.task, _texts(r, "progress")) for r in table.rows] == [
        ("1", "科技创新", "甲。", ["甲完成。"]), ("2", "科技创新", "乙。", ["乙完成。"])]
    assert report.unplaced == ()
