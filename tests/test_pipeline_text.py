"""Report text through the whole pipeline (read, parse, link, write, render) shows exactly itself.

A saved HTML page whose cells hold blank lines, Markdown, HTML, Pelican link syntax and
invisible characters: every point of every cell is read into the model, and the report page
and the task page show each one as the model holds it, with nothing made a link, an image or
markup. The property test renders with the project's Markdown reader; the site test below
builds a hostile saved page with Pelican, twice.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings, strategies as st

from generator.errors import ReportError
from generator.link import link
from generator.link.ids import report_id
from generator.link.source import Source
from generator.parse import parse_document
from generator.read.read import parse_source_text
from generator.render.reader import markdown, split_front_matter
from generator.write.pages import all_pages
from tests.conftest import DATA
from tests.sitebuild import built_site, soup
from tests.test_markdown import hostile, read, seen

MD = markdown()


def saved_page(task: str, cells: list[str]) -> str:
    """A saved CMS page with one task table of one row; the cells' text HTML-escaped as a
    browser saves it (a blank line inside a cell stays one)."""
    paras = "".join(f"<p>{html_lib.escape(c)}</p>" for c in cells)
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>测试报告</title></head><body>\n"
            "<table><tr><td>索引号:</td><td>000000000/2022-00001</td><td>发布机构:</td><td>测试单位</td></tr>\n"
            "<tr><td>发文日期:</td><td>2022-07-01</td><td>公开方式:</td><td>主动公开</td></tr></table>\n"
            "<div class=\"title\">测试单位2022年重点工作半年度完成情况</div>\n<div id=\"zoom\"><table>\n"
            "<tr><td>序号</td><td>重点任务</td><td>目标任务</td><td>完成情况</td><td>责任单位</td></tr>\n"
            f"<tr><td>1</td><td><p>{html_lib.escape(task)}</p></td><td>{paras}</td><td>{paras}</td><td>高新处</td></tr>\n"
            "</table></div></body></html>\n")


def rendered(report) -> dict[str, BeautifulSoup]:
    source = Source(report, report_id(report), None)
    pages = {}
    for _, _, make in all_pages(link([source])):
        for path, text in make():
            _, body = split_front_matter(text)
            pages[path] = BeautifulSoup(MD.render(body), "html.parser")
    return pages


def foreign(page: BeautifulSoup) -> list[str]:
    """Links and sources that are not the pipeline's own: each would be report text made markup."""
    return [str(n) for n in page.select("[href], [src]")
            if not (n.get("href") or n.get("src") or "").startswith(("{filename}/generated/", "#"))]


def point(item) -> str:
    return seen((item.marker or "") + item.text)


# Each example makes every page of a report: a third of the profile's examples (50 in `make test`,
# 1,666 in `make fuzz`).
@settings(max_examples=max(20, settings().max_examples // 3))
@given(hostile, st.lists(hostile.filter(str.strip), min_size=1, max_size=3))
@example(task="", cells=["《规划》    缩进"])  # the text after a cited document kept its spaces only once trimmed per line
def test_any_cell_text_shows_as_itself_on_the_report_and_task_pages(task, cells):
    try:
        report = parse_document(parse_source_text(saved_page(task, cells), "hostile.html"))
    except ReportError:
        return  # refused with a diagnostic: nothing is shown, nothing is misquoted
    pages = rendered(report)
    rid = report_id(report)
    for table in report.tables:
        for row in table.rows:
            page = pages[f"generated/reports/{rid}.md"]
            shown = sorted(read(p) for p in page.select("td p"))
            expected = sorted(point(i) for key, items in row.cells if key not in ("task", "owners") for i in items)
            assert shown == expected
            task = page.select_one("td.task a")
            if row.task.strip():
                assert read(task) == seen(" ".join(i.text for i in row.cell("task")))
            else:  # an empty task cell: our label, marked as ours
                assert task.select_one(".our-label")
    for path, page in pages.items():
        assert foreign(page) == [], path
        assert not page.select("img, script, iframe, object, embed, style"), path
    task_pages = [p for path, p in pages.items() if path.startswith(f"generated/tasks/{rid}-")]
    assert task_pages
    for page in task_pages:
        shown = sorted(read(p) for p in page.select(".column-target p, .column-progress p"))
        row = report.tables[0].rows[0]
        assert shown == sorted(point(i) for key in ("target", "progress") for i in row.cell(key))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("hostile-saved"), (DATA / "hostile_saved.html",))


@pytest.mark.site
def test_a_hostile_saved_page_builds_and_shows_its_text(hostile_site):
    page = soup(hostile_site / "reports/2022-09998-000000000/index.html")
    body = page.select_one(".publication-body")
    text = read(body)
    for written in ("[官方通知](http://evil.example/x)", "![图](http://evil.example/p.png)", "![](x.png)",
                    "{static}/../../../etc/hostname", "{filename}/generated/reports/2021-00558.md",
                    "| 伪造 | 表格 |", "<b>不是粗体</b>"):
        assert written in text
    assert not [a for a in body.select("a[href]") if "evil" in a["href"]]
    assert not body.select("img, table table, b, strong")
    assert not list(hostile_site.rglob("hostname"))  # no file from outside the project copied in
    task = soup(hostile_site / "reports/2022-09998-000000000/tasks/1-01/index.html")
    assert "[官方通知](http://evil.example/x)" in read(task.select_one(".column-progress"))
    # The reversing character is kept, isolated in a mark that shows its code; in the title and
    # the information block too, and the window title names it.
    assert [m["data-code"] for m in body.select(".ctl")] == ["U+202E", "U+200B"]
    assert [m["data-code"] for m in page.select("h1 .ctl, .info-block .ctl")] == ["U+200B", "U+202E"]
    assert page.select_one("h1").get_text() == "测试单位2022年重点工作\u202e半年度完成情况"
    assert page.title.get_text().startswith("测试单位2022年重点工作[U+202E]半年度完成情况")


@pytest.mark.site
def test_a_hostile_saved_page_does_not_break_the_next_build(hostile_site):
    from tests.sitebuild import build

    result = build(hostile_site.parent)
    assert result.returncode == 0, result.stderr
    assert re.search(r"site built", result.stderr)
