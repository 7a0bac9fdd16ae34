"""Headless-Chromium screenshots of the main page kinds at phone and desktop widths.

`make screenshots` writes PNGs into screenshots/ for a person to look at. Uses
Debian's `chromium`; serves output/ on a loopback port only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

PAGES = {
    "home": "",
    "report": "reports/2021-00558/",
    "task": "reports/2021-00558/tasks/1-01/",
    "division": "divisions/achievements/",
    "division-year": "divisions/achievements/2021/",
    "tasks": "tasks/",
    "monthly": "reports/2020-15367/",
    "timeline": "timeline/2021/",
    "document": "documents/d7c353758d0/",
}
WIDTHS = (390, 1280)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_args(profile: str) -> list[str]:
    return [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}"]


class serve:
    """Serve a folder on 127.0.0.1 (a free port) for the duration of a with-block."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def shoot(site: Path, out: Path, height: int = 2200) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with serve(site) as base, tempfile.TemporaryDirectory() as profile:
        for name, path in PAGES.items():
            for width in WIDTHS:
                target = out / f"{name}-{width}.png"
                subprocess.run(chromium_args(profile) + [
                    f"--window-size={width},{height}", f"--screenshot={target}", base + path],
                    check=True, capture_output=True, timeout=60)
                taken.append(target)
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("output"))
    parser.add_argument("--output", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    if not chromium():
        raise SystemExit("chromium not found: install it with `apt-get install chromium`")
    for path in shoot(args.site, args.output):
        print(path)


if __name__ == "__main__":
    main()
