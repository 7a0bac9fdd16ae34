"""The whole build, top to bottom (`_build`): read and parse the reports, link them, write
their pages (and, in a second process, open data and feeds), render the pages with Pelican
(reusing unchanged ones), index them for search, swap the site in.

A bad report is reported and left out; the rest of the site is still built. The site is
made in a fresh directory beside the output, and only a build that finished every stage
(Pelican without a warning) replaces the site that is being served.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..errors import EXIT_BUILD_FAILED, EXIT_INTERRUPTED, EXIT_LEFT_OUT, EXIT_OK, EXIT_OUTPUT, BuildError, ReportError
from ..link.documents import MAX_CANDIDATES, alias_candidates
from ..link.summary import notes
from ..parse import parse_file
from ..provenance import read as read_provenance
from ..read import file_error, unsupported_files
from ..link.ids import report_id
from ..files import replace_file
from .checkpoints import checkpoint
from .meanwhile import meanwhile
from .gone import gone
from .memo import PageMemo, SourceCache
from .output import about_output, during, explain, left_in_place, locked, swap, tidy, uninterrupted
from ..write.feeds import sitemap_dates, write_feeds, write_sitemap
from ..write.opendata import downloads, write_data
from .. import progress
from ..link import Archive, link
from ..link.source import Source
from ..index.records import report_years, search_records
from ..write.pages import GENERATED, PageGroup, all_pages
from ..render.pelican import PageFile, Workers, render_pages
from ..index.search import index_search

SOURCE_SUFFIXES = {".txt", ".html", ".htm"}
CACHE = Path("cache") / "reports"
PAGE_MEMO = Path("cache") / "pages.json"
STATE = ".build.json"
"""Kept with each site: fingerprints of its pages and the keys of its reports' data files,
so the next build can reuse what did not change (render/pelican.py, write/opendata.py)."""


def load_sources(folder: Path, cache: SourceCache | None = None) -> tuple[list[Source], list[str]]:
    """Parse every report in `folder` (or take it from `cache` when the file is unchanged);
    (good sources, error messages for the bad ones)."""
    provenance, errors = read_provenance(folder)
    sources: list[Source] = []
    seen: dict[str, str] = {}
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES)
    errors += unsupported_files(folder)
    for n, path in enumerate(paths, start=1):
        progress.count("reading reports", n, len(paths))
        url = provenance.get(path.name)
        try:
            key = cache.key(path, url) if cache else ""
            source = cache.get(key) if cache else None
            report = parse_file(path) if source is None else source.report
        except OSError as exc:  # listed, then deleted or unreadable before it was read
            errors.append(str(file_error(path, exc)))
            continue
        except ReportError as exc:
            errors.append(str(exc))
            continue
        if source is None:
            # The ledger (every span of the source) is for the fidelity tests; the site does not need it.
            source = Source(replace(report, ledger=()), report_id(report), url, key)
            if cache:
                cache.put(key, source)
        rid, report = source.id, source.report
        if rid in seen:
            errors.append(f"{path.name}:1: error: 索引号 {report.meta.index_no} is already used by {seen[rid]}; "
                          f"this copy is left out\n  hint: remove one of the two, or use `python -m generator add --replace`")
            continue
        seen[rid] = path.name
        sources.append(source)
    return sources, errors


def write_content(groups: Iterable[PageGroup], content: Path, memo: PageMemo | None = None,
                  total: int = 0) -> tuple[list[PageFile], int, int]:
    """Write pages whose text changed and delete generated pages no report makes any more.
    `groups` as `pages.all_pages` gives them; a group whose mark `memo` has seen, with its
    files untouched since, is not made again.

    Returns (the pages, how many were written, how many removed). Unchanged files are not touched.
    """
    written = 0
    files: list[PageFile] = []
    for n, (name, mark, make) in enumerate(groups, start=1):
        progress.count("writing pages (reports, then the pages that span them)", n, total)
        kept = memo.reuse(name, mark) if memo else None
        if kept is not None:
            files += kept
            continue
        made = []
        for relative, text in make():
            path = content / relative
            data = text.encode("utf-8")
            del text  # a page may be megabytes: only its bytes are kept
            front = json.loads(data[4:data.index(b"\n---\n", 4)])
            made.append(PageFile(relative, front["url"], front["save_as"], hashlib.sha256(data).hexdigest(), len(data)))
            if path.exists() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, data)
            written += 1
        if memo:
            memo.record(name, mark, made)
        files += made
    root = content / GENERATED
    wanted = {content / f.source for f in files}
    stale = [p for p in sorted(root.rglob("*")) if p.is_file() and p not in wanted] if root.exists() else []
    for path in stale:
        path.unlink()
    return files, written, len(stale)


TIMINGS: dict[str, float] = {}
"""Seconds per stage of the last build in this process, and counts (read by the benchmark)."""


@contextlib.contextmanager
def timed(stage: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[stage] = TIMINGS.get(stage, 0.0) + time.perf_counter() - start


def _state(site: Path | None) -> dict:
    """What the build that made `site` recorded of its inputs (empty when there is none)."""
    try:
        return json.loads((site / STATE).read_text("utf-8")) if site else {}
    except (OSError, ValueError):
        return {}


def read_sources(root: Path, cache: SourceCache) -> tuple[list[Source], list[str]]:
    """Parse content/sources/ (reusing `cache`); (sources, errors), errors already printed."""
    with timed("parse"):
        sources, errors = load_sources(root / "content" / "sources", cache)
    for message in errors:
        print(message, file=sys.stderr)
    for diagnostic in (d for s in sources for d in s.report.diagnostics if d.code == "not-a-report"):
        print(diagnostic, file=sys.stderr)  # built all the same: what is in content/sources/ is shown
    return sources, errors


def emit_pages(root: Path, archive: Archive) -> list[PageFile]:
    """Write content/generated/ for the linked reports, reusing what cache/pages.json says is unchanged."""
    with timed("emit"):
        memo = PageMemo(root / PAGE_MEMO, root / "content")
        pages, written, removed = write_content(all_pages(archive), root / "content", memo, len(archive.sources) + 1)
        memo.save()
    TIMINGS["pages"] = len(pages)
    print(f"{len(archive.sources)} reports, {written} pages written, {removed} removed", file=sys.stderr)
    return pages


def write_pages(root: Path) -> list[str]:
    """Parse content/sources/ and write content/generated/ only (`make content`); the errors,
    already printed."""
    cache = SourceCache(root / CACHE)
    sources, errors = read_sources(root, cache)
    emit_pages(root, link(sources))
    cache.save()
    return errors


def _data_and_feeds(fresh: Path, archive: Archive, cache: SourceCache, previous: Path | None,
                    old: dict[str, str], siteurl: str, sitename: str) -> tuple[dict[str, str], float]:
    """Open data, feeds and the report cache; (the data's state for .build.json, seconds taken)."""
    start = time.perf_counter()
    state = write_data(fresh, archive, previous, old)
    write_feeds(fresh, list(archive.sources), siteurl, sitename)
    cache.save()
    return state, time.perf_counter() - start


def build(settings_file: Path, output: Path, root: Path) -> int:
    """The whole site; the exit codes are in errors.py (0 all used, 1 some reports left out,
    2 the build failed, 3 the output folder or its disk failed, 130 interrupted).

    One build per output at a time (.output.lock). The site is made in a fresh directory beside
    `output` and swapped in only when all of it was made; on any failure the fresh directory is
    removed and `output` stays as it was."""
    output = output.resolve()
    try:
        with locked(output):
            tidy(output)
            # Pelican workers are forked now, while the build is small; without fork (Windows), none.
            with Workers() if Workers.possible() else contextlib.nullcontext() as workers:
                return _build(settings_file, output, root, workers)
    except KeyboardInterrupt:  # maybe just after the swap: say only what is sure
        whole = f"{output} holds a whole site" if output.is_dir() else f"there is no site in {output} yet"
        print(f"interrupted: nothing half-built is left; {whole}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        if about_output(exc, output):
            print(explain(exc, output), file=sys.stderr)
            return EXIT_OUTPUT
        print(f"error: could not write {exc.filename}: {exc.strerror}\n  hint: {left_in_place(output)}", file=sys.stderr)
        return EXIT_BUILD_FAILED


def _build(settings_file: Path, output: Path, root: Path, workers: Workers | None) -> int:
    from pelican.settings import read_settings

    TIMINGS.clear()
    cache = SourceCache(root / CACHE)
    sources, errors = read_sources(root, cache)
    checkpoint("parsed")
    fresh = output.with_name(f"{output.name}.new-{os.getpid()}")
    previous = output if output.is_dir() else None
    settings = read_settings(str(settings_file), override={"OUTPUT_PATH": str(fresh)})
    # The 数据下载 page lists the data files with their sizes, as this build wrote them.
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "data_downloads": partial(downloads, fresh / "data")}
    siteurl = settings.get("SITEURL") or settings["LOCAL_URL"]
    last = _state(previous)
    try:
        with during("writing pages, open data and feeds"):
            fresh.mkdir()
            with timed("link"):  # before the fork: the report cache then keeps what linking worked out
                archive = link(sources)
            # Open data, feeds and the report cache are written by a second process while this one
            # writes the pages: both mostly create files, and the second core was idle here.
            with meanwhile(partial(_data_and_feeds, fresh, archive, cache, previous, last.get("data", {}),
                                   siteurl, settings["SITENAME"])) as data_feeds:
                pages = emit_pages(root, archive)
                checkpoint("pages-written")
                for a, b in (alike := alias_candidates({m.title for d in archive.documents for m in d.mentions})):
                    print(f"note: 《{a}》 and 《{b}》 may be one document; if so, add them to "
                          f"generator/data/documents.toml", file=sys.stderr)
                if len(alike) == MAX_CANDIDATES:
                    print(f"note: only the first {MAX_CANDIDATES} pairs of alike titles are listed", file=sys.stderr)
                for line in notes(archive):
                    print(f"note: {line}", file=sys.stderr)
                progress.say("writing open data and feeds")
                data_state, TIMINGS["data_feeds"] = data_feeds()
        records, years, lastmod = search_records(archive), report_years(archive), sitemap_dates(sources)
        del sources, cache, data_feeds, archive  # done with the reports: Pelican's batches get the memory
        gc.collect()
        progress.say(f"rendering {len(pages)} pages with Pelican, reusing those that did not change")
        with during("rendering the pages with Pelican"), timed("pelican"):
            pages_state, rendered = render_pages(settings, pages, fresh, previous, last.get("pages", {}), workers)
            (fresh / STATE).write_text(json.dumps({"data": data_state, "pages": pages_state}, sort_keys=True,
                                                  indent=0) + "\n", "utf-8")
        TIMINGS.update(rendered=rendered, reused=len(pages) - rendered)
        progress.say(f"{rendered} pages rendered, {len(pages) - rendered} unchanged; indexing for search")
        with during("writing the sitemap"):
            write_sitemap(fresh, siteurl, lastmod)
        checkpoint("indexing")
        with during("indexing for search"), timed("search"):
            indexed, kept = index_search(fresh, records, pages_state, years, previous)
        TIMINGS.update(bundles_indexed=indexed, bundles_reused=kept)
        progress.say(f"{indexed} search bundles indexed, {kept} unchanged")
        checkpoint("switch")
        with during("putting the new site in place"), timed("swap"):
            swap(fresh, output)
    except BaseException as exc:
        with uninterrupted():
            shutil.rmtree(fresh, ignore_errors=True)
        if not isinstance(exc, BuildError):
            raise
        print(f"error: {exc}\n  hint: {left_in_place(output)}", file=sys.stderr)
        return EXIT_BUILD_FAILED
    if line := gone(last, {"data": data_state, "pages": pages_state}):
        print(line, file=sys.stderr)
    print(f"site built in {output.name}/", file=sys.stderr)
    return EXIT_LEFT_OUT if errors else EXIT_OK
