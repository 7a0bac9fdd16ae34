"""Reading hostile or odd files (issue 16, items 9, 11, 12): a FILE:LINE error with a hint,
or text made safe, and never a traceback; the other reports are still read."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.errors import ReportError
from generator.parse import parse_file
from generator.read import limits
from generator.site.build import load_sources
from tests.conftest import DATA, ROOT, SOURCES
from tests.fidelity import model_texts

LIST = "1. 办公室:完成测试工作。\n\n2. 规划处:完成测试规划。\n"
HTML_LIST = "<p>1. 办公室:完成测试工作。</p><p>2. 规划处:完成测试规划。</p>"
GOOD = "索引号: 1/2021-1 发布机构: 测试单位\n\n{title}\n\n" + LIST


def run_parse(*files):
    return subprocess.run([sys.executable, "-m", "generator", "parse", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("page", [
    "<html><body><p>测试单位2021年工作报告</p>" + "<div>" * 10_000 + "1. 办公室:完成。</body></html>",
    "<html><body><p>测试单位2021年工作报告</p>" + "<font>x" * 1_000 + "</body></html>",
])
def test_deep_nesting_is_a_file_error_not_a_recursion_error(tmp_report, page):
    result = run_parse(tmp_report(page, "deep.html"), SOURCES / "004_3ad8db09de54a942.txt")
    assert result.returncode == 2
    assert "deep.html:1: error: elements are nested more than 200 deep" in result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.stderr
    assert '"004_3ad8db09de54a942.txt"' in result.stdout  # the good file is still read


@pytest.mark.parametrize("control", ["\x0b", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_title_are_made_visible_with_a_warning(tmp_report, control):
    report = parse_file(tmp_report(GOOD.format(title=f"测试单位{control}2021年工作报告")))
    assert report.meta.title.startswith("测试单位") and len(report.meta.title) == len("测试单位x2021年工作报告")
    assert control not in report.meta.title
    assert report.meta.title[4] in "␋␁␛␡\ufffd"
    assert "control-characters" in {d.code for d in report.diagnostics}
    for text in model_texts(report):  # nothing an XML feed or an HTML page refuses
        assert not any(ord(ch) < 32 and ch not in "\t\n" or 0x7F <= ord(ch) <= 0x9F for ch in text)


def test_a_nul_from_utf16_and_a_character_reference_are_made_visible(tmp_report):
    report = parse_file(tmp_report(GOOD.format(title="测试单位\x002021年工作报告").encode("utf-16")))
    assert report.meta.title == "测试单位␀2021年工作报告"
    page = ("<html><body><p>索引号: 1/2021-1 发布机构: 测试单位</p><p>测试单位&#11;2021年工作报告</p>"
            + HTML_LIST + "</body></html>")
    assert parse_file(tmp_report(page, "page.html")).meta.title == "测试单位␋2021年工作报告"


def test_a_nul_after_the_first_4096_bytes_never_reaches_the_model(tmp_report):
    text = GOOD.format(title="测试单位2021年工作报告") + "3. 基础处:" + "完成测试。" * 400 + "\x00完成。\n"
    assert text.encode().index(b"\x00") > 4096
    report = parse_file(tmp_report(text))
    assert all("\x00" not in t for t in model_texts(report))
    assert any("␀" in t for t in model_texts(report))


def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(tmp_report):
    source = (SOURCES / "004_3ad8db09de54a942.txt").read_text(encoding="utf-8")
    for encoding in ("utf-16-le", "utf-16-be"):
        report = parse_file(tmp_report(source.encode(encoding)))
        assert report.encoding == encoding
        assert report.meta.index_no == "002482090/2020-15367" and len(report.entries) == 14


def test_xhtml_with_an_xml_prolog_is_read_as_html(tmp_report):
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            "<p>索引号: 1/2021-1 发布机构: 测试单位</p><p>测试单位2021年工作报告</p>"
            + HTML_LIST + "</body></html>")
    report = parse_file(tmp_report(page, "page.xhtml.txt"))
    assert report.meta.index_no == "1/2021-1"
    assert not any("<" in t for t in model_texts(report))


@pytest.mark.parametrize("name, what", [("report.pdf", "a PDF"), ("report.docx", "a Word document"),
                                        ("report.mhtml", "a web archive (MHTML)")])
def test_pdf_and_word_files_in_the_sources_are_named_with_how_to_convert(tmp_path, name, what):
    (tmp_path / name).write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "good.txt").write_text(GOOD.format(title="测试单位2021年工作报告"), encoding="utf-8")
    sources, errors = load_sources(tmp_path)
    assert [s.report.source for s in sources] == ["good.txt"]
    (error,) = errors
    assert error.startswith(f"{name}:1: error: {what} is not supported")
    assert "save it as HTML" in error and "--convert-to html" in error


def test_a_report_deleted_after_it_was_listed_is_a_file_error(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted-since.txt")  # listed, but not there to read
    (tmp_path / "good.txt").write_text(GOOD.format(title="测试单位2021年工作报告"), encoding="utf-8")
    sources, errors = load_sources(tmp_path)
    assert [s.report.source for s in sources] == ["good.txt"]
    assert errors[0].startswith("gone.txt:1: error: cannot read the file") and "hint:" in errors[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_report, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1_000)
    path = tmp_report(GOOD.format(title="测试单位2021年工作报告") + "备注。\n" * 200)
    with pytest.raises(ReportError, match=r"more than the 1,000 a report may have") as caught:
        parse_file(path)
    assert "docs/performance.md" in caught.value.hint


@pytest.mark.parametrize("html", [False, True])
def test_a_report_over_the_row_limit_is_refused_with_the_line(tmp_report, monkeypatch, html):
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    if html:
        rows = "".join(f"<tr><td>{n}</td><td>测试任务。</td></tr>\n" for n in range(60))
        path = tmp_report(f"<html><body><p>测试单位2021年工作报告</p><table>\n{rows}</table></body></html>", "r.html")
    else:
        path = tmp_report("测试单位2021年工作报告\n\n" + "".join(f"| {n} | 测试任务。 |\n" for n in range(60)))
    with pytest.raises(ReportError, match="more than 50 table rows") as caught:
        parse_file(path)
    assert caught.value.line == 53 if not html else caught.value.line == 52


def test_a_title_with_control_characters_makes_a_well_formed_feed(tmp_path):
    """The feed writer raised on U+000B, U+0001 and ESC in a title (issue 16, item 9)."""
    import xml.etree.ElementTree as ET

    from generator.write.feeds import write_feeds

    sources_dir = tmp_path / "sources"
    sources_dir.mkdir()
    (sources_dir / "odd.txt").write_text(GOOD.format(title="测试单位\x0b\x01\x1b2021年工作报告"), encoding="utf-8")
    sources, errors = load_sources(sources_dir)
    assert not errors
    write_feeds(tmp_path, sources, "https://example.org", "测试")
    feed = ET.parse(tmp_path / "feeds" / "reports.atom.xml")
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "测试单位␋␁␛2021年工作报告" in titles


def test_a_page_of_only_labels_is_a_file_error(tmp_report):
    """Found by the HTML property test: a head with nothing after it raised IndexError."""
    page = "<html><body><table><tr><td>办公室:</td><td>索引号:<div></td></tr></table></body></html>"
    with pytest.raises(ReportError, match="no recognisable title or body"):
        parse_file(tmp_report(page, "page.html"))


def test_the_build_shows_a_file_that_is_not_a_report_with_a_warning(tmp_path, capsys):
    from generator.site.build import read_sources
    from generator.site.memo import SourceCache

    sources_dir = tmp_path / "content" / "sources"
    sources_dir.mkdir(parents=True)
    (sources_dir / "news.txt").write_bytes((DATA / "not_a_report.txt").read_bytes())
    sources, errors = read_sources(tmp_path, SourceCache(tmp_path / "cache"))
    assert [s.report.source for s in sources] == ["news.txt"] and not errors
    assert "news.txt:1: warning: this does not look like a report" in capsys.readouterr().err


def test_hundreds_of_unclosed_paragraphs_are_read_as_a_browser_reads_them(tmp_report):
    entries = "".join(f"<p>{n}. 办公室:完成第{n}项测试工作。" for n in range(1, 301))
    report = parse_file(tmp_report(f"<html><body><p>测试单位2021年工作报告{entries}</body></html>", "old.html"))
    assert report.meta.title == "测试单位2021年工作报告"
    assert len(report.entries) == 300


def test_a_unit_heading_printed_twice_in_a_row_is_kept_and_reported(tmp_report):
    """A list shows each heading once above its entries: a second copy right after its own
    list would vanish from the page; it is kept as unplaced, with a warning."""
    report = parse_file(tmp_report("测试单位2021年工作报告\n\n(一)办公室(1项)\n\n1.完成测试工作。\n\n"
                                   "(一)办公室(1项)\n\n1.完成测试规划。\n"))
    assert [(e.heading, e.text) for e in report.entries] == [("(一)办公室(1项)", "完成测试工作。"),
                                                             ("(一)办公室(1项)", "完成测试规划。")]
    assert [(u.text, u.line) for u in report.unplaced] == [("(一)办公室(1项)", 7)]
    assert "heading-again" in {d.code for d in report.diagnostics}


def test_a_numbered_unit_heading_after_an_unnumbered_item_starts_its_own_group(tmp_report):
    """`1.办公室:` after a heading's unnumbered item is the next heading, as the list's extent
    was found (it was read as item 1 and the heading after it lost from the page)."""
    report = parse_file(tmp_report("测试单位2021年工作报告\n\n规划处:\n\n完成测试规划。\n\n1.办公室:\n\n完成测试工作。\n\n"
                                   "规划处:\n\n完成测试评估。\n"))
    assert [(e.heading, e.number, e.text) for e in report.entries] == [
        ("规划处:", "", "完成测试规划。"), ("1.办公室:", "", "完成测试工作。"), ("规划处:", "", "完成测试评估。")]


STYLE = "<style>body{margin:0;padding:0;font-family:Arial} .nav a{color:#333;text-decoration:none}</style>" * 3


def test_a_short_gbk_page_without_a_declaration_is_read_as_gbk(tmp_report):
    """Found by the HTML property test: detection took short GB pages for Big5 or Korean
    (索引号 became 坰竘瘍); the publishers' pages are GB, so GB18030 wins when it reads as Chinese."""
    page = f"<html><head>{STYLE}</head><body><h1>工作报告</h1><p>1.办公室:完成。</p></body></html>"
    report = parse_file(tmp_report(page.encode("gbk"), "short.html"))
    assert (report.encoding, report.meta.title, [e.text for e in report.entries]) == ("gb18030", "工作报告", ["完成。"])
    from generator.read.decode import decode
    assert decode("<html><body>索引号:</body></html>".encode("gbk"), "page.html")[0] == "<html><body>索引号:</body></html>"


