from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.sitebuild import build, built_site, copy_built, copy_project

# `make test` runs a quick profile; `make fuzz` a long one (HYPOTHESIS_PROFILE=fuzz).
# `make test` is derandomized: the same examples on every run, so a test cannot fail by chance;
# `make fuzz` draws new ones each time, and what it finds becomes an @example.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
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



# Check groups that need tools outside Python. Their tests skip where a tool is missing, with
# a reason that starts as below; `make test` ends with a line naming the groups skipped, and in
# CI (CI=true) such a skip fails the test, so a missing install step cannot pass unseen.
CHECK_GROUPS = {
    "needs chromium": ("browser", "apt-get install chromium fonts-noto-cjk"),
    "needs axe-core": ("axe", "(cd tools && npm ci)"),
    "needs vnu-jar": ("validator", "(cd tools && npm ci) and Java (apt-get install default-jre)"),
}
_skipped: dict[str, int] = {}


def check_group(reason: str) -> str | None:
    """The check group a skip reason belongs to ("browser", "axe", "validator"), else None."""
    reason = reason.removeprefix("Skipped: ")
    return next((group for start, (group, _) in CHECK_GROUPS.items() if reason.startswith(start)), None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = report.longrepr[2]
        group = check_group(reason) or ("browser" if item.get_closest_marker("browser") else None)
        if group:
            _skipped[group] = _skipped.get(group, 0) + 1
            if os.environ.get("CI") == "true":
                report.outcome = "failed"
                report.longrepr = (f"{reason}\nIn CI the {group} checks must run: .ci/run installs what they "
                                   f"need; an install step failed or is missing.")
    return report


def pytest_unconfigure(config):
    """The last line of the run: which check groups were skipped and how to enable them."""
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if terminal is None:
        return
    hints = {group: how for group, how in CHECK_GROUPS.values()}
    if _skipped:
        groups = "; ".join(f"{g} ({n} tests): {hints[g]}" for g, n in sorted(_skipped.items()))
        terminal.write_line(f"check groups skipped: {groups}")
    else:
        terminal.write_line(f"check groups skipped: none ({', '.join(hints)} all ran or were not selected)")


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
