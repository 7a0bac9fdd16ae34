"""What a build keeps for the next one in cache/ (ours alone, not committed, safe to delete).

`SourceCache`: parsed reports, so a build parses only new and changed reports. An entry is
keyed by the report file's name and bytes, its recorded address, and the code and data files
that read it; a change to any of them misses. A cached `Source` keeps what was worked out
from it (events, document mentions), so that is not redone either. Entries no build uses any
more are removed; a file that cannot be read is a miss.

`PageMemo`: which Markdown pages each report made, so an unchanged report's pages are not
made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import cache
from pathlib import Path

from ..files import replace_file
from ..link.source import Source
from ..render.pelican import PageFile

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
                replace_file(self.folder / f"{key}.pickle", pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink()


class PageMemo:
    """Which pages each report's group made (`pages.all_pages`), by the group's mark, so a
    build does not make again the pages of a report that did not change, nor its threads.

    A group is reused only when its mark is the one recorded and each of its files in content/
    still has the size and modification time recorded (anything else makes it again). Kept in
    cache/pages.json; entries of groups this build did not have are dropped."""

    def __init__(self, path: Path, content: Path) -> None:
        self.path, self.content = path, content
        try:
            self.old = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, dict] = {}

    def reuse(self, name: str, mark: str | None) -> list[PageFile] | None:
        entry = self.old.get(name) if mark else None
        if not isinstance(entry, dict) or entry.get("mark") != mark:
            return None
        try:
            files = [PageFile(*f[:5]) for f in entry["files"]]
            if any(self._stamp(f) != stamp for f, stamp in zip(files, (f[5:] for f in entry["files"]), strict=True)):
                return None
        except (OSError, TypeError, ValueError, KeyError):
            return None
        self.new[name] = entry
        return files

    def record(self, name: str, mark: str | None, files: list[PageFile]) -> None:
        if mark:
            self.new[name] = {"mark": mark, "files": [[f.source, f.url, f.save_as, f.digest, f.size, *self._stamp(f)]
                                                      for f in files]}

    def _stamp(self, page: PageFile) -> list[int]:
        status = os.stat(self.content / page.source)
        return [status.st_size, status.st_mtime_ns]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(self.path, json.dumps(self.new, sort_keys=True).encode())
