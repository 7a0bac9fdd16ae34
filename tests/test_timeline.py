"""Following tasks, divisions and policy documents through time."""

from __future__ import annotations

import pytest

from generator.link.dates import find_dates, report_period
from tests.conftest import DATA
from tests.sitebuild import broken_links, built_site, soup


def test_dates_take_the_year_of_the_report_and_no_more_precision_than_written():
    found = find_dates("4月15日,会议审议通过;6月21日,厅务会审议。3月,印发。1-5月,交易额增长。", "2021-07-12")
    assert [(d.when.datetime, d.when.phrase) for d in found] == [
        ("2021-04-15", "4月15日"), ("2021-06-21", "6月21日"), ("2021-03", "3月"), ("2021-05", "1-5月")]
    assert found[0].sentence == "4月15日,会议审议通过;"


def test_a_month_after_the_report_month_is_last_year():
    (d,) = find_dates("12月,召开理事会。", "2021-07-12")
    assert d.when.datetime == "2020-12"


def test_two_events_in_one_sentence():
    found = find_dates("6月4日,省委、省政府发文,并在6月15日举行授牌仪式。", "2021-07-12")
    assert [d.when.datetime for d in found] == ["2021-06-04", "2021-06-15"]


def test_report_periods_from_titles():
    assert report_period("浙江省科技厅2020年4月份重点工作完成情况", "2020-04-30").datetime == "2020-04"
    half = report_period("浙江省科学技术厅2021年度重点工作半年度完成情况", "2021-07-12")
    assert (half.label, half.datetime) == ("2021年上半年", "2021-06")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("project"))


@pytest.mark.site
def test_task_timeline_in_date_order(site):
    page = soup(site / "reports/2021-00558/tasks/1-01/index.html")
    times = [t["datetime"] for t in page.select(".timeline-section time")]
    assert times == ["2021-04-15", "2021-06-21", "2021-06-28"]
    # The report's period is said as a period, not filed as an event of June.
    assert "本报告所述期间：2021年上半年" in page.select_one(".timeline-section").get_text()
    assert "6月28日,《杭州城西科创大走廊发展“十四五”规划》正式印发。" in page.select(".timeline li")[2].get_text()


@pytest.mark.site
def test_division_year_pages_hold_their_events_by_month(site):
    page = soup(site / "divisions/achievements/2020/index.html")
    # The April 2020 entries carry no date of their own: they stand under their report, with its
    # 发文日期, and the timeline does not invent an event of April for them.
    assert page.select_one(".timeline-section") is None
    part = page.select_one(".from-report")
    assert "发文日期：2020-04-30" in part.get_text() and "开展城西科创大走廊打造创新策源地规划思路" in part.get_text()
    section = soup(site / "divisions/achievements/2021/index.html").select_one(".timeline-section")
    assert "2021年6月" in [h.get_text() for h in section.select("h3")]
    assert "大力推进杭州城西科创大走廊建设" in section.get_text()


@pytest.mark.site
def test_document_page_shows_each_mention_with_its_action(site):
    index = soup(site / "documents/index.html")
    link = next(a for a in index.select("a") if a.get_text() == "《杭州城西科创大走廊发展“十四五”规划》")
    page = soup(site / "documents" / link["href"].rstrip("/").split("/")[-1] / "index.html")
    items = page.select(".lifecycle li")
    assert [i.select_one(".action").get_text() for i in items] == ["协助编制", "正式印发"]
    assert items[1].select_one("time")["datetime"] == "2021-06-28"
    assert "任务 1-01" in items[0].get_text() and "工作举措" in items[0].get_text()


@pytest.mark.site
def test_documents_are_merged_only_through_the_alias_table(site):
    index = soup(site / "documents/index.html")
    titles = [a.get_text() for a in index.select("tbody a")]
    assert "《浙江省推进长三角科技创新共同体建设专项行动方案》" in titles
    assert "《浙江省推进长江三角洲区域科技创新共同体建设专项行动方案》" not in titles
    link = next(a for a in index.select("tbody a") if a.get_text() == "《浙江省推进长三角科技创新共同体建设专项行动方案》")
    page = soup(site / "documents" / link["href"].rstrip("/").split("/")[-1] / "index.html")
    assert "长江三角洲区域" in page.select_one(".note").get_text()
    reports = {a["href"].split("reports/")[1].split("/")[0] for a in page.select(".source a") if "reports/" in a["href"]}
    assert reports == {"2020-15367", "2021-00558"}
    candidates = index.select_one(".diagnostics").get_text()
    assert "关于加快促进高新技术产业开发区" in candidates  # listed, not merged


