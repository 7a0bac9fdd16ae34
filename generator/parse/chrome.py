"""Page chrome in the text of a report: single lines data/chrome.toml lists, and the
runs real copies split over lines (a breadcrumb as 首页 / > / 政府信息公开, related links
under 相关阅读), recorded as one chrome piece of their kind."""

from __future__ import annotations

import re

from ..read import Para
from ..vocabulary import chrome_kind

_ARROW_START = re.compile(r"^\s*([>＞»›→]|&gt;)")
_ARROW_END = re.compile(r"([>＞»›→]|&gt;)\s*$")
_CRUMB = re.compile(r"^[^。；;！？!?,，:：]{1,20}$")
_LINK_TITLE = re.compile(r"^[^。；;！？!?]{1,60}$")
_MAX_RUN = 12


def chrome_run(blocks: list, i: int) -> tuple[int, str, str] | None:
    """(index after the run, its text, its kind) when chrome starts at blocks[i], else None."""
    block = blocks[i]
    if not isinstance(block, Para):
        return None
    kind = chrome_kind(block.text)
    if kind is None:
        return None
    parts, j = [block.text], i + 1
    if kind == "breadcrumb":
        while j < len(blocks) and j - i < _MAX_RUN and _is_crumb(blocks, j, parts[-1]):
            parts.append(blocks[j].text)
            j += 1
    elif kind == "related":
        while j < len(blocks) and j - i < _MAX_RUN and _is_link_title(blocks[j]):
            parts.append(blocks[j].text)
            j += 1
    return j, " ".join(parts), kind


def _is_crumb(blocks: list, j: int, before: str) -> bool:
    """The next piece of a breadcrumb split over lines: an arrow, a name after an arrow, or a
    name the next line's arrow follows."""
    para = blocks[j]
    if not isinstance(para, Para):
        return False
    if _ARROW_START.match(para.text) and len(para.text) <= 40:
        return chrome_kind(para.text) in (None, "breadcrumb")
    if not _CRUMB.match(para.text) or chrome_kind(para.text) not in (None, "breadcrumb"):
        return False
    after = blocks[j + 1] if j + 1 < len(blocks) else None
    return bool(_ARROW_END.search(before)) or (isinstance(after, Para) and bool(_ARROW_START.match(after.text)))


def _is_link_title(para) -> bool:
    return isinstance(para, Para) and bool(_LINK_TITLE.match(para.text)) and chrome_kind(para.text) in (None, "related")
