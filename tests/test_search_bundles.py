"""How the search index is cut into bundles (generator/index/search.py)."""

from __future__ import annotations

from generator.index.search import RECORDS, bundles


def test_reports_are_bundled_by_their_year_in_spans_whatever_their_id(tmp_path):
    # Ids like syn-2011-… (a 索引号 of another shape) once put every report in one bundle:
    # 1,600 synthetic reports, Pagefind 4 GB. The year the build gives decides, three years a bundle.
    for folder in ("syn-2011-00001-aa", "2012-00002", "2013-00003", "file-undated"):
        (tmp_path / "reports" / folder).mkdir(parents=True)
    years = {"syn-2011-00001-aa": "2011", "2012-00002": "2012", "2013-00003": "2013", "file-undated": "undated"}
    division_2013 = ("2013", {"url": "/divisions/x/2013/"})
    division_2030 = ("2030", {"url": "/divisions/x/2030/"})  # no reports of its years: with the records
    made = bundles(tmp_path, [division_2013, division_2030], years)
    assert [(b.name, b.folders, [r["url"] for r in b.records]) for b in made] == [
        (RECORDS, (), ["/divisions/x/2030/"]),
        ("2010-2012", ("2012-00002", "syn-2011-00001-aa"), []),
        ("2013-2015", ("2013-00003",), ["/divisions/x/2013/"]),
        ("undated", ("file-undated",), []),
    ]