def test_a_table_whose_one_cell_holds_nearly_all_the_text_is_read_whole(tmp_report):
    """Layout tables are followed down to the cell holding the page's text; a data table is
    not, or its header and other cells would be set aside as outside the article."""
    progress = "完成测试工作，" * 60 + "形成测试材料。"
    page = ("<html><body><table><tr><td>序号</td><td>重点工作任务</td><td>完成情况</td><td>责任单位</td></tr>"
            f"<tr><td>1</td><td>推进测试。</td><td>{progress}</td><td>规划处</td></tr></table></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert [[c.label for c in t.columns] for t in report.tables] == [["序号", "重点工作任务", "完成情况", "责任单位"]]
    assert [p.why for p in report.ledger if p.kind == "chrome"] == []


def test_a_table_of_unknown_columns_with_one_long_cell_is_read_whole(tmp_report):
    progress = "完成测试工作，" * 60 + "形成测试材料。"
    page = ("<html><body><table><tr><td>项目</td><td>说明</td></tr><tr><td>测试项目</td><td>" + progress
            + "</td></tr><tr><td>备注</td><td>无</td></tr></table></body></html>")
    report = parse_file(tmp_report(page, "page.html"))
    assert [p.why for p in report.ledger if p.kind == "chrome"] == []
    assert {"项目 说明", "测试项目", "备注 无"} <= set(model_texts(report))


def test_a_web_archive_saved_under_an_html_name_is_refused_with_how_to_save_it(tmp_report):
    """A browser's "web page, single file" (MHTML), renamed .html, was read as a report of
    MIME headers and quoted-printable text."""
    archive = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: http://example.invalid/a.html\r\n"
               "Subject: =?utf-8?Q?=E6=B5=8B=E8=AF=95?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
               '\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x"\r\n\r\n------MultipartBoundary--x\r\n'
               "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body>=E7=B4=A2=E5=BC=95=E5=8F=B7"
               "</body></html>\r\n")
    with pytest.raises(ReportError, match="a web archive \\(MHTML\\) is not supported") as raised:
        parse_file(tmp_report(archive, "saved.html"))
    assert "HTML only" in raised.value.hint


def test_a_utf8_report_cut_in_the_middle_of_a_character_says_so(tmp_report):
    data = GOOD.format(title="测试单位2021年工作报告").rstrip().encode("utf-8") + "完成".encode("utf-8")[:-1]
    with pytest.raises(ReportError, match="ends in the middle of a character: it was cut short") as raised:
        parse_file(tmp_report(data, "cut.txt"))
    assert raised.value.line == 7 and "again" in raised.value.hint
    from generator.read.decode import decode
    assert decode("测".encode("utf-8")[:-1], "one.txt")  # nothing before the cut character: no evidence of UTF-8
