"""`make devserver`: serve output/ and rebuild when a report, page, theme or setting changes.

Polls modification times once a second (no extra dependency); the build swaps
output/ atomically, so the server never serves a half-written site.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path


WATCHED = ("content/sources", "content/pages", "theme", "generator/data", "pelicanconf.py")


def snapshot(root: Path) -> dict[Path, float]:
    state = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            state[f] = f.stat().st_mtime
    return state


def build(settings: Path, output: Path, root: Path) -> int:
    """A build in a new process, so that changes to the generator's data files (which a
    process reads once) and code take effect, and each build starts with a clean memory."""
    command = [sys.executable, "-m", "generator", "build", "--settings", str(settings), "--output", str(output)]
    return subprocess.run(command, cwd=root).returncode


def serve(settings: Path, output: Path, root: Path, port: int) -> int:
    build(settings, output, root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://127.0.0.1:{port}/ — rebuilding on changes; Ctrl-C to stop", file=sys.stderr)
    seen = snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = snapshot(root)
            if now != seen:
                seen = now
                build(settings, output, root)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
