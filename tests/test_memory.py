"""What keeps a build of a report at the limits small (issue 16, item 11) shows the same site.

The memory itself is measured by `make bench` (tests/benchmark.py, `limits_memory`), never
asserted here; these tests hold the means to the same output.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from generator.index import search
from generator.link import link
from generator.render.parts import render
from generator.render.reader import markdown, split_front_matter
from generator.site.build import load_sources
from generator.write.pages import all_pages
from tests.browser import SEARCH_DONE, Browser, available
from tests.conftest import DATA, ROOT
from tests.screenshots import serve
from tests.sitebuild import soup

MD = markdown()


class _Counting:
    """The Markdown renderer, counting the parts it is given."""

    def __init__(self) -> None:
        self.calls = 0

    def render(self, text: str) -> str:
        self.calls += 1
        return MD.render(text)


def test_a_page_rendered_in_parts_is_the_page_rendered_whole(tmp_path):
    """Every page the seeds and the test reports make (tables, division lists, task pages,
    targets, timelines, hostile cells with blank lines and markup), cut at every place
    `render` may cut it, renders to the same HTML as the page whole."""
    for path in [*(ROOT / "content" / "sources").glob("*.txt"), *DATA.glob("*.txt"), *DATA.glob("*.html")]:
        shutil.copy(path, tmp_path / path.name)
    sources, _ = load_sources(tmp_path)
    assert len(sources) > 20
    counting, pages = _Counting(), 0
    for _, _, make in all_pages(link(sources)):
        for relative, text in make():
            _, body = split_front_matter(text)
            assert render(counting, body, part=1) == MD.render(body), relative
            pages += 1
    assert counting.calls > 10 * pages  # pages were cut, and cut often


def test_a_page_with_a_block_that_may_hold_blank_lines_is_rendered_whole():
    body = "甲\n\n<pre>\n一\n\n二\n</pre>\n\n乙\n"
    counting = _Counting()
    assert render(counting, body, part=1) == MD.render(body)
    assert counting.calls == 1


def test_an_attribute_line_stays_with_the_block_it_applies_to():
    body = "甲\n\n{.note}\n\n乙\n\n丙\n"
    assert render(_Counting(), body, part=1) == MD.render(body)


def test_a_year_too_large_for_one_pagefind_index_is_indexed_in_parts_and_found(seed_site, tmp_path, monkeypatch):
    """Pagefind holds about 170 bytes per character it indexes, so a year of thousands of task
    pages is indexed as parts (here made small); the search page merges them, every page is
    in exactly one part, and a task of the last part is found."""
    site = shutil.copytree(seed_site, tmp_path / "site", symlinks=True)
    shutil.rmtree(site / "pagefind")
    pages = json.loads((site / ".build.json").read_text("utf-8"))["pages"]
    monkeypatch.setattr(search, "PART_CHARS", 20_000)
    search.index_search(site, [], pages, {"2020-15367": "2020", "2021-00558": "2021"})
    names = [b["name"] for b in json.loads((site / "pagefind" / "bundles.json").read_text("utf-8"))["bundles"]]
    assert names[:3] == ["2019-2021", "2019-2021/1", "2019-2021/2"]  # the seeds' years, one bundle, in parts
    counts = [sum(language["page_count"] for language in json.loads(
        (site / "pagefind" / name / "pagefind-entry.json").read_text("utf-8"))["languages"].values()) for name in names]
    assert sum(counts) == len(list((site / "reports").rglob("*.html")))
    last = sorted((site / "reports" / "2021-00558" / "tasks").glob("*/index.html"))[-1]
    phrase = soup(last).select_one("main h1").get_text(strip=True)[:12]
    if not available():
        pytest.skip("needs chromium to search the site: apt-get install chromium")
    with serve(site) as base:
        browser = Browser()
        try:
            browser.open(f"{base}search/?q={quote(phrase)}")
            browser.wait(SEARCH_DONE)
            found = browser.eval("[...document.querySelectorAll('.search-group a')].map(a => a.getAttribute('href'))")
        finally:
            browser.close()
    assert "/" + last.parent.relative_to(site).as_posix() + "/" in found


def test_an_overview_lists_at_most_its_limit_of_targets_per_report_and_says_where_the_rest_are(monkeypatch):
    """A report at the limits has tens of thousands of targets: the 目标与进展 overview lists the
    first OVERVIEW_ROWS of them (here made 3) and says how many there are and where they all are."""
    from generator.write import targets_pages

    sources, _ = load_sources(ROOT / "content" / "sources")
    archive = link(sources)
    monkeypatch.setattr(targets_pages, "OVERVIEW_ROWS", 3)
    pages = dict(targets_pages.site_pages(archive.sources, archive.targets, archive.division_names))
    _, body = split_front_matter(pages["generated/targets/index.md"])
    page = BeautifulSoup(MD.render(body), "html.parser")
    assert len(page.select(".targets-table tbody tr")) == 3
    total = len([t for t in archive.targets.targets if t.report_id == "2021-00558"])
    assert total > 3
    assert page.select_one(".targets-cut").get_text() == (
        f"这份报告有 {total} 个有数量的目标，本页只列出前 3 个（本站的限制，报告本身不分页）。"
        "每个目标都在其任务页面的“目标与进展”一栏，全部目标见数据下载中的 targets.csv。")


def test_a_target_answered_by_many_figures_lists_some_counts_all_and_keeps_the_latest(tmp_report):
    """A task whose targets and figures all count one thing pairs each with each (a 71 kB report
    made 810,000 pairs, 220 MB): a target keeps MAX_ANSWERS of its figures, the count of all,
    and its latest figure wherever it stands; its task page says how many are not listed."""
    from generator.link.targets import MAX_ANSWERS
    from generator.write.targets_data import TABLES, target_rows
    from generator.write.targets_pages import task_block
    TARGET_COLUMNS = [name for name, *_ in TABLES["targets"]]
    from tests.at_limits import HEAD, HEADER

    k = MAX_ANSWERS + 5
    targets = " ".join(f"{i}.新增科技型中小企业{i}家。" for i in range(1, k + 1))
    progress = " ".join(f"{i}.全省新增科技型中小企业{2 * i}家。" for i in range(1, k + 1))
    path = tmp_report(HEAD + HEADER + f"| 1 | 推进重点工作。 | {targets} | {progress} | 高新处 |\n")
    sources, errors = load_sources(path.parent)
    assert not errors
    book = link(sources).targets
    task = book.targets[0].task_id
    first = book.of_task(sources[0].id, task)[0]
    assert book.count(first.id) == k and len(book.answers(first.id)) == MAX_ANSWERS
    assert len(book.matches) == k * MAX_ANSWERS
    assert book.latest(first.id)[0].quantity.text == f"{2 * k}家"  # all of one period: the last stated
    block = BeautifulSoup(MD.render("\n\n".join(task_block(book, sources[0].id, task))), "html.parser")
    assert block.select(".targets-cut")[0].get_text() == (
        f"报告给出的对应数字共 {k} 个，本站每个目标只列出前 {MAX_ANSWERS} 个（本站的限制）；"
        "全部数字见各期报告的完成情况栏和数据下载中的 figures.csv。")
    row = next(target_rows(book))  # the open data say the same: the listed ones and the count of all
    assert (len(row[TARGET_COLUMNS.index("figure_ids")].split()), row[TARGET_COLUMNS.index("figure_count")]) == (MAX_ANSWERS, k)


def test_the_figures_found_by_groups_are_those_answers_holds_to_each_target(tmp_path):
    """link/pairs.py finds a target's figures through groups; they must be exactly the figures
    `targets.answers` accepts, pair by pair, in the seeds and every test report, in order."""
    from generator.link.pairs import TaskFigures, answering, wanted
    from generator.link.targets import answers, figures_of, targets_of

    for path in [*(ROOT / "content" / "sources").glob("*.txt"), *DATA.glob("*.txt")]:
        shutil.copy(path, tmp_path / path.name)
    sources, _ = load_sources(tmp_path)
    pairs = 0
    for source in sources:
        figures: dict[str, list] = {}
        for f in figures_of(source):
            figures.setdefault(f.task_id, []).append(f)
        for t in targets_of(source):
            mine = figures.get(t.task_id, [])
            expected = [f for f in mine if answers(t.quantity, f.quantity)]
            listed, count, _ = answering([TaskFigures(mine)], wanted(t.quantity), 10_000)
            assert listed == expected and count == len(expected), t.id
            pairs += count
    assert pairs > 10  # not vacuous: the seeds and test reports pair 20


def test_a_task_page_lists_at_most_its_limit_of_targets_and_says_where_the_rest_are(monkeypatch):
    """One task of 30,000 targets made a 73 MB task page: its 目标与进展 lists the first TASK_ROWS
    (here made 2) and says how many there are."""
    from generator.write import targets_pages

    archive = link(load_sources(ROOT / "content" / "sources")[0])
    book = archive.targets
    report, task = max({(t.report_id, t.task_id) for t in book.targets}, key=lambda k: len(book.of_task(*k)))
    count = len(book.of_task(report, task))
    assert count > 2
    monkeypatch.setattr(targets_pages, "TASK_ROWS", 2)
    block = BeautifulSoup(MD.render("\n\n".join(targets_pages.task_block(book, report, task))), "html.parser")
    assert len(block.select("h3")) == 2 + bool(book.unmatched_figures(report, task))
    assert block.select_one(".targets-cut").get_text() == (
        f"这项任务有 {count} 个有数量的目标，本栏只列出前 2 个（本站的限制）；全部目标见上面的各栏和数据下载中的 targets.csv。")
