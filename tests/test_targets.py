"""Targets and reported figures: what the site puts side by side, against a hand-labelled set.

tests/data/targets_labelled.toml lists every target of the fixtures with its quote, every
figure that answers one, and pairs the text does not support.
"""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.link.ids import report_id
from generator.link.quantities import comparisons, quantities
from generator.link.source import Source
from generator.link.targets import answers, book, percent
from generator.link import link
from generator.parse import parse_file
from tests.conftest import DATA, SOURCES

FILES = (SOURCES / "000_9deafdd47ee1ad59.txt", SOURCES / "004_3ad8db09de54a942.txt",
         DATA / "targets_series_q3_2021.txt")
LABELLED = tomllib.loads((DATA / "targets_labelled.toml").read_text(encoding="utf-8"))


@cache
def linked():
    """The fixtures' Archive, as the build makes it."""
    sources = []
    for path in FILES:
        report = parse_file(path)
        sources.append(Source(report, report_id(report), None))
    return link(sources)


@cache
def archive():
    a = linked()
    return book(a.sources, a.threads), {s.id: s.report.source for s in a.sources}


def where(item, names) -> tuple[str, int, str]:
    return names[item.report_id], item.line, item.quantity.number


def test_every_target_is_listed_with_its_quote_and_no_other():
    b, names = archive()
    found = [(names[t.report_id], t.line, t.column, t.quantity.number, t.quantity.unit, t.quantity.thing,
              list(t.quantity.qualifiers), t.sentence) for t in b.targets]
    labelled = [(t["report"], t["line"], t["column"], t["number"], t["unit"], t["thing"], t["qualifiers"], t["quote"])
                for t in LABELLED["target"]]
    assert sorted(found) == sorted(labelled)


def test_every_quote_is_the_report_text_at_its_line():
    texts = {p.name: p.read_text(encoding="utf-8").splitlines() for p in FILES}
    for entry in LABELLED["target"] + LABELLED["pair"]:
        pairs = [(entry["report"], entry["line"], entry["quote"])] if "quote" in entry else [
            (entry["target"]["report"], entry["target"]["line"], entry["target_quote"]),
            (entry["figure"]["report"], entry["figure"]["line"], entry["figure_quote"])]
        for name, line, quote in pairs:
            assert quote in texts[name][line - 1], (name, line, quote)


def test_the_april_2020_division_list_has_no_target():
    b, names = archive()
    assert not [t for t in b.targets if names[t.report_id].startswith("004_")]


def _pairs():
    b, names = archive()
    figures = {f.id: f for f in b.figures}
    targets = {t.id: t for t in b.targets}
    return {(where(targets[m.target_id], names), where(figures[m.figure_id], names)): (figures[m.figure_id], m)
            for m in b.matches}


def _key(side: dict) -> tuple[str, int, str]:
    return side["report"], side["line"], side["number"]


def test_every_labelled_pair_is_found_with_its_period_and_ratio():
    found = _pairs()
    for pair in LABELLED["pair"]:
        figure, match = found[(_key(pair["target"]), _key(pair["figure"]))]
        assert figure.period.label == pair["period"]
        assert (percent(match.ratio) if match.ratio is not None else "") == pair["ratio"]


def test_no_match_that_is_not_labelled():
    labelled = {(_key(p["target"]), _key(p["figure"])) for p in LABELLED["pair"]}
    assert set(_pairs()) == labelled


def test_no_rejected_pair_is_matched():
    found = _pairs()
    for pair in LABELLED["rejected"]:
        assert (_key(pair["target"]), _key(pair["figure"])) not in found, pair["why"]


def test_a_later_report_answers_the_target_it_repeats():
    # 8000 科技型中小企业: 6387 in the half-year report, 9120家 in the third quarter's
    found = _pairs()
    target = ("000_9deafdd47ee1ad59.txt", 199, "8000")
    figures = [f for (t, f) in found if t == target]
    assert figures == [("000_9deafdd47ee1ad59.txt", 205, "6387"), ("targets_series_q3_2021.txt", 40, "9120")]


def one(text: str, bare: bool = False):
    (q,) = quantities(text, bare=bare)
    return q


