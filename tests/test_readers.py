"""What a first visit and a first month find (issue 17): Chinese without stray spaces, feeds a
reader can follow, a 404 that works at any address, and the operators' commands."""

from __future__ import annotations

import dataclasses
import functools
import socket
import subprocess
import sys
import threading
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from generator.link.ids import report_id
from generator.link.source import Source
from generator.parse import parse_file
from generator.remove import without_entry
from generator.render.reader import MarkdownItReader
from generator.site.gone import gone
from generator.site.static import SiteHandler, listen
from generator.write.feeds import sitemap_dates, write_feeds, write_sitemap
from tests.browser import Browser, available
from tests.conftest import ROOT, SEEDS
from tests.screenshots import serve
from tests.sitebuild import build, built_site, copy_project, soup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
needs_chromium = pytest.mark.skipif(not available(), reason="needs chromium: apt-get install chromium")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("readers"))


def sources() -> list[Source]:
    return [Source(r, report_id(r), None) for r in map(parse_file, SEEDS)]


# --- Chinese text in hand-written pages ---------------------------------------------------

def render(tmp_path, markdown: str) -> str:
    page = tmp_path / "page.md"
    page.write_text("Title: 测试\n\n" + markdown, "utf-8")
    return MarkdownItReader(dict(DEFAULT_CONFIG)).read(str(page))[0]


def test_a_line_break_between_chinese_characters_is_no_space(tmp_path):
    about = MarkdownItReader(dict(DEFAULT_CONFIG)).read(str(ROOT / "content/pages/about.md"))[0]
    assert "报告，整理成便于查阅的网页" in about and "不改动原文的任何文字" in about
    assert render(tmp_path, "报告，\n整理成") == "<p>报告，整理成</p>\n"
    assert render(tmp_path, "“原文”\n**任何**\n文字") == "<p>“原文”<strong>任何</strong>文字</p>\n"


def test_a_line_break_in_latin_text_or_beside_it_stays_a_space(tmp_path):
    assert render(tmp_path, "open\ndata") == "<p>open\ndata</p>\n"
    assert render(tmp_path, "下载\nCSV\n文件") == "<p>下载\nCSV\n文件</p>\n"


@pytest.mark.site
def test_hand_written_pages_show_no_space_between_chinese_characters(site):
    text = soup(site / "about/index.html").select_one("main").get_text()
    assert "报告，整理成" in text and "原文的任何文字" in text


# --- Feeds and sitemap ---------------------------------------------------------------------

@pytest.mark.site
def test_every_feed_and_entry_has_an_author(site):
    feeds = sorted((site / "feeds").glob("*.atom.xml"))
    assert len(feeds) > 10
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "浙江省科学技术厅重点工作进展", path.name
        for entry in feed.findall(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}author/{ATOM}name").text == "省科技厅", path.name


@pytest.mark.site
def test_a_division_feed_says_what_the_division_did_in_each_report(site):
    feed = ET.parse(site / "feeds/division-achievements.atom.xml").getroot()
    summaries = [e.find(f"{ATOM}summary").text for e in feed.findall(f"{ATOM}entry")]
    half_year, monthly = summaries
    assert "本处室参与的任务（4 项）" in half_year
    assert "<li>任务 1-07：推动科研成果转化,全年实现技术交易额1000亿元。</li>" in half_year
    assert "本处室的工作" in monthly and "本处室参与的任务" not in monthly
    entry = next(e for e in parse_file(SEEDS[1]).entries if e.division == "成果处")
    assert f"<li>{entry.text}</li>" in monthly


