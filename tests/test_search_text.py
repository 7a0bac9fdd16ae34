"""The text search indexes and shows: taken from a page's HTML, split into words, shown again."""

from __future__ import annotations

import unicodedata

from hypothesis import given, strategies as st

from generator.index.text import ORIGINAL, SPACE, page_text, shown, words

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><title>页面</title><script>var a = "<main>";</script></head>
<body><nav>首页 导航</nav>
<main id="main" data-pagefind-body><span data-pagefind-filter="kind:任务"></span>
<h1 class="x">提升之江实验室<a href="#">创新水平</a></h1><h2>完成情况</h2><p>完成6387项&amp;lt;b&amp;gt;</p>
<figure data-pagefind-ignore><table><tr><td>表中文字</td></tr></table></figure>
<section data-pagefind-ignore><h2>时间线</h2><section><p>别的报告</p></section><p>仍是时间线</p></section>
<!-- <p>注释</p> --><p>之后</p></main><footer>页脚</footer></body></html>"""


def test_a_page_gives_its_main_text_title_and_filters():
    text = page_text(PAGE)
    assert text.title == "提升之江实验室创新水平"
    assert text.filters == (("kind", "任务"),)
    # Blocks are lines of their own, so 完成情况 and 完成6387 never run together; character
    # references become the characters the report wrote; tables stay though marked ignored.
    assert text.body.split("\n") == ["提升之江实验室创新水平", "完成情况", "完成6387项&lt;b&gt;", "表中文字", "之后"]


def test_words_are_bigrams_then_the_last_character():
    assert words("种质资源，5G") == "种质 质资 资源 源 ， 5G G"
    assert words("Ｇ６０") == "g6~Ｇ６ 60~６０ 0~０"  # NFKC for the index, the original for the excerpt
    assert words("监督 处") == f"监督 督 {SPACE} 处"


@given(st.text(alphabet=st.characters(blacklist_characters=SPACE, blacklist_categories=("Cs",))))
def test_the_text_shown_is_the_text_indexed(text):
    # The excerpt is rebuilt from the words: it is the page's text, white space aside.
    assert shown(words(text)) == " ".join(text.split())


def test_a_run_ends_without_its_last_character_where_another_word_starts_with_it():
    # 源 begins 源头, so 资源's last character alone is not needed to find 源; the excerpt
    # shows 资源 whole. 头 begins no other word: it stays.
    assert words("资源 源头") == f"资源 {SPACE} 源头 头"
    assert shown(words("资源 源头")) == "资源 源头"


@given(st.text(alphabet=st.characters(blacklist_characters=SPACE, blacklist_categories=("Cs",))))
def test_every_character_begins_a_word(text):
    # A one-character query (NFKC, lower case, as the search page asks it) is looked up as the
    # start of a word: every letter or digit of the text must begin one, of either half.
    starts = {half[:1].lower() for word in words(text).split(" ") for half in word.split(ORIGINAL)}
    for char in text:
        query = unicodedata.normalize("NFKC", char).lower()
        if char.isalnum() and len(query) == 1:
            assert query in starts, (char, words(text))
