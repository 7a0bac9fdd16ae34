"""Taking files over from the site being replaced, without ever writing into them.

A rebuild starts a fresh directory; what did not change is hard-linked into it from the
last site (render/pelican.py: pages, write/opendata.py: a report's data files, index/search.py: bundles). A
changed file is always written as a new file, so the site being served is never touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link(source: Path, target: Path) -> bool:
    """Hard-link `source` to `target` (a copy where links are not possible); False if no source.
    Nothing writes into a linked file afterwards: a changed file is always a new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError:
        shutil.copy2(source, target)
    return True


def link_tree(source: Path, target: Path) -> bool:
    """Link every file of the folder `source` into `target`; False if there is no such folder."""
    if not source.is_dir():
        return False
    for path in sorted(source.rglob("*")):
        if path.is_file():
            link(path, target / path.relative_to(source))
    return True


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: through a file of this process beside it (two builds
    at once must not share one), renamed over it."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def save_file(path: Path, data: bytes) -> None:
    """Write a file that must survive a kill or a power cut (a report, provenance): the new
    bytes go to a file beside it, reach the disk, and are renamed over it; the old file is
    never deleted or truncated first. A kill leaves the old file and a `.NAME.PID.tmp`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if os.name != "posix":  # a folder cannot be opened to be flushed there
        return
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself reaches the disk
    finally:
        os.close(folder)