def test_feeds_stay_valid_xml_whatever_control_characters_a_report_holds(tmp_path):
    s = sources()[0]
    meta = dataclasses.replace(s.report.meta, title="标题\x0b含\x01控制字符\ufffe", publisher="省科技厅\x1f")
    report = dataclasses.replace(s.report, meta=meta)
    write_feeds(tmp_path, [dataclasses.replace(s, report=report)], "https://portal.example.cn", "站名\x00")
    for path in sorted((tmp_path / "feeds").glob("*.xml")):
        feed = ET.parse(path).getroot()  # raises on a character XML 1.0 forbids
        entry = feed.find(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text == "标题\ufffd含\ufffd控制字符\ufffd"
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "省科技厅\ufffd"
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "站名\ufffd"


def test_report_text_in_a_feed_summary_is_text_not_markup(tmp_path):
    s = sources()[0]
    meta = dataclasses.replace(s.report.meta, index_no="002482090/<b>2021-00558</b>")
    write_feeds(tmp_path, [dataclasses.replace(s, report=dataclasses.replace(s.report, meta=meta))],
                "https://portal.example.cn", "站名")
    summary = ET.parse(tmp_path / "feeds/reports.atom.xml").getroot().find(f"{ATOM}entry/{ATOM}summary").text
    assert "002482090/&lt;b&gt;2021-00558&lt;/b&gt;" in summary and "<b>" not in summary


@pytest.mark.site
def test_sitemap_dates_pages_by_their_reports(site):
    lastmod = {u.find(f"{SITEMAP}loc").text.removeprefix("http://localhost:8000/"): getattr(
        u.find(f"{SITEMAP}lastmod"), "text", None) for u in ET.parse(site / "sitemap.xml").getroot()}
    assert lastmod["reports/2021-00558/"] == "2021-07-12T10:44:00+08:00"
    assert lastmod["reports/2021-00558/tasks/1-01/"] == "2021-07-12T10:44:00+08:00"
    assert lastmod["reports/2020-15367/"].startswith("2020-0")
    assert lastmod[""] == lastmod["tasks/"] == lastmod["timeline/2021/"] == "2021-07-12T10:44:00+08:00"
    assert lastmod["divisions/achievements/2020/"] == "2021-07-12T10:44:00+08:00"  # its newest report
    assert lastmod["about/"] is None  # no report dates a hand-written page


def test_an_undated_report_gives_its_pages_no_lastmod(tmp_path):
    s = sources()[0]
    meta = dataclasses.replace(s.report.meta, published=None, issued=None)
    undated = dataclasses.replace(s, report=dataclasses.replace(s.report, meta=meta))
    page = tmp_path / "reports" / undated.id / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<!DOCTYPE html>", "utf-8")
    write_sitemap(tmp_path, "https://portal.example.cn", sitemap_dates([undated]))
    assert "<lastmod>" not in (tmp_path / "sitemap.xml").read_text("utf-8")


# --- The 404 page ----------------------------------------------------------------------------

@pytest.mark.site
@needs_chromium
def test_the_404_page_has_its_style_and_navigation_at_a_deep_address(site):
    # `make serve` answers a missing address with the site's 404.html, as a host set up for it would.
    server = listen(0, functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    browser = Browser(width=390)
    try:
        browser.open(base + "reports/2099-00001/tasks/9-99/")
        assert browser.eval("document.querySelector('h1').textContent") == "页面不存在"
        # The header band is coloured by the stylesheet: it was found from this address.
        assert browser.eval("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == \
            "rgb(11, 74, 139)"
        links = browser.eval("[...document.querySelectorAll('.site-nav a')].map(a => a.href)")
        assert links[1] == base + "tasks/"
        for link in links:  # each one is a page of the site
            status = browser.eval(f"fetch({link!r}).then(r => r.status)")
            assert status == 200, link
    finally:
        browser.close()
        server.shutdown()
        server.server_close()


# --- Operators: removing a report --------------------------------------------------------------

def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_remove_takes_out_the_file_and_its_provenance_entry_and_says_what_goes(project):
    sources = project / "content/sources"
    before = tomllib.loads((sources / "provenance.toml").read_text("utf-8"))
    result = run(project, "remove", "002482090/2021-00558")
    assert result.returncode == 0, result.stderr
    assert not (sources / "000_9deafdd47ee1ad59.txt").exists()
    assert (sources / "004_3ad8db09de54a942.txt").exists()
    after = tomllib.loads((sources / "provenance.toml").read_text("utf-8"))
    del before["000_9deafdd47ee1ad59.txt"]
    assert after == before
    assert "removed content/sources/000_9deafdd47ee1ad59.txt (索引号 002482090/2021-00558)" in result.stdout
    assert "its page reports/2021-00558/ and its 26 task pages" in result.stdout
    assert not list(sources.glob("*.tmp"))


def test_remove_of_an_unknown_index_number_changes_nothing_and_names_the_close_ones(project):
    sources = project / "content/sources"
    files = {p.name: p.read_bytes() for p in sources.iterdir()}
    for key in ("2021-0058", "README.md", "../pelicanconf.py"):
        result = run(project, "remove", key)
        assert result.returncode == 2
        assert result.stderr.startswith(f"content/sources: error: no report has 索引号 {key} [unknown-report]\n  hint: ")
    assert "did you mean 2021-00558 (000_9deafdd47ee1ad59.txt)?" in run(project, "remove", "2021-0058").stderr
    assert {p.name: p.read_bytes() for p in sources.iterdir()} == files
    assert (project / "pelicanconf.py").exists()


def test_remove_keeps_every_other_line_of_provenance_as_it_was():
    text = ('# Where each report was published.\n\n["a.txt"]\nurl = "https://example.org/a"\n\n'
            '# the next one was moved\n["b.txt"]\nurl = "https://example.org/b"\n')
    assert without_entry(text, "a.txt") == ('# Where each report was published.\n\n'
                                            '# the next one was moved\n["b.txt"]\nurl = "https://example.org/b"\n')
    assert without_entry(text, "b.txt") == '# Where each report was published.\n\n["a.txt"]\nurl = "https://example.org/a"\n'
    assert without_entry(text, "c.txt") == text
    assert without_entry('["a.txt"]\nurl = "x"\n[broken\n', "a.txt") is None  # refused: nothing is removed


# --- Operators: publishing and serving -------------------------------------------------------

def test_publish_refuses_the_placeholder_site_url_and_says_where_to_set_it(project):
    result = build(project, "--settings", "publishconf.py")
    assert result.returncode == 2
    assert result.stderr.startswith("publishconf.py: error: SITEURL is https://example.org, a placeholder")
    assert "hint: set SITEURL in publishconf.py, or run `SITEURL=https://your.site make publish`" in result.stderr
    assert not (project / "output").exists()


@pytest.mark.parametrize("mode", [("--as-built",), ()], ids=["make serve", "make devserver"])
def test_serving_on_a_port_in_use_says_so_in_one_line(project, mode):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, "serve", "--port", str(port), *mode)
    assert result.returncode == 2
    assert result.stderr == (f"error: port {port} is already in use (another `make serve` or devserver?)\n"
                             f"  hint: stop that one, or use another port: make serve PORT={port + 1}\n")
    assert not (project / "output").exists()  # the devserver did not build for nothing


def test_the_licence_is_an_spdx_string_built_by_a_pinned_setuptools_that_reads_it():
    # A table (`license = { text = "MIT" }`) warns on every install and stops installing in 2027.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["license"] == "MIT"
    [backend] = project["build-system"]["requires"]
    name, _, version = backend.partition("==")
    assert name == "setuptools" and tuple(map(int, version.split("."))) >= (77, 0, 0)  # SPDX strings from 77
    assert f"setuptools=={version}" in (ROOT / "requirements.txt").read_text("utf-8").split()


# --- Phone tables ---------------------------------------------------------------------------

@pytest.mark.site
@needs_chromium
def test_a_wide_report_table_says_it_scrolls_and_a_phone_shows_one_card_per_task(site):
    hint = "getComputedStyle(document.querySelector('.task-table figcaption'), '::after').content"
    table = ("(w => [getComputedStyle(w.querySelector('table')).display, w.scrollWidth > w.clientWidth])"
             "(document.querySelector('.task-table .table-wrap'))")
    # A tablet: the table stays a table and says it scrolls; a desktop: it fits.
    with serve(site) as base:
        for width, says, scrolls in ((800, '"表格较宽，可左右滑动查看全部栏目 →"', True), (1280, "none", False)):
            browser = Browser(width=width)
            try:
                browser.open(base + "reports/2021-00558/")
                assert browser.eval(hint) == says, width
                assert browser.eval(table) == ["table", scrolls], width
            finally:
                browser.close()
        # A phone: a card per task, nothing to scroll sideways, each cell under its column's label.
        browser = Browser(width=390)
        try:
            browser.open(base + "reports/2021-00558/")
            assert browser.eval(table) == ["block", False]
            labels = browser.eval("[...document.querySelectorAll('#task-1-01 td[data-label]:not(.task)')]"
                                  ".map(td => getComputedStyle(td, '::before').content)")
            assert labels == ['"目标任务"', '"工作举措"', '"完成情况"', '"责任单位"', '"存在问题"', '"下一步打算"']
            assert browser.eval("document.documentElement.scrollWidth <= window.innerWidth")
        finally:
            browser.close()


# --- The README alone is enough ----------------------------------------------------------------

@pytest.mark.site
def test_the_readme_routine_adds_corrects_and_removes_a_report(project):
    # Every generator command of the README's routine, as written, on a copy of the project.
    readme = (ROOT / "README.md").read_text("utf-8")
    routine = readme[readme.index("## The monthly routine"):readme.index("## Publishing")]
    commands = [line.split()[3:] for line in routine.splitlines()
                if line.strip().startswith(".venv/bin/python -m generator ")]
    assert [c[0] for c in commands] == ["add", "add", "remove"]
    fixture = str(ROOT / "tests/data/series_q3_2021.txt")
    assert build(project).returncode == 0  # the site as it was
    fill = {"SAVED-FILE": fixture, "CORRECTED-FILE": fixture, "ADDRESS-OF-THE-PUBLISHED-PAGE": "https://example.org/q3",
            "ADDRESS": "https://example.org/q3"}
    said = []
    for command in commands:
        result = run(project, *(fill.get(word, word) for word in command))
        assert result.returncode == 0, result.stderr
        said.append(result.stdout)
    assert said[0].startswith("added content/sources/2021-09901.txt") and said[1].startswith("replaced")
    assert said[2].startswith("removed content/sources/000_9deafdd47ee1ad59.txt (索引号 002482090/2021-00558)")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "output/reports/2021-09901/index.html").exists()
    assert not (project / "output/reports/2021-00558").exists()
    # The build says what went: the removed report's pages, and division pages no report makes now.
    line = next(x for x in result.stderr.splitlines() if x.startswith("no longer built: "))
    assert line.startswith("no longer built: report 2021-00558 removed (its page, 26 task pages); ")
    assert "other pages: divisions/basic-research/2021/, " in line and "divisions/high-tech/2021/" in line
    assert "divisions/planning/2021/" not in line  # 规划处 is in the added report of 2021 too


def test_the_build_names_task_pages_a_replacement_no_longer_has():
    old = {"pages": {"reports/2021-09901/index.html": "a", "reports/2021-09901/tasks/1-01/index.html": "b",
                     "reports/2021-09901/tasks/1-02/index.html": "c", "tasks/index.html": "d"},
           "data": {"2021-09901": "k"}}
    new = {"pages": {"reports/2021-09901/index.html": "a2", "reports/2021-09901/tasks/1-01/index.html": "b",
                     "tasks/index.html": "d2"}, "data": {"2021-09901": "k2"}}
    assert gone(old, new) == "no longer built: report 2021-09901 (1 task page)"
    assert gone(new, new) is None
    assert gone({}, new) is None  # a first build loses nothing
