from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# `make test` runs a quick profile; `make fuzz` a long one (HYPOTHESIS_PROFILE=fuzz).
# `make test` is derandomized: the same examples on every run, so a test cannot fail by chance;
# `make fuzz` draws new ones each time, and what it finds becomes an @example.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).parent.parent
SOURCES = ROOT / "content" / "sources"
DATA = ROOT / "tests" / "data"
SEEDS = sorted(SOURCES.glob("*.txt"))
FIXTURES = SEEDS + sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture
def tmp_report(tmp_path):
    """Write a report file from text (str, UTF-8) or bytes; return its path."""

    def write(content: str | bytes, name: str = "report.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write
