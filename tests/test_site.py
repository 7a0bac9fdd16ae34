"""The built site, as a citizen's browser receives it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from functools import partial

import pytest

from generator.errors import BuildError
from generator.site import checkpoints

from tests.browser import Browser, available
from tests.conftest import DATA, ROOT
from tests.sitebuild import add_settings, broken_links, build, copy_built, copy_project, html_files, soup
from tests.wait import until

pytestmark = pytest.mark.site


@pytest.fixture
def site(seed_site):
    return seed_site


def test_report_page_is_shaped_like_the_publication(site):
    page = soup(site / "reports/2021-00558/index.html")
    info = {th.get_text(): th.find_next_sibling("td").get_text() for th in page.select(".info-block th")}
    assert info == {"索引号": "002482090/2021-00558", "发布机构": "省科技厅",
                    "发文日期": "2021-07-12", "公开方式": "主动公开"}
    assert page.select_one("h1").get_text() == "浙江省科学技术厅2021年度重点工作半年度完成情况"
    line = page.select_one(".publication-line").get_text()
    assert "发布日期：2021-07-12 10:44" in line and "信息来源：省科技厅" in line
    assert [len(t.select("tbody tr")) for t in page.select(".task-table table")] == [9, 17]
    assert page.select(".task-table figcaption")[1].get_text() == "省科技厅会办重点工作任务半年度进展情况表(17项)"
    assert page.select_one('a[rel="external"]')["href"].startswith("https://kjt.zj.gov.cn/art/2021/7/12/")
    assert page.select_one(".breadcrumb").get_text().startswith("当前位置：首页")


def test_every_task_row_links_to_its_task_page_and_divisions(site):
    page = soup(site / "reports/2021-00558/index.html")
    first = page.select_one("#task-1-01")
    assert first.select_one("td.num a")["href"].endswith("tasks/1-01/")
    assert [a.get_text() for a in first.select("td.owners a")] == ["成果处", "规划处"]
    assert first.select_one("td.owners a")["href"].endswith("divisions/achievements/")


def test_pages_exist_for_26_tasks_and_14_divisions(site):
    tasks = sorted(p.parent.name for p in (site / "reports/2021-00558/tasks").glob("*/index.html"))
    assert len(tasks) == 26 and tasks[0] == "1-01" and tasks[-1] == "2-17"
    divisions = [p.parent.name for p in (site / "divisions").glob("*/index.html")]
    assert len(divisions) == 14
    assert (site / "tasks/index.html").exists() and (site / "divisions/index.html").exists()


def test_task_page_shows_every_column_and_says_when_empty(site):
    page = soup(site / "reports/2021-00558/tasks/1-01/index.html")
    headings = [h.get_text() for h in page.select(".column h2")]
    assert headings == ["目标任务", "工作举措", "完成情况", "责任单位", "存在问题", "下一步打算"]
    problems = page.select(".column")[4]
    assert "本栏无内容" in problems.get_text()
    progress = page.select(".column")[2].get_text()
    assert "6月28日,《杭州城西科创大走廊发展“十四五”规划》正式印发。" in progress
    assert page.select_one('a[rel="next"]')["href"].endswith("1-02/")


def test_division_has_an_overview_and_a_page_per_year(site):
    overview = soup(site / "divisions/achievements/index.html")
    rows = [[td.get_text() for td in tr.select("td")] for tr in overview.select(".catalogue tbody tr")]
    assert [r[:4] for r in rows] == [["2021年", "1", "4", "0"], ["2020年", "1", "0", "1"]]
    assert [a["href"].split("divisions/")[-1] for a in overview.select(".catalogue tbody a")] == [
        "achievements/2021/", "achievements/2020/"]
    assert [h.get_text() for h in overview.select(".latest .from-report h3")] == ["浙江省科学技术厅2021年度重点工作半年度完成情况"]
    for row in rows:
        year = soup(site / f"divisions/achievements/{row[0][:4]}/index.html")
        assert len(year.select(".division-body .timeline li")) == int(row[4])  # the events the table counts
    year_2021 = soup(site / "divisions/achievements/2021/index.html")
    assert [h.get_text() for h in year_2021.select(".from-report h2")] == ["浙江省科学技术厅2021年度重点工作半年度完成情况"]
    assert "大力推进杭州城西科创大走廊建设" in year_2021.get_text() and "（与规划处共同负责）" in year_2021.get_text()
    assert year_2021.select_one('.year-jump a[aria-current="page"]').get_text() == "2021年"
    year_2020 = soup(site / "divisions/achievements/2020/index.html")
    assert [h.get_text() for h in year_2020.select(".from-report h2")] == ["浙江省科技厅2020年4月份重点工作完成情况"]
    assert "开展城西科创大走廊打造创新策源地规划思路" in year_2020.get_text()


def test_task_index_by_year(site):
    overview = soup(site / "tasks/index.html")
    rows = [[td.get_text() for td in tr.select("td")] for tr in overview.select(".catalogue tbody tr")]
    assert rows == [["2021年", "1", "26"]]  # the monthly report of 2020 has no task table
    assert len(overview.select(".tasks-index .task-list li")) == 26
    year = soup(site / "tasks/2021/index.html")
    links = [a["href"] for a in year.select(".task-list a")]
    assert len(links) == 26 and links[0].endswith("reports/2021-00558/tasks/1-01/")


def test_home_lists_reports_newest_first(site):
    rows = soup(site / "index.html").select(".catalogue tbody tr")
    assert [r.select_one(".index-no").get_text() for r in rows] == ["002482090/2021-00558", "002482090/2020-15367"]


def test_monthly_report_is_a_numbered_division_list(site):
    page = soup(site / "reports/2020-15367/index.html")
    entries = page.select(".entries li")
    assert len(entries) == 14
    assert entries[0].select_one("a").get_text() == "办公室"
    assert entries[-1].select_one("a")["href"].endswith("divisions/science-fund/")


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_pages_are_chinese_and_need_no_outside_assets(site):
    for path in html_files(site):
        page = soup(path)
        assert page.html["lang"] == "zh-CN"
        for node in page.find_all(["link", "script", "img"]):
            url = node.get("href") or node.get("src") or ""
            assert not url.startswith(("http:", "https:", "//")), f"{path}: loads {url}"


def test_report_text_is_shown_as_text_never_as_markup(hostile_site):
    page = soup(hostile_site / "reports/2022-09999-000000000/index.html")
    assert [s.get_text() for s in page.find_all("script")] == [page.find_all("script")[0].get_text()]
    assert "print-button" in page.find("script").get_text()  # only our own script
    assert page.find("img") is None
    body = page.select_one(".publication-body").get_text()
    for literal in ("<img src=x onerror=alert(2)>", "**加粗**", "[链接](javascript:alert(3))", "{filename}/x.md",
                    "# 标题 | 竖线 `代码` {% if x %}块{% endif %}", "<script>alert(4)</script>",
                    '<a href="javascript:alert(5)">点我</a> {{ 7*7 }} &amp; &lt;b&gt;'):
        assert literal in body
    assert page.select_one("h1").get_text() == "<script>alert(1)</script>测试报告 {{ title }}"
    assert not any((a.get("href") or "").startswith("javascript:") for a in page.find_all("a"))


def test_a_bad_report_is_left_out_and_the_rest_is_built(seed_copy):
    project = seed_copy
    (project / "content/sources/broken.txt").write_bytes(b"")
    result = build(project)
    assert result.returncode == 1
    assert "broken.txt:1: error: the file is empty" in result.stderr
    assert (project / "output/reports/2021-00558/index.html").exists()


@pytest.mark.parametrize("processes", [1, 2])  # Pelican in the build process, or in two workers
def test_a_failed_build_leaves_the_last_good_site(seed_copy, processes):
    project = seed_copy
    if processes == 2:
        add_settings(project, "PAGE_PARALLEL_BYTES = 0")
    before = (project / "output/index.html").read_bytes()
    (project / "theme/templates/task.html").write_text("{% extends 'base.html' %}{% block content %}{{ oops(", "utf-8")
    result = build(project)
    assert result.returncode == 2
    assert "previous site" in result.stderr
    assert (project / "output/index.html").read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


def test_a_build_whose_open_data_cannot_be_written_leaves_the_last_good_site(seed_copy):
    # Open data, feeds and the report cache are written by a second process (build.meanwhile);
    # its failure must fail the build as Pelican's does, not be lost with the process.
    project = seed_copy
    before = (project / "output/data/index.json").read_bytes()
    shutil.rmtree(project / "cache/reports")
    (project / "cache/reports").write_text("not a folder", "utf-8")  # the report cache cannot be saved
    (project / "content/sources/000_9deafdd47ee1ad59.txt").write_bytes(
        (project / "content/sources/000_9deafdd47ee1ad59.txt").read_bytes().replace("省科技厅".encode(), "某科技厅".encode(), 1))
    result = build(project)
    assert result.returncode == 2
    assert "error: could not write" in result.stderr and "cache/reports: File exists" in result.stderr
    assert "previous site" in result.stderr
    assert (project / "output/data/index.json").read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


def _answer():
    return {"pages": 1234}


def _refuse():
    raise BuildError("the disk is full")


def _crash():
    return {}["missing"]


def _die():
    os._exit(9)


def _outlive_the_build(started, late):
    started.write_text(str(os.getpid()), "utf-8")
    threading.Event().wait(60)  # ended long before, unless leaving the block fails to end it
    late.write_text("written after the build gave up", "utf-8")


def test_work_beside_the_build_reports_its_result_and_its_failures(tmp_path):
    from generator.site.meanwhile import meanwhile

    with meanwhile(_answer) as result:
        assert result() == {"pages": 1234}
    for work, said in ((_refuse, "the disk is full"), (_crash, "KeyError: 'missing'"),
                       (_die, "ended without finishing")):
        with pytest.raises(BuildError, match=said), meanwhile(work) as result:
            result()
    started, late = tmp_path / "started.txt", tmp_path / "late.txt"
    with pytest.raises(RuntimeError), meanwhile(partial(_outlive_the_build, started, late)):
        until(started.exists, "the work beside the build started")
        raise RuntimeError("the build failed here first")
    with pytest.raises(ProcessLookupError):  # leaving the block ended the process (and reaped it)
        os.kill(int(started.read_text("utf-8")), 0)
    assert not late.exists()


def test_same_input_same_bytes(seed_site, tmp_path):
    again = copy_project(tmp_path)  # built from nothing, as the session's seed site was
    assert build(again).returncode == 0
    assert_same_site(seed_site, again / "output")
    assert any(f.startswith("pagefind/2019-2021/filter/") for f in site_files(seed_site))  # search included


def site_files(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def assert_same_site(a, b):
    assert site_files(a) == site_files(b)
    for relative in site_files(a):
        assert (a / relative).read_bytes() == (b / relative).read_bytes(), relative


def test_a_rebuild_after_adding_and_correcting_reports_equals_a_fresh_build(seed_copy, tmp_path):
    # The rebuild reuses what did not change (pages, data files, search bundles, parsed
    # reports); what it serves must be exactly what a build from nothing makes.
    series, monthly = DATA / "series_q3_2021.txt", "content/sources/004_3ad8db09de54a942.txt"
    grown, fresh = seed_copy, copy_project(tmp_path / "fresh", extra_sources=(series,))
    (grown / "content/sources" / series.name).write_bytes(series.read_bytes())
    for project in (grown, fresh):  # a correction to a report already on the site
        path = project / monthly
        path.write_bytes(path.read_bytes().replace("省科技厅".encode(), "某科技厅".encode()))
    result = build(grown)
    assert result.returncode == 0, result.stderr
    assert build(fresh).returncode == 0
    assert "某科技厅" in (grown / "output/data/reports/2020-15367.json").read_text("utf-8")
    assert_same_site(grown / "output", fresh / "output")
    index = json.loads((grown / "output/pagefind/bundles.json").read_text("utf-8"))
    assert [b["name"] for b in index["bundles"]] == ["site", "2019-2021"]  # 2020 and 2021: one span of years


def test_a_rebuild_after_removing_a_report_equals_a_fresh_build(series_project, seed_site, tmp_path):
    # The report removed continued a task of one that stays: that task's page loses its thread.
    shrunk = copy_built(series_project, tmp_path / "shrunk")
    assert "section class=\"thread\"" in (shrunk / "content/generated/tasks/2021-00558-1-01.md").read_text("utf-8")
    (shrunk / "content/sources/series_q3_2021.txt").unlink()
    assert build(shrunk).returncode == 0
    assert_same_site(shrunk / "output", seed_site)  # the seeds, built from nothing


def test_pages_rendered_in_many_batches_by_two_processes_are_the_same_site(seed_site, tmp_path):
    # Each Pelican run holds a few pages; links to pages of other runs must still resolve, and
    # a second process must neither miss nor clash with the first one's theme files and pages.
    batched = copy_project(tmp_path)
    add_settings(batched, "PAGE_BATCH_BYTES = 40000", "PAGE_PARALLEL_BYTES = 0")
    result = build(batched)
    assert result.returncode == 0, result.stderr
    assert_same_site(seed_site, batched / "output")  # rendered whole, by one process


def test_templates_show_only_their_own_page():
    # A page whose Markdown did not change is reused from the last site (generator/render/pelican.py);
    # a template that listed other pages (Pelican's pages, articles, ...) would go stale there.
    import re
    from pathlib import Path

    listings = re.compile(r"\b(pages|hidden_pages|draft_pages|articles|dates|tags|categories|authors)\b")
    for template in sorted((Path(__file__).parent.parent / "theme/templates").glob("*.html")):
        code = " ".join(re.findall(r"{[{%](.*?)[%}]}", template.read_text("utf-8"), re.S))
        assert not listings.search(code), f"{template.name} lists other pages"


def test_a_theme_change_renders_every_page_again(seed_copy):
    project = seed_copy
    base = project / "theme/templates/base.html"
    base.write_text(base.read_text("utf-8").replace("</footer>", "<p>页脚已更新</p></footer>"), "utf-8")
    assert build(project).returncode == 0
    pages = html_files(project / "output")
    assert pages and all("页脚已更新" in p.read_text("utf-8") for p in pages)


def site_bytes(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("point", checkpoints.POINTS)
def test_a_build_killed_at_each_stage_leaves_the_last_site_and_the_next_build_cleans_up(seed_copy, point):
    # GENERATOR_KILL_AT makes the build SIGKILL itself at that point (generator/site/checkpoints.py).
    project = seed_copy
    # Two Pelican processes, several runs each, and a theme change so that no page is reused:
    # killed mid-render, both processes are at work.
    add_settings(project, "PAGE_PARALLEL_BYTES = 0", "PAGE_BATCH_BYTES = 40000")
    base = project / "theme/templates/base.html"
    base.write_text(base.read_text("utf-8").replace("</footer>", "<p>页脚已更新</p></footer>"), "utf-8")
    source = project / "content/sources/000_9deafdd47ee1ad59.txt"
    source.write_bytes(source.read_bytes().replace("省科技厅".encode(), "某科技厅".encode(), 1))
    before = site_bytes(project / "output")
    killed = build(project, env={checkpoints.VARIABLE: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert site_bytes(project / "output") == before

    # Where the kill landed, by what the build had made so far.
    written = "某科技厅" in (project / "content/generated/reports/2021-00558.md").read_text("utf-8")
    fresh = [site_bytes(p) for p in project.glob("output.new-*")]
    assert len(fresh) == (0 if point == "parsed" else 1)
    made = fresh[0] if fresh else {}
    pages, rendered = [n for n in before if n.endswith(".html")], [n for n in made if n.endswith(".html")]
    indexed = any(n.startswith("pagefind/") for n in made)
    assert written == (point != "parsed")
    if point in ("parsed", "pages-written"):
        assert rendered == []
    elif point == "rendering":
        assert 0 < len(rendered) < len(pages)
    else:
        assert sorted(rendered) == sorted(pages)
    assert indexed == (point == "switch")

    result = build(project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]
    assert "某科技厅" in (project / "output/reports/2021-00558/index.html").read_text("utf-8")
    assert all("页脚已更新" in (project / "output" / page).read_text("utf-8") for page in pages)


def test_a_generated_page_changed_or_deleted_by_hand_is_made_again(seed_copy):
    # A rebuild skips making the pages of unchanged reports (cache/pages.json) only while their
    # files in content/generated/ are as the last build left them.
    project = seed_copy
    edited, deleted = (project / "content/generated/tasks/2021-00558-1-01.md",
                       project / "content/generated/reports/2020-15367.md")
    original = edited.read_bytes(), deleted.read_bytes()
    edited.write_bytes(original[0].replace("城西科创大走廊".encode(), "某某走廊".encode()))
    deleted.unlink()
    result = build(project)
    assert result.returncode == 0 and "2 pages written" in result.stderr
    assert (edited.read_bytes(), deleted.read_bytes()) == original


def test_progress_shows_on_a_terminal_and_not_in_a_log(seed_copy):
    import pty
    import subprocess
    import sys

    project = seed_copy
    logged = build(project)  # stderr is a pipe here, as in CI
    assert logged.returncode == 0 and "…" not in logged.stderr
    (project / "output").rename(project / "earlier")  # a cold build again: every stage has work
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--settings", "pelicanconf.py",
                                "--output", "output"], cwd=project, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 1 << 16)
        except OSError:  # the build ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait() == 0
    lines = [line.split("\r")[-1].replace("\x1b[K", "") for line in shown.decode("utf-8").splitlines()]
    for line in ("… reading reports 2/2", "… writing pages (reports, then the pages that span them) 3/3",
                 "… Pelican runs 1/1", "… search bundles indexed 2/2", "site built in output/"):
        assert line in lines


def test_a_removed_report_leaves_no_page_behind(seed_copy):
    project = seed_copy
    (project / "content/sources/004_3ad8db09de54a942.txt").unlink()
    result = build(project)
    assert result.returncode == 0
    assert not (project / "output/reports/2020-15367").exists()
    assert not (project / "content/generated/reports/2020-15367.md").exists()
    assert "2020-15367" not in (project / "output/index.html").read_text("utf-8")
    assert "removed" in result.stderr


def test_unchanged_pages_are_not_rewritten(seed_copy):
    project = seed_copy  # as its build left it: the rebuild below has nothing to do
    page = project / "content/generated/reports/2021-00558.md"
    stamp = page.stat().st_mtime_ns
    result = build(project)
    assert "0 pages written, 0 removed" in result.stderr
    assert page.stat().st_mtime_ns == stamp


def test_many_broken_reports_each_get_a_diagnostic_and_the_site_still_builds(seed_copy):
    project = seed_copy
    sources = project / "content/sources"
    for fixture in (DATA / "table_cut.txt", DATA / "division_list_gap.txt"):
        shutil.copy(fixture, sources / fixture.name)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (sources / "truncated.txt").write_text("索引号: 1/2022-1 发布机构: 测试\n\n测试单位2022年重点工作完成情况\n", "utf-8")
    (sources / "latin1.txt").write_bytes(bytes(range(128, 256)) * 8)
    (sources / "copy-of-half-year.txt").write_bytes((sources / "000_9deafdd47ee1ad59.txt").read_bytes())
    result = build(project)
    assert result.returncode == 1
    for expected in ("empty.txt:1: error: the file is empty", "binary.html:3: error: the file is binary",
                     "truncated.txt:3: error: the report has a title but no body",
                     "latin1.txt:1: error: cannot tell the text encoding",
                     "copy-of-half-year.txt:1: error: 索引号 002482090/2021-00558 is already used"):
        assert expected in result.stderr
    output = project / "output"
    assert len(list((output / "reports/2021-00558/tasks").iterdir())) == 26
    assert (output / "reports/2020-15367/index.html").exists()
    cut = soup(output / "reports/file-table-cut/index.html")  # no 索引号: its id comes from the file name
    # Readers get a Chinese note; the code (and in open data the English message) is for maintainers.
    note = cut.select_one('.diagnostics [data-code="row-count"]')
    assert note.get_text() == "第 3 行：表题所写的任务数与本站找到的行数不同；本站按找到的行列出。"
    assert "the caption announces 5 rows but 2 were found" in (output / "data/reports/file-table-cut.json").read_text("utf-8")
    gap = soup(output / "reports/file-division-list-gap/index.html")
    assert [li.select_one("a").get_text() for li in gap.select(".entries li")] == ["办公室", "法规处", "测试中心", "基金办"]
    assert broken_links(output) == []


def test_the_devserver_rebuilds_and_open_pages_reload_when_a_report_changes(seed_copy):
    import socket
    import subprocess
    import sys
    import urllib.request

    project = seed_copy
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--settings", "pelicanconf.py",
                                "--output", "output", "--port", str(port)], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def served() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/reports/2021-00558/", timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return None

    def current_build() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__build__", timeout=5) as r:
            return r.read().decode()

    browser = Browser() if available() else None  # without Chromium, the HTTP side is still checked
    try:
        page = until(served, "the devserver serves the report page", timeout=60)
        assert "某科技厅" not in page
        # An open page watches which build is current, and reloads when it changes; the built file does not.
        assert '/__build__' in page and "location.reload()" in page and current_build() == "0"
        assert "__build__" not in (project / "output/reports/2021-00558/index.html").read_text("utf-8")
        if browser:
            browser.open(f"http://127.0.0.1:{port}/reports/2021-00558/")
            browser.eval("window.notReloaded = true")
            # It asks once a second; after three answers, nothing having been built, it is still the same page.
            browser.wait("performance.getEntriesByType('resource').filter(e => e.name.endsWith('/__build__')).length >= 3")
            assert browser.eval("window.notReloaded === true")
        source = project / "content/sources/000_9deafdd47ee1ad59.txt"
        source.write_bytes(source.read_bytes().replace("省科技厅".encode(), "某科技厅".encode(), 1))
        until(lambda: "某科技厅" in (served() or ""), "the devserver serves the changed report", timeout=60)
        until(lambda: current_build() == "1", "the devserver counts the build")  # it counts after the swap
        if browser:  # the page open before the change shows it, without anyone reloading it
            browser.wait("document.body.innerText.includes('某科技厅') && !window.notReloaded", timeout=10)
    finally:
        if browser:
            browser.close()
        process.terminate()
        process.wait(timeout=30)
    if not browser:
        pytest.skip("needs chromium: apt-get install chromium (the devserver's HTTP side passed)")


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])  # relative and absolute URLs
def test_our_link_resolver_agrees_with_pelicans(tmp_path, monkeypatch, settings):
    # generator/render/batches.py resolves the pipeline's links itself, for speed; every
    # link of every page must come out exactly as Pelican's own resolver makes it.
    from pelican.contents import Content

    from generator.render import batches as pelican_batches
    from generator.site.build import build as build_in_process

    project = copy_project(tmp_path)
    seen = []
    fast = pelican_batches._link

    def both(self, siteurl, m):
        ours, pelicans = fast(self, siteurl, m), pelican_batches._pelican_link(self, siteurl, m)
        assert ours == pelicans  # a failure here fails the build
        seen.append(ours)
        return ours

    monkeypatch.setattr(Content, "_link_replacer", Content._link_replacer)  # put back afterwards
    monkeypatch.setattr(pelican_batches, "_link", both)  # what the plugin installs when Pelican loads it
    monkeypatch.chdir(project)  # publishconf.py imports pelicanconf from the working directory
    monkeypatch.setenv("SITEURL", "https://portal.example.cn")  # publishconf.py refuses its placeholder
    assert build_in_process(project / settings, project / "output", project) == 0
    assert len(seen) > 1000 and any("#" in link for link in seen)
    assert all(('"https://' in link) == (settings == "publishconf.py") for link in seen)


def test_a_report_is_filed_under_the_year_of_its_date_else_its_title_else_its_index_number():
    # The year of a report's division and task-list pages.
    from dataclasses import replace

    from generator.parse import parse_file
    from generator.link.ids import report_id
    from generator.link.source import Source
    from generator.write.common import report_year

    report = parse_file(ROOT / "content/sources/000_9deafdd47ee1ad59.txt")

    def year(**meta) -> str:
        changed = replace(report, meta=replace(report.meta, **meta))
        return report_year(Source(changed, report_id(changed), None))

    assert year() == "2021" and year(issued="2019-01-02") == "2019"
    assert year(issued=None, title="测试单位2018年重点工作完成情况") == "2018"
    assert year(issued=None, title="重点工作完成情况") == "2021"  # 索引号 002482090/2021-00558
    assert year(issued=None, title="重点工作完成情况", index_no=None) == "undated"
