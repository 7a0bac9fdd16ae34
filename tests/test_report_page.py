"""The report page keeps the structure the parser found in the family's other layouts: a
table's sections where the report puts them, sub-columns under their group, a division list
grouped under its headings, every entry with an anchor of its own."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import DATA
from tests.sitebuild import broken_links, built_site, soup

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    extra = (DATA / "pipe_sections.txt", DATA / "rowspan_table.html", DATA / "unit_headings.txt", DATA / "group_rows_pipe.txt")
    return built_site(tmp_path_factory.mktemp("layouts"), extra)


def test_a_table_in_sections_is_one_table_with_its_section_rows_in_place(site):
    page = soup(site / "reports/2023-00012-000000000/index.html")
    assert len(page.select(".task-table")) == 1
    rows = page.select(".task-table tbody tr")
    shape = [r.select_one("th").get_text() if "section-row" in r.get("class", []) else r.select_one("td.num").get_text()
             for r in rows]
    assert shape == ["一、市长主抓重点工作", "1", "2", "3", "二、副市长分管重点工作", "4", "5"]
    task = soup(site / "reports/2023-00012-000000000/tasks/1-04/index.html")
    assert "所属部分：二、副市长分管重点工作" in task.select_one(".note").get_text()


def test_a_section_right_above_another_is_shown_too(site):
    """一 科技创新 stands right above （一） 平台建设, with no rows of its own: it was missing from the page."""
    rows = soup(site / "reports/2023-00131-000000000/index.html").select(".task-table tbody tr")
    shape = [r.select_one("th").get_text() if "section-row" in r.get("class", []) else r.select_one("td.num").get_text()
             for r in rows]
    assert shape == ["一 科技创新", "（一） 平台建设", "1", "2", "（二） 企业培育", "3", "二 成果转化", "4", "5"]


def test_the_information_block_names_each_field_as_the_report_does(site):
    """The report says 成文日期 (the date it was written), not 发文日期: the page printed 发文日期."""
    info = soup(site / "reports/2023-00131-000000000/index.html").select_one(".info-block")
    labels = [th.get_text() for th in info.select("th")]
    assert labels[:4] == ["索引号", "发布机构", "成文日期", "公开方式"] and "发文日期" not in labels
    seed = soup(site / "reports/2021-00558/index.html").select_one(".info-block")
    assert [th.get_text() for th in seed.select("th")][:4] == ["索引号", "发布机构", "发文日期", "公开方式"]


def test_sub_columns_stand_under_their_group(site):
    head = soup(site / "reports/2023-00044-000000000/index.html").select(".task-table thead tr")
    assert [[(th.get_text(), th.get("colspan"), th.get("rowspan")) for th in tr.select("th")] for tr in head] == [
        [("序号", None, "2"), ("重点工作", None, "2"), ("推进情况（截至3月底）", "2", None), ("牵头处室", None, "2")],
        [("进展", None, None), ("存在问题", None, None)]]
    cell = soup(site / "reports/2023-00044-000000000/index.html").select_one("#task-1-01 td[data-label='推进情况（截至3月底） · 进展']")
    assert "新建省级重点实验室2家。" in cell.get_text()


def test_a_list_under_division_headings_gives_each_heading_once_and_each_entry_an_anchor(site):
    page = soup(site / "reports/2022-00120-000000000/index.html")
    headings = [h.get_text() for h in page.select(".entries-heading")]
    assert headings[:2] == ["(一)市发展和改革委员会(3项)", "(二)市经济和信息化局(2项)"]
    anchors = [m["id"] for m in page.select(".entries .marker")]
    assert len(anchors) == 9 and all(Counter(anchors)[a] == 1 for a in anchors)  # numbers repeat; ids do not
    assert broken_links(site) == []
