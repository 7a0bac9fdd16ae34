"""Real queries against the built Pagefind index, in headless Chromium."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser import SEARCH_DONE, Browser, available
from tests.screenshots import serve
from tests.conftest import DATA
from tests.sitebuild import build, built_site, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.site,
              pytest.mark.skipif(not available(), reason="needs chromium: apt-get install chromium")]

RESULTS = ("[document.getElementById('search-status').textContent, Object.fromEntries("
           "[...document.querySelectorAll('.search-group')].map(g => [g.dataset.kind, "
           "[...g.querySelectorAll('a')].map(a => a.getAttribute('href'))]))]")


@pytest.fixture(scope="module")
def search(tmp_path_factory):
    site = built_site(tmp_path_factory.mktemp("search"))
    with serve(site) as base:
        browser = Browser()

        def query(text: str, **filters):
            extra = "".join(f"&{k}={quote(v)}" for k, v in filters.items())
            browser.open(f"{base}search/?q={quote(text)}{extra}")
            browser.wait(SEARCH_DONE)
            return browser.eval(RESULTS)

        query.browser, query.base = browser, base
        yield query
        browser.close()


def test_place_name_finds_the_task(search):
    status, groups = search("城西科创大走廊")
    assert status.startswith("找到")
    assert "/reports/2021-00558/tasks/1-01/" in groups["任务"]
    assert list(groups) == [k for k in ("报告", "任务", "处室", "文件") if k in groups]


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
