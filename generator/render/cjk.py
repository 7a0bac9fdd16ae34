"""A markdown-it-py core rule: a soft line break between two Chinese characters renders as nothing.

Markdown turns a line break inside a paragraph into a space, which is right between English
words and wrong in Chinese ("报告， 整理成"). Chinese punctuation (、，。“” and the full-width
forms) counts as Chinese, so does a character of general punctuation (“ ” ‘ ’ … —) when the
character on the other side is Chinese; Latin text keeps its spaces. Korean separates words
with spaces, so Hangul does not count. Only the break goes: every character stays.

Use with `MarkdownIt(...).use(soft_breaks)`.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_CJK = re.compile(
    "[\u2e80-\u2fdf"        # radicals
    "\u3000-\u303f"         # CJK symbols and punctuation: 、。〈〉《》「」【】
    "\u3040-\u30ff"         # kana
    "\u3100-\u312f\u31a0-\u31bf"  # bopomofo
    "\u3190-\u319f\u31c0-\u31ef\u3200-\u4dbf"  # kanbun, strokes, enclosed, ext. A
    "\u4e00-\u9fff\uf900-\ufaff"  # unified and compatibility ideographs
    "\ufe10-\ufe1f\ufe30-\ufe4f"  # vertical and compatibility forms
    "\uff01-\uff60\uffe0-\uffe6"  # full-width forms: ，！？：；（）
    "\U00020000-\U0003134f]"       # extensions B to G
)
_NEUTRAL = frozenset("\u2018\u2019\u201c\u201d\u2026\u2014\u00b7")  # ‘ ’ “ ” … — ·


def _kind(char: str) -> str:
    if _CJK.match(char):
        return "cjk"
    return "neutral" if char in _NEUTRAL else "other"


def _joins(before: str, after: str) -> bool:
    kinds = {_kind(before), _kind(after)}
    return kinds <= {"cjk", "neutral"} and "cjk" in kinds


def _text(tokens: list[Token], start: int, step: int) -> str:
    """The nearest character of text from `start` in direction `step`, past markup
    (emphasis, links, raw HTML tags); "" at a line break or the paragraph's end."""
    i = start
    while 0 <= i < len(tokens):
        token = tokens[i]
        if token.type in ("softbreak", "hardbreak"):
            return ""
        if token.type in ("text", "code_inline") and token.content:
            return token.content[-1] if step < 0 else token.content[0]
        i += step
    return ""


def _drop_breaks(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        block.children = [token for i, token in enumerate(children)
                          if token.type != "softbreak"
                          or not _joins(_text(children, i - 1, -1) or " ", _text(children, i + 1, 1) or " ")]


def soft_breaks(md: MarkdownIt) -> None:
    md.core.ruler.push("cjk_soft_breaks", _drop_breaks)
