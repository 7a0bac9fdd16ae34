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
from .continued import loose_cells, read_grid
from .entries import entry_run, group_run, parse_entries, parse_groups
from .flat import find_header, flat_table
from .glued import glued_table
from .head import late_meta, parse_head
from .ledger import Ledger, Notes
from .perline import perline_table, short_rows
from .sections import parse_sections
from .summary import has_text, missing_shape
from .tables import is_caption

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
    meta, late = head.meta, []
    body = []
    i = head.body_start
    while i < len(blocks):
        run = chrome_run(blocks, i)
        if run:
            ledger.chrome(run[1], blocks[i].line, run[2])
            i = run[0]
            continue
        found = late_meta(blocks[i], meta, ledger, notes)
        if found:
            meta, left = found
            late += left
        else:
            body.append(blocks[i])
        i += 1
    tables, entries, sections, unplaced = _parse_body(body, ledger, notes)
    unplaced = [*head.unplaced, *unplaced, *late]
    if meta.title is None and (not body or not tables and not entries and not has_text(sections, unplaced)):
        raise ReportError(
            doc.name, body[0].line if body else 1,
            "no recognisable title or body: this does not look like a published report",
            "a report starts with its title (after the 索引号 block, if any) and has a body of text or tables",
        )
    if meta.title is not None and not body:
        raise ReportError(
            doc.name, blocks[-1].line, "the report has a title but no body",
            "the file may be truncated; save the whole published page again",
        )
    if meta.title is None:
        notes.add(1, "no-title", "no title found before the body", "the title is the first line after the 索引号 block")
    if not tables and not entries:
        notes.add(body[0].line, "no-structure",
                  "no task table or division list found; the report is kept as sections and paragraphs",
                  "if it has a table, check that its header names known columns (generator/data/columns.toml)")
    reason = missing_shape(meta, tables, entries, sections)
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
        meta=meta,
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
    last_is_table = False  # nothing but a caption since the last table: the next may continue it

    def flush() -> None:
        nonlocal last_is_table
        if pending:
            last_is_table = False
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
            if read_grid(block, caption, tables, last_is_table, ledger, notes, unplaced):
                last_is_table = True
            else:  # cells without a known header: keep their text as paragraphs
                if caption:
                    pending.append(caption)
                pending.extend(loose_cells(block, ledger))
                for para in block.structure:
                    ledger.structure("separator", para.text, para.line)
            i += 1
            continue
        perline = perline_table(body, i, notes)
        glued = None if perline else glued_table(body, i, notes)
        if perline or glued:  # their grids' headers name known columns, so they are always tables
            caption = take_caption()
            grid, i, layout = perline or glued
            short_rows(grid, notes)
            read_grid(grid, caption, tables, last_is_table, ledger, notes, unplaced, layout)
            last_is_table = True
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
            last_is_table = True
            i = end
            continue
        run, parse = entry_run(body, i), parse_entries
        if not run:
            run, parse = group_run(body, i), parse_groups
        if run:
            flush()
            last_is_table = False
            found = parse(body[i:i + run], ledger, notes)
            if found and entries and found[0].heading is not None and found[0].heading == entries[-1].heading:
                _heading_again(body[i], unplaced, notes)
            entries.extend(found)
            i += run
            continue
        pending.append(block)
        i += 1
    flush()
    return tables, entries, sections, unplaced


def _heading_again(heading: Para, unplaced: list[Unplaced], notes: Notes) -> None:
    """The same unit heading twice in a row: a list shows a heading once above its entries, so
    the items go on under the first and the second copy is kept, shown as unplaced."""
    unplaced.append(Unplaced(heading.text, heading.line, "a unit heading printed again right after its own list"))
    notes.add(heading.line, "heading-again", f"the heading {heading.text[:30]!r} is printed again after its own list; "
              "the items after it are listed under the first, and the copy is shown as unplaced",
              "check the source: two lists may have been meant to have different headings")


def _ends_table(body: list, i: int) -> bool:
    return (isinstance(body[i], Grid) or find_header(body, i) is not None or entry_run(body, i) >= 2
            or perline_table(body, i) is not None or glued_table(body, i, Notes()) is not None)
