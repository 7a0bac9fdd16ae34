"""Cut a decoded source file into blocks: paragraphs and explicit tables."""

from __future__ import annotations

import re
from pathlib import Path

from .blocks import Cell, Document, Grid, Para
from .decode import decode

_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])", re.I)
_PIPE = re.compile(r"[|｜]")
_RULE = re.compile(r"^[|｜]?\s*:?-{3,}:?\s*([|｜]\s*:?-{3,}:?\s*)*[|｜]?$")
_BR = re.compile(r"<br\s*/?>", re.I)


def read_document(path: Path) -> Document:
    """Read a report file of any accepted shape. Raises ReportError when it is not text."""
    text, encoding = decode(path.read_bytes(), path.name)
    return parse_source_text(text, path.name, encoding)


def parse_source_text(text: str, name: str, encoding: str = "utf-8") -> Document:
    """Blocks of a decoded file: HTML when it starts like HTML, whatever its name says."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_START.match(text):
        from .html import html_blocks  # BeautifulSoup takes a twentieth of a second to import

        blocks, chrome = html_blocks(text)
        return Document(name, encoding, blocks, chrome)
    return Document(name, encoding, text_blocks(text.split("\n")))


def text_blocks(lines: list[str], first_line: int = 1) -> tuple[Para | Grid, ...]:
    """Every non-blank line is a paragraph; runs of `a | b | c |` lines are a grid."""
    blocks: list[Para | Grid] = []
    i = 0
    while i < len(lines):
        if _is_pipe_row(lines[i]) and i + 1 < len(lines) and _is_pipe_row(lines[i + 1]):
            j = i
            while j < len(lines) and _is_pipe_row(lines[j]):
                j += 1
            blocks.append(_pipe_grid(lines[i:j], first_line + i))
            i = j
            continue
        stripped = lines[i].strip()
        if stripped:
            blocks.append(Para(stripped, first_line + i))
        i += 1
    return tuple(blocks)


def _is_pipe_row(line: str) -> bool:
    return len(_PIPE.findall(line)) >= 2


def _pipe_grid(lines: list[str], first_line: int) -> Grid:
    rows: list[tuple[Cell, ...]] = []
    structure: list[Para] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        stripped = line.strip()
        if _RULE.match(stripped):
            structure.append(Para(stripped, number))
            continue
        parts = _PIPE.split(stripped)
        separators = "".join(_PIPE.findall(stripped))
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        cells = []
        for part in parts:
            pieces = _BR.split(part)
            separators += "".join(_BR.findall(part))
            cells.append(Cell(tuple(Para(p.strip(), number) for p in pieces if p.strip())))
        structure.append(Para(separators, number))
        rows.append(tuple(cells))
    return Grid(tuple(rows), first_line, tuple(structure))
