"""content/sources/provenance.toml: where each report was published, by file name.

Read by the build (a broken file is reported with its line and the build goes on without
the addresses), written by `add` through a TOML writer (never by pasting strings) and
saved whole or not at all. Only http(s) addresses are used: the site links to them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import tomli_w

from .files import save_file

NAME = "provenance.toml"
HEADER = ("# Where each source report was published. The site links to the original page.\n"
          "# Keys are file names in this folder. Written by `python -m generator add --url`.\n\n")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def url_problem(url: str) -> str | None:
    """What makes `url` unfit to be a report's 查看原文 link, or None."""
    if _UNSAFE.search(url):
        return "it contains a space or a control character"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// addresses are accepted"
    if not parts.hostname:
        return "it names no host"
    return None


def read(folder: Path) -> tuple[dict[str, str], list[str]]:
    """(file name -> address, diagnostics). A file that is not TOML gives one error and no
    addresses; an entry without a usable address gives an error for that entry alone."""
    path = folder / NAME
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        return {}, []
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        found = re.search(r"at line (\d+)", str(exc))
        return {}, [f"{path.name}:{found.group(1) if found else 1}: error: it is not valid TOML ({exc}); "
                    f"the site is built without the reports' original addresses [provenance]\n"
                    f"  hint: fix that line; each entry is [\"FILE NAME\"] and then url = \"https://…\" "
                    f"(`add --url` writes them)"]
    urls, errors = {}, []
    for name, entry in data.items():
        url = entry.get("url") if isinstance(entry, dict) else None
        problem = url_problem(url) if isinstance(url, str) else "no url = \"…\" string"
        if problem:
            errors.append(f"{path.name}:{_line_of(text, name)}: error: the address of {name} is not used: "
                          f"{problem} [provenance]\n  hint: give it url = \"https://…\", the published page")
            continue
        urls[name] = url
    return urls, errors


def record(folder: Path, name: str, url: str | None, drop: str | None = None) -> None:
    """Save provenance with `name`'s address set to `url` (kept as it was when None) and the
    entry of `drop` (a replaced file) moved to `name`. Comments other than the header are not kept."""
    path = folder / NAME
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old = data.pop(drop, None) if drop else None
    if url is None and old is None:
        return
    data[name] = {**(old or {}), **data.get(name, {}), **({"url": url} if url else {})}
    save_file(path, (HEADER + tomli_w.dumps(dict(sorted(data.items())))).encode("utf-8"))


def _line_of(text: str, name: str) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        if name in line and line.lstrip().startswith("["):
            return n
    return 1
