"""The project's exceptions. Each carries what a person needs to act on it."""

from __future__ import annotations

# Exit codes of every command (README "Exit codes", `--help`).
EXIT_OK = 0
EXIT_LEFT_OUT = 1
"""build: the site was built, but some reports were left out (each named); parse --strict: warnings."""
EXIT_BAD_INPUT = 2
"""parse, add: not a report, or refused (each named with a hint)."""
EXIT_BUILD_FAILED = 2
"""build: a stage failed (a Pelican warning, a broken template); the previous site stays."""
EXIT_OUTPUT = 3
"""build: the output folder or its disk failed (full, read-only, a mount point); the previous site stays.
add: content/sources/ could not be written; what it held is unchanged."""
EXIT_INTERRUPTED = 130
"""Ctrl-C: the unfinished work was removed, as the shell's 128 + SIGINT."""


class GeneratorError(Exception):
    """Base of every error this package raises on purpose."""


class ReportError(GeneratorError):
    """A source file is not a usable report: empty, binary, undecodable, no title or body.

    `str()` gives "FILE:LINE: what is wrong" and the hint on the next line.
    """

    def __init__(self, file: str, line: int, message: str, hint: str):
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: error: {self.message}\n  hint: {self.hint}"


class DataError(GeneratorError):
    """One of the project's data files (vocabulary, registry) is malformed."""


class BuildError(GeneratorError):
    """The site could not be built; the previous site is left in place."""
