"""A parsed report with what every later stage needs beside it: its id, its address."""

from __future__ import annotations

from dataclasses import dataclass

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

    def learned(self, name: str, work):
        """What linking works out of this report alone (`work(self)`), once: kept on the Source,
        so the report cache (site/memo.py) saves it with the report."""
        if name not in self.__dict__:
            object.__setattr__(self, name, work(self))
        return self.__dict__[name]
