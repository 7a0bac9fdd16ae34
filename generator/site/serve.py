"""`make devserver`: serve output/ and rebuild when a report, page, theme or setting changes;
pages open in a browser reload themselves after each build.

Polls modification times once a second (no extra dependency); the build swaps
output/ atomically, so the server never serves a half-written site. The reload is the
devserver's own: it adds a small script to each HTML page as it serves it, which asks
RELOAD once a second which build is current; the built files do not change.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .static import SiteHandler, listen


WATCHED = ("content/sources", "content/pages", "theme", "generator/data", "pelicanconf.py")
RELOAD = "/__build__"
_SCRIPT = ('<script>(function (seen) {{ setInterval(function () {{ fetch("{url}", {{cache: "no-store"}})'
           '.then(function (r) {{ return r.ok ? r.text() : seen; }}).then(function (now) {{ if (now !== seen) location.reload(); }})'
           '.catch(function () {{}}); }}, 1000); }})("{build}");</script>')


def snapshot(root: Path) -> dict[Path, float]:
    state = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            with contextlib.suppress(FileNotFoundError):  # renamed away meanwhile (add's .NAME.PID.tmp)
                state[f] = f.stat().st_mtime
    return state


def build(settings: Path, output: Path, root: Path) -> int:
    """A build in a new process, so that changes to the generator's data files (which a
    process reads once) and code take effect, and each build starts with a clean memory."""
    command = [sys.executable, "-m", "generator", "build", "--settings", str(settings), "--output", str(output)]
    # In a session of its own, so that Ctrl-C reaches the build once, from here, and the build
    # (not subprocess.run's quarter-second kill) removes its unfinished site.
    process = subprocess.Popen(command, cwd=root, start_new_session=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        process.wait()
        raise


class _Handler(SiteHandler):
    """Serves output/; answers RELOAD with the number of the current build, and adds the
    script that watches it to every HTML page."""

    build_number = 0

    def do_GET(self) -> None:
        if self.path.split("?")[0] == RELOAD:
            return self._send(str(self.build_number).encode(), "text/plain; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().do_GET()
        script = _SCRIPT.format(url=RELOAD, build=self.build_number).encode()
        page = path.read_bytes()
        end = page.rfind(b"</body>")
        self._send(page[:end] + script + page[end:] if end >= 0 else page + script, "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(settings: Path, output: Path, root: Path, port: int) -> int:
    handler = type("Handler", (_Handler,), {})  # its own build counter
    server = listen(port, lambda *a: handler(*a, directory=str(output)))
    if server is None:  # the port is taken: said, before a build for nothing
        return 2
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        build(settings, output, root)
        serving.start()
        print(f"serving http://127.0.0.1:{port}/ — rebuilding on changes; Ctrl-C to stop", file=sys.stderr)
        seen = snapshot(root)
        while True:
            time.sleep(1)
            now = snapshot(root)
            if now != seen:
                seen = now
                if build(settings, output, root) in (0, 1):  # 1: built, some reports left out
                    handler.build_number += 1
    except KeyboardInterrupt:
        pass
    finally:
        if serving.is_alive():  # shutdown() waits for serve_forever, which a Ctrl-C in the first build never started
            server.shutdown()
        server.server_close()
    return 0
