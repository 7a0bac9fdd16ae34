"""Bad or odd input: a clear FILE:LINE message and a hint, exit 2, and the good files still out."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.parse import parse_file
from tests.conftest import DATA, ROOT, SOURCES


def run_parse(*files):
    return subprocess.run([sys.executable, "-m", "generator", "parse", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("content, message", [
    (b"", "report.txt:1: error: the file is empty"),
    (b"  \n\n \n", "report.txt:1: error: the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "report.txt:3: error: the file is binary"),
    ("1.\n\n2.\n".encode(), "error: no recognisable title or body"),
    (bytes(range(128, 256)) * 8, "report.txt:1: error: cannot tell the text encoding"),
])
def test_not_a_report_exits_2_with_file_line_and_hint(tmp_report, content, message):
    result = run_parse(tmp_report(content))
    assert result.returncode == 2
    assert message in result.stderr
    assert "hint:" in result.stderr
    assert result.stdout == ""


def test_title_without_body_is_truncated(tmp_report):
    result = run_parse(tmp_report("索引号: 1/2 发布机构: 测试\n\n测试单位2020年工作报告\n"))
    assert result.returncode == 2
    assert "report.txt:3: error: the report has a title but no body" in result.stderr


def test_good_files_are_still_output_next_to_a_bad_one(tmp_report):
    bad = tmp_report(b"", "empty.txt")
    result = run_parse(SOURCES / "004_3ad8db09de54a942.txt", bad, SOURCES / "000_9deafdd47ee1ad59.txt")
    assert result.returncode == 2
    assert "empty.txt:1: error: the file is empty" in result.stderr
    models = json.loads(result.stdout)
    assert [m["source"] for m in models] == ["004_3ad8db09de54a942.txt", "000_9deafdd47ee1ad59.txt"]


def test_json_is_utf8_not_ascii_escaped():
    result = run_parse(SOURCES / "004_3ad8db09de54a942.txt")
    assert result.returncode == 0
    assert "浙江省科技厅2020年4月份重点工作完成情况" in result.stdout
    assert json.loads(result.stdout)["entries"][13]["division"] == "基金办"


def test_cut_table_keeps_what_it_has_and_says_so():
    report = parse_file(DATA / "table_cut.txt")
    (table,) = report.tables
    assert [r.number for r in table.rows] == ["1", "2"]
    assert table.rows[1].cell("progress")[0].text == "技术交易额100亿元。"
    codes = {d.code for d in report.diagnostics}
    assert {"row-count", "no-owners"} <= codes


def test_division_list_with_a_gap_and_an_unknown_division():
    report = parse_file(DATA / "division_list_gap.txt")
    assert [(e.number, e.division, e.division_id) for e in report.entries] == [
        ("1", "办公室", "office"), ("2", "法规处", "regulations"), ("4", "测试中心", None), ("5", "基金办", "science-fund")]
    messages = [d.message for d in report.diagnostics]
    assert any("from 2 to 4" in m for m in messages)
    assert any("测试中心" in m for m in messages)


def test_report_of_neither_shape_is_kept_as_sections():
    report = parse_file(DATA / "summary_sections.txt")
    assert report.tables == () and report.entries == ()
    assert [(s.heading, s.level) for s in report.sections] == [
        ("一、主要工作成效", 1), ("(一)科技创新能力持续提升。全年新增高新技术企业45家,同比增长20%。", 2),
        ("(二)平台建设取得突破。建成省级重点实验室1家。", 2), ("二、存在问题", 1), ("三、2022年工作思路", 1)]
    assert [p.text for p in report.sections[-1].paragraphs] == ["1.加快建设科创平台。", "2.深化科技体制改革。"]
    assert any(d.code == "no-structure" for d in report.diagnostics)


def test_diagnostic_reads_file_line_and_hint():
    report = parse_file(DATA / "division_list_gap.txt")
    text = str(report.diagnostics[0])
    assert text.startswith("division_list_gap.txt:7: warning: ")
    assert "\n  hint: " in text
