"""The linking stage, `link(sources) -> Archive`, on the seeds and a constructed series.

The series (tests/data/README.md): the real half-year 2021 seed (2021-00558), a constructed
third-quarter report that repeats its progress word for word (2021-09902) and a constructed
fourth-quarter report that rewrites it (2022-00103). Each rule's test failed on the per-report
events, mentions and threads the site had before this stage (they doubled repeated events,
filed 今年以来 under the month of issue, kept a clause's dangling ；, took plans for progress
and did not follow a task whose title differs by a full-width comma)."""

from __future__ import annotations

import dataclasses
from collections import Counter
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.link import link, threads as threads_module
from generator.link.dates import find_dates, report_period
from generator.link.documents import cited_of
from generator.link.events import statements_of
from generator.link.ids import report_id, rows_of
from generator.link.source import Source
from generator.link.summary import brings, notes
from generator.link.text import normal
from generator.parse import parse_file
from tests.conftest import DATA, SEEDS, SOURCES

SERIES = (DATA / "series_2021_q3_cumulative.txt", DATA / "series_2021_q4_rewritten.txt")
DANGLING = "；;，,、：:"


def sources_of(*paths: Path) -> list[Source]:
    return [Source(report, report_id(report), None) for report in map(parse_file, paths)]


@pytest.fixture(scope="module")
def sources():
    return sources_of(*SEEDS, *SERIES)


@pytest.fixture(scope="module")
def archive(sources):
    return link(sources)


def events_with(archive, start: str):
    return [e for e in archive.events if e.text.startswith(start)]


def document(archive, title: str):
    return next(d for d in archive.documents if d.title == title)


# One event is one event.

def test_progress_a_cumulative_report_repeats_word_for_word_is_one_event_seen_in_both(sources, archive):

    (event,) = events_with(archive, "6月28日,《杭州城西")
    assert [s.report_id for s in event.seen] == ["2021-00558", "2021-09902"]  # oldest first
    assert [s.column for s in event.seen] == ["完成情况", "完成情况"]
    assert event.thread_id == archive.threads[("2021-00558", "1-01")].id


def test_no_two_events_are_the_same_statement(archive):
    keys = [(e.when, normal(e.text), e.thread_id, e.divisions if e.thread_id is None else ()) for e in archive.events]
    assert len(keys) == len(set(keys))
    assert len({e.id for e in archive.events}) == len(archive.events)


def test_a_division_entry_repeated_next_month_is_one_event_of_that_division():
    linked = link(sources_of(*SEEDS, DATA / "series_2020_05_divisions.txt"))
    events = events_with(linked, "完成一季度高新区高质量监测分析")
    assert [(e.divisions, [s.report_id for s in e.seen]) for e in events] == [
        (("achievements",), ["2020-15367", "2020-15999"]), (("planning",), ["2020-15999"])]
    assert events[0].thread_id is None and events[0].when.label == "2020年一季度"


def test_every_dated_clause_and_every_citation_of_every_report_is_in_the_archive_once(sources, archive):
    stated = Counter(st.seen for s in sources for st in s.learned("statements", statements_of))
    assert Counter(seen for e in archive.events for seen in e.seen) == stated
    assert Counter(m for d in archive.documents for m in d.mentions) == Counter(m for s in sources for m in s.learned("cited", cited_of))


def test_a_report_period_is_not_an_event(sources, archive):
    tasks = {row.task for s in sources for *_, row, _ in rows_of(s.report)}
    assert not [e for e in archive.events if e.text in tasks]
    assert not [e for e in archive.events if e.when.span == "report"]


def test_event_text_is_a_whole_clause_without_dangling_punctuation(sources, archive):

    (april,) = events_with(archive, "4月15日")
    assert april.text.endswith("》")
    (june,) = events_with(archive, "6月21日")
    assert june.text == "6月21日,厅党组会、厅务会审议通过,将抓紧报请省政府常务会议审议。"
    assert not [e.text for e in archive.events if e.text[0] in DANGLING or e.text[-1] in DANGLING]


# Periods are not days.

