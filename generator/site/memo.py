"""Parsed reports kept between builds, so a build parses only new and changed reports.

An entry is keyed by the report file's name and bytes, its recorded address, and the
code and data files that read it; a change to any of them misses. A cached `Source`
keeps what was worked out from it (events, document mentions), so that is not redone
either. Entries no build uses any more are removed. The cache is
ours alone (cache/reports/, not committed); a file that cannot be read is a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from .pages import Source

PACKAGE = Path(__file__).parent.parent


@cache
def code_version() -> str:
    """A digest of every module and data file of the generator package."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".toml")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class SourceCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: dict[str, tuple[Source, frozenset[str]]] = {}
        """Key -> (source, the attributes it had when loaded); what to keep and what to save."""

    @staticmethod
    def key(path: Path, url: str | None) -> str:
        digest = hashlib.sha256(f"{code_version()}\0{path.name}\0{url or ''}\0".encode())
        digest.update(path.read_bytes())
        return digest.hexdigest()

    def get(self, key: str) -> Source | None:
        try:
            with open(self.folder / f"{key}.pickle", "rb") as f:
                source = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(source, Source):
            return None
        self.used[key] = (source, frozenset(vars(source)))
        return source

    def put(self, key: str, source: Source) -> None:
        self.used[key] = (source, frozenset())

    def save(self) -> None:
        """Write entries that are new or learned something; remove those this build did not use."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, (source, known) in self.used.items():
            if set(vars(source)) != known:
                tmp = self.folder / f"{key}.{os.getpid()}.tmp"  # two builds at once must not share one
                tmp.write_bytes(pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
                tmp.replace(self.folder / f"{key}.pickle")
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink()
