"""A parsed report with what every later stage needs beside it: its id, its address."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import Report


@dataclass(frozen=True)
class Source:
    """A parsed report with what the site needs beside it."""

    report: Report
    id: str
    url: str | None
    """The published original's address, where known (content/sources/provenance.toml)."""
    key: str = ""
    """What the report was made from (file name and bytes, address, code): `memo.SourceCache.key`."""

    # What linking needs of each report, worked out once and kept in the report cache.
    @cached_property
    def statements(self) -> tuple:
        """Its dated clauses, for the linking stage's events (events.statements_of)."""
        from .events import statements_of
        return statements_of(self)

    @cached_property
    def cited(self) -> tuple:
        """Its citations of documents, for the linking stage (documents.cited_of)."""
        from .documents import cited_of
        return cited_of(self)
