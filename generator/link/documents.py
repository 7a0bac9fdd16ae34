"""Policy documents 《…》: every mention, the action stated, and the document's lifecycle."""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from functools import cache, lru_cache

from .archive import Document, Mention as ArchiveMention, Seen
from .ids import rows_of
from ..vocabulary import DATA
from .dates import When, find_dates, report_period

_TITLE = re.compile(r"《([^《》]{2,120})》")
_SENTENCE = re.compile(r"[^。；;！!？?]*[。；;！!？?]?")
_JOINERS = {"", "和", "、", "及", "与", "以及"}


@cache
def _table() -> tuple[dict[str, str], tuple[str, ...]]:
    data = tomllib.loads((DATA / "documents.toml").read_text(encoding="utf-8"))
    canonical = {}
    for alias in data.get("alias", []):
        for variant in alias["variants"]:
            canonical[variant] = alias["title"]
    return canonical, tuple(sorted(data["actions"], key=len, reverse=True))


def canonical_title(title: str) -> str:
    """The alias table's title; white space is folded (a wording difference it is not)."""
    folded = re.sub(r"\s+", " ", title)
    return _table()[0].get(folded, folded)


@lru_cache(maxsize=4096)  # an archive cites a few hundred titles, each many times
def doc_id(title: str) -> str:
    """A stable ASCII id from the canonical title."""
    return "d" + hashlib.sha1(canonical_title(title).encode("utf-8")).hexdigest()[:10]


def _citations(text: str, issued: str | None, period: When | None, end: When | None):
    """(title, action, when, sentence) of every 《title》 in `text`; `end` as `period` in find_dates."""
    actions = _table()[1]
    for sentence in (s for s in _SENTENCE.findall(text) if "《" in s):  # only sentences that cite
        dates = find_dates(sentence, issued, end)
        when = dates[0].when if dates else period
        previous_end, previous_action = 0, None
        for m in _TITLE.finditer(sentence):
            before = sentence[previous_end:m.start()]
            after = sentence[m.end():m.end() + 12].split("《")[0]
            joined = before.strip() in _JOINERS  # 《A》和《B》: B shares A's action
            action = (previous_action if joined else _last_action(before[-10:], actions)) \
                or _first_action(after, actions)
            yield m.group(1), action, when, sentence.strip()
            previous_end, previous_action = m.end(), action


def _last_action(window: str, actions) -> str | None:
    best = None
    for action in actions:
        at = window.rfind(action)
        if at >= 0 and (best is None or at + len(action) > best[0] or
                        (at + len(action) == best[0] and len(action) > len(best[1]))):
            best = (at + len(action), action)
    return best[1] if best else None


def _first_action(window: str, actions) -> str | None:
    best = None
    for action in actions:
        at = window.find(action)
        if at >= 0 and (best is None or at < best[0] or (at == best[0] and len(action) > len(best[1]))):
            best = (at, action)
    return best[1] if best else None


def cited_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of every 《title》 in `text`, found sentence by sentence as mentions are."""
    spans = []
    for sentence in _SENTENCE.finditer(text):
        for m in _TITLE.finditer(sentence.group(0)):
            spans.append((sentence.start() + m.start(), sentence.start() + m.end(), m.group(1)))
    return spans


MAX_CANDIDATES = 100
"""Likely aliases listed at most: a maintainer reads them one by one, and an archive whose titles
differ only by a number (《第1号方案》…《第4900号方案》) would otherwise list millions of pairs
(a report of 4,900 such rows ran a build out of memory)."""


def alias_candidates(titles: set[str]) -> tuple[tuple[str, str], ...]:
    """Pairs of different canonical titles so alike they may name one document, the first
    MAX_CANDIDATES of them in title order (the callers say when the list is cut)."""
    return _alike(tuple(sorted({canonical_title(t) for t in titles})))


@lru_cache(maxsize=4)  # the build notes them and the documents page lists them
def _alike(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    matcher = difflib.SequenceMatcher(None)
    for i, b in enumerate(names):
        matcher.set_seq2(b)  # the matcher indexes its second text; once for each
        for a in names[:i]:
            if abs(len(a) - len(b)) > 12:
                continue
            matcher.set_seq1(a)
            if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:  # quick_ratio bounds ratio
                pairs.append((a, b))
                if len(pairs) == MAX_CANDIDATES:
                    return tuple(sorted(pairs))
    return tuple(sorted(pairs))


# Documents (archive.Mention, archive.Document): every citation with where it stands, read forward.

@cache
def stages() -> dict[str, int]:
    """Action -> rank in a document's life (generator/data/documents.toml [[stage]]); 0 if none."""
    data = tomllib.loads((DATA / "documents.toml").read_text(encoding="utf-8"))
    return {action: stage["rank"] for stage in data["stage"] for action in stage["actions"]}


def cited_of(source) -> tuple[ArchiveMention, ...]:
    """Every citation of a report, each with where it stands (kept as `Source.learned("cited")`)."""
    report, rid = source.report, source.id
    title = report.meta.title or report.source
    period = report_period(report.meta.title, report.meta.issued)
    found = []

    def add(text: str, seen: Seen) -> None:
        for cited, action, when, sentence in _citations(text, report.meta.issued, period, period):
            found.append(ArchiveMention(doc_id(cited), cited, action, stages().get(action, 0), when,
                                        sentence.rstrip("；;，,、：:"), seen))

    for _, table, _, row, tid in rows_of(report):
        for column in table.columns:
            if column.role not in ("owners", "number"):
                for item in row.cell(column.key):
                    add(item.text, Seen(rid, title, tid, None, column.label, column.role, item.line))
    for entry in report.entries:
        add(entry.text, Seen(rid, title, None, entry.number, None, "entry", entry.line))
    return tuple(found)


def documents_of(sources) -> tuple[Document, ...]:
    """Every cited document with its mentions read forward. `sources` oldest first."""
    order = {s.id: n for n, s in enumerate(sources)}
    cited: dict[str, list[ArchiveMention]] = {}
    for s in sources:
        for m in s.learned("cited", cited_of):
            cited.setdefault(m.doc_id, []).append(m)
    documents = []
    for did, mentions in cited.items():
        title = canonical_title(mentions[0].title)
        variants = tuple(sorted({m.title for m in mentions} - {title}))
        forward = sorted(mentions, key=lambda m: (m.when.start_key if m.when else (0, 0, 0), not m.planned,
                                                  m.stage, order[m.seen.report_id]))
        done = [m for m in forward if m.seen.done and m.stage > 0]
        latest = max(done, key=lambda m: (m.stage, m.when.sort_key if m.when else (0, 0, 0),
                                          order[m.seen.report_id]), default=None)
        documents.append(Document(did, title, variants, tuple(forward), latest))
    return tuple(sorted(documents, key=_newest_progress_first))


def _newest_progress_first(d: Document) -> tuple:
    if d.latest is None or d.latest.when is None:
        return (1, 0, 0, 0, d.title)
    year, month, day = d.latest.when.sort_key
    return (0, -year, -month, -day, d.title)
