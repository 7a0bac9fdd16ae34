"""Report text in our Markdown pages renders as exactly itself, whatever it holds.

Arbitrary text (Markdown and HTML syntax, Pelican's {filename} and {static}, blank lines,
control, bidi and zero-width characters) goes through the escaping of generator/write/markdown.py
in every place the writers put report text, then through the project's own Markdown reader;
the reader sees the text, and nothing else: no link, no image, no element we did not write.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, strategies as st

from generator.render.reader import markdown
from generator.write import markdown as md

MD = markdown()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Text a hostile or careless report could hold: Markdown, HTML, Pelican and Jinja syntax,
# line breaks, invisible characters, and ordinary Chinese.
PIECES = ["[官方通知](http://evil.example/x)", "![图](http://evil.example/p.png)", "{filename}/../x.md",
          "{static}/../../../etc/hostname", "<script>alert(1)</script>", "&nbsp;", "&#60;", "&amp;", "**粗**",
          "_斜_", "`代码`", "# 标题", "> 引用", "- 列表", "1. 一", "2) 二", "| a | b |", "|---|", "---", "===",
          "```", "~~~", "    缩进", "\n", "\n\n", "\n \n", "\r\n", "\t", "{#id .cls}", "{.x}", "[x]{.y}", "\\", "\\\n",
          "<!-- c -->", "<div>", "</p>", "{{ 7*7 }}", "{% if x %}", "\u202e", "\u2066", "\u200b", "\ufeff", "\x00",
          "\x01", "\x0b", "\x1b[31m", "\x85", "1-5月", "6月28日", "《规划》", "G60", "处", "。", "；", "http://x.y/z"]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12).map("".join)


def visible_text(s: str) -> str:
    """What a reader sees of text: white space runs folded, as HTML shows them; NFC."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def seen(s: str) -> str:
    """What a reader should see of report text `s`: itself, controls shown by their code
    (which HTML cannot carry), white space folded as HTML shows it."""
    return visible_text(CONTROL.sub("", s.replace("\r", "\n")))


def shown(html: str, selector: str) -> tuple[str, BeautifulSoup]:
    soup = BeautifulSoup(html, "html.parser")
    for mark in soup.select(".ctl"):
        assert re.fullmatch(r"U\+[0-9A-F]{4,6}", mark["data-code"])  # the code the theme shows
    node = soup.select_one(selector)
    assert node is not None, html
    return read(node), soup


def read(node) -> str:
    """The text of `node` as a reader sees it, a line break as white space."""
    for br in node.select("br"):
        br.replace_with("\n")
    return visible_text(node.get_text())


def only_ours(soup: BeautifulSoup, allowed: set[str]) -> None:
    names = {t.name for t in soup.find_all(True)}
    assert names <= allowed, names - allowed
    assert not soup.select("[href], [src]")


@given(hostile)
def test_paragraph_and_list_item_and_heading_show_the_text(s):
    for source, selector, allowed in [
        (md.text(s), "p", {"p", "br", "span"}),
        (md.bullets([md.text(s)]), "li", {"ul", "li", "p", "br", "span"}),
        (md.heading(2, md.cell(s)), "h2", {"h2", "br", "span"}),
    ]:
        if not s.strip():
            continue
        text, soup = shown(MD.render(source), selector)
        assert text == seen(s), source
        only_ours(soup, allowed)


@given(hostile, hostile)
def test_a_link_label_and_a_table_cell_show_the_text(label, cell):
    if not label.strip() or not cell.strip():
        return
    source = md.link(md.text(label), md.ref("tasks", "2021-00558-1-01"))
    soup = BeautifulSoup(MD.render(source), "html.parser")
    links = soup.select("a")
    assert len(links) == 1 and links[0]["href"] == "{filename}/generated/tasks/2021-00558-1-01.md"
    assert read(links[0]) == seen(label)
    table = MD.render(md.table(["栏目", "内容"], [[md.cell(label), md.cell(cell)]]))
    cells = BeautifulSoup(table, "html.parser").select("tbody td")
    assert [read(c) for c in cells] == [seen(label), seen(cell)], table
    only_ours(BeautifulSoup(table, "html.parser"), {"table", "thead", "tbody", "tr", "th", "td", "br", "span"})


@given(hostile)
def test_text_in_an_html_block_stays_in_it(s):
    """A blank line would end an HTML block and let what follows be read as Markdown."""
    source = f'<figure class="task-table">\n<table><tbody><tr><td><p>{md.html(s)}</p></td></tr></tbody></table>\n</figure>'
    text, soup = shown(MD.render(source), "td p")
    assert text == seen(s)
    only_ours(soup, {"figure", "table", "tbody", "tr", "td", "p", "br", "span"})


@pytest.mark.parametrize("s", ["a\u202eb", "x\u200by", "\u2066隔离\u2069"])
def test_invisible_characters_are_kept_inside_a_visible_mark(s):
    soup = BeautifulSoup(MD.render(md.text(s)), "html.parser")
    marks = soup.select("span.ctl")
    assert len(marks) == sum(1 for c in s if c in "\u202e\u200b\u2066\u2069")
    assert all(m["data-code"] == f"U+{ord(m.get_text()):04X}" for m in marks)
    assert soup.p.get_text() == s  # copying the text still gives the text


def test_our_own_links_keep_pelican_targets_and_nothing_else_does():
    html = MD.render(md.link("任务", md.ref("tasks", "x", "task-1")) + " " + md.text("[a]({filename}/x.md) %7Bfilename%7D"))
    assert '<a href="{filename}/generated/tasks/x.md#task-1">任务</a>' in html
    assert "[a]({filename}/x.md) %7Bfilename%7D" in html  # as written, not made a link nor decoded
