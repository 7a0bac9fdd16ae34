"""Report text into our Markdown pages, and the few forms the pages are made of.

Report text is data, never markup. It reaches a page only through `text`, `cell` or `html`:
- `text`: Markdown inline text (a paragraph, a list item, a heading, a link's label). Every
  character that could start Markdown syntax is backslash-escaped (CommonMark lets any ASCII
  punctuation be escaped), and so are the characters a line could begin a block with, at the
  start of each line; a line break is a hard break, so a blank line in the text cannot end
  the paragraph. `{` and `}` are escaped too, so no text can look like a Pelican link.
- `cell`: the same, for a pipe-table cell (line breaks become `<br>`, `|` is escaped).
- `html`: text inside one of our HTML blocks (a table whose cells hold lists, which Markdown
  has no form for): HTML-escaped, line breaks as `<br>`, so the block has no blank line.
In all three, characters that change how text is displayed without being seen (bidi controls,
zero-width characters, other control characters) are kept but wrapped in a visible, isolated
mark (`<span class="ctl" data-code="U+202E">…</span>`; the theme shows the code), so they cannot
reverse or hide what follows and copying the text still gives the text.
"""

from __future__ import annotations

import html as _html
import json
import re

GENERATED = "generated"

_INLINE = re.compile(r"([\\`*_\[\]<>&{}|~!])")
"""ASCII punctuation that can start inline Markdown (or a Pelican link), anywhere in a line;
`!` too, which would make an image of one of our own links that follows it."""
_LINE_START = re.compile(r"^([ \t]*)(?:([#>+=\-])|(\d{1,9})([.)]))", re.MULTILINE)
"""What a line can begin a block with: a heading, a quote, a list, a setext line, `1.`."""
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""Control characters: not allowed in XML, remapped or refused by HTML parsers."""
INVISIBLE = re.compile(f"[{_CONTROL}\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]")
"""Controls, bidi marks and overrides, zero-width and other characters drawn as nothing."""
_IS_CONTROL = re.compile(f"[{_CONTROL}]")


def _mark_invisible(text: str) -> str:
    """Text (escaped already) with each invisible character in a visible mark. The theme shows
    the mark's code; a bidi or zero-width character stays inside it, isolated, so the text copies
    whole; a control character, which HTML cannot carry, is shown by its code alone."""
    def mark(m: re.Match) -> str:
        code = f"U+{ord(m.group()):04X}"
        inside = "" if _IS_CONTROL.match(m.group()) else f"&#x{ord(m.group()):X};"
        return f'<span class="ctl" data-code="{code}" title="{code}">{inside}</span>'
    return INVISIBLE.sub(mark, text)


def text(s: str, line_start: bool = True, line_end: bool = True) -> str:
    """Report text as Markdown inline text that renders as exactly itself. `line_start` and
    `line_end`: the text begins and ends its line (a paragraph, a list item); False for a piece
    next to a link."""
    return _mark_invisible("\\\n".join(_lines(s, line_start, line_end)))


def cell(s: str, line_start: bool = True, line_end: bool = True) -> str:
    """Report text on one line: a cell of a Markdown pipe table, a heading."""
    return _mark_invisible("<br>".join(_lines(s, line_start, line_end)))


def _lines(s: str, line_start: bool, line_end: bool) -> list[str]:
    """The text's lines, escaped. Blanks at a line's start are dropped (they could make a code
    block; HTML shows none of them); a line break becomes a hard break, an empty line a lone
    backslash, so the text stays one paragraph however many blank lines it holds."""
    lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if line_start:
        while lines and not lines[0].strip():
            lines.pop(0)
    while line_end and len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    out = []
    for n, line in enumerate(lines):
        if n or line_start:
            line = line.lstrip(" \t")
        if n + 1 < len(lines):
            line = line.rstrip(" \t")
        out.append(_LINE_START.sub(_escape_start, _INLINE.sub(r"\\\1", line)))
    return out


def _escape_start(m: re.Match) -> str:
    blank, sign, digits, dot = m.groups()
    return f"{blank}\\{sign}" if sign else f"{blank}{digits}\\{dot}"


def html(s: str) -> str:
    """Report text inside one of our HTML blocks."""
    escaped = _html.escape(s, quote=True).replace("\r\n", "\n").replace("\r", "\n")
    return _mark_invisible(escaped.replace("\n", "<br>"))


def attr(s: str) -> str:
    """Text for an HTML attribute value (quoted with "), on one line."""
    return _html.escape(INVISIBLE.sub(" ", s).replace("\n", " "), quote=True)


def ref(kind: str, name: str, anchor: str = "") -> str:
    """A Pelican {filename} link target for a generated page."""
    return f"{{filename}}/{GENERATED}/{kind}/{name}.md" + (f"#{anchor}" if anchor else "")


def link(label: str, target: str) -> str:
    """A Markdown link; `label` is Markdown already (made with `text`)."""
    return f"[{label}]({target})"


def attrs(id: str | None = None, *classes: str, **values: str) -> str:
    """A block-attribute line (`{#id .class key="value"}`) for the block that follows it; ids
    and classes are ours (ASCII), values are escaped."""
    parts = ([f"#{id}"] if id else []) + [f".{c}" for c in classes]
    parts += [f'{k.replace("_", "-")}="{attr(v)}"' for k, v in values.items()]
    return "{" + " ".join(parts) + "}"


def bullets(items: list[str]) -> str:
    """A Markdown list of items (each Markdown already, one line or hard-broken lines)."""
    lines = ("- " + item.replace("\n", "\n  ") for item in items)
    return "\n".join(line.replace("\n  \n", "\n\n") for line in lines)


def heading(level: int, label: str, id: str | None = None) -> str:
    """A Markdown heading; `label` is Markdown on one line (report text made with `cell`)."""
    return (attrs(id) + "\n" if id else "") + "#" * level + " " + label


def table(columns: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table; headers and cells are Markdown already (made with `cell`)."""
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def page(meta: dict, blocks: list[str]) -> str:
    """A generated Markdown page: JSON front matter, then its blocks, a blank line between."""
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    parts = [f"---\n{front}\n---\n"]
    for b in blocks:
        if b and b.strip():
            parts += ("\n\n", b.strip("\n")) if len(parts) > 1 else (b.strip("\n"),)
    return "".join(parts + ["\n"])  # one join: a page may be megabytes, and is copied once
