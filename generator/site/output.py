"""The output folder: one build at a time, the atomic swap, what a killed build left, and
what an error of the folder or its disk means to the person running the build.

The site is made in `output.new-PID` beside `output/`. On Linux the two folders are then
exchanged in one step (renameat2 with RENAME_EXCHANGE), so `output/` is at every moment a
whole site, old or new, and stays a plain folder any web server can serve. Where the file
system cannot exchange, the old site is renamed aside first; a kill between the two renames
leaves `output.old-PID`, which the next build puts back before anything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not serialised
    fcntl = None

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold `.output.lock` (beside `output/`) for the whole build. A second build of the same
    output waits, saying so, rather than failing: an `add` and `make html` run while the
    devserver rebuilds should all end in the newest site, built once after the other."""
    lock = output.with_name(f".{output.name}.lock")  # hidden: the folder holds sites, not clutter
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+", encoding="utf-8") as f:
        if fcntl is None:
            yield
            return
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            print(f"waiting for the build of {output.name}/ by process {holder} to finish", file=sys.stderr, flush=True)
            fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        yield


@contextlib.contextmanager
def during(stage: str) -> Iterator[None]:
    """Name the stage of the build in an OSError raised within, for `explain` (a write that
    fails for lack of space says no file). Pelican's wrapped OSError is unwrapped here."""
    try:
        yield
    except (OSError, BuildError) as exc:
        error = exc.__cause__ if isinstance(exc, BuildError) else exc
        if not isinstance(error, OSError):
            raise
        if not getattr(error, "__notes__", None):
            error.add_note(stage)
        raise error from None


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C waits while the block runs (cleaning up after a failure must finish); only the
    main thread can set signal handlers, elsewhere the block just runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def tidy(output: Path) -> None:
    """Under the lock, so nothing beside `output` belongs to a running build: put back a site
    left renamed aside (`output.old-PID` with no `output/`), and remove the rest."""
    leftovers = sorted(output.parent.glob(f"{output.name}.new-*")) + sorted(output.parent.glob(f"{output.name}.old-*"))
    for path in leftovers:
        if not path.is_dir():
            continue
        if path.name.startswith(f"{output.name}.old-") and not output.exists():
            path.rename(output)
            print(f"note: put back the site a killed build had moved to {path.name}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def swap(fresh: Path, output: Path) -> None:
    """Put `fresh` in the place of `output`; the previous site is removed only once the new
    one is in place."""
    if not output.exists():
        fresh.rename(output)
        return
    if _exchange(fresh, output):
        shutil.rmtree(fresh, ignore_errors=True)  # it now holds the previous site
        return
    old = output.with_name(f"{output.name}.old-{os.getpid()}")
    output.rename(old)
    try:
        fresh.rename(output)
    except BaseException:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one step; False where the system cannot (then nothing moved)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system that cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(b))


_PROBLEMS = {
    errno.ENOSPC: ("output-full", "the disk is full",
                   "free space on that disk (a build needs room for two sites) and build again"),
    errno.EDQUOT: ("output-full", "the disk quota is used up",
                   "free space within your quota (a build needs room for two sites) and build again"),
    errno.EROFS: ("output-read-only", "it is on a read-only file system",
                  "remount it read-write, or build elsewhere with --output"),
    errno.EACCES: ("output-denied", "permission denied",
                   "make the folder and the folder holding it writable for this user, or build elsewhere with --output"),
    errno.EPERM: ("output-denied", "the system does not allow it (an immutable folder?)",
                  "check `lsattr -d` on the folder and the folder holding it (`chattr -i` clears the flag), "
                  "or build elsewhere with --output"),
    errno.EBUSY: ("output-busy", "it is a mount point or in use, so it cannot be replaced",
                  "mount the folder holding it instead, or give --output a folder inside the mount"),
    errno.ENOTDIR: ("output-not-folder", "a file stands where a folder must be",
                    "move the file away, or build elsewhere with --output"),
}


def about_output(exc: OSError, output: Path) -> bool:
    """Whether `exc` is a failure of the output folder or of a disk, rather than of some other
    file the build writes (its caches): a write without a file name is the disk's."""
    name = str(exc.filename or "")
    return (not name or exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
            or name == str(output) or name.startswith((f"{output}.", str(output.with_name(f".{output.name}")))))


def explain(exc: OSError, output: Path) -> str:
    """One diagnostic for an error of the output folder or its disk: the path, what is wrong,
    and what to do; it says whether a previous site is still being served, only if true."""
    code, problem, todo = _PROBLEMS.get(exc.errno, ("output-error", exc.strerror or str(exc),
                                                    "fix the folder or build elsewhere with --output"))
    stage = "".join(f" while {note}" for note in getattr(exc, "__notes__", ())[:1])
    where = f" ({exc.filename})" if exc.filename and Path(str(exc.filename)) != output else ""
    return (f"{output}: error: could not write the site{stage}: {problem}{where} [{code}]\n"
            f"  hint: {todo}; {left_in_place(output)}")


def left_in_place(output: Path) -> str:
    """What a failed build leaves being served, said only when true."""
    return f"the previous site is still in {output}" if output.is_dir() else f"there is no site in {output} yet"
