"""Blocks of a source file -> `model.Report`.

Read top to bottom: the head (chrome, metadata, title), then the body, where
each block is part of a task table, a division list, or plain sections.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportError
from ..model import Diagnostic, Report, Section, Table, Unplaced
from ..read import Document, Grid, Para, read_document
from .chrome import chrome_run
from .entries import entry_run, parse_entries
from .ledger import Ledger, Notes
from .head import parse_head
from .sections import parse_sections
from .summary import has_text, missing_shape
from .tables import find_header, flat_table, grid_table, is_caption

__all__ = ["parse_file", "parse_document"]


def parse_file(path: Path) -> Report:
    """Parse one report file. Raises ReportError when the file is not a report or cannot be read."""
    return parse_document(read_document(path))


def parse_document(doc: Document) -> Report:
    ledger = Ledger()
    notes = Notes()
    for line, code, message, hint in doc.warnings:
        notes.add(line, code, message, hint)
    for chrome in doc.chrome:
        ledger.chrome(chrome.text, chrome.line, chrome.kind)
    blocks = list(doc.blocks)
    head = parse_head(blocks, ledger, notes, doc.page_title)
    body = []
    i = head.body_start
    while i < len(blocks):
        run = chrome_run(blocks, i)
        if run:
            ledger.chrome(run[1], blocks[i].line, run[2])
            i = run[0]
        else:
            body.append(blocks[i])
            i += 1
    tables, entries, sections, unplaced = _parse_body(body, ledger, notes)
    unplaced = [*head.unplaced, *unplaced]
    if head.meta.title is None and (not body or not tables and not entries and not has_text(sections, unplaced)):
        raise ReportError(
            doc.name, body[0].line if body else 1,
            "no recognisable title or body: this does not look like a published report",
            "a report starts with its title (after the 索引号 block, if any) and has a body of text or tables",
        )
    if head.meta.title is not None and not body:
        raise ReportError(
            doc.name, blocks[-1].line, "the report has a title but no body",
            "the file may be truncated; save the whole published page again",
        )
    if head.meta.title is None:
        notes.add(1, "no-title", "no title found before the body", "the title is the first line after the 索引号 block")
    if not tables and not entries:
        notes.add(body[0].line, "no-structure",
                  "no task table or division list found; the report is kept as sections and paragraphs",
                  "if it has a table, check that its header names known columns (generator/data/columns.toml)")
    reason = missing_shape(head.meta, tables, entries, sections)
    if reason:
        notes.add(1, "not-a-report", f"this does not look like a report: {reason}",
                  "`add` refuses it unless --force; check that this is the published progress report")
    if unplaced:
        notes.add(unplaced[0].line, "unplaced", f"{len(unplaced)} paragraph(s) could not be placed and are shown as unplaced",
                  "check the source around these lines")
    diagnostics = tuple(
        Diagnostic(doc.name, line, "warning", code, message, hint)
        for line, code, message, hint in sorted(notes.items, key=lambda n: n[0])
    )
    return Report(
        source=doc.name,
        encoding=doc.encoding,
        meta=head.meta,
        tables=tuple(tables),
        entries=tuple(entries),
        sections=tuple(sections),
        unplaced=tuple(unplaced),
        diagnostics=diagnostics,
        ledger=tuple(ledger.pieces),
    )


def _parse_body(body: list, ledger: Ledger, notes: Notes):
    tables: list[Table] = []
    entries = []
    sections: list[Section] = []
    unplaced: list[Unplaced] = []
    pending: list[Para] = []  # paragraphs waiting to become sections (or a caption)

    def flush() -> None:
        sections.extend(parse_sections(pending, ledger))
        pending.clear()

    def take_caption() -> Para | None:
        caption = pending.pop() if pending and is_caption(pending[-1]) else None
        flush()
        return caption

    i = 0
    while i < len(body):
        block = body[i]
        if isinstance(block, Grid):
            caption = take_caption()
            table = grid_table(block, caption, ledger, notes, unplaced)
            if table is None:  # cells without a known header: keep their text as paragraphs
                if caption:
                    pending.append(caption)
                pending.extend(p for row in block.rows for cell in row for p in cell.paras)
                for para in block.structure:
                    ledger.structure("separator", para.text, para.line)
            else:
                tables.append(table)
            i += 1
            continue
        header = find_header(body, i)
        if header:
            caption = take_caption()
            end = header.end
            while end < len(body) and not _ends_table(body, end):
                end += 1
            if end < len(body) and not isinstance(body[end], Grid) and end - 1 > header.end and is_caption(body[end - 1]):
                end -= 1  # the next table's caption
            tables.append(flat_table(header, caption, body[header.end:end], ledger, notes, unplaced))
            i = end
            continue
        run = entry_run(body, i)
        if run:
            flush()
            entries.extend(parse_entries(body[i:i + run], ledger, notes))
            i += run
            continue
        pending.append(block)
        i += 1
    flush()
    return tables, entries, sections, unplaced


def _ends_table(body: list, i: int) -> bool:
    return isinstance(body[i], Grid) or find_header(body, i) is not None or entry_run(body, i) >= 2
