"""The project's data files, loaded once: column vocabulary, division registry, chrome."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .errors import DataError

DATA = Path(__file__).parent / "data"


_WHITE = re.compile(r"\s+")


def fold(label: str) -> str:
    """The form labels are compared in: NFKC (full-width to ASCII), no white space."""
    return _WHITE.sub("", unicodedata.normalize("NFKC", label))


@dataclass(frozen=True)
class Role:
    """A canonical column role."""

    name: str
    """"task", "target", "measures", "progress", "owners", "problems", "next_steps", "number"."""
    title: str
    """The label the site shows for this role."""
    empty_rank: int
    """Lower ranks are more often empty; see columns.toml."""


@dataclass(frozen=True)
class Division:
    """A division (处室) from the registry."""

    id: str
    """Stable ASCII id, used in URLs."""
    name: str
    aliases: tuple[str, ...] = ()


def _load(name: str) -> dict:
    path = DATA / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path.name}: {exc}") from exc


@cache
def roles() -> dict[str, Role]:
    data = _load("columns.toml")["roles"]
    return {name: Role(name, spec["title"], spec["empty_rank"]) for name, spec in data.items()}


@cache
def _labels() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, spec in _load("columns.toml")["roles"].items():
        for label in spec["labels"]:
            if fold(label) in table:
                raise DataError(f"columns.toml: label {label!r} is listed under two roles")
            table[fold(label)] = name
    return table


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def role_of(label: str) -> str | None:
    """The canonical role of a column label, or None when the vocabulary does not know it.
    A note in parentheses after a known label ("完成情况(截至6月底)") keeps the label's role."""
    folded = fold(label)
    role = _labels().get(folded)
    if role is None and folded.endswith(")"):
        role = _labels().get(_TRAILING_NOTE.sub("", folded))
    return role


@cache
def status_values() -> frozenset[str]:
    """What a status column's cells say (顺利推进, 已完工), folded."""
    return frozenset(fold(v) for v in _load("columns.toml")["roles"]["status"].get("values", ()))


def labels_of(*names: str) -> tuple[str, ...]:
    """The known labels of these roles, folded (see `fold`)."""
    return tuple(label for label, role in _labels().items() if role in names)


def is_label_prefix(text: str) -> bool:
    """True when `text` is the start of some known label (a header broken over lines)."""
    return fold(text) in _label_prefixes()


@cache
def _label_prefixes() -> frozenset[str]:
    """Every non-empty start of every known label: the parser asks of each paragraph."""
    return frozenset(label[:n] for label in _labels() for n in range(1, len(label) + 1))


@cache
def divisions() -> tuple[Division, ...]:
    entries = _load("divisions.toml")["division"]
    result = tuple(Division(d["id"], d["name"], tuple(d.get("aliases", ()))) for d in entries)
    ids = [d.id for d in result]
    if len(set(ids)) != len(ids):
        raise DataError("divisions.toml: a division id is used twice")
    for d in result:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", d.id):
            raise DataError(f"divisions.toml: id {d.id!r} is not lower-case ASCII words joined by '-'")
    return result


@cache
def _division_names() -> dict[str, Division]:
    table = {}
    for division in divisions():
        for name in (division.name, *division.aliases):
            table[fold(name)] = division
    return table


def division_named(name: str) -> Division | None:
    return _division_names().get(fold(name))


# A name that reads like a division even when the registry does not list it:
# a few CJK characters ending the way division names end.
_DIVISION_LIKE = re.compile(r"[\u4e00-\u9fff]{1,10}(处|室|办|局|委|厅|中心|科|部|组|所)")


def looks_like_division(text: str) -> bool:
    return division_named(text) is not None or bool(_DIVISION_LIKE.fullmatch(fold(text)))


@cache
def _unit_like() -> re.Pattern[str]:
    owners = _load("columns.toml")["owners"]
    suffixes = sorted(owners["suffixes"], key=len, reverse=True)
    starts = "|".join(map(re.escape, owners["not_starting"]))
    inside = "|".join(map(re.escape, owners["not_containing"]))
    return re.compile(f"(?!{starts})(?!.*({inside}))" + r"[\u4e00-\u9fff]{1,16}("
                      + "|".join(map(re.escape, suffixes)) + ")")


_PARENTHESISED = re.compile(r"\([^()]*\)")


