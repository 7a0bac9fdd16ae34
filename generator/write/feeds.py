"""Atom feeds (all reports, and one per division) and sitemap.xml, with the configured SITEURL.

Dates come from the reports, never from the clock, so the same input gives the same bytes.
Report text is data: an entry's summary is HTML made from escaped text, and a character XML 1.0
forbids (a control character a report may hold) becomes U+FFFD, so every feed stays readable.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from ..link.ids import division_id, division_names, rows_of

TZ = dt.timezone(dt.timedelta(hours=8))  # 发布日期 are Beijing time
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with each character XML 1.0 cannot hold replaced by U+FFFD (�), the rest verbatim."""
    return _NOT_XML.sub("\ufffd", text)


def known_date(report) -> dt.datetime | None:
    """发布日期, else 发文日期 (at midnight), as Beijing time; None when the report gives neither."""
    for value, fmt in ((report.meta.published, "%Y-%m-%d %H:%M"), (report.meta.issued, "%Y-%m-%d")):
        try:
            return dt.datetime.strptime(value or "", fmt).replace(tzinfo=TZ)
        except ValueError:
            continue
    return None


def _date(report) -> dt.datetime:
    # Atom requires a date on every entry; an undated report sorts last, at the epoch.
    return known_date(report) or dt.datetime(1970, 1, 1, tzinfo=TZ)


def _summary(report, did: str | None) -> str:
    """The entry's summary as HTML: 索引号 and 发文日期, and for a division's feed what the
    division did in the report (its tasks, its entries), every text escaped."""
    m = report.meta
    parts = [f"<p>索引号 {html.escape(m.index_no or '未注明')}，发文日期 {html.escape(m.issued or '未注明')}</p>"]
    if did is not None:
        tasks = [f"<li>任务 {tid}：{html.escape(row.task or '（未注明任务名称）')}</li>"
                 for _, _, _, row, tid in rows_of(report) if any(division_id(o) == did for o in row.owners)]
        entries = [f"<li>{html.escape(e.text)}</li>"
                   for e in report.entries if division_id(e.division) == did]
        if tasks:
            parts.append(f"<p>本处室参与的任务（{len(tasks)} 项）：</p><ul>{''.join(tasks)}</ul>")
        if entries:
            parts.append(f"<p>本处室的工作：</p><ul>{''.join(entries)}</ul>")
    return "".join(parts)


def _feed(title: str, link: str, feed_url: str, site: str, author: str, sources, did: str | None = None) -> str:
    """A feed of `sources`; `author` for the feed, each entry by its report's 发布机构."""
    feed = Atom1Feed(title=xml_text(title), link=link, feed_url=feed_url, description="", language="zh-CN",
                     author_name=xml_text(author))
    for s in sources:
        url = f"{site}/reports/{s.id}/"
        m = s.report.meta
        feed.add_item(title=xml_text(m.title or s.report.source), link=url, unique_id=url,
                      description=xml_text(_summary(s.report, did)), author_name=xml_text(m.publisher or author),
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
        _feed(f"{sitename}：报告", f"{site}/", f"{site}/feeds/reports.atom.xml", site, sitename, ordered), "utf-8")
    for did, (name, mine) in division_sources(ordered).items():
        (folder / "feeds" / f"division-{did}.atom.xml").write_text(
            _feed(f"{sitename}：{name}", f"{site}/divisions/{did}/", f"{site}/feeds/division-{did}.atom.xml",
                  site, sitename, mine, did), "utf-8")


LISTINGS = ("", "divisions/", "tasks/", "timeline/", "documents/")
"""The home page, the division list, and everything under the last three: pages whose content
is every report's, with the newest report's date as lastmod."""


def sitemap_dates(sources) -> dict[str, str]:
    """Path prefix ("reports/2021-00558/", "divisions/high-tech/", a listing) -> the date its
    pages last changed, as the reports give it: a report's pages its own 发布日期 (else 发文日期),
    a division's the newest of its reports', the listings the newest of all. A prefix
    whose reports carry no date has none."""
    dated = [(s, d) for s in sources if (d := known_date(s.report))]
    dates = {f"reports/{s.id}/": d for s, d in dated}
    for did, (_, mine) in division_sources(s for s, _ in dated).items():
        dates[f"divisions/{did}/"] = max(known_date(s.report) for s in mine)
    if dated:
        dates.update(dict.fromkeys(LISTINGS, max(d for _, d in dated)))
    return {prefix: d.isoformat() for prefix, d in dates.items()}


def _lastmod(path: str, dates: dict[str, str]) -> str | None:
    if path in dates:  # a report's or division's own page, a listing
        return dates[path]
    first, _, rest = path.partition("/")
    if first in ("reports", "divisions"):  # their tasks, their years
        return dates.get(f"{first}/{rest.split('/')[0]}/")
    if first in ("tasks", "timeline", "documents"):
        return dates.get(f"{first}/")
    return None  # hand-written pages (关于本站, 数据说明, 搜索): no report dates them


def write_sitemap(folder: Path, siteurl: str, dates: dict[str, str] | None = None) -> None:
    """Every page but the 404, with `dates` (sitemap_dates) as lastmod where they know it."""
    site = siteurl.rstrip("/")
    body = []
    for page in sorted(folder.rglob("*.html")):
        relative = page.relative_to(folder).as_posix()
        if relative == "404.html":
            continue
        path = relative[:-len("index.html")] if relative.endswith("index.html") else relative
        lastmod = _lastmod(path, dates or {})
        body.append(f"<url><loc>{escape(site + '/' + path)}</loc>"
                    + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>\n")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(body) + "</urlset>\n", "utf-8")
