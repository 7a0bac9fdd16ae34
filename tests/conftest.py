from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.sitebuild import build, built_site, copy_built, copy_project

# `make test` runs a quick profile; `make fuzz` a long one (HYPOTHESIS_PROFILE=fuzz).
settings.register_profile("default", max_examples=150, deadline=None,
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


# Sites built once per test session (a build is the slowest step of most tests). Tests read
# them and never change them; a test that changes a project or builds again takes a copy.

@pytest.fixture(scope="session")
def seed_project(tmp_path_factory) -> Path:
    """The project with the seed reports (content/sources/), built from nothing: its output/
    site, cache/ and content/generated/. Read only: use `seed_copy` to change or rebuild it."""
    project = copy_project(tmp_path_factory.mktemp("seeds"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower()  # Pelican's warnings would also have failed the build
    return project


@pytest.fixture(scope="session")
def seed_site(seed_project) -> Path:
    """The seeds' built site (read only)."""
    return seed_project / "output"


@pytest.fixture
def seed_copy(seed_project, tmp_path) -> Path:
    """A copy of `seed_project` as its build left it, to change and build again: the next
    build reuses what the change did not touch, as an operator's rebuild does."""
    return copy_built(seed_project, tmp_path / "project")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The seeds and tests/data/hostile_cells.txt (report text that looks like markup), built
    (read only)."""
    return built_site(tmp_path_factory.mktemp("hostile"), (DATA / "hostile_cells.txt",))


@pytest.fixture(scope="session")
def series_project(tmp_path_factory) -> Path:
    """The seeds and tests/data/series_q3_2021.txt (the next report of the half-year's tasks),
    built (read only)."""
    folder = tmp_path_factory.mktemp("series")
    built_site(folder, (DATA / "series_q3_2021.txt",))
    return folder
