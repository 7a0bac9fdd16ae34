"""How the linking stage compares and cuts report text (never how it shows it)."""

from __future__ import annotations

import re
import unicodedata

_CLAUSE = re.compile(r"[^。；;！!？?]+[。；;！!？?]*")
_DANGLING = "；;，,、：: \t\u3000"


def normal(text: str) -> str:
    """The text as compared across reports: NFKC (full-width "，" is ","), no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def clauses(text: str) -> list[str]:
    """The clauses of `text`, cut after 。 and ；: each whole, without leading or trailing
    ；，、： (a clause keeps its closing 。)."""
    found = []
    for piece in _CLAUSE.findall(text):
        if clause := piece.strip(_DANGLING):
            found.append(clause)
    return found
