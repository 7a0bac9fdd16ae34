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
class Chrome:
    """Text of the page that is not the report, with how the reader knew."""

    text: str
    line: int
    kind: str
    """"hidden" (display:none, hidden), "outside-article", or a kind of data/chrome.toml."""


@dataclass(frozen=True)
class Document:
    """A decoded source file."""

    name: str
    """File name, for diagnostics."""
    encoding: str
    blocks: tuple[Para | Grid, ...]
    """Content blocks in document order."""
    chrome: tuple[Chrome, ...] = ()
    """Text of the page outside the article (navigation, footers, hidden copies): for the ledger."""
    page_title: str | None = None
    """Saved HTML: the CMS's ArticleTitle, else the page's <title> (which often adds the
    site's name); the parser checks the title it reads against it."""
    layout: str = "text"
    """How the file was read, in words for `add`'s summary."""
    warnings: tuple[tuple[int, str, str, str], ...] = ()
    """What reading changed, as (line, code, message, hint): control characters made visible."""
