"""Open data, feeds and sitemap read back and compared with the model."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from generator.parse import parse_file
from tests.conftest import SOURCES
from tests.sitebuild import built_site, soup

pytestmark = pytest.mark.site
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("data"))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_report_json_is_the_parse_model(site):
    for path in sorted(SOURCES.glob("*.txt")):
        model = parse_file(path).to_json()
        rid = model["meta"]["index_no"].split("/")[1]
        assert json.loads((site / f"data/reports/{rid}.json").read_text("utf-8")) == model
    index = json.loads((site / "data/index.json").read_text("utf-8"))
    assert [r["id"] for r in index["reports"]] == ["2021-00558", "2020-15367"]
    assert all((site / "data" / r["json"]).exists() for r in index["reports"])


def test_tasks_csv_holds_every_item_of_every_cell(site):
    rows = read_csv(site / "data/tasks.csv")
    report = parse_file(SOURCES / "000_9deafdd47ee1ad59.txt")
    expected = [(f"{t + 1}-{r + 1:02d}", item.text) for t, table in enumerate(report.tables)
                for r, row in enumerate(table.rows) for _, items in row.cells for item in items]
    assert [(row["task_id"], row["text"]) for row in rows if row["report_id"] == "2021-00558"] == expected
    first_progress = [r for r in rows if r["task_id"] == "1-01" and r["column_role"] == "progress"]
    assert [(r["item"], r["marker"]) for r in first_progress] == [("1", "1."), ("2", "2."), ("3", "3.")]


def test_entries_and_events_csv(site):
    entries = read_csv(site / "data/entries.csv")
    assert len(entries) == 14 and entries[0]["division"] == "办公室" and entries[-1]["division_id"] == "science-fund"
    events = read_csv(site / "data/events.csv")
    sightings = read_csv(site / "data/event_sightings.csv")
    task1 = {s["event_id"] for s in sightings if (s["report_id"], s["task_id"]) == ("2021-00558", "1-01")}
    assert [e["date"] for e in events if e["event_id"] in task1] == ["2021-04-15", "2021-06-21", "2021-06-28"]
    mentions = read_csv(site / "data/document_mentions.csv")
    plan = [m for m in mentions if m["title"] == "杭州城西科创大走廊发展“十四五”规划"]
    assert [(m["action"], m["planned"], m["date"]) for m in plan] == [("协助编制", "yes", "2021-06"), ("正式印发", "no", "2021-06-28")]


@pytest.mark.site
def test_an_event_a_later_report_repeats_is_one_row_with_both_reports(tmp_path):
    from tests.conftest import DATA

    site = built_site(tmp_path, (DATA / "series_2021_q3_cumulative.txt",))
    events = [e for e in read_csv(site / "data/events.csv") if e["text"].startswith("6月28日,《杭州城西科创大走廊发展")]
    assert [(e["date"], e["reports"], e["report_count"]) for e in events] == [("2021-06-28", "2021-00558 2021-09902", "2")]
    sightings = [s for s in read_csv(site / "data/event_sightings.csv") if s["event_id"] == events[0]["event_id"]]
    assert [(s["report_id"], s["task_id"], s["column_label"]) for s in sightings] == [
        ("2021-00558", "1-01", "完成情况"), ("2021-09902", "1-01", "完成情况")]


def test_datapackage_describes_every_csv(site):
    package = json.loads((site / "data/datapackage.json").read_text("utf-8"))
    assert package["name"] and package["licenses"]
    for resource in package["resources"]:
        path = site / "data" / resource["path"]
        assert path.exists(), resource["path"]
        if resource["format"] != "csv":
            continue
        fields = resource["schema"]["fields"]
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            assert next(reader) == [field["name"] for field in fields]
            for row in reader:
                assert len(row) == len(fields)
                for value, field in zip(row, fields):
                    if field["type"] == "integer":
                        int(value)


def test_pages_link_to_their_json(site):
    report = soup(site / "reports/2021-00558/index.html")
    assert report.select_one('a[type="application/json"]')["href"].endswith("/data/reports/2021-00558.json")
    task = soup(site / "reports/2021-00558/tasks/1-04/index.html")
    href = task.select_one('a[type="application/json"]')["href"]
    data = json.loads((site / "reports/2021-00558/tasks/1-04" / href).resolve().read_text("utf-8"))
    assert data["cells"]["owners"] == ["规划处", "高新处", "社发处", "农村处", "基金办"]


def test_report_feed_has_an_entry_per_report(site):
    feed = ET.parse(site / "feeds/reports.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "浙江省科学技术厅2021年度重点工作半年度完成情况", "浙江省科技厅2020年4月份重点工作完成情况"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost:8000/reports/2021-00558/"
    assert entries[0].find(f"{ATOM}updated").text == "2021-07-12T10:44:00+08:00"


def test_division_feed_and_alternate_links(site):
    feed = ET.parse(site / "feeds/division-high-tech.atom.xml").getroot()
    assert feed.find(f"{ATOM}title").text.endswith("高新处")
    page = soup(site / "divisions/high-tech/index.html")
    alternates = [link["href"] for link in page.select('link[rel="alternate"]')]
    assert alternates == ["/feeds/reports.atom.xml", "/feeds/division-high-tech.atom.xml"] or \
        all(a.endswith(("reports.atom.xml", "division-high-tech.atom.xml")) for a in alternates)


def test_sitemap_lists_every_page_with_the_site_url(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = [u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(urls) == len(pages)
    assert "http://localhost:8000/reports/2021-00558/tasks/1-01/" in urls
    assert all(u.startswith("http://localhost:8000/") for u in urls)


def test_publish_settings_put_the_site_url_in_feeds(tmp_path):
    from tests.sitebuild import build, copy_project

    project = copy_project(tmp_path)
    conf = project / "publishconf.py"
    conf.write_text(conf.read_text("utf-8").replace('"https://example.org"', '"https://portal.example.cn"'), "utf-8")
    result = build(project, "--settings", "publishconf.py")
    assert result.returncode == 0, result.stderr
    assert "https://portal.example.cn/reports/2021-00558/" in (project / "output/feeds/reports.atom.xml").read_text("utf-8")
    assert "https://portal.example.cn/" in (project / "output/sitemap.xml").read_text("utf-8")
