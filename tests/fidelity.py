"""Conservation checks: every character of a source is in the model exactly once,
or is structure of a narrow, checkable kind. Used on every fixture and by the
property tests."""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup, Comment

from generator.model import Report
from generator.parse.meta import FIELDS, OTHER_LABELS
from generator.vocabulary import empty_counters, fold, is_chrome, labels_of

_WS = re.compile(r"\s+")
_STRUCTURE = {
    "label": re.compile(r"^(" + "|".join([*FIELDS, *OTHER_LABELS, *labels_of("owners")]) + r")\s*[:：]\s*$"),
    "marker": re.compile(r"^\s*(\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])\s*$"),
    "separator": re.compile(r"^(\s|[、,，:：|｜/;；.．\-()（）]|<br\s*/?>)+$", re.I),
}


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def visible_text(source: str) -> str:
    """What a reader of the source sees: the text itself, or an HTML page's text."""
    if re.match(r"^\s*<", source):
        soup = BeautifulSoup(source, "html.parser")
        for node in soup(["script", "style", "noscript", "template", "head", "title"]):
            node.decompose()
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        return soup.get_text()
    return source


def model_texts(report: Report) -> list[str]:
    """Every text the model holds (what the site shows), list markers excluded."""
    meta = report.meta
    texts = [v for v in (meta.index_no, meta.publisher, meta.issued, meta.disclosure, meta.title,
                         meta.published, meta.origin) if v]
    for f in meta.extra:
        texts += [f.label, f.value]
    for table in report.tables:
        texts += [table.caption or ""] + [c.label for c in table.columns if not c.from_cells]
        texts += [g for n, g in enumerate(c.group for c in table.columns)
                  if g and (n == 0 or table.columns[n - 1].group != g)]  # a group is one cell over its columns
        texts += [s.text for s in table.sections]
        for row in table.rows:
            texts.append(row.number or "")
            texts += [item.text for _, items in row.cells for item in items]
    for n, entry in enumerate(report.entries):
        if entry.heading is None:
            texts += [entry.number, entry.division, entry.text]
        else:  # the division is named once, in the heading the entries stand under
            first = n == 0 or report.entries[n - 1].heading != entry.heading
            texts += [entry.number, entry.text] + ([entry.heading] if first else [])
    for section in report.sections:
        texts += [section.heading or ""] + [p.text for p in section.paragraphs]
    texts += [u.text for u in report.unplaced]
    return texts


def check_conservation(report: Report, source: str, html_chrome: bool = False) -> None:
    """Assert the report's ledger and model account for the source exactly."""
    source_chars = Counter(squeeze(visible_text(source)))
    ledger_chars = Counter(squeeze("".join(p.text for p in report.ledger)))
    assert ledger_chars == source_chars, (
        f"{report.source}: source and ledger differ: missing {dict(source_chars - ledger_chars)}, "
        f"extra {dict(ledger_chars - source_chars)}"
    )
    content = Counter(squeeze("".join(p.text for p in report.ledger if p.kind == "content")))
    model = Counter(squeeze("".join(model_texts(report))))
    assert content == model, (
        f"{report.source}: content not in the model {dict(content - model)}, invented {dict(model - content)}"
    )
    for piece in report.ledger:
        if piece.kind == "chrome":
            ok = html_chrome or is_chrome(piece.text) or piece.text.rstrip(":： ") in empty_counters()
            assert ok, f"{report.source}:{piece.line}: {piece.text!r} was dropped as chrome"
        elif piece.kind == "header":
            labels = {fold(c.label) for t in report.tables for c in t.columns} | {
                fold(c.group) for t in report.tables for c in t.columns if c.group}
            # a label may be broken over lines in a flattened table: each piece is part of a label
            assert any(fold(piece.text) in label for label in labels), (
                f"{report.source}:{piece.line}: {piece.text!r} is not (part of) a column label")
        elif piece.kind != "content":
            assert _STRUCTURE[piece.kind].match(piece.text), (
                f"{report.source}:{piece.line}: {piece.text!r} is not a {piece.kind}"
            )


def check_positions(report: Report, source: str) -> None:
    """For text sources: every content piece stands, unaltered, on the line it claims."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for piece in report.ledger:
        if piece.kind == "content":
            assert squeeze(piece.text) in squeeze(lines[piece.line - 1]), (
                f"{report.source}:{piece.line}: {piece.text[:40]!r} is not on that line"
            )
