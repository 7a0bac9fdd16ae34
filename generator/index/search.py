"""The search index: Pagefind's extended build, in bundles, reproducible and reused.

Text. Pagefind is given records, not HTML: the text of each report and task page's main
element split into bigrams (generator/index/text.py), so that every phrase is found whatever
Chinese segmentation would make of it, and the title a phrase is weighed against.

Bundles. The index is split into one Pagefind bundle per SPAN years (the report and task
pages of reports of those years, by the year the division pages file them under, read from
their HTML, and records for the divisions' pages of those years) and one of records for the
division overviews and document pages (`records.search_records`: names and titles; the
rest of those pages repeats text indexed elsewhere and runs to megabytes). The search page
merges the bundles (Pagefind's `mergeIndex`). A new report changes its years' bundle and
the records, and Pagefind's memory is bounded by a few years, not by the archive (one index
of 1,600 reports took 4 GB).

Reuse. A bundle is a function of its pages (or its records), so each bundle records a
fingerprint of them, made from the pages' own fingerprints, in `pagefind/bundles.json`; a
bundle whose input did not change is linked from the site being replaced instead of
indexed again.

Two processes. The bundles are shared between two `pagefind --service` processes, each
spoken to directly (index/pagefind.py), whose files are made reproducible before they are
written (`pagefind.stabilize`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path


from .. import progress
from ..files import link_tree
from ..write.common import UNDATED
from .pagefind import Service, stabilize
from .text import page_text, words

BUNDLES = "pagefind"
MANIFEST = "bundles.json"
RECORDS = "site"
SPAN = 3
"""Years of reports per bundle. A query fetches every bundle's metadata and filters and a chunk
of it per word, so fewer bundles cost less (1,600 synthetic reports, 14 a year: a bundle a
year 5.3 MB a query, one per three years 2.2 MB, docs/search.md); Pagefind's memory grows with
a bundle's pages (about 0.55 MB a page: a year of 86 pages 64 MB, three years 163 MB, ten
448 MB), and a new report re-indexes its bundle. Three years keep Pagefind under the build's
own peak (about 200 MB at 1,600 reports)."""
WORKERS = 2
"""Pagefind processes at once: one alone leaves a core idle while we read its answer and
write the bundle's files (cold build of 160: search 2.4 s with one, 1.7 s with two)."""
FORMAT = 7
"""Part of every fingerprint: raise it when what we do to a bundle changes."""
PART_CHARS = 600_000
"""Content (bigram words) per Pagefind index: Pagefind holds 140-200 bytes per character while
it indexes (a year of 5,000 task pages took 690 MB, the 160 synthetic reports' one bundle 479 MB),
so a bundle with more is indexed as parts, "2021", "2021/1", ..., each an index of its own that
the search page merges like a bundle (at 1,000,000 a part still took 280 MB). A single record
over this (the report page of a report at the byte limit: 200 MB) is a part alone."""


@dataclass(frozen=True)
class Bundle:
    """One Pagefind bundle: the HTML pages under some folders of reports/, and records."""

    name: str
    """Its folder under pagefind/: its years ("2019-2021"), UNDATED, or RECORDS."""
    folders: tuple[str, ...] = ()
    records: tuple[dict, ...] = ()

    def pages(self, site: Path) -> list[dict]:
        """A record of each HTML page under the bundle's folders, in path order."""
        records = []
        for folder in self.folders:
            for path in sorted((site / "reports" / folder).rglob("*.html")):
                url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
                records.append(page_record(url, path.read_text("utf-8")))
        return records

    def fingerprint(self, pages: dict[str, list[str]]) -> str:
        """From the records and the fingerprints of the bundle's pages (`pages`: folder ->
        "save_as fingerprint" of each page in it; a page's HTML is a function of those)."""
        digest = hashlib.sha256(f"{version('pagefind_bin_extended')} {FORMAT} {self.name}\n".encode())
        digest.update(json.dumps(self.records, ensure_ascii=False, sort_keys=True).encode())
        for folder in self.folders:
            digest.update("\n".join(sorted(pages.get(folder, []))).encode() + b"\0")
        return digest.hexdigest()


def span_of(year: str) -> str:
    """The name of the bundle that holds the reports of `year` (a year, or UNDATED)."""
    if not year.isdigit():
        return year
    first = int(year) // SPAN * SPAN
    return f"{first}-{first + SPAN - 1}"


