"""The ledger: every span of the source the parser consumed, in order, with its kind.

Content spans are in the model; structure spans are not, and each structure kind
is narrow enough that a test can check a span really is that kind
(tests/fidelity.py). Together they prove nothing was dropped or invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Piece

CONTENT = "content"
STRUCTURE_KINDS = {
    "chrome": "page chrome listed in data/chrome.toml, or outside the article (<nav>, <footer>)",
    "label": "a metadata label with its colon (索引号:), or a column label inside a cell (责任单位:)",
    "header": "a table's header repeated under a section, the same labels as the header in the model",
    "marker": "a list marker: 1. 2、 (3)",
    "separator": "punctuation between names or cells: 、 , : | <br> ---",
}


class Ledger:
    def __init__(self) -> None:
        self.pieces: list[Piece] = []

    def content(self, text: str, line: int) -> None:
        if text.strip():
            self.pieces.append(Piece("content", text, line))

    def relabel(self, start: int, kind: str) -> None:
        """Give every content piece from `start` on the structure kind `kind`."""
        assert kind in STRUCTURE_KINDS, kind
        self.pieces[start:] = [Piece(kind, p.text, p.line) if p.kind == CONTENT else p for p in self.pieces[start:]]

    def structure(self, kind: str, text: str, line: int) -> None:
        assert kind in STRUCTURE_KINDS, kind
        if text.strip():
            self.pieces.append(Piece(kind, text, line))


@dataclass
class Notes:
    """Diagnostics collected while parsing, as (line, code, message, hint)."""

    items: list[tuple[int, str, str, str]] = field(default_factory=list)

    def add(self, line: int, code: str, message: str, hint: str = "") -> None:
        self.items.append((line, code, message, hint))
