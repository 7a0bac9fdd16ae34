"""A small headless-Chromium driver over the DevTools protocol (--remote-debugging-pipe).

No browser download and no extra package: Debian's `chromium`, and JSON messages
on file descriptors 3 and 4. Enough to open a page, evaluate JavaScript and wait.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile

from tests.screenshots import chromium, chromium_args
from tests.wait import until


class Browser:
    def __init__(self, width: int = 1280, height: int = 900):
        self.profile = tempfile.mkdtemp(prefix="chromium-")
        to_browser_r, self._to_browser = (_high(fd) for fd in os.pipe())
        self._from_browser, from_browser_w = (_high(fd) for fd in os.pipe())
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        self.process = subprocess.Popen(
            chromium_args(self.profile) + ["--remote-debugging-pipe", f"--window-size={width},{height}",
                                           "about:blank"],
            pass_fds=(3, 4, to_browser_r, from_browser_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_browser_r, 3), os.dup2(from_browser_w, 4)))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str, javascript: bool = True) -> None:
        self.javascript = javascript
        self.send("Emulation.setScriptExecutionDisabled", session=True, value=not javascript)
        self.eval("window.__left = true")  # gone with this document: the wait below is for the next one
        self.send("Page.navigate", session=True, url=url)
        self.wait("!window.__left && document.readyState === 'complete'")
        self.settle()

    def settle(self) -> None:
        """Wait until the page is laid out in its final fonts: lay it out (which starts any font
        loads), wait for `document.fonts.ready`, lay it out again; with JavaScript on, also two
        frames (rendering callbacks do not run in a page without JavaScript). Call it again
        after changing the page's styles, before measuring."""
        self.eval("(document.documentElement.offsetHeight, document.fonts.ready)"
                  ".then(() => document.documentElement.offsetHeight >= 0)")
        if self.javascript:
            self.eval("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 20) -> None:
        """Until `expression` is true in the page (one that throws counts as false)."""
        def true() -> bool:
            try:
                return bool(self.eval(expression))
            except RuntimeError:
                return False

        until(true, expression, timeout)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        self.process.wait(timeout=10)
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


SEARCH_DONE = "(s => s && s !== '正在搜索……')(document.getElementById('search-status').textContent)"
"""True once the search page has shown its results (or said there are none)."""


def _high(fd: int) -> int:
    """Move a descriptor above 9, so that placing the pipes on 3 and 4 in the child clobbers neither."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


def available() -> bool:
    return chromium() is not None