@pytest.mark.parametrize("text, number, unit, thing", [
    ("新增高新技术企业3000家", "3000", "家", "高新技术企业"),
    ("组建10个左右体系化、任务型的创新联合体", "10", "个", "体系化、任务型的创新联合体"),
    ("形成进口替代成果50项左右", "50", "项", "进口替代成果"),
    ("全年实现技术交易额1000亿元", "1000", "亿元", "技术交易额"),
    ("新增年危险废物利用处置能力30万吨", "30", "万吨", "年危险废物利用处置能力"),
    ("新引进资助省海外工程师150名", "150", "名", "省海外工程师"),
    ("收集和保存农业种质资源200份以上", "200", "份", "农业种质资源"),
    ("高新技术产业增加值占规上工业比重达到60%", "60", "%", "高新技术产业增加值占规上工业比重"),
    ("新建高校2所", "2", "所", "高校"),
    ("引进研发人员500人", "500", "人", "研发人员"),
    ("兑现资金3000万元", "3000", "万元", "资金"),
    ("建设甬江、瓯江等省实验室2 家", "2", "家", "甬江、瓯江等省实验室"),
])
def test_units_and_things_counted(text, number, unit, thing):
    q = one(text)
    assert (q.number, q.unit, q.thing) == (number, unit, thing)


@pytest.mark.parametrize("text, qualifiers", [
    ("评选2个以上科技创新工作实绩突出的市、县(市、区)", ("以上",)),
    ("组建10个左右创新联合体", ("左右",)),
    ("牵头承担不少于20项国家重大科研攻关项目", ("不少于",)),
    ("力争取得100项自主可控进口替代成果", ("力争",)),
    ("累计收集和保存农业种质资源1350份", ("累计",)),
    ("其中30多个人才项目", ("多",)),
    ("1-5月,全省技术交易总额达539.9亿元,同比增长68%", ("同比增长68%",)),
    ("榜单金额超过6亿元", ("超过",)),
])
def test_qualifiers_as_written(text, qualifiers):
    assert one(text).qualifiers == qualifiers


@pytest.mark.parametrize("text, value", [
    ("迭代梳理形成两批“尖兵”项目", Fraction(2)),
    ("三分之二以上的县(市、区)", Fraction(2, 3)),
    ("新建省级重点实验室十家左右", Fraction(10)),
    ("新增十五个", Fraction(15)),
    ("两万名", Fraction(20000)),
    ("技术交易总额达539.9亿元", Fraction(5399, 10)),
])
def test_chinese_numerals_and_decimals(text, value):
    assert one(text).value == value


def test_a_count_before_a_count_qualifies_it():
    q = one("形成两批63项关键核心技术倒逼清单")
    assert (q.number, q.qualifiers, q.thing) == ("63", ("两批",), "关键核心技术倒逼清单")


def test_a_range_of_counts_has_no_single_value():
    q = one("引进区域内1-2家“双一流”高校")
    assert (q.number, q.unit, q.value) == ("1-2", "家", None)


@pytest.mark.parametrize("text", [
    "1-6月,全省完成率稳步提高",      # a period, not a number
    "4月15日,联席会议审议通过",       # a date
    "已完成2021年度考核",             # a year
    "协助编制《杭州城西科创大走廊发展“十四五”规划》",
    "联动推进G60(浙江段)科创大走廊建设",
    "实施“5G+工业互联网”工程",
    "加快建设中国浙江网上技术市场3.0,打造生态系统",
    "推进第三批创新引领基金合作机构签约工作",  # an ordinal
    "全年“六个千亿”产业投资",          # a name in quotes
    "组织实施一批省重点研发计划项目",   # 一批: some, not a count
    "联合海洋二所启动攻关项目",         # an institute's name
    "组团参加第19届中国国际人才交流大会",
    "1.制定方案；2、开展工作；(3)完成验收；④推进",  # list markers left in a cell's text
])
def test_numbers_that_are_not_quantities(text):
    assert quantities(text, bare=True) == ()


def test_a_figure_without_its_unit_is_read_only_in_progress_text():
    assert one("1-6月,全省新增科技型中小企业6387。", bare=True).unit == ""
    assert quantities("1-6月,全省新增科技型中小企业6387。") == ()


def test_a_figure_without_a_unit_answers_only_a_count():
    bare = one("新增科技型中小企业6387。", bare=True)
    assert answers(one("新增科技型中小企业8000家"), bare)
    assert not answers(one("科技型中小企业投资8000亿元"), one("科技型中小企业投资6387。", bare=True))


def test_units_of_one_base_answer_each_other_and_others_do_not():
    assert answers(one("安排资金1亿元"), one("安排资金3000万元"))
    assert not answers(one("新增高新技术企业3000家"), one("新增高新技术企业3000个"))