@pytest.mark.site
def test_site_timeline_groups_years_and_months_with_a_year_jump(site):
    index = soup(site / "timeline/index.html")
    # 2020's report dates nothing in its text: no year of events (its entries are on the division pages).
    assert [a.get_text() for a in index.select(".year-jump a")] == ["2021年"]
    year = soup(site / "timeline/2021/index.html")
    assert [a.get_text() for a in year.select(".year-jump a")] == ["2021年"]
    assert year.select_one('.year-jump a[aria-current="page"]').get_text() == "2021年"
    months = [h.get_text() for h in year.select("h2")]
    assert months[0] == "2021年1月" and "2021年6月" in months
    assert year.select_one("#m-2021-06-28") is None and year.select_one("#m-2021-06")
    assert [t["datetime"] for t in year.select("#m-2021-04 + .timeline time")][:1] == ["2021-04-01"]


@pytest.fixture(scope="module")
def series_site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("series"), (DATA / "series_q3_2021.txt",))


@pytest.mark.site
def test_same_task_in_the_next_report_is_one_thread(series_site):
    page = soup(series_site / "reports/2021-09901/tasks/1-01/index.html")
    thread = page.select_one("section.thread")
    reports = [a["href"] for a in thread.select(".thread-list > li > p:first-child > a")]
    assert [h.split("reports/")[1].split("/")[0] for h in reports] == ["2021-00558", "2021-09901"]
    assert [t["datetime"] for t in thread.select(".thread-list > li > p:first-child > time")] == ["2021-06", "2021-09"]
    plan = thread.select_one(".plan-vs-done").get_text()
    assert "提请省政府常务会议审议《关于进一步推进杭州城西科创大走廊打造创新策源地的实施意见》" in plan
    added = [i.get_text() for i in thread.select(".changes ins")]
    assert "9月1日,正式印发实施。" in added
    assert "6月28日,《杭州城西科创大走廊发展“十四五”规划》正式印发。" not in added  # unchanged
    earlier = soup(series_site / "reports/2021-00558/tasks/1-01/index.html")
    assert earlier.select_one("section.thread") is not None
    assert broken_links(series_site) == []


@pytest.mark.site
def test_a_near_match_is_not_merged_and_says_why(series_site):
    page = soup(series_site / "reports/2021-09901/tasks/1-02/index.html")
    assert page.select_one("section.thread") is None
    note = page.select_one("p.note").get_text()
    assert "未合并" in note
    assert page.select_one("p.note a")["href"].endswith("reports/2021-00558/tasks/1-02/")


@pytest.mark.site
def test_the_two_seeds_share_no_thread(site):
    assert not any(soup(p).select_one("section.thread") for p in (site / "reports").rglob("tasks/*/index.html"))


@pytest.mark.site
def test_cited_documents_link_to_their_pages_where_they_are_mentioned(site):
    task = soup(site / "reports/2021-00558/tasks/1-01/index.html")
    links = {a.get_text(): a["href"] for a in task.select(".column a.doc")}
    href = links["《杭州城西科创大走廊发展“十四五”规划》"]
    page = soup(site / "reports/2021-00558/tasks/1-01" / href / "index.html")
    assert page.select_one("h1").get_text() == "《杭州城西科创大走廊发展“十四五”规划》"
    progress = task.select(".column")[2].get_text()
    assert "2.6月28日,《杭州城西科创大走廊发展“十四五”规划》正式印发。" in progress  # the text is unchanged
    entry = soup(site / "reports/2020-15367/index.html").select_one(".entries li:nth-of-type(10)")
    assert any("长三角" in a.get_text() for a in entry.select("a.doc"))
