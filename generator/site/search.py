"""The search index: Pagefind's extended build, in bundles, reproducible and reused.

Bundles. The index is split into one Pagefind bundle per year of 索引号 (a report and its
task pages) and one for the pages that span reports (divisions, documents); the search
page merges them (Pagefind's `mergeIndex`). A new report then changes one year's bundle
and the cross-report one, and Pagefind's memory is bounded by a year, not by the archive
(one index of 1,600 reports took 4.7 GB).

Reuse. A bundle is a function of its pages' bytes, so each bundle records a fingerprint of
them in `pagefind/bundles.json`; a bundle whose pages did not change is linked from the
site being replaced instead of indexed again.

One process. Every bundle is indexed by one `pagefind --service` process, which loads its
Chinese dictionary once (a process per bundle costs 0.25 s each). The `pagefind` package's
own client waits 0.1 s per message, so we speak the same pipe protocol directly.

Reproducible. Pagefind 1.5 writes each filter's values, and the list of filters in its
metadata file, in hash-map order (upstream Pagefind/pagefind#638). After indexing we sort
those lists, re-encode the files, name them by their content hash as Pagefind does, and
update the references; the page numbers inside are already stable.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from importlib.metadata import version

import cbor2
from pagefind_bin_extended import get_executable

from ..errors import BuildError

BUNDLES = "pagefind"
MANIFEST = "bundles.json"
CROSS_REPORT = "site"
CROSS_REPORT_FOLDERS = ("divisions", "documents")
SIGNATURE = b"pagefind_dcd"
# Pagefind's own ready-made UIs; our search.js uses its JavaScript API only.
UNUSED = re.compile(r"pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$")
_YEAR = re.compile(r"(\d{4})-")
FORMAT = 1
"""Part of every fingerprint: raise it when what we do to a bundle after indexing changes."""


@dataclass(frozen=True)
class Bundle:
    """One Pagefind bundle: the pages under some folders of one parent folder of the site."""

    name: str
    """Its folder under pagefind/: a year, "other", or CROSS_REPORT."""
    parent: str
    """The folder of the site that holds `folders` ("" for the site's root)."""
    folders: tuple[str, ...]

    @property
    def glob(self) -> str:
        inner = self.folders[0] if len(self.folders) == 1 else "{" + ",".join(self.folders) + "}"
        return f"{self.parent}/{inner}/**/*.html" if self.parent else f"{inner}/**/*.html"

    def pages(self, site: Path) -> list[Path]:
        return sorted(p for f in self.folders for p in (site / self.parent / f).rglob("*.html"))


def bundles(site: Path) -> list[Bundle]:
    """The cross-report bundle first (it is the one the search page loads), then one per year."""
    by_year: dict[str, list[str]] = {}
    for folder in sorted(p.name for p in (site / "reports").iterdir() if p.is_dir()):
        match = _YEAR.match(folder)
        by_year.setdefault(match.group(1) if match else "other", []).append(folder)
    present = tuple(f for f in CROSS_REPORT_FOLDERS if (site / f).is_dir())
    first = [Bundle(CROSS_REPORT, "", present)] if present else []
    return first + [Bundle(year, "reports", tuple(folders)) for year, folders in sorted(by_year.items())]


def fingerprint(site: Path, bundle: Bundle) -> str:
    digest = hashlib.sha256(f"{version('pagefind_bin_extended')} {FORMAT} {bundle.glob}\n".encode())
    for page in bundle.pages(site):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + page.read_bytes() + b"\0")
    return digest.hexdigest()


def index_search(site: Path, previous: Path | None = None) -> tuple[int, int]:
    """Write pagefind/ in `site`, reusing bundles of `previous` (the last site) whose pages
    are unchanged. Returns (bundles indexed, bundles reused)."""
    root = site / BUNDLES
    old = _manifest(previous / BUNDLES) if previous else {}
    wanted = [(b, fingerprint(site, b)) for b in bundles(site)]
    todo = []
    for bundle, mark in wanted:
        if old.get(bundle.name) == mark and (previous / BUNDLES / bundle.name).is_dir():
            link_tree(previous / BUNDLES / bundle.name, root / bundle.name)
        else:
            todo.append(bundle)
    if todo:
        with _Service(site) as service:
            for bundle in todo:
                service.index(bundle, root / bundle.name)
                stabilize(root / bundle.name)
    manifest = {"bundles": [{"name": b.name, "pages": mark} for b, mark in wanted]}
    (root / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return len(todo), len(wanted) - len(todo)


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return {b["name"]: b["pages"] for b in data["bundles"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` into `target` (copy where links are not possible).
    Nothing writes into a linked file afterwards: a changed file is always a new file."""
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)


class _Service:
    """`pagefind --service`: base64 JSON requests and responses, each followed by a comma."""

    def __init__(self, site: Path) -> None:
        self.site = site.resolve()
        self.last_id = 0
        self.buffer = b""

    def __enter__(self) -> "_Service":
        self.process = subprocess.Popen([str(get_executable()), "--service"], cwd=self.site,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        self.process.stdout.close()
        self.process.wait()
        self.process.stderr.close()

    def index(self, bundle: Bundle, output: Path) -> None:
        index_id = self.send({"type": "NewIndex", "config": None})["index_id"]
        self.send({"type": "AddDir", "index_id": index_id, "path": str(self.site), "glob": bundle.glob})
        self.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(output.resolve())})
        self.send({"type": "DeleteIndex", "index_id": index_id})
        for path in output.iterdir():
            if UNUSED.match(path.name):
                path.unlink()

    def send(self, payload: dict) -> dict:
        self.last_id += 1
        message = json.dumps({"message_id": self.last_id, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
            while True:
                response = json.loads(base64.b64decode(self._read_message()))
                if response.get("message_id") in (self.last_id, None):
                    break
        except (OSError, ValueError) as exc:
            raise BuildError(f"Pagefind failed: {exc}; {self.process.stderr.read().decode(errors='replace')}") from exc
        answer = response["payload"]
        if answer.get("type") == "Error":
            raise BuildError(f"Pagefind failed on {payload['type']}: {answer.get('message')}")
        return answer

    def _read_message(self) -> bytes:
        while b"," not in self.buffer:
            chunk = self.process.stdout.read1(1 << 16)
            if not chunk:
                raise OSError("Pagefind stopped before answering")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b",")
        return message


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"{path.name}: not a Pagefind file this version understands")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, prefix: str, language: str, digits: int, suffix: str, data, old: Path) -> str:
    """Write `data` under a name from its content hash; remove `old`. Returns the new hash name."""
    encoded = SIGNATURE + cbor2.dumps(data)
    name = f"{language}_{hashlib.sha256(encoded).hexdigest()[:digits]}"
    target = folder / f"{prefix}{name}{suffix}"
    target.write_bytes(gzip.compress(encoded, mtime=0))
    if old != target:
        old.unlink()
    return name


def stabilize(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in sorted(meta[3]):
            path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(path)
            new = _write(bundle / "filter", "", language, 7, ".pf_filter",
                         [filter_name, sorted(values, key=lambda v: v[0])], path)
            filters.append([name, new])
        meta[3] = filters
        info["hash"] = _write(bundle, "pagefind.", language, 13, ".pf_meta", meta, meta_path)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
