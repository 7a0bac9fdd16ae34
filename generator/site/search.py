"""The search index: Pagefind's extended build, made byte-for-byte reproducible.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata
file, in hash-map order, so identical builds can differ (upstream
Pagefind/pagefind#638). After indexing we sort those lists, re-encode the files and
name them by their content hash, as Pagefind does, and update the references. The
page numbers inside are already stable, so search results are unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cbor2

from ..errors import BuildError

SIGNATURE = b"pagefind_dcd"


def index_search(site: Path) -> None:
    """Pagefind over the rendered pages (only elements marked data-pagefind-body)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
    stabilize(site / "pagefind")


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
