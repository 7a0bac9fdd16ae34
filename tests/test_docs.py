"""The README's commands exist and do what it says."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
MAKEFILE = (ROOT / "Makefile").read_text("utf-8")


def test_readme_shows_the_two_commands_first():
    first = README.index("make html")
    assert first < README.index("make test") < README.index("## What is where")


def test_every_make_target_in_the_readme_exists():
    targets = set(re.findall(r"^([a-z]+):", MAKEFILE, re.M))
    for target in set(re.findall(r"`make ([a-z]+)`", README)) | {"html", "test"}:
        assert target in targets, target


def test_every_generator_command_in_the_readme_has_help():
    commands = set(re.findall(r"python -m generator ([a-z]+)", README))
    assert commands >= {"parse", "build", "content", "add", "serve"}
    for command in commands:
        result = subprocess.run([sys.executable, "-m", "generator", command, "--help"],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0 and "usage:" in result.stdout, command


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