def test_period_phrases_are_periods_with_the_reports_period_end(sources, archive):
    (ytd,) = events_with(archive, "今年以来,会同杭州市")
    assert ytd.when.is_period and ytd.when.label == "截至2021年9月"
    (until,) = events_with(archive, "截至12月底")
    assert until.when.is_period and until.when.label == "截至2021年12月"  # issued in January 2022
    (months,) = events_with(archive, "1-9月")
    assert months.when.is_period and months.when.label == "2021年1-9月"
    (seed_ytd,) = events_with(archive, "今年以来新形成62项")
    assert seed_ytd.when.label == "截至2021年6月"


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 28), st.integers(1, 12))
def test_ranges_are_periods_and_days_are_points_in_the_reports_year_or_the_one_before(a, b, day, issued):
    period = report_period("浙江省科学技术厅2021年度重点工作三季度完成情况", None)
    found = [d.when for d in find_dates(f"{min(a, b)}-{max(a, b)}月,交易额增长。{a}月{day}日,召开会议。",
                                        f"2021-{issued:02d}-10", period)]
    assert [w.is_period for w in found] == [True, False]
    year = 2021 if max(a, b) <= issued else 2020
    assert found[0].label == f"{year}年{min(a, b)}-{max(a, b)}月"
    assert found[1].datetime == f"{2021 if a <= issued else 2020}-{a:02d}-{day:02d}"


def test_a_month_or_a_day_is_a_point(archive):
    (month,) = events_with(archive, "9月,甬江实验室")
    assert not month.when.is_period and month.when.label == "2021年9月"
    (day,) = events_with(archive, "8月10日")
    assert not day.when.is_period and day.when.datetime == "2021-08-10"


# Plans are plans, done is done.

@pytest.mark.parametrize("added", [(), (SERIES[1],)], ids=["seeds", "seeds and the fourth quarter"])
def test_a_plan_is_not_a_documents_latest_progress(added):
    g60 = document(link(sources_of(*SEEDS, *added)), "G60科创走廊(浙江段)建设行动计划")
    assert "印发" in [m.action for m in g60.mentions if m.seen.column == "下一步打算"]
    assert (g60.latest.action, g60.latest.seen.column) == ("形成", "完成情况")


def test_a_document_planned_in_one_report_and_issued_in_the_next_reads_forward(archive):
    g60 = document(archive, "G60科创走廊(浙江段)建设行动计划")
    assert [(m.action, m.planned, m.seen.report_id) for m in g60.mentions] == [
        ("制定", True, "2021-00558"), ("印发", True, "2021-00558"), ("形成", False, "2021-00558"),
        ("正式印发", False, "2021-09902")]
    assert (g60.latest.action, g60.latest.when.label) == ("正式印发", "2021年7月20日")


def test_a_later_plan_does_not_take_a_document_backwards(archive):
    ningbo = document(archive, "宁波甬江科创大走廊建设规划")
    later = [m for m in ningbo.mentions if m.seen.report_id == "2021-09902"]
    assert [(m.action, m.seen.column) for m in later] == [("推动编制", "工作举措"), ("推动编制", "下一步打算")]
    assert ningbo.mentions[-1] in later  # read forward, the plans of the third quarter come last
    assert (ningbo.latest.action, ningbo.latest.when.label) == ("正式印发", "2021年4月1日")
    zhongzhe = document(archive, "浙中科创大走廊发展规划")  # 印发 and 联合发布 are only planned
    assert (zhongzhe.latest.action, zhongzhe.latest.when.label) == ("审议通过", "2021年12月")


def test_a_document_step_repeated_by_a_later_report_is_one_step_with_both_reports(sources, archive):
    title = "杭州城西科创大走廊发展“十四五”规划"

    plan = document(archive, title)
    issued = [step for step in plan.steps if step[0].action == "正式印发"]
    assert [[m.seen.report_id for m in step] for step in issued] == [["2021-00558", "2021-09902"]]
    assert len(plan.steps) == len(plan.mentions) - 1


def test_every_stated_action_has_a_stage():
    from generator.link.documents import _table, stages
    assert set(_table()[1]) - set(stages()) == {"推动编制", "研究制定", "研究制订"}  # words of intent


# Tasks are followed across the series.

def test_a_task_differing_by_a_full_width_comma_is_followed(sources, archive):

    thread = archive.threads[("2021-09902", "1-02")]
    assert [(m.report_id, m.task_id) for m in thread.members] == [
        ("2021-00558", "1-02"), ("2021-09902", "1-02"), ("2022-00103", "1-02")]
    assert archive.threads[("2022-00103", "1-02")] is thread


def test_every_row_has_a_thread(sources, archive):
    rows = {(s.id, tid) for s in sources for *_, tid in rows_of(s.report)}
    assert set(archive.threads) == rows
    alone = archive.threads[("2021-00558", "2-01")]
    assert [m.report_id for m in alone.members] == ["2021-00558"]


