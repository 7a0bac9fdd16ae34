"""What the division and document pages give the search index, as Pagefind records."""

from __future__ import annotations

from ..link.archive import Archive
from ..link.ids import division_id, rows_of
from ..write.common import newest_years, report_year, year_label


def search_records(archive: Archive) -> list[tuple[str | None, dict]]:
    """What the division and document pages give the search index, as Pagefind records, each
    with the year whose bundle should hold it (None: the bundle of records). A division's year
    page gives its tasks' titles, in that year's bundle, so a new report changes only its own
    year; the overview its name and its newest year's titles; a document its titles. Their
    entries, mentions and timelines repeat text indexed on report and task pages, and make
    pages of megabytes that Pagefind would have to read whole (generator/index/search.py).
    The year filter: a division's year page has its year; the overview and a document page,
    which span years, have every year they cover (a division's tasks, the reports that cite
    the document), so filtering by a year still offers them."""
    ordered, names = archive.sources, archive.division_names
    # division -> year -> its task titles, each once (a year's table reports repeat one task list)
    tasks: dict[str, dict[str, dict[str, None]]] = {}
    seen: dict[str, set[str]] = {}  # division -> the years of its tasks and entries
    year_of = report_years(archive)
    for source in ordered:
        year = year_of[source.id]
        for _, _, _, row, _ in rows_of(source.report):
            for owner in row.owners:
                tasks.setdefault(division_id(owner), {}).setdefault(year, {})[row.task] = None
                seen.setdefault(division_id(owner), set()).add(year)
        for e in source.report.entries:
            seen.setdefault(e.division_id or division_id(e.division), set()).add(year)
    records: list[tuple[str | None, dict]] = []
    for did in sorted(names):
        filters = {"kind": ["处室"], "division": [names[did]]}
        years = newest_years(tasks.get(did, {}))
        # The overview has its newest year's titles too: a task's words find its division.
        recent = list(tasks[did][years[0]]) if years else []
        every_year = [year_label(y) for y in newest_years(seen.get(did, ()))]
        records.append((None, {"url": f"/divisions/{did}/", "content": "\n".join([names[did], *recent]),
                               "meta": {"title": names[did]}, "filters": {**filters, "year": every_year}}))
        for year in years:
            records.append((year, {"url": f"/divisions/{did}/{year}/", "content": "\n".join(tasks[did][year]),
                                   "meta": {"title": f"{names[did]} · {year_label(year)}"},
                                   "filters": {**filters, "year": [year_label(year)]}}))
    for d in sorted(archive.documents, key=lambda d: d.id):
        years = [year_label(y) for y in newest_years({year_of[m.seen.report_id] for m in d.mentions})]
        records.append((None, {"url": f"/documents/{d.id}/", "content": "\n".join([f"《{d.title}》", *sorted(d.variants)]),
                               "meta": {"title": f"《{d.title}》"}, "filters": {"kind": ["文件"], "year": years}}))
    return records


def report_years(archive: Archive) -> dict[str, str]:
    """Each report's year, by id: the year its division pages and search's year filter give it
    (`write.common.report_year`), which decides its search bundle (index/search.py)."""
    return {source.id: report_year(source) for source in archive.sources}
