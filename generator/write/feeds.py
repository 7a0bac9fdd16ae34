"""Atom feeds (all reports, and one per division) and sitemap.xml, with the configured SITEURL.

Dates come from the reports, never from the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from ..link.ids import division_id, division_names

TZ = dt.timezone(dt.timedelta(hours=8))  # 发布日期 are Beijing time


def _date(report) -> dt.datetime:
    for value, fmt in ((report.meta.published, "%Y-%m-%d %H:%M"), (report.meta.issued, "%Y-%m-%d")):
        try:
            return dt.datetime.strptime(value or "", fmt).replace(tzinfo=TZ)
        except ValueError:
            continue
    return dt.datetime(1970, 1, 1, tzinfo=TZ)


def _feed(title: str, link: str, feed_url: str, site: str, sources) -> str:
    feed = Atom1Feed(title=title, link=link, feed_url=feed_url, description="", language="zh-CN")
    for s in sources:
        url = f"{site}/reports/{s.id}/"
        feed.add_item(title=s.report.meta.title or s.report.source, link=url, unique_id=url,
                      description=f"索引号 {s.report.meta.index_no or '未注明'}，发文日期 {s.report.meta.issued or '未注明'}",
                      pubdate=_date(s.report), updateddate=_date(s.report))
    return feed.writeString("utf-8")


def division_sources(sources) -> dict[str, tuple[str, list]]:
    """Division id -> (name, reports that concern it)."""
    result: dict[str, tuple[str, list]] = {}
    for s in sources:
        for name in division_names(s.report):
            result.setdefault(division_id(name), (name, []))[1].append(s)
    return result


def write_feeds(folder: Path, sources, siteurl: str, sitename: str) -> None:
    site = siteurl.rstrip("/")
    ordered = sorted(sources, key=lambda s: (_date(s.report), s.id), reverse=True)
    (folder / "feeds").mkdir(exist_ok=True)
    (folder / "feeds" / "reports.atom.xml").write_text(
        _feed(f"{sitename}：报告", f"{site}/", f"{site}/feeds/reports.atom.xml", site, ordered), "utf-8")
    for did, (name, mine) in division_sources(ordered).items():
        (folder / "feeds" / f"division-{did}.atom.xml").write_text(
            _feed(f"{sitename}：{name}", f"{site}/divisions/{did}/", f"{site}/feeds/division-{did}.atom.xml",
                  site, mine), "utf-8")


def write_sitemap(folder: Path, siteurl: str) -> None:
    site = siteurl.rstrip("/")
    urls = []
    for page in sorted(folder.rglob("*.html")):
        relative = page.relative_to(folder).as_posix()
        if relative == "404.html":
            continue
        urls.append(site + "/" + (relative[:-len("index.html")] if relative.endswith("index.html") else relative))
    body = "".join(f"<url><loc>{escape(u)}</loc></url>\n" for u in urls)
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n", "utf-8")
