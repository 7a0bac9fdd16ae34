"""Named points of the build where a test can kill it, as a power cut or `kill -9` would.

`checkpoint("rendering")` does nothing unless the environment variable GENERATOR_KILL_AT
names that point; then it kills the build there with SIGKILL, so tests/test_site.py can
check, stage by stage, that the last site survives and the next build cleans up. A named
point is exact where a kill after some seconds lands wherever the machine's speed puts it.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "GENERATOR_KILL_AT"
POINTS = ("parsed", "pages-written", "rendering", "indexing", "switch")
"""In build order: reports parsed; pages written; after the first Pelican run (mid-render);
pages rendered, search not indexed; the site complete, just before it replaces the last one."""

_BUILD = os.getpid()
"""The build process: it imports this module before it forks its workers, which inherit this."""


def checkpoint(name: str) -> None:
    """Kill the build here when GENERATOR_KILL_AT is `name`. Called in a worker (Pelican's),
    it kills the build process and then itself; the other workers end with the build."""
    if name not in POINTS:
        raise ValueError(f"unknown checkpoint {name!r}; known: {', '.join(POINTS)}")
    if os.environ.get(VARIABLE) == name:
        kill = getattr(signal, "SIGKILL", signal.SIGTERM)  # Windows has no SIGKILL
        os.kill(_BUILD, kill)
        os.kill(os.getpid(), kill)
