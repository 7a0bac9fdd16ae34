"""Quantities written in report text: a number, its unit, the thing counted, its qualifiers.

"新增高新技术企业3000家" is 3000 家 of 高新技术企业 (the verb 新增 stripped); "组建10个左右体系化、
任务型的创新联合体" is 10 个 左右 of 创新联合体. Everything is kept as written; the words that
decide what is stripped or kept live in generator/data/measures.toml.

A number is a quantity only when a unit from measures.toml follows it. So dates (4月15日,
2021年), periods (1-6月), names (G60, 5G, 3.0, 十四五) and ordinals (第三批) are not, nor is
anything inside quotes or 《titles》 (“六个千亿”). The one exception is a reported figure
written without its unit (新增科技型中小企业6387。): an integer right after the thing counted
and before the end of its clause, in progress text only (`bare=True`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
import unicodedata
from fractions import Fraction
from bisect import bisect_left
from functools import cache, lru_cache

from ..errors import DataError
from ..model import record
from ..vocabulary import DATA

_OPEN = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’", '"': '"'}
_HARD = ",，。;；:：!！?？"
"""Punctuation that ends a clause: the thing counted never runs across it."""
_SENTENCE_END = "。;；!！?？"
_BOUNDARY = re.compile(f"[{_HARD}(（]")
_SENTENCE_MARK = re.compile(f"[{_SENTENCE_END}]")
_CN = "〇零一二两三四五六七八九十百千万"
_MASK = "□"
_QUOTE_CHARS = re.compile("[" + "".join(_OPEN) + "]")
_QUOTED = re.compile("|".join(f"{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}" for a, b in _OPEN.items()))


@record
class Quantity:
    """One number of a text with what the text says about it."""

    text: str
    """The number with its unit and the words right after it, as written ("10个左右")."""
    number: str
    """The number as written: "3000", "539.9", "两", "三分之二", "1-2"."""
    value: Fraction | None
    """Its value; None for a range (1-2家) or a comparison with no number."""
    unit: str
    """As written ("家", "亿元", "%"); "" when the text gives none."""
    qualifiers: tuple[str, ...]
    """Words that qualify it, as written: "以上", "左右", "不少于", "力争", "累计", "同比增长68%"."""
    thing: str
    """The thing counted as written, without the sentence's verb ("高新技术企业"); "" when the
    text does not say."""
    start: int
    """Offset of the number in the text."""

    @property
    def key(self) -> str:
        return thing_key(self.thing)


@cache
def measures() -> dict:
    path = DATA / "measures.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path.name}: {exc}") from exc
    same = {}
    for group in data.get("things", []):
        for name in group["names"]:
            same[_fold(name)] = _fold(group["names"][0])
    data["same"] = same
    return data


@cache
def _pattern() -> re.Pattern:
    m = measures()
    units = "|".join(re.escape(u) for u in sorted(m["units"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(m["qualifiers_after"], key=len, reverse=True))
    num = r"\d+(?:\.\d+)?"
    cn = f"[{_CN}]+"
    return re.compile(
        rf"(?P<number>(?:{cn}|\d+)分之(?:{cn}|\d+)|{num}\s*[-—–~～至]\s*{num}|{num}|{cn})"
        rf"(?P<many>多|余)?\s?(?P<unit>{units})?(?P<after>{after})?"
    )


def mask(text: str) -> str:
    """The text with everything inside quotes and 《》 replaced by a mark (same length). A quote
    left open masks nothing."""
    if not _QUOTE_CHARS.search(text):
        return text
    return _QUOTED.sub(lambda m: m.group()[0] + _MASK * (len(m.group()) - 2) + m.group()[-1], text)


def quantities(text: str, *, bare: bool = False) -> tuple[Quantity, ...]:
    """Every quantity in `text`, in order. `bare`: also integers written without a unit."""
    m = measures()
    masked = mask(text)
    found: list[Quantity] = []
    last_end, pending, scanned, boundary = 0, "", 0, -1
    for match in _pattern().finditer(masked):
        number, unit = match.group("number"), match.group("unit") or ""
        start, end = match.start(), match.end()
        if not _stands_alone(masked, start, end, unit):
            continue
        fraction = "分之" in number
        if not unit and not fraction and not (bare and _is_bare(masked, match)):
            continue
        if fraction and _value(number) is None:
            continue  # 零分之一: no share of nothing
        if unit and (number + unit) in m["vague"]:
            continue
        if number[0] in _CN and not set(number) - set("百千万"):
            continue  # 千家万户, 百家争鸣: a place word alone is an idiom, not a count
        after_text = masked[end:end + 1]
        for mark in _BOUNDARY.finditer(masked, scanned, start):  # one pass over the text, not one per number
            boundary = mark.start()
        scanned = start
        clause_start = _clause_start(masked, start, last_end, boundary)
        clause = text[clause_start:start]
        if unit == "%" and found and _fold(clause) in m["growth"]:
            # 技术交易总额达539.9亿元,同比增长68%: the growth qualifies the figure before it
            found[-1] = replace(found[-1], qualifiers=found[-1].qualifiers + (text[clause_start:end].strip(),))
            last_end = end
            continue
        if after_text == "" or after_text in _HARD + "、()（）":
            thing, qualifiers = _thing_before(clause)
        else:
            thing = _thing_after(text, masked, end)
            qualifiers = [w for w in m["qualifiers_before"] if w in masked[clause_start:start]]
            if not thing.strip("共") and masked[end:].lstrip("共")[:1].isdigit():
                pending = text[start:end]  # 两批63项: "两批" qualifies the count that follows
                continue
        qualifiers = ([pending] if pending else []) + qualifiers
        pending = ""
        qualifiers += [w for w in (match.group("many"), match.group("after")) if w]
        if not thing and found and masked[clause_start - 1:clause_start] in "(（":
            thing = found[-1].thing  # 进口替代成果62项(累计135项): the figure in brackets counts the same thing
        found.append(Quantity(text[start:end], text[match.start("number"):match.end("number")],
                              _value(number), unit, tuple(qualifiers), thing, start))
        last_end = end
    return tuple(found)


def comparisons(text: str) -> tuple[Quantity, ...]:
    """Comparative targets with no number: "全省高新技术产业投资增速高于固定资产投资增速"."""
    if "增速" not in text:
        return ()
    words = "|".join(map(re.escape, measures()["comparisons"]))
    found = []
    masked = mask(text)
    for match in re.finditer(rf"([^{_HARD}、]*?增速)({words})([^{_HARD}]*?增速)", masked):
        thing, _ = _thing_before(text[match.start(1):match.end(1)])
        found.append(Quantity(text[match.start(2):match.end(3)], "", None, "",
                              (text[match.start(2):match.end(3)],), thing, match.start(2)))
    return tuple(found)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that holds `offset` (split at 。；!?), stripped."""
    ends = _sentence_ends(text)
    i = bisect_left(ends, offset)
    start = ends[i - 1] + 1 if i else 0
    end = ends[i] + 1 if i < len(ends) else len(text)
    return text[start:end].strip()


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Where the sentences of `text` end (outside quotes), found once per text: a cell of
    thousands of quantities asks for the sentence of each (searching the text each time took
    minutes in a report at the limits)."""
    return tuple(m.start() for m in _SENTENCE_MARK.finditer(mask(text)))


def plain_key(thing: str) -> str:
    """The thing counted folded, without quote marks, without the modifiers before its last
    的 (体系化、任务型的创新联合体 -> 创新联合体)."""
    key = _fold(thing)
    head = key.rsplit("的", 1)[-1]
    return head if len(head) >= 2 else key


def thing_key(thing: str) -> str:
    """The thing counted as it is compared: `plain_key` through the synonyms of measures.toml."""
    key = plain_key(thing)
    return measures()["same"].get(key, key)


def unit_spec(unit: str) -> dict | None:
    return measures()["units"].get(unit)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"‘’「」『』]", "", text)


def _stands_alone(masked: str, start: int, end: int, unit: str) -> bool:
    """Not part of a name or an ordinal: G60, 5G, 第三批, 3.0.1."""
    before, after = masked[start - 1:start], masked[end:end + 1]
    if before and (before.isascii() and before.isalnum() or before in "第.-—–~～" or before == _MASK):
        return False
    if before and before in _CN and masked[start] in _CN:
        return False
    return not (after and after.isascii() and (after.isalpha() or after.isdigit() and not unit))


def _is_bare(masked: str, match: re.Match) -> bool:
    """An integer after the thing counted and before the end of its clause (…中小企业6387。)."""
    number = match.group("number")
    if not number.isdigit() or match.group("many") or match.group("after"):
        return False
    if len(number) == 4 and number[:2] in ("19", "20"):
        return False  # a year written alone
    before, after = masked[match.start() - 1:match.start()], masked[match.end():match.end() + 1]
    return bool(before) and unicodedata.category(before) == "Lo" and before != _MASK and (not after or after in _HARD)


def _clause_start(masked: str, start: int, last_end: int, boundary: int) -> int:
    """Where the clause of the number at `start` begins: after the last clause mark or
    bracket (at `boundary`, -1 if none), or after the previous quantity and the 、/和 that follows it."""
    cut = boundary + 1
    if last_end > cut:
        cut = last_end
        while cut < start and masked[cut] in "、和及与":
            cut += 1
    return cut


def _thing_before(clause: str) -> tuple[str, list[str]]:
    """The thing counted and qualifiers in the words before a number: "全省新增科技型中小企业"."""
    m = measures()
    leading, trailing = _longest_first("leading"), _longest_first("qualifiers_before", "trailing")
    thing, qualifiers = clause.strip(), []
    changed = True
    while changed:
        changed = False
        for word in leading:
            if thing.startswith(word):
                if word in m["qualifiers_before"]:
                    qualifiers.append(word)
                thing, changed = thing[len(word):], True
                break
        for word in trailing:
            if thing.endswith(word) and thing:
                if word in m["qualifiers_before"]:
                    qualifiers.append(word)
                thing, changed = thing[:-len(word)], True
                break
    return thing.strip(), qualifiers


@cache
def _longest_first(*keys: str) -> tuple[str, ...]:
    return tuple(sorted((w for k in keys for w in measures()[k]), key=len, reverse=True))


def _thing_after(text: str, masked: str, end: int) -> str:
    """The words after a number up to the end of its clause or the next number: the thing
    counted in "组建10个左右…创新联合体"."""
    stop = len(masked)
    for i in range(end, len(masked)):
        if masked[i] in _HARD or masked[i].isdigit():
            stop = i
            break
    thing = text[end:stop].lstrip("的").rstrip("和及与的、 ")
    if stop < len(masked) and masked[stop].isdigit():
        thing = re.sub(f"[{_CN}]+[批个项]?$", "", thing).rstrip("和及与的、 ")  # …清单和两批35项
    return thing


def _value(number: str) -> Fraction | None:
    number = unicodedata.normalize("NFKC", number)
    if "分之" in number:
        den, num = number.split("分之")
        return Fraction(_int(num), _int(den)) if _int(den) else None
    if re.search(r"\d\s*[-—–~～至]\s*\d", number):
        return None
    if number[0].isdigit():
        return Fraction(number)
    return Fraction(_cn_int(number))


def _int(text: str) -> int:
    return int(text) if text.isdigit() else _cn_int(text)


def _cn_int(text: str) -> int:
    """两 -> 2, 十五 -> 15, 二十 -> 20, 三千 -> 3000, 两万 -> 20000."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
    places = {"十": 10, "百": 100, "千": 1000}
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        elif ch in places:
            section += (digit or 1) * places[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
    return total + section + digit


