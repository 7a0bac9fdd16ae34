"""The information block of a 主动公开 page (索引号, 发布机构, 发文日期 …), in every layout
the CMS family prints it: pairs on one line (`索引号: X 发布机构: Y`), `a | b |` rows, cells
with or without colons, labels spaced out (索 引 号, 文　　号), labels by column (a row of
labels, then a row of values), a pair glued into the value before it. Labels are data
(data/metadata.toml); values are kept verbatim; absent fields stay None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import MetaField
from ..read import Grid, Para
from ..vocabulary import chrome_kind, fold, meta_labels, role_of

_GAP = r"[ \t\u00a0\u2002\u2003\u3000]*"
_WEAK = {"时间", "来源", "名称", "标题"}
"""Labels common in prose: a line starting with one is metadata only with another pair on it."""
_CHROME_LABELS = ("浏览次数", "访问量", "访问次数", "点击数", "点击量", "阅读次数", "阅读量", "浏览量",
                  "字体", "字号", "分享到", "分享至", "分享")
"""Labels of page chrome that share the information line (浏览次数: 12 字体: [大 中 小])."""
_PIPE = re.compile(r"[|｜]")
_CELL_SEP = re.compile(r"[|｜\t]")
_OTHER_LABEL = re.compile(r"^([\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,6}[\u4e00-\u9fff])\s*([:：])")
"""A label the data does not list (所属栏目：), read only beside known ones (metadata.toml)."""
_TRAILING = re.compile(r"(\s*[【\[]\s*[^】\]\s]{1,8}\s*[】\]])+\s*$")


def _label_pattern(label: str) -> str:
    return _GAP.join(re.escape(ch) for ch in label)


def _labels() -> list[str]:
    labels = meta_labels()
    return sorted({*labels.fields, *labels.other, *_CHROME_LABELS}, key=len, reverse=True)


_PAIR = re.compile("(" + "|".join(_label_pattern(label) for label in _labels()) + r")\s*[:：]")
_TRUNCATED = re.compile("^(" + "|".join(map(re.escape, meta_labels().truncated)) + r")\s*[:：]")


def label_text(text: str) -> str | None:
    """The folded label when `text` is a metadata label alone (索引号, 索 引 号:), else None."""
    folded = fold(text).rstrip(":：")
    return folded if meta_labels().is_label(folded) or folded in meta_labels().truncated else None


@dataclass
class Fields:
    """What the information block gave so far, and the ledger pieces of the block being read."""

    values: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    """Each field's label as published (成文日期 for issued)."""
    extra: list[MetaField] = field(default_factory=list)
    pending: list[Para] = field(default_factory=list)
    """Labels read alone (a cell, a line) waiting for their values, in order."""
    pieces: list[tuple[str, str, int, str]] = field(default_factory=list)
    """(kind, text, line, why) of the current block, for the ledger."""
    puts: int = 0
    copies: int = 0
    """Pairs of the current block, and how many repeated a pair already read."""

    def put(self, label: str, value: str, line: int, colon: str = "", value_line: int = 0) -> None:
        """One pair: a Meta field the first time, else Meta.extra; a repeat is a copy."""
        value_line = value_line or line
        bare = label.rstrip(":： \u3000")
        label, colon = bare, label[len(bare):] + colon
        name = meta_labels().field_of(label) or meta_labels().truncated.get(fold(label))
        if name and not value:  # a label with nothing after it: the field is not given
            self.pieces.append(("label", label + colon, line, ""))
            return
        self.puts += 1
        if name and self.values.get(name) == value or any(
                fold(f.label) == fold(label) and f.value == value for f in self.extra):
            self.copies += 1  # the same pair again: a second copy of the block (for phones)
            self.pieces.append(("label", label + colon, line, "") if name else ("chrome", label + colon, line, "duplicate"))
            self.pieces.append(("chrome", value, value_line, "duplicate"))
            return
        if name and name not in self.values:
            self.pieces.append(("label", label + colon, line, ""))
            self.pieces.append(("content", value, value_line, ""))
            self.values[name] = value
            self.labels[name] = label
            return
        self.pieces.append(("content", label, line, ""))
        self.pieces.append(("separator", colon, line, ""))
        self.pieces.append(("content", value, value_line, ""))
        self.extra.append(MetaField(label.strip(), value, line))


_DIGIT = re.compile(r"\d")
_TITLE_END = re.compile(r"(情况|报告|通知|计划|总结|要点|清单|方案|意见|办法|公告|通报)$")


def fits_pending(fields: Fields, text: str) -> bool:
    """Whether a line can be the value of the label waiting for one. In a copy with one cell
    a line, an empty cell leaves no line, and the next line (the title) must not become the
    value: 索引号 and dates have digits, other values are short."""
    name = meta_labels().field_of(fields.pending[0].text.rstrip(":： "))
    first = _PAIR.search(text)
    value = fold(text[:first.start()] if first else text)
    if name in ("index_no", "issued", "published"):
        return bool(_DIGIT.search(value))
    if name == "title":
        return True
    # a short value may end like a title (组配分类: 计划总结); a title is longer
    return len(value) <= (12 if name == "disclosure" else 20) and not (len(value) >= 8 and _TITLE_END.search(value))


def is_info_grid(grid: Grid) -> bool:
    """A grid of label and value cells, not a task table."""
    first = grid.rows[0] if grid.rows else ()
    if sum(1 for cell in first if role_of(_cell_text(cell))) >= 2:
        return False
    cells = [_cell_text(c) for row in grid.rows[:8] for c in row]
    return sum(1 for text in cells if label_text(text) or _starts_pair(text)) >= 2


