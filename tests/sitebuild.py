"""Build the site in a scratch copy of the project, as a fresh clone would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).parent.parent


def copy_project(target: Path, extra_sources: tuple[Path, ...] = ()) -> Path:
    for name in ("theme", "pelicanconf.py", "publishconf.py"):
        src = ROOT / name
        target.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    shutil.copytree(ROOT / "content", target / "content",
                    ignore=shutil.ignore_patterns("generated"))
    for source in extra_sources:
        shutil.copy(source, target / "content" / "sources" / source.name)
    return target


def copy_built(project: Path, target: Path) -> Path:
    """Copy a built project whole (its site, cache/ and content/generated/, times kept) to `target`."""
    shutil.copytree(project, target, symlinks=True)
    return target


def add_settings(project: Path, *lines: str) -> None:
    """Append settings to the project's pelicanconf.py ("PAGE_PARALLEL_BYTES = 0")."""
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + "\n" + "\n".join(lines) + "\n", "utf-8")


def build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m generator build` in `project`; `env`: variables to add to this process's."""
    return subprocess.run([sys.executable, "-m", "generator", "build", "--settings", "pelicanconf.py",
                           "--output", "output", *extra], cwd=project, capture_output=True, text=True,
                          env={**os.environ, **env} if env else None)


def built_site(folder: Path, extra_sources: tuple[Path, ...] = ()) -> Path:
    """Copy the project into `folder`, build it, and return its output/ (the build must succeed)."""
    result = build(copy_project(folder, extra_sources))
    assert result.returncode == 0, result.stderr
    return folder / "output"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in the site that does not resolve to a file (and anchor)."""
    problems = []
    ids: dict[Path, set[str]] = {}
    for page in html_files(site):
        doc = soup(page)
        base = "/" + page.relative_to(site).as_posix()
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for node in doc.find_all(tag):
                url = node.get(attr)
                if not url:
                    continue
                parts = urlsplit(url)
                if parts.scheme in ("http", "https", "mailto", "javascript") or parts.netloc:
                    continue
                target_path = unquote(parts.path)
                if not target_path:
                    target = page
                else:
                    absolute = target_path if target_path.startswith("/") else join(dirname(base), target_path)
                    target = site / normpath(absolute).lstrip("/")
                    if target.is_dir() or target_path.endswith("/"):
                        target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{page.relative_to(site)}: {url} -> missing {target.relative_to(site)}")
                    continue
                if parts.fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = {n.get("id") for n in soup(target).find_all(id=True)}
                    if parts.fragment not in ids[target]:
                        problems.append(f"{page.relative_to(site)}: {url} -> no #{parts.fragment}")
    return problems
