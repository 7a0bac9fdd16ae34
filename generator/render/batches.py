"""Pelican plugin for rendering in batches: links to pages of other batches, memory, less work.

Enable with PLUGINS = [..., "generator.render.batches"]. The build renders pages in batches
and reuses unchanged ones (generator/render/pelican.py); it passes every generated page's
URL as PAGE_STUBS, {source path under content/: url}. After Pelican has read the batch,
each page it did not read is entered in its table of pages by URL alone, which is all
Pelican needs to turn a `{filename}` link into the page's address. A link to a page that
is neither read nor stubbed still warns, and a warning fails the build.
"""

from __future__ import annotations

import os
import re
from types import SimpleNamespace
from urllib.parse import urljoin

from pelican import signals
from pelican.contents import Content

_all_static_links = Content.get_static_links
_pelican_link = Content._link_replacer
_OURS = re.compile(r"/generated/[^#?;%]+\.md(#[^#?;%]*)?")
"""The links the pipeline writes (`pages.ref`): a generated page, at most an anchor."""


def _link(self, siteurl: str, m: re.Match) -> str:
    """Pelican resolves each link with urlparse and path joins, about 10 µs a link: a third of
    rendering, on pages of thousands of links. A link the pipeline wrote resolves here the
    same way with one lookup; any other link, or one to a page that is not there (Pelican
    then warns, and a warning fails the build), goes to Pelican."""
    value = m.group("value")
    if m.group("what") != "filename" or not _OURS.fullmatch(value):
        return _pelican_link(self, siteurl, m)
    path, _, anchor = value[1:].partition("#")
    target = self._context["generated_content"].get(path)
    if target is None:
        return _pelican_link(self, siteurl, m)
    if self.settings["RELATIVE_URLS"]:
        origin = os.path.join(siteurl, target.url)
    else:
        origin = urljoin(siteurl if siteurl.endswith("/") else siteurl + "/", target.url)
    origin = origin.replace("\\", "/") + (f"#{anchor}" if anchor else "")
    return "".join((m.group("markup"), m.group("quote"), origin, m.group("quote")))


def _static_links(self) -> set[str]:
    """Pelican parses every link of every page (urlparse on each) to find {static} and {attach}
    links, a third of a rebuild's time; a page that has neither word has none of them."""
    if "static" not in self._content and "attach" not in self._content:
        return set()
    return _all_static_links(self)


def _add_stubs(generators) -> None:
    if not generators:
        return
    context = generators[0].context
    table = context["generated_content"]
    for source, url in (context.get("PAGE_STUBS") or {}).items():
        table.setdefault(source, SimpleNamespace(url=url))


def _forget_pages(pelican) -> None:
    """Pelican memoizes every page's HTML on the Content class, for the life of the process;
    the build runs Pelican once per batch, so each run lets go of its pages when it ends."""
    for name in ("get_content", "get_summary"):
        getattr(Content, name).cache.clear()


def register() -> None:
    Content.get_static_links = _static_links
    Content._link_replacer = _link
    signals.all_generators_finalized.connect(_add_stubs)
    signals.finalized.connect(_forget_pages)
