"""`make serve`: serve output/ as it was built, on a loopback port. A missing address gets the
site's 404 page with status 404, as a host set up for the site would answer (the devserver,
site/serve.py, does the same). A port already in use is said in one line, not a traceback."""

from __future__ import annotations

import errno
import http.server
import sys
from functools import partial
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site; its 404.html for every address that is not there."""

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def listen(port: int, handler) -> http.server.ThreadingHTTPServer | None:
    """A server on 127.0.0.1:`port`; None, said on standard error, when the port is taken."""
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"error: port {port} is already in use (another `make serve` or devserver?)\n"
              f"  hint: stop that one, or use another port: make serve PORT={port + 1}", file=sys.stderr)
        return None


def serve_static(output: Path, port: int) -> int:
    server = listen(port, partial(SiteHandler, directory=str(output)))
    if server is None:
        return 2
    print(f"serving {output.name}/ on http://127.0.0.1:{port}/ — Ctrl-C to stop", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
