"""The blocks a source file is cut into before parsing."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """A paragraph: one non-blank line of text, or one block element of HTML."""

    text: str
    """The paragraph's text, trimmed of white space at both ends, otherwise as published."""
    line: int
    """1-based line in the source file."""


@dataclass(frozen=True)
class Cell:
    """One cell of a table whose cells are explicit (HTML <table>, or `a | b |` rows)."""

    paras: tuple[Para, ...]
    """The cell's paragraphs in order; empty for an empty cell."""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    """True for <th> cells."""


@dataclass(frozen=True)
class Grid:
    """A table with explicit cells."""

    rows: tuple[tuple[Cell, ...], ...]
    line: int
    structure: tuple[Para, ...] = ()
    """Source text that only shapes the table (pipes, `---` rules, <br>), for the ledger."""


@dataclass(frozen=True)
class Document:
    """A decoded source file."""

    name: str
    """File name, for diagnostics."""
    encoding: str
    blocks: tuple[Para | Grid, ...]
    """Content blocks in document order."""
    chrome: tuple[Para, ...] = ()
    """Text of the page outside the article (HTML navigation, footers): kept for the ledger."""