def looks_like_unit(text: str) -> bool:
    """A responsible unit of any publisher: a division, or a name ending like one (owners in columns.toml)."""
    name = fold(text)
    if division_named(name) is not None:
        return True
    bare = _PARENTHESISED.sub("", name)
    return bare != "" and len(name) <= 30 and bool(_unit_like().fullmatch(bare))


@cache
def chrome_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) of every chrome pattern in data/chrome.toml, in file order."""
    kinds = _load("chrome.toml")["kinds"]
    return tuple((kind, re.compile(p)) for kind, spec in kinds.items() for p in spec.get("patterns", ()))


@cache
def _chrome_words() -> tuple[dict[str, str], re.Pattern[str]]:
    """(word -> kind, a pattern matching a paragraph made only of chrome words)."""
    kinds = _load("chrome.toml")["kinds"]
    words = {word: kind for kind, spec in kinds.items() for word in spec.get("words", ())}
    one = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"^({one})(\s*[|｜/、·]?\s*({one}))*$")



@cache
def empty_counters() -> frozenset[str]:
    return frozenset(_load("chrome.toml")["empty_counters"])


def chrome_kind(text: str) -> str | None:
    """The kind of page chrome a whole paragraph is ("breadcrumb", "footer" …), or None.
    A paragraph of several chrome pieces of different kinds side by side (a page's tool row:
    `分享至：微信 微博  收藏  【打印】【关闭】`) is chrome of its first piece's kind."""
    text = text.strip()
    return _chrome_kind(text) if len(text) <= _CHROME_ROW_CHARS else _chrome_piece(text)


@lru_cache(maxsize=4096)
def _chrome_kind(text: str) -> str | None:
    """(The reader and the parser ask about the same short lines several times.)"""
    kind = _chrome_piece(text)
    if kind is not None:
        return kind
    cuts = [0, *(m.start() for m in _CHROME_CUT.finditer(text)), len(text)]
    if not 2 < len(cuts) <= _CHROME_ROW_PIECES + 2:  # one piece, or too many to be a tool row
        return None
    kinds: dict[int, str] = {len(text): ""}  # start of a rest made of chrome pieces -> its first piece's kind
    for a in reversed(cuts[:-1]):
        for b in cuts[cuts.index(a) + 1:]:
            if b in kinds and (piece := _chrome_piece(text[a:b], alone=False)):
                kinds[a] = piece
                break
    return kinds.get(0) or None


_CHROME_CUT = re.compile(r"(?<=\s)(?=\S)|(?<=\S)(?=【)")
"""Where a row of chrome pieces may be cut: after white space, before 【."""
_CHROME_ROW_CHARS, _CHROME_ROW_PIECES = 160, 16


def _chrome_piece(text: str, alone: bool = True) -> str | None:
    text = text.strip()
    words, run = _chrome_words()
    found = run.match(text)
    if found and (found.group(2) or len(text) >= 3 or not alone):  # a lone short word (微信, EN) may be content
        return words[found.group(1)]
    return next((kind for kind, pattern in chrome_patterns() if pattern.match(text)), None)


def is_chrome(text: str) -> bool:
    return chrome_kind(text) is not None


@dataclass(frozen=True)
class MetaLabels:
    """The information block's labels (data/metadata.toml), by their folded form."""

    fields: dict[str, str]
    """Folded label -> model.Meta field name."""
    other: frozenset[str]
    """Folded labels whose pairs go to Meta.extra."""
    truncated: dict[str, str]
    """A label cut to its end when copied ("号") -> field, read only at the start of a line or cell."""

    def field_of(self, label: str) -> str | None:
        return self.fields.get(fold(label))

    def is_label(self, label: str) -> bool:
        folded = fold(label)
        return folded in self.fields or folded in self.other


@cache
def meta_labels() -> MetaLabels:
    data = _load("metadata.toml")
    fields: dict[str, str] = {}
    for name, labels in data["fields"].items():
        for label in labels:
            if fold(label) in fields:
                raise DataError(f"metadata.toml: label {label!r} is listed twice")
            fields[fold(label)] = name
    other = frozenset(fold(label) for label in data["other"])
    if other & fields.keys():
        raise DataError(f"metadata.toml: {sorted(other & fields.keys())} both a field and other")
    return MetaLabels(fields, other, {fold(k): v for k, v in data.get("truncated", {}).items()})
