"""Progress of a long build, on a terminal only: silent in CI and when stderr is redirected."""

from __future__ import annotations

import sys
import threading
import time

_lock = threading.Lock()
_shown = 0.0


def say(message: str) -> None:
    """A line for a stage: "… rendering 1,234 pages"."""
    if sys.stderr.isatty():
        print(f"… {message}", file=sys.stderr, flush=True)


def count(what: str, done: int, total: int) -> None:
    """"… parsing reports 812/1600", rewritten in place at most ten times a second; the
    line stays when the count reaches the total."""
    global _shown
    if not sys.stderr.isatty() or total <= 0:
        return
    with _lock:
        now = time.monotonic()
        if done < total and now - _shown < 0.1:
            return
        _shown = now
        print(f"\r… {what} {done}/{total}\x1b[K", end="\n" if done >= total else "", file=sys.stderr, flush=True)
