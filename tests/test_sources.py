"""Every accepted input shape gives the same model: text, saved HTML, GB18030, pipe rows."""

from __future__ import annotations

from generator.parse import parse_file
from tests.conftest import DATA, SOURCES


def _cells(report):
    return [[(row.number, [(k, [i.text for i in v]) for k, v in row.cells]) for row in t.rows] for t in report.tables]


def test_saved_html_page_gives_the_text_model():
    html = parse_file(DATA / "000_reconstructed.html")
    text = parse_file(SOURCES / "000_9deafdd47ee1ad59.txt")
    assert html.meta == text.meta
    assert [t.caption for t in html.tables] == [t.caption for t in text.tables]
    assert [t.columns for t in html.tables] == [t.columns for t in text.tables]
    assert _cells(html) == _cells(text)


def test_gb18030_page_is_detected_from_its_bytes():
    report = parse_file(DATA / "004_reconstructed_gb18030.html")
    assert report.encoding == "gb18030"
    text = parse_file(SOURCES / "004_3ad8db09de54a942.txt")
    assert [(e.division, e.text) for e in report.entries] == [(e.division, e.text) for e in text.entries]


def test_gbk_text_without_any_declaration(tmp_report):
    source = (SOURCES / "004_3ad8db09de54a942.txt").read_text(encoding="utf-8")
    report = parse_file(tmp_report(source.encode("gbk"), "april.html"))  # the name says HTML; the bytes decide
    assert report.encoding == "gb18030"
    assert report.meta.title == "浙江省科技厅2020年4月份重点工作完成情况"
    assert len(report.entries) == 14


def test_pipe_rows_of_another_family():
    report = parse_file(DATA / "pipe_table_family.txt")
    (table,) = report.tables
    assert [(c.label, c.role) for c in table.columns] == [
        ("序号", "number"), ("内容与要求", "task"), ("进展情况（不超过300字）", "progress"),
        ("牵头责任单位", "owners"), ("备注", None)]
    row1, row2, row3, _ = table.rows
    assert row1.owners == ("高新处", "规划处")
    assert [(i.marker, i.text) for i in row1.cell("progress")] == [
        ("1.", "已完成第一批认定,新增高新技术企业62家。"), ("2.", "第二批申报正在评审中。")]
    assert row1.cell("备注")[0].text == "按计划推进"
    assert row3.task == "开展科技特派员\u3000服务乡村振兴。"
    assert [i.text for i in row3.cell("progress")] == ["1-9月,选派科技特派员120名。", "组织培训3场。"]
    assert any(d.code == "unknown-column" and "备注" in d.message for d in report.diagnostics)


def test_full_width_marker_and_colon(tmp_report):
    report = parse_file(tmp_report("测试单位2020年工作\n\n1．办公室：完成工作。\n\n2、规划处：编制规划。\n"))
    assert [(e.number, e.division, e.text) for e in report.entries] == [
        ("1", "办公室", "完成工作。"), ("2", "规划处", "编制规划。")]
