"""What a parsed report is made of, in words: whether it has a report's shape at all,
and how it was read (for `add`'s summary)."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Entry, Meta, Report, Section, Table, Unplaced
from ..vocabulary import fold, meta_labels

_NUMBERED = re.compile(r"^\s*(\d{1,2}\s*[.．、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_FIELDS = (("索引号", "index_no"), ("发布机构", "publisher"), ("发文日期", "issued"), ("公开方式", "disclosure"),
           ("标题", "title"), ("发布日期", "published"), ("信息来源", "origin"))


_LAYOUTS = {"flat": "one cell a paragraph", "cell-per-line": "one cell a line ending in |", "tabs": "cells apart by tabs",
            "spaced": "cells apart by spaces", "glued": "cells run together"}
"""How the parser found a table's cells, when not from explicit cells (model.Table.layout)."""


def has_text(sections: list[Section], unplaced: list[Unplaced]) -> bool:
    """True when the body says something beyond list markers."""
    texts = [s.heading or "" for s in sections] + [p.text for s in sections for p in s.paragraphs]
    texts += [u.text for u in unplaced]
    return sum(len(_NUMBERED.sub("", fold(t))) for t in texts) >= 4


def missing_shape(meta: Meta, tables: list[Table], entries: list[Entry], sections: list[Section]) -> str | None:
    """Why the text has no report shape (no metadata, no table, no list, no numbered items),
    or None when it has one: a news article or an English text has none."""
    if any(getattr(meta, name) for _, name in _FIELDS if name != "title") or meta.extra or tables or entries:
        return None
    numbered = sum(1 for s in sections for p in s.paragraphs if _NUMBERED.match(p.text))
    if numbered >= 2 or sum(1 for s in sections if s.level) >= 2:
        return None
    return "no 索引号 or other information block, no task table, no division list and no numbered items"


def how_it_was_read(report: Report, layout: str) -> list[str]:
    """Lines for `add`: the layout found, the metadata read, the tables, the chrome set aside."""
    meta = report.meta
    labelled = {meta_labels().field_of(p.text.rstrip(":： \u3000")) for p in report.ledger if p.kind == "label"}
    read = [label for label, name in _FIELDS if getattr(meta, name) and (name != "title" or "title" in labelled)]
    read += [f.label for f in meta.extra]
    lines = [f"read as {layout} ({report.encoding})",
             f"metadata: {'、'.join(read) if read else 'none found'}"]
    if meta.title is not None and "title" not in labelled:
        lines.append("title: the report's heading (no 标题 field)")
    if report.tables:
        lines.append("tables: " + "; ".join(
            f"{len(t.rows)} rows × {len(t.columns)} columns" + (f", {_LAYOUTS[t.layout]}" if t.layout in _LAYOUTS else "")
            + (f" ({t.caption[:20]})" if t.caption else "")
            for t in report.tables))
    if report.entries:
        lines.append(f"division list: {len(report.entries)} entries")
    chrome = Counter(piece.why or "chrome" for piece in report.ledger if piece.kind == "chrome")
    if chrome:
        lines.append("page chrome set aside: " + ", ".join(f"{kind} {n}" for kind, n in sorted(chrome.items())))
    return lines
