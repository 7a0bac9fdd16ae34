"""What the division and document pages give the search index, as Pagefind records."""

from __future__ import annotations

from ..link.ids import division_id, rows_of
from ..link.source import Source
from ..write.pages import _year_label, division_titles, newest_first, newest_years, report_year


def search_records(sources: list[Source]) -> list[tuple[str | None, dict]]:
    """What the division and document pages give the search index, as Pagefind records, each
    with the year whose bundle should hold it (None: the bundle of records). A division's year
    page gives its tasks' titles, in that year's bundle, so a new report changes only its own
    year; the overview its name and its newest year's titles; a document its titles. Their
    entries, mentions and timelines repeat text indexed on report and task pages, and make
    pages of megabytes that Pagefind would have to read whole (generator/index/search.py)."""
    from ..link.documents import canonical_title

    ordered = newest_first(sources)
    names = division_titles(ordered)
    tasks: dict[str, dict[str, list[str]]] = {}  # division -> year -> task titles
    for source in ordered:
        for _, _, _, row, _ in rows_of(source.report):
            for owner in row.owners:
                tasks.setdefault(division_id(owner), {}).setdefault(report_year(source), []).append(row.task)
    records: list[tuple[str | None, dict]] = []
    for did in sorted(names):
        filters = {"kind": ["处室"], "division": [names[did]]}
        years = newest_years(tasks.get(did, {}))
        # The overview has its newest year's titles too: a task's words find its division.
        recent = tasks[did][years[0]] if years else []
        records.append((None, {"url": f"/divisions/{did}/", "content": "\n".join([names[did], *recent]),
                               "meta": {"title": names[did]}, "filters": filters}))
        for year in years:
            records.append((year, {"url": f"/divisions/{did}/{year}/", "content": "\n".join(tasks[did][year]),
                                   "meta": {"title": f"{names[did]} · {_year_label(year)}"}, "filters": filters}))
    titles: dict[str, set[str]] = {}
    for m in (m for s in ordered for m in s.mentions):
        titles.setdefault(m.doc_id, set()).add(m.title)
    for did in sorted(titles):
        title = canonical_title(next(iter(titles[did])))
        records.append((None, {"url": f"/documents/{did}/", "content": "\n".join([f"《{title}》", *sorted(titles[did] - {title})]),
                               "meta": {"title": f"《{title}》"}, "filters": {"kind": ["文件"]}}))
    return records