def test_a_near_match_is_reported_and_merged_only_through_the_data_file(sources, archive, monkeypatch):
    (miss,) = [m for m in archive.near_misses if m.b == ("2021-09902", "1-03")]
    assert miss.a == ("2021-00558", "1-03") and miss.ratio == 0.99
    assert len(archive.threads[miss.b].members) == 1

    monkeypatch.setattr(threads_module, "merges", lambda: ((("2021-00558", "1-03"), ("2021-09902", "1-03")),))
    merged = link(sources)
    assert [m.report_id for m in merged.threads[miss.b].members] == ["2021-00558", "2021-09902"]
    assert not [m for m in merged.near_misses if m.b == miss.b]


def test_a_series_is_one_kind_of_report_in_one_year_or_the_next(sources):
    q4 = next(s for s in sources if s.id == "2022-00103")

    def as_of(title: str, index_no: str) -> Source:
        meta = dataclasses.replace(q4.report.meta, title=title, index_no=index_no)
        report = dataclasses.replace(q4.report, meta=meta)
        return Source(report, report_id(report), None)

    next_year = as_of("浙江省科学技术厅2022年度重点工作半年度完成情况", "002482090/2022-09990")
    later = as_of("浙江省科学技术厅2024年度重点工作半年度完成情况", "002482090/2024-09990")
    other_kind = as_of("浙江省科学技术厅2021年度重点工作推进情况通报", "002482090/2021-09990")
    linked = link([*sources, next_year, later, other_kind])
    assert [m.report_id for m in linked.threads[(next_year.id, "1-01")].members][-2:] == ["2022-00103", next_year.id]
    assert [m.report_id for m in linked.threads[(later.id, "1-01")].members] == [later.id]
    assert [m.report_id for m in linked.threads[(other_kind.id, "1-01")].members] == [other_kind.id]


def test_a_problem_stated_again_counts_consecutive_reports(archive):
    thread = archive.threads[("2021-00558", "1-01")]
    assert thread.problems_run == {"2022-00103": 2}  # the same words, one comma full-width
    assert archive.threads[("2022-00103", "1-02")].problems_run == {}  # "无" twice is no problem


# What a report brings.

def test_the_summary_names_continued_new_and_near_tasks(archive):
    lines = brings(archive, "2021-09902")
    assert lines[0] == "3 tasks: 1 new, 2 continuing tasks seen before"
    assert "  continues: 1-02 深入推进国家自主创新示范区建设，联动推进G60(浙江段)、宁… (after 2021-00558 1-02 " \
           "of 浙江省科学技术厅2021年度重点工作半年度完成情况)" in lines
    assert "  new: 1-03 提升之江实验室、西湖实验室创新水平,组建甬江、瓯江等省实验室…" in lines
    near = [line for line in lines if line.startswith("  near: ")]
    assert near == ["  near: 2021-09902 1-03 提升之江实验室、西湖实验室创新水平,组建甬江、瓯江等省实验室… is like "
                    "2021-00558 1-03 (similarity 0.99: “重大” → “”); if they are one task, add them to "
                    "generator/data/threads.toml"]


def test_build_notes_name_near_matches_and_merges_of_tasks_no_report_has(archive, monkeypatch):
    monkeypatch.setattr(threads_module, "merges", lambda: ((("2021-00558", "1-09"), ("2021-09902", "7-01")),))
    lines = notes(archive)
    assert lines[0].startswith("near: 2021-09902 1-03 ")
    assert lines[1].startswith("generator/data/threads.toml names task 7-01 of report 2021-09902, which no report has")


def test_add_prints_what_the_report_brings(tmp_path):
    shutil.copytree(SOURCES, tmp_path / "content" / "sources")
    result = subprocess.run([sys.executable, "-m", "generator", "add", str(SERIES[0])], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "  3 tasks: 1 new, 2 continuing tasks seen before" in result.stdout
    assert "    continues: 1-02 深入推进国家自主创新示范区建设，联动推进" in result.stdout
    assert "    new: 1-03 " in result.stdout
    assert "    near: 2021-09902 1-03 " in result.stdout and "(similarity 0.99" in result.stdout


def test_the_same_reports_in_any_order_give_the_same_archive(sources, archive):
    again = link(list(reversed(sources_of(*SEEDS, *SERIES))))
    assert again == archive
    assert [e.id for e in again.events] == [e.id for e in archive.events]


def test_alike_titles_are_listed_at_most_a_hundred_pairs():
    # Titles that differ only by a number are all alike: listing every pair of 400 ran into
    # tens of thousands (a report of 4,900 such rows ran a build out of memory).
    from generator.link.documents import MAX_CANDIDATES, alias_candidates

    pairs = alias_candidates({f"关于第{n}号科技项目的实施方案" for n in range(400)})
    assert len(pairs) == MAX_CANDIDATES == 100
    assert all(a != b for a, b in pairs)
