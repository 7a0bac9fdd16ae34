"""Real queries against the built Pagefind index, in headless Chromium."""

from __future__ import annotations

import json
import random
import re
from urllib.parse import quote

import pytest

from generator.link.ids import report_id, rows_of
from generator.parse import parse_file
from tests.conftest import SOURCES
from tests.sitebuild import soup

from tests.browser import SEARCH_DONE, Browser, available
from tests.screenshots import serve
from tests.conftest import DATA
from tests.sitebuild import build, built_site, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.site,
              pytest.mark.skipif(not available(), reason="needs chromium: apt-get install chromium")]

RESULTS = ("[document.getElementById('search-status').textContent, Object.fromEntries("
           "[...document.querySelectorAll('.search-group')].map(g => [g.dataset.kind, "
           "[...g.querySelectorAll('a')].map(a => a.getAttribute('href'))]))]")


BATCH = """(async (queries) => {
  const form = document.getElementById('search-form'), input = document.getElementById('search-q');
  const status = document.getElementById('search-status'), found = {};
  for (const q of queries) {
    input.value = q;
    form.requestSubmit();
    while (status.textContent === '正在搜索……') await new Promise(done => setTimeout(done, 2));
    found[q] = [...document.querySelectorAll('.search-group a')].map(a => a.getAttribute('href'));
  }
  return found;
})"""
"""Each query typed into the search form in turn: query -> the hrefs shown, in order."""


@pytest.fixture(scope="module")
def search(tmp_path_factory):
    # The seeds, and a report whose cells hold markup and character references as text.
    site = built_site(tmp_path_factory.mktemp("search"), extra_sources=(DATA / "hostile_cells.txt",))
    with serve(site) as base:
        browser = Browser()

        def query(text: str, **filters):
            extra = "".join(f"&{k}={quote(v)}" for k, v in filters.items())
            browser.open(f"{base}search/?q={quote(text)}{extra}")
            browser.wait(SEARCH_DONE)
            return browser.eval(RESULTS)

        def batch(queries: list[str]) -> dict[str, list[str]]:
            query("种子")  # the page is loaded and its form answers
            return browser.eval(f"{BATCH}({json.dumps(queries, ensure_ascii=False)})")

        query.browser, query.base, query.site, query.batch = browser, base, site, batch
        yield query
        browser.close()


def test_place_name_finds_the_task(search):
    status, groups = search("城西科创大走廊")
    assert status.startswith("找到")
    assert "/reports/2021-00558/tasks/1-01/" in groups["任务"]
    assert set(groups) <= {"报告", "任务", "处室", "文件"}


def test_division_name_finds_the_division_page(search):
    _, groups = search("高新处")
    assert "/divisions/high-tech/" in groups["处室"]  # its overview


def test_two_character_query(search):
    status, groups = search("科创")
    assert status.startswith("找到") and groups["任务"]


def test_query_without_hits_says_so(search):
    status, groups = search("鲸鱼骆驼")
    assert status == "没有找到与“鲸鱼骆驼”相关的内容。" and groups == {}


def test_filter_by_division(search):
    _, groups = search("实施", division="农村处")
    assert sorted(groups["任务"]) == ["/reports/2021-00558/tasks/1-04/", "/reports/2021-00558/tasks/2-15/"]
    assert sorted(groups["处室"]) == ["/divisions/rural/", "/divisions/rural/2021/"]  # and the year that lists them


def test_results_show_title_and_excerpt_with_the_hit(search):
    search("城西科创大走廊")
    excerpt = search.browser.eval("document.querySelector('.search-list .excerpt').innerHTML")
    assert "<mark>" in excerpt


def test_without_javascript_the_page_points_to_the_indexes(search):
    search.browser.open(f"{search.base}search/", javascript=False)
    text = search.browser.eval("document.querySelector('noscript') ? document.querySelector('main').innerText : ''")
    html = search.browser.eval("document.querySelector('main noscript').textContent")
    assert "全部任务" in html and "处室" in html
    assert search.browser.eval("document.getElementById('search-form').hidden") is True
    assert "全部任务" in text  # shown to the reader without JavaScript, not only present in the markup


