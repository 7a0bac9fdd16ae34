"""Pages to HTML: reuse what did not change, render the rest with Pelican in batches.

A generated page's HTML is a function of its Markdown, the theme, the settings and the
code that renders it; that is its fingerprint, which the build keeps with the site
(`.build.json`). A page whose fingerprint is the one the last site recorded is
hard-linked from that site.

The rest go to Pelican a batch at a time, so Pelican holds one batch in memory, not the
archive (hundreds of megabytes at 1,600 reports). Links to pages outside the batch are
resolved from each page's URL (the `render.batches` plugin), so Pelican still checks every
`{filename}` link of every page it renders. Hand-written pages are rendered every time.
With much to render (a first build, a theme change) the batches are shared between two
Pelican processes, as pages render independently of each other.

This holds because our templates show only the page itself, never a list of other pages,
and the pipeline regenerates every page that links to another whenever that link changes.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import importlib
import io
import json
import logging
import multiprocessing
import signal
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..errors import BuildError
from .. import progress
from ..files import link
from ..site.checkpoints import checkpoint

BATCH_BYTES = 16 << 20
"""Markdown per Pelican run unless the settings say PAGE_BATCH_BYTES; Pelican holds a few
times this while it renders."""
# Settings that do not change what a page says: where things are (Pelican makes these absolute;
# the theme's files are hashed instead) and how the build batches its work.
_LOCATIONS = {"PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH", "PLUGIN_PATHS", "PAGE_PATHS", "PAGE_STUBS",
              "PAGE_BATCH_BYTES", "PAGE_PARALLEL_BYTES"}


@dataclass(frozen=True)
class PageFile:
    """A generated Markdown page, as the pipeline wrote it."""

    source: str
    """Its path under content/, as Pelican names it: "generated/tasks/2021-00558-1-01.md"."""
    url: str
    save_as: str
    digest: str
    """sha256 of its bytes."""
    size: int


def environment(settings: dict) -> str:
    """What every page's HTML depends on besides its own Markdown."""
    digest = hashlib.sha256()
    for package in ("pelican", "markdown-it-py", "Jinja2"):
        digest.update(f"{package}={version(package)}\n".encode())
    for module in ("reader.py", "parts.py", "cjk.py", "batches.py", "filters.py"):
        digest.update(Path(__file__).parent.joinpath(module).read_bytes())
    stable = {k: v for k, v in settings.items() if k not in _LOCATIONS and _plain(v)}
    digest.update(json.dumps(stable, sort_keys=True, ensure_ascii=False).encode())
    theme = Path(settings["THEME"])
    for path in sorted(p for p in theme.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _plain(value) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def render_pages(settings: dict, pages: list[PageFile], fresh: Path, previous: Path | None,
                 old: dict[str, str], workers: Workers | None = None) -> tuple[dict[str, str], int]:
    """Write every page into `fresh`, reusing pages of `previous` whose fingerprint is in `old`
    (what the last build returned); with much to render, by `workers`. Returns
    (save_as -> fingerprint, how many were rendered)."""
    env = environment(settings)
    state: dict[str, str] = {}
    todo: list[PageFile] = []
    for page in pages:
        mark = hashlib.sha256(f"{env}\0{page.digest}".encode()).hexdigest()
        state[page.save_as] = mark
        if not (previous and old.get(page.save_as) == mark and link(previous / page.save_as, fresh / page.save_as)):
            todo.append(page)
    stubs = {p.source: p.url for p in pages}
    parallel = workers and sum(p.size for p in todo) >= settings.get("PAGE_PARALLEL_BYTES", PARALLEL_BYTES)
    shares = _shares(todo, workers.count) if parallel else [todo]
    limit = settings.get("PAGE_BATCH_BYTES") or BATCH_BYTES
    jobs = [({**settings, "PAGE_STUBS": stubs}, _batches(share, limit), n == 0) for n, share in enumerate(shares)]
    if parallel:
        workers.render(jobs)
    else:
        _render(*jobs[0], len(jobs[0][1]))
    return state, len(todo)


WORKERS = 2
"""Pelican processes when there is much to render (a first build, a theme change): Pelican
uses one core, and pages render independently of each other."""
PARALLEL_BYTES = 2 << 20
"""Below this much Markdown (PAGE_PARALLEL_BYTES in the settings) the build process renders
alone: handing the work over costs more than it saves."""


class Workers:
    """Pelican processes for `render_pages`, forked when the build starts: a process forked
    later would count all the memory the pipeline used as its own (at 1,600 reports, 270 MB
    against the build's 220). Use as a context manager; leaving it ends them."""

    def __init__(self, count: int = WORKERS) -> None:
        importlib.import_module("pelican")  # imported once, here, not by each worker
        self.count = count
        self.pool = multiprocessing.get_context("fork").Pool(count, initializer=die_with_parent,
                                                             initargs=("build-pelican",))

    @staticmethod
    def possible() -> bool:
        return "fork" in multiprocessing.get_all_start_methods()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.terminate()
        self.pool.join()

    def render(self, jobs: list) -> None:
        runs = sum(len(batches) for _, batches, _ in jobs)
        pending = [(self.pool.apply_async(_render, job), len(job[1])) for job in jobs]
        done = 0
        try:
            for result, count in pending:
                result.get()  # a worker's BuildError is raised here
                done += count
                progress.count(f"Pelican runs ({self.count} processes)", done, runs)
        except BaseException:
            # End the other process before the build removes the directory it may still be writing into.
            self.pool.terminate()
            self.pool.join()
            raise


def _render(settings: dict, batches: list[list[PageFile]], first: bool, runs: int = 0) -> None:
    """Render `batches` one Pelican run each. The `first` job also renders the hand-written
    pages and copies the theme's files; the others leave both to it. `runs`: counted on the
    terminal when given (one process)."""
    extra = {} if first else {"THEME_STATIC_PATHS": []}
    for n, batch in enumerate(batches or [[]]):
        paths = [p.source for p in batch] + (["pages"] if first and n == 0 else [])
        run_pelican({**settings, **extra, "PAGE_PATHS": paths})
        checkpoint("rendering")  # a test kills the build here, with some pages rendered
        progress.count("Pelican runs", n + 1, runs)


def die_with_parent(name: str) -> None:
    """A killed build must not leave workers writing into its directory: ask Linux to end
    this worker when the build process ends (elsewhere the worker finishes its share).
    Ctrl-C is the build process's to handle (it ends the workers), not a worker's. The
    worker is given `name` (at most 15 bytes), so that `top` and the benchmark's memory
    case can tell the build's processes apart."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        libc.prctl(15, name.encode()[:15])  # PR_SET_NAME


def _shares(pages: list[PageFile], n: int) -> list[list[PageFile]]:
    """`pages` in `n` shares of about equal Markdown, each in the order given."""
    sizes = [0] * n
    which: dict[str, int] = {}
    for page in sorted(pages, key=lambda p: (-p.size, p.source)):
        share = sizes.index(min(sizes))
        which[page.source] = share
        sizes[share] += page.size
    return [[p for p in pages if which[p.source] == k] for k in range(n)]


def _batches(pages: list[PageFile], limit: int) -> list[list[PageFile]]:
    batches: list[list[PageFile]] = []
    size = limit
    for page in pages:
        if size + page.size > limit and (not batches or batches[-1]):
            batches.append([])
            size = 0
        batches[-1].append(page)
        size += page.size
    return batches


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_pelican(settings: dict) -> None:
    from pelican import Pelican

    collect = _Collect()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collect)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # "Done: Processed …" per batch; the build says its own
            Pelican(settings).run()
    except Exception as exc:  # Pelican raises many kinds; each must leave the old site in place
        raise BuildError(f"Pelican failed: {exc}") from exc
    finally:
        pelican_logger.removeHandler(collect)
        gc.collect()  # a run's pages, generators and context refer to each other: free them before the next
    if collect.messages:
        raise BuildError("Pelican warned, so the site was not replaced:\n  " + "\n  ".join(collect.messages))
