"""The head of the page in every layout of the CMS family: the information block, the
title and the page chrome around them (fixtures in tests/data/, labelled in its README)."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.parse import parse_file
from generator.vocabulary import chrome_kind
from tests.conftest import DATA, FIXTURES
from tests.fidelity import check_conservation, model_texts, squeeze

SERIES = "002482090/"
LIST = "1. 办公室:完成测试工作。\n\n2. 规划处:完成测试规划。\n"
HTML_LIST = "<p>1. 办公室:完成测试工作。</p><p>2. 规划处:完成测试规划。</p>"


def set_aside(report) -> set[str]:
    """The kinds of page chrome the parser set aside."""
    return {p.why for p in report.ledger if p.kind == "chrome"}


def meta_of(report) -> dict:
    m = report.meta
    return {k: v for k, v in (("index_no", m.index_no), ("publisher", m.publisher), ("issued", m.issued),
                              ("disclosure", m.disclosure), ("published", m.published), ("origin", m.origin)) if v}


def published(index_tail: str, issued: str, when: str, publisher: str = "省科技厅", origin: str = "") -> dict:
    """The metadata every fixture of the series has: 主动公开, 省科技厅 unless another publisher, and these."""
    return {"index_no": SERIES + index_tail, "publisher": publisher, "issued": issued,
            "disclosure": "主动公开", "published": when, "origin": origin or publisher}


PAGE = {"skip-link", "accessibility", "breadcrumb", "duplicate", "counter", "font-size", "share", "prev-next", "related",
        "site-links", "footer"}
"""The chrome every whole page of the new fixtures has."""


# fixture: (title, metadata, extra (label, value), chrome kinds that must be set aside, diagnostics)
CASES = {
    "head_pipe_rows.txt": (
        "浙江省科学技术厅2021年度重点工作三季度完成情况",
        published("2021-90001", "2021-10-15", "2021-10-15 16:02"),
        [], {"counter"}, set()),
    "head_cell_lines.txt": (
        "浙江省科技厅2021年5月份重点工作完成情况",
        published("2021-90002", "2021-05-31", "2021-05-31 09:30:15"),
        [("公开时限", "长期公开"), ("文\u3000\u3000号", "浙科发〔2021〕99号")],
        {"skip-link", "language", "accessibility", "breadcrumb", "font-size", "print-close", "prev-next",
         "related", "site-links", "footer", "counter", "duplicate"},
        {"title-twice"}),
    "head_by_column.txt": (
        "浙江省科学技术厅2021年度重点工作完成情况",
        published("2022-90003", "2022-01-20", "2022-01-20"),
        [], {"breadcrumb", "counter", "font-size"}, set()),
    "head_truncated_label.txt": (
        "浙江省科技厅2020年6月份重点工作完成情况",
        published("2020-90004", "2020-06-30", "2020-06-30 17:05"),
        [("有效性", "有效"), ("主题分类", "科技、教育")], set(), set()),
    "head_no_title.txt": (None, {}, [], set(), {"no-title"}),
    "cms_page_layout_tables.html": (
        "测试省科技厅2021年度重点工作三季度进展情况",
        published("2021-90005", "2021-10-20", "2021-10-20 09:12"),
        [("文\u3000\u3000号", "浙科发〔2021〕98号"), ("有效性", "有效")],
        {"skip-link", "language", "accessibility", "hidden", "breadcrumb", "outside-article", "duplicate",
         "counter", "font-size", "print-close", "share", "prev-next", "related", "site-links", "footer"},
        {"duplicate-meta"}),
    "cms_page_xhtml_gbk.html": (
        "测试省科技厅2020年5月份重点工作完成情况",
        published("2020-90006", "2020-05-29", "2020-05-29 16:40"),
        [], {"skip-link", "accessibility", "breadcrumb", "hidden", "outside-article", "footer", "print-close"},
        set()),
    "cms_nested_tables_gbk.html": (
        "测试市科学技术局2022年一季度重点工作推进情况",
        published("2022-90011", "2022-04-12", "2022-04-15 10:20:00", "测试市科学技术局"),
        [("文件编号", "测科〔2022〕7号"), ("主题分类", "科技/其他")],
        PAGE | {"site-header", "menu"}, {"duplicate-meta", "title-twice"}),
    "cms_xhtml_unit_list.html": (
        "测试县人民政府办公室2023年4月份重点工作完成情况",
        published("2023-90012", "2023-05-06", "2023-05-08 08:45:12", "测试县人民政府办公室", "县政府办公室"),
        [("发文字号", ""), ("组配分类", "计划总结")],
        PAGE | {"language", "site-header", "outside-article"}, {"duplicate-meta", "title-twice"}),
    "cms_page_copied_text.txt": (
        "测试市科学技术局关于2022年上半年重点工作推进情况的报告",
        published("2022-90013", "2022-07-08", "2022-07-11", "测试市科学技术局", "市科技局"),
        [("文号", "测科发〔2022〕15号"), ("有效性", "有效")], PAGE | {"menu"}, {"title-twice"}),
}
UNPLACED = {"cms_page_copied_text.txt": ["测试市科学技术局"]}
"""A page copied whole as text: the site's name above the information block is kept, as unplaced."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_title_metadata_and_chrome_of_each_layout(name):
    title, meta, extra, kinds, codes = CASES[name]
    report = parse_file(DATA / name)
    assert report.meta.title == title
    assert meta_of(report) == meta
    assert [(f.label, f.value) for f in report.meta.extra] == extra
    found = Counter(p.why for p in report.ledger if p.kind == "chrome")
    assert kinds <= set(found), f"not set aside: {kinds - set(found)}"
    assert codes <= {d.code for d in report.diagnostics}
    assert [u.text for u in report.unplaced] == UNPLACED.get(name, [])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_chrome_reaches_a_title_caption_cell_or_section(path):
    report = parse_file(path)
    chrome = {squeeze(p.text) for p in report.ledger if p.kind == "chrome" and p.why != "duplicate"}
    for text in model_texts(report):
        assert chrome_kind(text) is None, f"{path.name}: chrome in the model: {text!r}"
        assert squeeze(text) not in chrome or not text.strip(), f"{path.name}: chrome text in the model: {text!r}"


