"""Work done by a second process while the build goes on: the build's other core."""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..errors import BuildError
from ..render.pelican import Workers, die_with_parent


T = TypeVar("T")


@contextlib.contextmanager
def meanwhile(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Run `work` in a forked process while the with-block runs; the function this yields
    waits for its result, raising what `work` raised as a BuildError (its message; for an
    OSError the file; for a bug the traceback). The process shares this one's memory as it
    was, so nothing is copied to it. Leaving the block ends it. Without fork (Windows),
    `work` runs when its result is asked for."""
    if not Workers.possible():
        yield work
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        die_with_parent("build-meanwhile")
        try:
            answer = ("ok", work())
        except BuildError as exc:
            answer = ("error", str(exc))
        except OSError as exc:  # a full disk, a folder that is a file: raised again as it was
            answer = ("oserror", (exc.errno, exc.strerror, exc.filename))
        except BaseException:  # a bug: its traceback, for the build process to show
            answer = ("error", traceback.format_exc())
        send.send(answer)

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def result() -> T:
        try:
            kind, value = receive.recv()
        except EOFError:  # it was killed
            raise BuildError("a process of the build ended without finishing its work") from None
        if kind == "oserror":
            raise OSError(*value)
        if kind != "ok":
            raise BuildError(value)
        return value

    try:
        yield result
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receive.close()
