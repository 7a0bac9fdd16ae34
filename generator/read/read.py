"""Cut a decoded source file into blocks: paragraphs and explicit tables."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReportError
from .blocks import Cell, Document, Grid, Para
from .decode import decode
from .limits import check_size, check_text
from .safe import make_safe

# An XML prolog (XHTML) and comments may come before the page itself.
_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])",
    re.I | re.S,
)
UNSUPPORTED = {
    ".pdf": "a PDF", ".doc": "a Word document", ".docx": "a Word document", ".wps": "a WPS document",
    ".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".et": "a spreadsheet", ".ofd": "an OFD document",
    ".mht": "a web archive (MHTML)", ".mhtml": "a web archive (MHTML)",
}
_MHTML = re.compile(rb"^\s*(From:[^\n]*\n|Snapshot-Content-Location:[^\n]*\n|Subject:[^\n]*\n|Date:[^\n]*\n)*MIME-Version:", re.I)
_PIPE = re.compile(r"[|｜]")
_RULE = re.compile(r"^[|｜]?\s*:?-{3,}:?\s*([|｜]\s*:?-{3,}:?\s*)*[|｜]?$")
_BR = re.compile(r"<br\s*/?>", re.I)


def read_document(path: Path) -> Document:
    """Read a report file of any accepted shape. Raises ReportError when it cannot be a report."""
    unsupported(path)
    try:
        check_size(path.stat().st_size, path.name)
        data = path.read_bytes()
    except OSError as exc:
        raise file_error(path, exc) from exc
    if _MHTML.match(data[:2048]) and b"multipart/related" in data[:4096]:  # "web page, single file", renamed
        raise unsupported_error(path.name, UNSUPPORTED[".mht"])
    text, encoding = decode(data, path.name)
    return parse_source_text(text, path.name, encoding)


def file_error(path: Path, exc: OSError) -> ReportError:
    """A report that cannot be read (deleted after it was listed, unreadable), as FILE:LINE."""
    return ReportError(path.name, 1, f"cannot read the file ({exc.strerror or exc})",
                       "check that the file exists and can be read; it may have been moved or deleted")


def unsupported_files(folder: Path) -> list[str]:
    """Messages for the files of a sources folder in a format the reader does not take."""
    messages = []
    for path in sorted(folder.iterdir()):
        try:
            unsupported(path)
        except ReportError as exc:
            messages.append(str(exc))
    return messages


def unsupported(path: Path) -> None:
    """Raise ReportError for a format the reader does not take (PDF, Word), saying how to convert it."""
    what = UNSUPPORTED.get(path.suffix.lower())
    if what:
        raise unsupported_error(path.name, what)


def unsupported_error(name: str, what: str) -> ReportError:
    return ReportError(
        name, 1, f"{what} is not supported: reports are read from text or saved HTML",
        "open the published page in a browser and save it as HTML (File > Save as, HTML only), "
        "or convert the file: `pdftotext -layout FILE.pdf` or "
        "`soffice --headless --convert-to html FILE.docx`, then add the result",
    )


def parse_source_text(text: str, name: str, encoding: str = "utf-8") -> Document:
    """Blocks of a decoded file: HTML when it starts like HTML, whatever its name says.
    Control characters are made visible first (read/safe.py), with a warning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_html = bool(_HTML_START.match(text))
    text, warnings = make_safe(text, html=is_html)
    check_text(text, name, is_html)
    if is_html:
        from .html import html_blocks  # BeautifulSoup takes a twentieth of a second to import

        blocks, chrome, title, layout = html_blocks(text, name)
        return Document(name, encoding, blocks, chrome, title, layout, warnings)
    blocks = text_blocks(text.split("\n"))
    layout = "text with `a | b |` rows" if any(isinstance(b, Grid) for b in blocks) else "text"
    return Document(name, encoding, blocks, layout=layout, warnings=warnings)


def text_blocks(lines: list[str], first_line: int = 1) -> tuple[Para | Grid, ...]:
    """Every non-blank line is a paragraph; runs of `a | b | c |` lines are a grid."""
    blocks: list[Para | Grid] = []
    i = 0
    while i < len(lines):
        if _is_pipe_row(lines[i]) and i + 1 < len(lines) and _is_pipe_row(lines[i + 1]):
            j = i
            while j < len(lines) and _is_pipe_row(lines[j]):
                j += 1
            blocks.append(_pipe_grid(lines[i:j], first_line + i))
            i = j
            continue
        stripped = lines[i].strip()
        if stripped:
            blocks.append(Para(stripped, first_line + i))
        i += 1
    return tuple(blocks)


def _is_pipe_row(line: str) -> bool:
    return len(_PIPE.findall(line)) >= 2


def _pipe_grid(lines: list[str], first_line: int) -> Grid:
    rows: list[tuple[Cell, ...]] = []
    structure: list[Para] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        stripped = line.strip()
        if _RULE.match(stripped):
            structure.append(Para(stripped, number))
            continue
        parts = _PIPE.split(stripped)
        separators = "".join(_PIPE.findall(stripped))
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        cells = []
        for part in parts:
            pieces = _BR.split(part)
            separators += "".join(_BR.findall(part))
            cells.append(Cell(tuple(Para(p.strip(), number) for p in pieces if p.strip())))
        structure.append(Para(separators, number))
        rows.append(tuple(cells))
    return Grid(tuple(rows), first_line, tuple(structure))