def test_the_tables_and_lists_under_each_head_are_read():
    rows = {name: [len(t.rows) for t in parse_file(DATA / name).tables] for name in CASES}
    assert rows["head_pipe_rows.txt"] == [2]
    assert rows["head_by_column.txt"] == [1]
    assert rows["cms_page_layout_tables.html"] == [2]
    assert rows["cms_nested_tables_gbk.html"] == [2] and rows["cms_page_copied_text.txt"] == [3]
    columns = {name: [[c.label for c in t.columns] for t in parse_file(DATA / name).tables]
               for name in ("cms_nested_tables_gbk.html", "cms_page_copied_text.txt")}
    assert columns == {"cms_nested_tables_gbk.html": [["序号", "重点任务", "推进情况", "牵头处室"]],
                       "cms_page_copied_text.txt": [["序号", "重点工作", "推进情况", "责任处室"]]}
    lists = {name: len(parse_file(DATA / name).entries) for name in CASES}
    assert lists["head_cell_lines.txt"] == 2 and lists["cms_page_xhtml_gbk.html"] == 3
    assert lists["head_no_title.txt"] == 3 and lists["head_truncated_label.txt"] == 2
    assert [(e.heading, e.number, e.text) for e in parse_file(DATA / "cms_xhtml_unit_list.html").entries] == [
        ("（一）县发展和改革局（2项）", "1", "完成测试项目12个年度投资计划下达。"),
        ("（一）县发展和改革局（2项）", "2", "推进测试园区规划编制，完成初稿。"),
        ("（二）县经济和信息化局（1项）", "1", "新增规上测试企业5家。")]


def test_a_line_in_the_head_that_is_not_the_title_is_kept_and_reported(tmp_report):
    report = parse_file(tmp_report("政府信息公开\n\n测试单位2021年工作进展情况\n\n索引号: 1/2 发布机构: 测试单位\n\n"
                      + LIST))
    assert report.meta.title == "测试单位2021年工作进展情况"
    assert [u.text for u in report.unplaced] == ["政府信息公开"]
    assert "head-text" in {d.code for d in report.diagnostics}


