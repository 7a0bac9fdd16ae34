"""The project's exceptions. Each carries what a person needs to act on it."""

from __future__ import annotations


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