def test_a_running_total_does_not_answer_a_years_target():
    assert not answers(one("收集和保存农业种质资源200份以上"), one("累计收集和保存农业种质资源1350份"))
    assert answers(one("累计收集和保存农业种质资源2000份"), one("累计收集和保存农业种质资源1350份"))


def test_the_ratio_is_rounded_half_up_to_one_decimal():
    assert percent(Fraction(6387, 8000)) == "79.8%"
    assert percent(Fraction(1, 8)) == "12.5%"
    assert percent(Fraction(1, 16)) == "6.3%"


def test_open_data_has_a_row_per_target_and_figure_with_quote_cell_and_match(tmp_path):
    import csv

    from generator.write.opendata import write_data
    from generator.write.targets_data import TABLES

    a = linked()
    b = a.targets
    write_data(tmp_path, a, None, {})
    targets = list(csv.DictReader((tmp_path / "data/targets.csv").read_text(encoding="utf-8-sig").splitlines()))
    figures = list(csv.DictReader((tmp_path / "data/figures.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(targets) == len(LABELLED["target"]) and len(figures) == len(b.figures)
    row = next(r for r in targets if (r["source_file"], r["source_line"], r["number"]) == ("000_9deafdd47ee1ad59.txt", "199", "8000"))
    assert row["sentence"] == "新增高新技术企业3000家、科技型中小企业8000家。"
    assert row["latest_ratio"] == "114.0%"  # 9120 of the third quarter, the latest period
    six = next(r for r in figures if r["number"] == "6387")
    assert (six["source_line"], six["unit"], six["period_phrase"], six["period"]) == ("205", "", "1-6月", "截至2021年6月")
    assert row["target_id"] in six["target_ids"].split()
    package = json.loads((tmp_path / "data/datapackage.json").read_text("utf-8"))
    described = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"] if "schema" in r}
    assert all(described[name] == [f for f, *_ in fields] for name, fields in TABLES.items())


@pytest.mark.parametrize("value, text", [
    (Fraction(5399, 10), "539.9"), (Fraction(8000), "8000"), (Fraction(2, 3), "2/3"), (Fraction(1, 8), "0.125"), (None, ""),
])
def test_values_in_open_data(value, text):
    from generator.write.targets_data import value_text

    assert value_text(value) == text


# ---------------------------------------------------------------- pages


def rendered(markdown_text: str, tmp_path) -> "BeautifulSoup":
    """The HTML the project's Pelican reader makes of a page (or of a block of one)."""
    from bs4 import BeautifulSoup
    from pelican.settings import DEFAULT_CONFIG

    from generator.render.reader import MarkdownItReader

    path = tmp_path / "page.md"
    path.write_text(markdown_text if markdown_text.startswith("---\n") else "---\n{}\n---\n" + markdown_text,
                    encoding="utf-8")
    html, _ = MarkdownItReader(dict(DEFAULT_CONFIG)).read(str(path))
    return BeautifulSoup(html, "html.parser")


def test_task_block_shows_each_target_quoted_with_its_figures_and_the_sites_ratio(tmp_path):
    from generator.write.targets_pages import task_block

    b, _ = archive()
    page = rendered("\n".join(task_block(b, "2021-00558", "1-06")), tmp_path)
    quotes = [q.get_text(strip=True) for q in page.find_all("blockquote")]
    assert quotes == ["实施新一轮科技企业“双倍增”计划,新增高新技术企业3000家、科技型中小企业8000家。"] * 2 + \
        ["新增高新技术企业3000家、科技型中小企业8000家。"] * 2
    items = [li.get_text("\n", strip=True).split("\n") for li in page.find_all("li")]
    six = [i for i in items if i[0].startswith("6387")]
    assert len(six) == 2  # under 8000家 of the task cell and of the 目标任务 cell
    assert "".join(six[0]) == ("6387（报告未写单位）· 截至2021年6月（原文：1-6月） ·浙江省科学技术厅2021年度重点工作半年度完成情况"
                               "原文：1-6月,全省新增科技型中小企业6387。（完成情况栏，第 205 行）"
                               "6387 / 8000 = 79.8%（本站计算，截至2021年6月）")
    later = next(i for i in items if i[0] == "9120家")
    assert later[-1] == "9120 / 8000 = 114.0%（本站计算，截至2021年9月）"


def test_a_target_without_a_figure_says_so_and_no_status_is_invented(tmp_path):
    from generator.write.targets_pages import task_block

    b, _ = archive()
    page = rendered("\n".join(task_block(b, "2021-00558", "2-15")), tmp_path)
    text = page.get_text()
    assert text.count("报告未给出对应数字") == 5
    for word in ("已完成", "未完成", "滞后", "达标", "进度正常"):
        assert word not in text
    assert not page.select("[class*=status], [class*=red], [class*=green]")


def test_task_without_targets_has_no_block():
    from generator.write.targets_pages import task_block

    b, _ = archive()
    assert task_block(b, "2021-00558", "1-01") == []


def test_report_text_in_targets_is_text_not_markup(tmp_report, tmp_path):
    from generator.write.targets_pages import site_pages, task_block

    hostile = (DATA / "targets_series_q3_2021.txt").read_text(encoding="utf-8").replace(
        "新增高新技术企业3000家、科技型中小企业8000家。\n\n1.开展",
        "新增<script>alert(1)</script>企业|*3000家*、[科技](javascript:x)型中小企业8000家。\n\n1.开展", 1)
    report = parse_file(tmp_report(hostile))
    source = Source(report, report_id(report), None)
    b = book([source])
    block = rendered("\n".join(task_block(b, source.id, "1-01")), tmp_path)
    assert not block.find("script") and not block.find("a", href="javascript:x")
    assert "<script>alert(1)</script>企业|*3000家*、[科技](javascript:x)型中小企业8000家。" in block.get_text()
    pages = dict(site_pages([source], b, {}))
    site = rendered(pages["generated/targets/index.md"], tmp_path)
    assert not site.find("script") and not site.find("a", href="javascript:x")
    assert "<script>alert(1)</script>企业|*3000家*" in site.get_text()


def test_site_page_lists_every_target_of_the_newest_report_with_latest_figure_and_bars(tmp_path):
    from generator.write.targets_pages import site_pages

    b, _ = archive()
    pages = dict(site_pages(linked().sources, b, linked().division_names))
    page = rendered(pages["generated/targets/index.md"], tmp_path)
    table = page.select_one(".targets-table table")
    rows = [[td.get_text("\n", strip=True).split("\n") for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    newest = [t for t in LABELLED["target"] if t["report"] == "targets_series_q3_2021.txt"]
    assert [r[1][1] for r in rows] == [f'{t["quote"]}（{t["column"]}）' for t in newest]
    eight = next(r for r in rows if r[1][0] == "科技型中小企业 8000家")
    assert eight[2:4] == [["9120家", "截至2021年9月"], ["9120 / 8000 = 114.0%（本站计算）"]]
    assert sum(r[2] == ["报告未给出对应数字"] for r in rows) == 5  # 20个 twice, 三分之二, 200份, 两批
    wrap = page.select_one(".targets-table")
    heads = [th.get_text() for th in table.thead.find_all("th")]
    assert heads[int(wrap["data-ratio-column"]) - 1] == "本站计算比例"
    assert heads[int(wrap["data-division-column"]) - 1] == "责任处室"
    bars = page.select(".target-bars li")
    assert len(bars) == sum("%（本站计算" in r[3][0] for r in rows if len(r[3]))  # a bar for each ratio only
    assert all(li.find("svg")["aria-hidden"] == "true" for li in bars)
    assert bars[0].select_one(".bar-value").get_text() == "88.3%（截至2021年9月）"


def test_a_division_page_lists_only_that_divisions_targets(tmp_path):
    from generator.link.ids import division_id
    from generator.write.targets_pages import site_pages

    b, _ = archive()
    pages = dict(site_pages(linked().sources, b, linked().division_names))
    page = rendered(pages[f"generated/targets/{division_id('社发处')}.md"], tmp_path)
    rows = page.select(".targets-table tbody tr")
    assert len(rows) == 6 and all(r.find_all("td")[-1].get_text() == "社发处" for r in rows)


def test_idioms_with_numerals_are_not_counts():
    assert quantities("推动科技成果走进千家万户") == ()
    assert quantities("百家争鸣") == ()


def test_a_share_of_nothing_is_not_a_quantity():
    assert quantities("零分之一的企业") == () and quantities("0分之1") == ()


@given(st.text(alphabet="0123456789.-一二两三十百千万零分之家个项亿元万吨%以上左右累计新增企业,，。、“”《》()第G月年", max_size=40))
def test_any_text_gives_quantities_that_stand_in_it(s):
    for q in quantities(s, bare=True) + comparisons(s):
        assert s[q.start:q.start + len(q.number)] == q.number
        assert q.text in s and q.thing in s
