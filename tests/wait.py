"""Wait for a condition, never for a fixed time: a test polls what it waits for, up to a bound."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def until(condition: Callable[[], T], what: str, timeout: float = 30.0) -> T:
    """The first true value of `condition()`, asked every 50 ms; TimeoutError naming `what`
    when `timeout` seconds pass without one (a bound for a broken build, not a pace)."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        time.sleep(0.05)  # the polling interval