def test_the_page_title_picks_the_title_over_a_column_name(tmp_report):
    """<title> adds the site's name; the heading it contains is the title, not the line above."""
    page = ("<html><head><title>测试单位2021年工作进展情况_测试网站</title></head><body>"
            "<div><p>重点工作专栏</p><p>测试单位2021年工作进展情况</p></div>"
            "<div>" + HTML_LIST + "</div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert report.meta.title == "测试单位2021年工作进展情况"


def _add(tmp_path, *args):
    import shutil
    import subprocess
    import sys

    from tests.conftest import SOURCES

    if not (tmp_path / "content").exists():
        shutil.copytree(SOURCES, tmp_path / "content" / "sources")
    return subprocess.run([sys.executable, "-m", "generator", "add", *map(str, args)],
                          cwd=tmp_path, capture_output=True, text=True)


def test_add_refuses_a_file_with_no_report_shape_unless_forced(tmp_path):
    refused = _add(tmp_path, DATA / "not_a_report.txt")
    assert refused.returncode == 2
    assert "not_a_report.txt:1: error: the file does not look like a report: no 索引号" in refused.stderr
    assert "--force" in refused.stderr
    assert not list((tmp_path / "content" / "sources").glob("*not-a-report*"))
    forced = _add(tmp_path, DATA / "not_a_report.txt", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "this does not look like a report" in forced.stdout  # still said, as a warning


def test_add_says_how_the_report_was_read(tmp_path):
    result = _add(tmp_path, DATA / "cms_page_layout_tables.html")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "read as saved HTML; article found by the CMS's content marker and the title (utf-8)" in out
    assert "metadata: 索引号、发布机构、发文日期、公开方式、发布日期、信息来源、文　　号、有效性" in out
    assert "title: the report's heading (no 标题 field)" in out
    assert "tables: 2 rows × 5 columns" in out
    assert "page chrome set aside: " in out and "breadcrumb 3" in out and "hidden 1" in out and "footer 3" in out


def test_a_title_broken_over_two_lines_is_read_whole(tmp_report):
    report = parse_file(tmp_report("索引号: 1/2021-1 发布机构: 测试单位\n\n测试单位2021年度重点工作\n\n半年度完成情况\n\n"
                      "发布日期:2021-07-12 信息来源:测试单位\n\n" + LIST))
    assert report.meta.title == "测试单位2021年度重点工作半年度完成情况"
    assert not report.unplaced


def test_chrome_glued_to_the_information_line_is_not_in_a_value(tmp_report):
    report = parse_file(tmp_report("测试单位2021年工作报告\n\n时间：2021-07-12 来源：测试单位 【字体：大 中 小】【打印】【关闭】\n\n"
                      + LIST))
    assert (report.meta.published, report.meta.origin) == ("2021-07-12", "测试单位")
    assert {"font-size", "print-close"} <= set_aside(report)


def test_labels_the_data_does_not_list_are_kept_beside_known_ones(tmp_report):
    report = parse_file(tmp_report("所属栏目：重点工作 索引号：1/2021-1 发布机构：测试单位\n\n"
                      "| 所属主题： | 科技 | 公开范围： | 全社会 |\n| 发文日期： | 2021-07-12 | 公开方式： | 主动公开 |\n\n"
                      "测试单位2021年工作报告\n\n" + LIST))
    assert (report.meta.index_no, report.meta.issued, report.meta.title) == ("1/2021-1", "2021-07-12", "测试单位2021年工作报告")
    assert [(f.label, f.value) for f in report.meta.extra] == [("所属栏目", "重点工作"), ("所属主题", "科技"), ("公开范围", "全社会")]


def test_header_chrome_never_becomes_the_title(tmp_report):
    report = parse_file(tmp_report("欢迎访问测试省科学技术厅网站\n\n今天是2021年7月12日 星期一\n\n登录 | 注册\n\n"
                      "测试省科学技术厅 > 政府信息公开 > 重点工作\n\n索引号：1/2021-1 发布机构：测试单位\n\n"
                      "测试单位2021年工作报告\n\n" + LIST))
    assert report.meta.title == "测试单位2021年工作报告" and not report.unplaced
    assert {"site-header", "breadcrumb"} <= set_aside(report)


def test_chrome_data_never_takes_report_text():
    """Chrome is matched on every paragraph of the body too: column labels, division names
    and sentences a report may hold must never match it."""
    import tomllib

    from generator.vocabulary import DATA as VOCABULARY

    columns = tomllib.loads((VOCABULARY / "columns.toml").read_text("utf-8"))["roles"]
    divisions = tomllib.loads((VOCABULARY / "divisions.toml").read_text("utf-8"))["division"]
    texts = [label for spec in columns.values() for label in spec["labels"]]
    texts += [d["name"] for d in divisions] + [a for d in divisions for a in d.get("aliases", ())]
    texts += ["建设单位：杭州市测试公司", "所在位置：杭州市西湖区", "督促企业向公安机关备案。", "相关文件",
              "保护版权所有者的合法权益。", "意见建议", "主管单位：省科技厅", "<script>alert(1)</script>测试报告 {{ title }}",
              "增长率>5%,完成率>90%。", "微信", "返回原文", "下一步打算", "1.完成测试。", "(c)完成测试。",
              "联系人：张三 联系电话：0571-00000000", "阅读：全文", "本站由于资金原因主办方变更。", "首页-2"]
    assert [t for t in texts if chrome_kind(t)] == []


def test_an_empty_cell_in_a_copy_one_cell_a_line_does_not_take_the_title(tmp_report):
    report = parse_file(tmp_report("索引号\n\n1/2021-1\n\n发布机构\n\n测试单位\n\n文号\n\n"
                      "测试单位关于2021年度重点工作完成情况的报告\n\n" + LIST))
    assert report.meta.title == "测试单位关于2021年度重点工作完成情况的报告"
    assert [(f.label, f.value) for f in report.meta.extra] == [("文号", "")]


def test_a_page_title_that_is_only_the_site_name_does_not_pick_the_title(tmp_report):
    page = ("<html><head><title>测试科学技术厅</title></head><body><div class='logo'>测试科学技术厅</div>"
            "<p>索引号：1/2021-1 发布机构：测试单位</p><p>测试单位2021年工作进展情况</p>"
            "<p>发布日期：2021-07-12 信息来源：测试单位</p>"
            "<div>" + HTML_LIST + "</div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert report.meta.title == "测试单位2021年工作进展情况"


def test_an_information_table_copied_with_tabs_between_cells(tmp_report):
    """A browser copies a table's cells with tabs between them, labels without colons."""
    report = parse_file(tmp_report("索引号\t1/2021-1\t发布机构\t测试单位\n成文日期\t2021-07-12\t公开方式\t主动公开\n\n"
                      "测试单位2021年工作进展情况\n\n" + LIST))
    assert (report.meta.index_no, report.meta.publisher, report.meta.issued, report.meta.disclosure) == (
        "1/2021-1", "测试单位", "2021-07-12", "主动公开")
    assert report.meta.title == "测试单位2021年工作进展情况"


def test_attachments_outside_the_article_are_kept(tmp_report):
    page = ("<html><head><title>测试单位2021年工作进展情况_测试网站</title></head><body>"
            "<div class='nav'><a href='#'>首页</a> <a href='#'>政务公开</a></div>"
            "<div class='wrap'><div class='art'><h1>测试单位2021年工作进展情况</h1><div id='zoom'>"
            "<p>1. 办公室:完成测试工作,形成测试材料起草工作的全部成果。</p><p>2. 规划处:完成测试规划,印发测试工作要点。</p>"
            "</div></div></div><div class='fj'>附件：<a href='a.doc'>测试清单.doc</a></div>"
            "<div class='foot'>版权所有：测试单位</div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert any("测试清单.doc" in t for t in model_texts(report))
    assert {"outside-article", "footer"} <= set_aside(report)


def test_a_page_copied_whole_keeps_its_menu_out_of_the_title(tmp_report):
    """Ctrl+A on the published page: the site's name and menu come first, one a line."""
    report = parse_file(tmp_report("测试省科学技术厅\n\n首页\n\n机构概况\n\n政务公开\n\n政务服务\n\n互动交流\n\n"
                      "当前位置：首页 > 政务公开\n\n索引号：1/2021-1 发布机构：测试单位\n\n测试单位2021年工作进展情况\n\n"
                      "发布日期：2021-07-12 信息来源：测试单位\n\n" + LIST))
    assert report.meta.title == "测试单位2021年工作进展情况"
    assert [u.text for u in report.unplaced] == ["测试省科学技术厅", "机构概况", "政务公开", "政务服务", "互动交流"]
    assert len(report.entries) == 2
    assert [d.code for d in report.diagnostics].count("head-text") == 1


def test_a_page_title_cut_short_still_picks_the_title(tmp_report):
    page = ("<html><head><title>测试单位2021年度重点工作半年度完成…_测试网站</title></head><body>"
            "<p>重点工作专栏</p><p>测试单位2021年度重点工作半年度完成情况</p><div>" + HTML_LIST + "</div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert report.meta.title == "测试单位2021年度重点工作半年度完成情况"
    assert [u.text for u in report.unplaced] == ["重点工作专栏"]


def test_a_caption_like_the_cut_page_title_stays_the_caption(tmp_report):
    page = ("<html><head><title>测试单位2021年度重点工作半年度完成…</title></head><body>"
            "<p>测试单位2021年度重点工作半年度完成情况</p><p>测试单位2021年度重点工作半年度完成情况表</p>"
            "<table><tr><td>序号</td><td>重点工作任务</td><td>责任单位</td></tr>"
            "<tr><td>1</td><td>推进测试。</td><td>规划处</td></tr></table></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert report.meta.title == "测试单位2021年度重点工作半年度完成情况"
    assert [t.caption for t in report.tables] == ["测试单位2021年度重点工作半年度完成情况表"]


def test_a_row_of_page_tools_is_chrome_but_text_beside_a_tool_is_not():
    """A page's tool row puts pieces of several kinds side by side; each piece must be chrome."""
    assert chrome_kind("分享至：微信 微博\u00a0\u00a0收藏\u00a0\u00a0【打印】【关闭】") == "share"
    assert chrome_kind("无障碍浏览　长辈版　English") == "accessibility"
    assert chrome_kind("【字号：大 中 小 默认】　【打印本页】　【关闭窗口】") == "font-size"
    assert [t for t in ("完成测试 【打印】", "推进 微信 微博", "收藏", "微信 公众号推送测试12篇", "首页 机构概况")
            if chrome_kind(t)] == []


def test_an_information_list_with_an_empty_value_keeps_each_value_with_its_label(tmp_report):
    """<dt>/<dd> pairs: an empty <dd> leaves no line, and the next label's value went to the
    label before it (发文字号 = 2023-05-06); a short value like 计划总结 was taken for the title."""
    page = ("<html><head><title>测试县2023年4月份重点工作完成情况_测试县</title></head><body><div class='art'>"
            "<dl><dt>索引号：</dt><dd>1/2023-1</dd><dt>发文字号：</dt><dd></dd><dt>成文日期：</dt><dd>2023-05-06</dd>"
            "<dt>组配分类：</dt><dd>计划总结</dd></dl><h1>测试县2023年4月份重点工作完成情况</h1><div>" + HTML_LIST
            + "</div></div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert (report.meta.index_no, report.meta.issued, report.meta.title) == ("1/2023-1", "2023-05-06", "测试县2023年4月份重点工作完成情况")
    assert [(f.label, f.value) for f in report.meta.extra] == [("发文字号", ""), ("组配分类", "计划总结")]
    assert not report.unplaced


def test_label_and_value_in_elements_side_by_side_without_a_colon(tmp_report):
    """`<span>索引号</span><span>1/2023-1</span>` shows as two cells; read as one text, the
    label was glued to its value and the whole information block was lost to a section."""
    row = "<div class='cell'><span class='lab'>{}</span><span class='val'>{}</span></div>"
    info = "".join(row.format(l, v) for l, v in (("索 引 号", "1/2023-1"), ("发布单位", "测试县政府办公室"),
                                                 ("发文字号", ""), ("成文日期", "2023-05-06")))
    page = ("<html><head><title>测试县2023年4月份重点工作完成情况_测试县</title></head><body><div class='art'>"
            f"<div class='xxgk'>{info}</div><h1>测试县2023年4月份重点工作完成情况</h1><div>{HTML_LIST}</div></div></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert meta_of(report) == {"index_no": "1/2023-1", "publisher": "测试县政府办公室", "issued": "2023-05-06"}
    assert [(f.label, f.value) for f in report.meta.extra] == [("发文字号", "")]
    assert report.meta.title == "测试县2023年4月份重点工作完成情况" and not report.sections and not report.unplaced


def test_footer_lines_of_a_page_copied_as_text_are_chrome(tmp_report):
    """Lines of the family's footers and tool rows in the forms a text copy gives them."""
    chrome = ["【大】【中】【小】", "【我要打印】【关闭窗口】", "（浏览次数：1024）", "首页 - 政务公开 - 重点工作",
              "本网站由测试市科学技术局主办 测试市科技信息中心承办", "地址：杭州市测试路1号 邮编：310006",
              "电话：0571-00000000 传真：0571-00000001"]
    report = parse_file(tmp_report("索引号: 1/2021-1 发布机构: 测试单位\n\n测试单位2021年工作报告\n\n" + LIST + "\n"
                                   + "\n\n".join(chrome) + "\n"))
    assert not report.sections and not report.unplaced
    assert [p.text for p in report.ledger if p.kind == "chrome"] == chrome


def test_add_says_how_a_page_of_layout_tables_and_a_text_copy_were_read(tmp_path):
    saved = _add(tmp_path, DATA / "cms_nested_tables_gbk.html")
    assert saved.returncode == 0, saved.stderr
    assert "read as saved HTML; article found by the block holding the page's text and the title (gb18030)" in saved.stdout
    assert "tables: 2 rows × 4 columns (测试市科学技术局2022年一季度重点工作)" in saved.stdout
    assert "metadata: 索引号、发布机构、发文日期、公开方式、标题、发布日期、信息来源、文件编号、主题分类" in saved.stdout  # 名称
    assert "share 1" in saved.stdout and "footer 4" in saved.stdout and "menu 1" in saved.stdout
    copied = _add(tmp_path, DATA / "cms_page_copied_text.txt")
    assert copied.returncode == 0, copied.stderr
    assert "read as text (utf-8)" in copied.stdout and "tables: 3 rows × 4 columns, cells apart by tabs" in copied.stdout
    assert "footer 7" in copied.stdout


@pytest.mark.parametrize("name, info", [
    ("page.html", "<table><tr><td>索引号</td><td>1/2022-1</td><td>发布机构</td><td>测试市科技局</td></tr>"
                  "<tr><td>成文日期</td><td>2022-01-05</td><td>公开方式</td><td>主动公开</td></tr></table>"),
    ("report.txt", "| 索引号 | 1/2022-1 | 发布机构 | 测试市科技局 |\n| 成文日期 | 2022-01-05 | 公开方式 | 主动公开 |\n"),
])
def test_an_information_table_after_the_body_is_the_reports_metadata(tmp_report, name, info):
    """Some pages print the 索引号 table at the foot of the article: the report was refused
    (its list taken for menus above the table, and no body left)."""
    title = "测试市科技局2022年重点工作完成情况"
    if name.endswith(".html"):
        text = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><div>发布日期：2022-01-06</div>"
                f"<div id='zoom'>{HTML_LIST}</div>{info}</body></html>")
    else:
        text = f"{title}\n\n发布日期：2022-01-06\n\n{LIST}\n{info}"
    report = parse_file(tmp_report(text, name))
    assert report.meta.title == title and len(report.entries) == 2
    assert meta_of(report) == {"index_no": "1/2022-1", "publisher": "测试市科技局", "issued": "2022-01-05",
                               "disclosure": "主动公开", "published": "2022-01-06"}
    assert not report.sections and not report.unplaced


def test_a_menu_line_above_the_information_block_is_never_the_title(tmp_report):
    """A menu copied on one line with | between its names was taken for the title, and the
    report's title after the information block became a section."""
    for menu, kind in (("首页 | 机构概况 | 政务公开 | 办事服务", "menu"), ("机构概况 | 政务公开 | 办事服务", None)):
        report = parse_file(tmp_report(f"{menu}\n当前位置：首页 > 政务公开\n索引号：1/2022-1 发布机构：测试市科技局\n"
                                       f"测试市科技局2022年重点工作完成情况\n{LIST}"))
        assert report.meta.title == "测试市科技局2022年重点工作完成情况" and not report.sections
        assert [u.text for u in report.unplaced] == ([] if kind else [menu])


def test_a_menu_copied_as_a_row_of_the_information_table_is_chrome_not_the_title(tmp_report):
    """A copy that writes rows as `a | b |` put the site's menu in the same rows as the 索引号
    pairs: its second name (机构概况) became the title, the others unplaced text."""
    text = ("| 首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流 |\n| 索引号: | 002482090/2021-14765 | 发布机构: | 省科技厅 |\n"
            "| 发文日期: | 2021-10-20 | 公开方式: | 主动公开 |\n" + TITLE + "\n" + LIST)
    report = parse_file(tmp_report(text))
    assert (report.meta.title, report.meta.index_no, report.meta.issued) == (TITLE, "002482090/2021-14765", "2021-10-20")
    assert not report.unplaced and not report.sections
    assert [(p.why, p.text) for p in report.ledger if p.kind == "chrome"] == [("menu", "首页 机构概况 政务公开 政务服务 互动交流")]
    check_conservation(report, text)


def test_an_empty_cell_in_a_copy_one_cell_a_line_leaves_the_next_value_to_its_label(tmp_report):
    report = parse_file(tmp_report("索引号\n\n1/2021-1\n\n文号\n\n成文日期\n\n2021-07-12\n\n"
                                   "测试单位关于2021年度重点工作完成情况的报告\n\n" + LIST))
    assert (report.meta.index_no, report.meta.issued) == ("1/2021-1", "2021-07-12")
    assert [(f.label, f.value) for f in report.meta.extra] == [("文号", "")]


TITLE = "测试市科技局2022年重点工作完成情况"


@pytest.mark.parametrize("name, text", [
    ("copy-broken.txt", f"索引号：1/2022-1 发布机构：测试市科技局\n{TITLE}\n测试市科技局2022年重点工作完成\n情况\n"
                        f"发布日期：2022-01-06\n{LIST}"),
    ("first-broken.txt", f"索引号：1/2022-1 发布机构：测试市科技局\n测试市科技局2022年重点工作\n完成情况\n{TITLE}\n"
                         f"发布日期：2022-01-06\n{LIST}"),
    ("copy-broken.html", f"<html><head><title>{TITLE}_测试</title></head><body><p>索引号：1/2022-1 发布机构：测试市科技局</p>"
                         f"<h1>{TITLE}</h1><div class='print'>{TITLE[:6]}<br>{TITLE[6:]}</div><p>发布日期：2022-01-06</p>"
                         f"<div>{HTML_LIST}</div></body></html>"),
])
def test_a_title_printed_twice_one_copy_broken_over_lines_is_read_once(tmp_report, name, text):
    """The pieces of a copy broken over lines were read as sections or unplaced text, and the
    发布日期 line after them was lost to the body."""
    report = parse_file(tmp_report(text, name))
    assert (report.meta.title, report.meta.published) == (TITLE, "2022-01-06")
    assert not report.sections and not report.unplaced and len(report.entries) == 2
    assert "title-twice" in {d.code for d in report.diagnostics}
