"""The information block of a 主动公开 page: 索引号, 发布机构, 发文日期, 公开方式,
the title, 发布日期 and 信息来源. Values are kept verbatim; absent ones stay None."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Meta, MetaField
from ..read import Para
from ..vocabulary import empty_counters, fold, is_chrome, role_of
from .ledger import Ledger

# Label -> Meta field. Labels not listed in FIELDS but in OTHER_LABELS go to Meta.extra.
FIELDS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机构": "publisher",
    "发文日期": "issued",
    "成文日期": "issued",
    "公开方式": "disclosure",
    "标题": "title",
    "名称": "title",
    "发布日期": "published",
    "发布时间": "published",
    "信息来源": "origin",
    "来源": "origin",
}
OTHER_LABELS = ("文号", "发文字号", "主题分类", "体裁分类", "组配分类", "公开范围", "有效性", "统一编号", "浏览次数", "访问次数", "点击数")

_LABELS = sorted({*FIELDS, *OTHER_LABELS}, key=len, reverse=True)
_PAIR = re.compile(r"(?:^|(?<=\s))(" + "|".join(_LABELS) + r")\s*[:：]")
_STARTS = re.compile(r"^\s*(" + "|".join(_LABELS) + r")\s*[:：]")
_LIST_START = re.compile(r"^\s*(\d{1,2}\s*[.．、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]$")


@dataclass
class HeadResult:
    meta: Meta
    body_start: int
    """Index of the first body block."""


def is_meta_line(text: str) -> bool:
    return bool(_STARTS.match(text))


def parse_head(blocks: list, ledger: Ledger) -> HeadResult:
    """Read metadata, chrome and the title from the top of the document."""
    values: dict[str, str] = {}
    extra: list[MetaField] = []
    title: str | None = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Para):
            break
        text = block.text
        if is_chrome(text):
            ledger.structure("chrome", text, block.line)
        elif is_meta_line(text):
            _read_pairs(block, values, extra, ledger)
        elif title is None and "title" not in values and _is_title(text):
            title = text
            ledger.content(text, block.line)
        else:
            break
        i += 1
    if title is None:
        title = values.pop("title", None)
    else:
        values.pop("title", None)
    meta = Meta(title=title, extra=tuple(extra), **{k: v for k, v in values.items() if k != "title"})
    return HeadResult(meta, i)


def _read_pairs(para: Para, values: dict, extra: list, ledger: Ledger) -> None:
    matches = list(_PAIR.finditer(para.text))
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(para.text)
        label = m.group(1)
        value = para.text[m.end():end].strip()
        field = FIELDS.get(label)
        if not value and label in empty_counters():
            ledger.structure("chrome", m.group(0), para.line)
        elif field and field not in values:
            ledger.structure("label", m.group(0), para.line)
            ledger.content(value, para.line)
            values[field] = value
        else:
            ledger.content(label, para.line)
            ledger.structure("separator", m.group(0)[len(label):], para.line)
            ledger.content(value, para.line)
            extra.append(MetaField(label, value, para.line))


def _is_title(text: str) -> bool:
    """A title: one short line, not a list item, not a sentence, not a column label."""
    return (
        len(text) <= 100
        and not _LIST_START.match(text)
        and not _SENTENCE_END.search(text)
        and not text.isdigit()
        and role_of(text) is None
        and len(fold(text)) >= 4
    )