def test_only_page_content_is_indexed(search):
    # Navigation and footer text are outside data-pagefind-body: the footer notice finds nothing.
    status, groups = search("独立整理")
    assert groups == {}, status


def test_a_site_without_divisions_or_documents_still_searches(tmp_path):
    # Then there are no records for division and document pages; the search page must load
    # a bundle that has pages, or Pagefind never answers.
    project = copy_project(tmp_path, extra_sources=(DATA / "summary_sections.txt",))
    for source in (project / "content/sources").glob("0*.txt"):
        source.unlink()
    assert build(project).returncode == 0
    with serve(project / "output") as base:
        browser = Browser()
        try:
            browser.open(f"{base}search/?q={quote('实验室')}")
            browser.wait(SEARCH_DONE)
            assert browser.eval(RESULTS)[1] == {"报告": ["/reports/file-summary-sections/"]}
        finally:
            browser.close()


def _sample(text: str, rng: random.Random, per_length: int = 2) -> list[str]:
    """Substrings of 2-6 characters with at least two letters or digits, a few of each length."""
    chosen = []
    for length in range(2, 7):
        pieces = sorted({text[i:i + length] for i in range(len(text) - length + 1)})
        pieces = [p for p in pieces if sum(c.isalnum() for c in p) >= 2]
        chosen += rng.sample(pieces, min(per_length, len(pieces)))
    return chosen


def recall_queries(site) -> dict[str, set[str]]:
    """Queries made from the seeds' own text, each with the pages it must find: pieces of every
    task title (its task page), every number of three or more digits in a task's 完成情况 (its
    task page), every division's name (its page) and every document title (its page)."""
    rng = random.Random(15)
    wanted: dict[str, set[str]] = {}
    for path in sorted(SOURCES.glob("0*.txt")):
        report = parse_file(path)
        for _, _, _, row, task in rows_of(report):
            page = f"/reports/{report_id(report)}/tasks/{task}/"
            progress = " ".join(item.text for item in row.cell("progress"))
            for text in [*_sample(row.task, rng), *re.findall(r"\d{3,}", progress)]:
                wanted.setdefault(text, set()).add(page)
    for folder in ("divisions", "documents"):
        for html in sorted((site / folder).glob("*/index.html")):
            title = soup(html).h1.get_text(strip=True)
            wanted.setdefault(title, set()).add(f"/{folder}/{html.parent.name}/")
    return wanted


def test_every_phrase_of_the_seeds_finds_its_page(search):
    wanted = recall_queries(search.site)
    assert len(wanted) > 300
    found = search.batch(sorted(wanted))
    missing = {q: sorted(pages - set(found[q])) for q, pages in wanted.items() if pages - set(found[q])}
    assert not missing, f"{len(missing)} of {len(wanted)} queries miss their page: {dict(list(missing.items())[:15])}"


def test_full_width_is_half_width(search):
    found = search.batch(["Ｇ６０", "G60", "g60"])
    assert found["Ｇ６０"] == found["G60"] == found["g60"] and "/reports/2021-00558/tasks/1-02/" in found["G60"]


def test_one_character_finds_every_page_with_it(search):
    found = search.batch(["处", "监督处"])
    assert "/divisions/supervision/" in found["处"] and len(found["处"]) > len(found["监督处"])


@pytest.mark.parametrize("query, first", [
    ("种质资源", "/reports/2021-00558/tasks/2-15/"),  # the task titled with it, not the report
    ("之江实验室", "/reports/2021-00558/tasks/1-03/"),
    ("外专局", "/divisions/foreign-experts/"),  # a division's name: its page
    ("城西科创大走廊", None),
])
def test_the_most_specific_page_comes_first(search, query, first):
    order = search.batch([query])[query]
    assert order, query
    if first:
        assert order[0] == first, order[:5]
    reports = [i for i, href in enumerate(order) if re.fullmatch(r"/reports/[^/]+/", href)]
    assert all(i > 0 for i in reports), order[:5]  # a task, division or document page first


def test_a_division_is_not_found_by_its_last_character(search):
    # 监督处 once gave 29 results, on 处 in 责任处室: every page found must hold the name.
    found = search.batch(["监督处"])["监督处"]
    assert found
    for href in found:
        assert "监督处" in (search.site / href.strip("/") / "index.html").read_text("utf-8"), href