def bundles(site: Path, records: list[tuple[str | None, dict]], years: dict[str, str]) -> list[Bundle]:
    """The records first, then one bundle per SPAN years of reports (`years`: report id ->
    year; a folder not named there goes with UNDATED), with the records meant for those years
    (`records.search_records`; those of years with no bundle go with the records). The search
    page loads the first and merges the rest into it, so none is empty: a bundle without pages
    has no language, and Pagefind never answers a search on it."""
    by_span: dict[str, list[str]] = {}
    reports = site / "reports"
    for folder in sorted(p.name for p in reports.iterdir() if p.is_dir()) if reports.is_dir() else []:
        by_span.setdefault(span_of(years.get(folder, UNDATED)), []).append(folder)
    of_span: dict[str | None, list[dict]] = {}
    for year, record in records:
        span = span_of(year) if year else None
        of_span.setdefault(span if span in by_span else None, []).append(record)
    first = [Bundle(RECORDS, records=tuple(of_span[None]))] if None in of_span else []
    return first + [Bundle(s, folders=tuple(f), records=tuple(of_span.get(s, ()))) for s, f in sorted(by_span.items())]


def page_record(url: str, html: str) -> dict:
    """The Pagefind record of a rendered page: its main text and title as bigram words."""
    text = page_text(html)
    filters: dict[str, list[str]] = {}
    for name, value in text.filters:
        filters.setdefault(name, []).append(value)
    return {"url": url, "content": words(text.body), "meta": {"title": words(text.title)}, "filters": filters}


def indexed(record: dict) -> dict:
    """A record of `records.search_records` with its content and title as bigram words."""
    return {**record, "content": words(record["content"]),
            "meta": {**record["meta"], "title": words(record["meta"]["title"])}}


def index_search(site: Path, records: list[tuple[str | None, dict]], pages: dict[str, str],
                 years: dict[str, str], previous: Path | None = None) -> tuple[int, int]:
    """Write pagefind/ in `site`, reusing bundles of `previous` (the last site) whose input
    is unchanged; `pages` are the site's pages, save_as -> fingerprint (`render.render_pages`);
    `years` each report's year (`records.report_years`). Returns (bundles indexed, reused)."""
    root = site / BUNDLES
    old = _manifest(previous / BUNDLES) if previous else {}
    by_folder: dict[str, list[str]] = {}
    for save_as, mark in pages.items():
        parts = save_as.split("/", 2)
        if len(parts) == 3 and parts[0] == "reports":
            by_folder.setdefault(parts[1], []).append(f"{save_as} {mark}")
    wanted = [(b, b.fingerprint(by_folder)) for b in bundles(site, records, years)]
    todo = [b for b, mark in wanted if not (old.get(b.name) == mark and link_tree(previous / BUNDLES / b.name, root / b.name))]
    done, parts = [], {}

    def one_done() -> None:  # called from both threads; list.append is atomic
        done.append(1)
        progress.count("search bundles indexed", len(done), len(todo))

    with ThreadPoolExecutor(WORKERS) as pool:  # each thread only waits on its own Pagefind process
        list(pool.map(lambda share: parts.update(_index_all(site, share, root, one_done)),
                      [todo[i::WORKERS] for i in range(WORKERS)]))
    manifest = {"bundles": [{"name": name, "input": mark} for b, mark in wanted
                            for name in parts.get(b.name) or _parts_of(old, b.name)]}
    root.mkdir(parents=True, exist_ok=True)
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return len(todo), len(wanted) - len(todo)


def _index_all(site: Path, todo: list[Bundle], root: Path, done: Callable[[], None]) -> dict[str, list[str]]:
    """Index `todo` into `root`; the names of each bundle's parts (`PART_CHARS`)."""
    parts: dict[str, list[str]] = {}
    if todo:
        with Service(site) as service:
            for bundle in todo:
                records = [*bundle.pages(service.site), *map(indexed, bundle.records)]
                names = parts[bundle.name] = []
                for k, part in enumerate(_split(records)):
                    name = f"{bundle.name}/{k}" if k else bundle.name
                    names.append(name)
                    files = sorted(stabilize(service.index(part)).items())
                    for folder in {(root / name / file).parent for file, _ in files}:
                        folder.mkdir(parents=True, exist_ok=True)  # once each, not once a file (thousands)
                    for file, data in files:
                        (root / name / file).write_bytes(data)
                done()
    return parts


def _split(records: list[dict]) -> list[list[dict]]:
    """`records` in order, in parts of at most PART_CHARS of content (a longer record alone)."""
    parts: list[list[dict]] = [[]]
    size = 0
    for record in records:
        if parts[-1] and size + len(record["content"]) > PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(record)
        size += len(record["content"])
    return parts


def _parts_of(old: dict[str, str], name: str) -> list[str]:
    """The parts of a reused bundle, as the last site's manifest lists them."""
    return [name, *(n for n in old if n.startswith(name + "/"))]


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return {b["name"]: b["input"] for b in data["bundles"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
