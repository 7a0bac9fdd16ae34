"""Read a source file into a `Document`: decoded text cut into blocks with line numbers.

Three shapes come in: plain text copied from the published page, the saved HTML
page, and tables written as rows of `a | b | c |`. They all leave here as the
same blocks, so the parser never needs to know which it was given.
"""

from .blocks import Cell, Chrome, Document, Grid, Para
from .read import file_error, read_document, unsupported_files

__all__ = ["Cell", "Chrome", "Document", "Grid", "Para", "file_error", "read_document", "unsupported_files"]
