"""Pelican plugin: read our Markdown pages with markdown-it-py.

Enable with PLUGINS = ["generator.render.reader"]. Pages start with either a
JSON front matter between `---` lines (what the pipeline writes) or Pelican's
usual `Key: value` lines (hand-written pages in content/pages/).

Raw HTML is allowed because both kinds of page are ours: report text reaches a
generated page only escaped (generator/write/markdown.py), never as markup. A long page is
rendered a part at a time (render/parts.py).
"""

from __future__ import annotations

import json
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from pelican import signals
from pelican.readers import BaseReader, MarkdownReader

from .cjk import soft_breaks
from .parts import render

_HEADER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$")


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._md = markdown()

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as f:
            raw, body = split_front_matter(f.read())  # the file's text is not kept: a page may be megabytes
        html = render(self._md, body)
        metadata = {key.lower(): self.process_metadata(key.lower(), value) for key, value in raw.items()}
        return html, metadata


class _Markdown(MarkdownIt):
    def normalizeLink(self, url: str) -> str:
        # markdown-it-py percent-encodes braces in link targets; Pelican needs {filename}. Only
        # our own links can have one: report text is escaped, so it never makes a link.
        normal = super().normalizeLink(url)
        for marker in ("{filename}", "{static}"):
            if url.startswith(marker):
                return marker + normal[len(marker) + 4:]
        return normal


def markdown() -> MarkdownIt:
    """The Markdown our pages are written in: CommonMark with tables, and block and span
    attributes (`{#id .class}`) for the ids and classes the theme and links need."""
    return (_Markdown("commonmark", {"html": True}).enable("table")
            .use(attrs_block_plugin).use(attrs_plugin, spans=True).use(soft_breaks))


def split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return json.loads(text[4:end]), text[end + 5:]
    meta = {}
    lines = text.split("\n")
    n = 0
    while n < len(lines) and (m := _HEADER.match(lines[n])):
        meta[m.group(1)] = m.group(2).strip()
        n += 1
    return meta, "\n".join(lines[n:])


def _use_our_reader(readers) -> None:
    readers.reader_classes["md"] = MarkdownItReader


def register() -> None:
    # Pelican 4.12 warns for every .md file while its own Markdown reader lacks the
    # `markdown` package, even when another reader handles .md; we are that reader.
    if not MarkdownReader.enabled:
        MarkdownReader.file_extensions = []
    signals.readers_init.connect(_use_our_reader)
