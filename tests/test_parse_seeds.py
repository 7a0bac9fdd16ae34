"""The two real seed reports parse into the model the issue describes, byte for byte
the reviewed golden JSON."""

from __future__ import annotations

import json

import pytest

from generator.parse import parse_file
from tests.conftest import SOURCES
from tests.update_golden import GOLDEN, SEEDS_GLOB, golden_text

HALF_YEAR = SOURCES / "000_9deafdd47ee1ad59.txt"
APRIL = SOURCES / "004_3ad8db09de54a942.txt"


@pytest.mark.parametrize("path", sorted(SOURCES.glob(SEEDS_GLOB)), ids=lambda p: p.name)
def test_model_matches_reviewed_golden(path):
    expected = (GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8")
    assert golden_text(path) == expected, "model changed: run `make golden`, then read the diff against the source"


def test_half_year_report_metadata_is_verbatim():
    meta = parse_file(HALF_YEAR).meta
    assert meta.index_no == "002482090/2021-00558"
    assert meta.publisher == "省科技厅"
    assert meta.issued == "2021-07-12"
    assert meta.disclosure == "主动公开"
    assert meta.title == "浙江省科学技术厅2021年度重点工作半年度完成情况"
    assert meta.published == "2021-07-12 10:44"
    assert meta.origin == "省科技厅"


def test_half_year_report_tables():
    report = parse_file(HALF_YEAR)
    assert [len(t.rows) for t in report.tables] == [9, 17]
    assert report.tables[0].caption is None
    assert report.tables[1].caption == "省科技厅会办重点工作任务半年度进展情况表(17项)"
    assert [c.label for c in report.tables[0].columns] == [
        "重点工作任务", "目标任务", "工作举措", "完成情况", "责任单位", "存在问题", "下一步打算"]
    assert [c.role for c in report.tables[1].columns] == [
        "task", "target", "measures", "progress", "owners", "problems", "next_steps"]
    row1 = report.tables[0].rows[0]
    assert row1.owners == ("成果处", "规划处")
    assert len(row1.cell("measures")) == 3
    progress = row1.cell("progress")
    assert len(progress) == 3
    assert progress[1].text.startswith("6月28日") and progress[1].marker == "2."
    assert len(row1.cell("next_steps")) == 2
    assert report.tables[0].rows[3].owners == ("规划处", "高新处", "社发处", "农村处", "基金办")
    row6 = report.tables[0].rows[5]
    assert (len(row6.cell("measures")), len(row6.cell("progress"))) == (1, 2)
    assert report.tables[0].rows[5].cell("progress")[1].text.startswith("1-6月")
    row3 = report.tables[1].rows[2]
    assert (len(row3.cell("measures")), len(row3.cell("progress"))) == (3, 1)
    assert row3.cell("measures")[2].text.startswith("1-5月")


def test_empty_problems_column_is_empty_and_the_reading_is_reported():
    report = parse_file(HALF_YEAR)
    assert all(row.cell("problems") == () for table in report.tables for row in table.rows)
    ambiguous = [d for d in report.diagnostics if d.code == "ambiguous-empty-column"]
    assert len(ambiguous) == 2
    assert "存在问题" in ambiguous[0].message and "下一步打算" in ambiguous[0].message


def test_april_report_is_a_division_list():
    report = parse_file(APRIL)
    assert len(report.entries) == 14
    assert (report.entries[0].division, report.entries[-1].division) == ("办公室", "基金办")
    assert report.entries[0].division_id == "office"
    assert report.entries[8].text.startswith("开展城西科创大走廊")
    assert report.tables == () and report.unplaced == () and report.diagnostics == ()


def test_chrome_is_not_content():
    report = parse_file(HALF_YEAR)
    texts = json.dumps(report.to_json(), ensure_ascii=False)
    for chrome in ("当前位置", "打印 关闭", "浏览次数"):
        assert chrome not in texts
    assert [p.text for p in report.ledger if p.kind == "chrome"] == ["当前位置:", "浏览次数:", "打印 关闭"]