def test_report_pages_are_found_by_their_tables(search):
    # A task's title stands in the report's table: the report page is found by it too.
    order = search.batch(["做大做强现代种业企业"])["做大做强现代种业企业"]
    assert "/reports/2021-00558/" in order and order.index("/reports/2021-00558/tasks/2-15/") < order.index("/reports/2021-00558/")


def test_excerpts_show_the_text_as_written(search):
    # The cell says "&amp; &lt;b&gt;" as text: the excerpt shows those characters, and no markup.
    search("点我")
    excerpt = search.browser.eval("document.querySelector('.search-list .excerpt').textContent")
    tags = search.browser.eval("[...document.querySelectorAll('.search-list .excerpt *')].map(e => e.tagName)")
    assert "&amp; &lt;b&gt;" in excerpt, excerpt
    assert set(tags) == {"MARK"}
    assert search.browser.eval("document.querySelector('.search-list .excerpt mark').textContent") == "点我"


def test_a_task_followed_across_reports_is_one_result_that_says_so(tmp_path):
    # The half-year seed and a cumulative report repeating its tasks word for word: each task
    # has a page in both reports, and search shows it once (issue 14: it listed each twice).
    site = built_site(tmp_path, extra_sources=(DATA / "series_2021_q3_cumulative.txt",))
    with serve(site) as base:
        browser = Browser()
        try:
            browser.open(f"{base}search/?q={quote('大力推进杭州城西科创大走廊建设')}")
            browser.wait(SEARCH_DONE)
            _, groups = browser.eval(RESULTS)
            tasks = [href for href in groups["任务"] if href.endswith("/tasks/1-01/")]
            assert len(tasks) == 1, groups["任务"]
            also = browser.eval("[...document.querySelectorAll('.search-list li')].filter(li => "
                                "li.querySelector('a').getAttribute('href').endsWith('/tasks/1-01/'))[0]"
                                ".querySelector('.also').textContent")
            assert also.startswith("这项任务还见于另外 1 份报告")
        finally:
            browser.close()


def test_filter_by_year_keeps_only_that_years_pages(search):
    # The seeds: a 2020 division list and a 2021 table report. A page's year is its report's
    # (发文日期); division overviews and documents span years and stand under each of theirs.
    years = {report_id(r): r.meta.issued[:4] for r in map(parse_file, sorted(SOURCES.glob("0*.txt")))}
    assert sorted(years.values()) == ["2020", "2021"]
    _, unfiltered = search("科技")
    every = [href for hrefs in unfiltered.values() for href in hrefs]
    options = search.browser.eval("[...document.querySelectorAll('#search-year option')].map(o => o.textContent)")
    assert options[:3] == ["全部年份", "2022年", "2021年"] and "2020年" in options  # newest first
    for year in ("2020", "2021"):
        status, groups = search("科技", year=f"{year}年")
        found = [href for hrefs in groups.values() for href in hrefs]
        assert found, status
        for href in found:
            if report := re.fullmatch(r"/reports/([^/]+)/(?:tasks/[^/]+/)?", href):
                assert years.get(report.group(1)) == year, href
            elif division := re.fullmatch(r"/divisions/[^/]+/(\d{4}|undated)/", href):
                assert division.group(1) == year, href
            else:  # an overview or a document: it lists that year, or a report of it
                html = (search.site / href.strip("/") / "index.html").read_text("utf-8")
                assert f"{href}{year}/" in html or any(f"reports/{r}/" in html for r, y in years.items() if y == year), href
        mine = [h for h in every if (m := re.match(r"/reports/([^/]+)/", h)) and years.get(m.group(1)) == year]
        assert mine and set(mine) <= set(found), year  # no page of that year is lost


def test_a_reports_title_finds_the_report_not_each_of_its_tasks(search):
    # Each task page names its report above the title and in its 出自 line; that is the
    # site's navigation, not the task's text (the 2021 report's title listed every one of its tasks).
    title = "浙江省科学技术厅2021年度重点工作半年度完成情况"
    _, groups = search(title)
    assert groups.get("报告", [None])[0] == "/reports/2021-00558/" and "任务" not in groups, groups