def read_block(block: Para | Grid, fields: Fields) -> list[Para] | None:
    """Read one block of the information block into `fields`. Returns the cells that are
    neither label nor value (a title in the table), or None when the block is not metadata."""
    if isinstance(block, Grid):
        rows = [[_cell_para(cell, block.line) for cell in row] for row in block.rows]
    elif _PIPE.search(block.text) or "\t" in block.text:  # `a | b |` rows; cells copied with tabs
        rows = [[Para(part.strip(), block.line) for part in _CELL_SEP.split(block.text) if part.strip()]]
    else:
        rows = [[block]]
    if isinstance(block, Para) and len(rows[0]) == 1 and not _is_meta_text(block.text, fields):
        return None
    before = (len(fields.pieces), len(fields.pending))
    table = isinstance(block, Grid) or len(rows[0]) > 1
    if not table and fields.pending and label_text(block.text):
        # one label a line: a label after a label left no line for its value (an empty <dd>, an
        # empty cell); labels wait together only in a row of labels (laid out by column)
        _empty(fields)
    left: list[Para] = []
    chrome: list[tuple[str, str, int, str]] = []
    for row in rows:
        text = " ".join(p.text for p in row)
        kind = len(row) > 2 and chrome_kind(text)
        if kind:  # the site's menu copied into the same rows (| 首页 | 机构概况 | 政务公开 |): one piece
            chrome.append(("chrome", text, row[0].line, kind))
            continue
        for n, para in enumerate(row):
            if not _read_cell(para, fields, first=n == 0, table=table):
                left.append(para)
    if (len(fields.pieces), len(fields.pending)) == before:  # no cell was a label or a pair
        return None
    separators = block.structure if isinstance(block, Grid) else (Para("".join(_PIPE.findall(block.text)), block.line),)
    fields.pieces[before[0]:before[0]] = [("separator", p.text, p.line, "") for p in separators] + chrome
    return left


def _is_meta_text(text: str, fields: Fields) -> bool:
    if label_text(text) or _TRUNCATED.match(text):
        return True
    if fields.pending:
        return chrome_kind(text) is None
    return _starts_pair(text)


def _starts_pair(text: str) -> bool:
    if _TRUNCATED.match(text):
        return True
    matches = list(_PAIR.finditer(text))
    if matches and matches[0].start() > 0 and _OTHER_LABEL.match(text):
        return any(fold(m.group(1)) not in _WEAK | set(_CHROME_LABELS) for m in matches)
    if not matches or matches[0].start() != 0:
        return False
    first = fold(matches[0].group(1))
    return len(matches) >= 2 or (first not in _WEAK and first not in _CHROME_LABELS)


def _read_cell(para: Para, fields: Fields, first: bool, table: bool = False) -> bool:
    text, line = para.text.strip(), para.line
    if not text:
        if fields.pending:
            label = fields.pending.pop(0)
            fields.put(label.text, "", label.line, value_line=line)
        return True
    other = _OTHER_LABEL.match(text)
    if label_text(text) or (first and _TRUNCATED.fullmatch(text)) or (table and other and other.end() == len(text)):
        fields.pending.append(para)
        return True
    matches = list(_PAIR.finditer(text))
    truncated = _TRUNCATED.match(text) if first else None
    if truncated and (not matches or matches[0].start() > 0):
        matches.insert(0, truncated)
    starts = [_start(text, m) for m in matches] + [len(text)]
    lead = text[:starts[0]].strip()
    other = _OTHER_LABEL.match(lead)
    if lead and not fields.pending and other and matches:  # 所属栏目：科技 发布机构：…
        fields.put(other.group(1), _value(lead[other.end():].strip(), fields, line), line, other.group(2))
        lead = ""
    if lead:
        if not fields.pending:
            return False
        label = fields.pending.pop(0)
        fields.put(label.text, _value(lead, fields, line), label.line, value_line=line)
    elif matches and fields.pending:  # a cell that starts with a pair is no label's value: theirs are empty
        _empty(fields)
    for n, m in enumerate(matches):
        label = m.group(1)
        value = _value(text[m.end():starts[n + 1]].strip(), fields, line)
        pair = text[starts[n]:m.end()] + value
        if fold(label) in _CHROME_LABELS or chrome_kind(pair):
            fields.pieces.append(("chrome", pair, line, chrome_kind(pair) or _chrome_label_kind(label)))
            continue
        fields.put(label, value, line, m.group(0)[len(label):])
    return True


def _empty(fields: Fields) -> None:
    """The labels waiting for a value have none."""
    while fields.pending:
        label = fields.pending.pop(0)
        fields.put(label.text, "", label.line)


def _start(text: str, m: re.Match) -> int:
    """Where a pair starts: a chrome label's opening bracket (【字体：大 中 小】) is its own."""
    if fold(m.group(1)) in _CHROME_LABELS and m.start() > 0 and text[m.start() - 1] in "【[":
        return m.start() - 1
    return m.start()


def _chrome_label_kind(label: str) -> str:
    folded = fold(label)
    return "font-size" if folded in ("字体", "字号") else "share" if folded.startswith("分享") else "counter"


def _value(value: str, fields: Fields, line: int) -> str:
    """The value without page chrome glued after it (省科技厅 【打印】【关闭】)."""
    tail = _TRAILING.search(value)
    if tail and tail.start() > 0 and chrome_kind(tail.group().strip()):
        fields.pieces.append(("chrome", tail.group().strip(), line, chrome_kind(tail.group().strip())))
        return value[:tail.start()].strip()
    return value


def _cell_text(cell) -> str:
    return " ".join(p.text for p in cell.paras)


def _cell_para(cell, line: int) -> Para:
    return Para(_cell_text(cell), cell.paras[0].line if cell.paras else line)
