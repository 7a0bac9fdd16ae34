"""What keeps a build of a report at the limits small (issue 16, item 11) shows the same site.

The memory itself is measured by `make bench` (tests/benchmark.py, `limits_memory`), never
asserted here; these tests hold the means to the same output.
"""

from __future__ import annotations

import shutil

from generator.link import link
from generator.render.parts import render
from generator.render.reader import markdown, split_front_matter
from generator.site.build import load_sources
from generator.write.pages import all_pages
from tests.conftest import DATA, ROOT

MD = markdown()


class _Counting:
    """The Markdown renderer, counting the parts it is given."""

    def __init__(self) -> None:
        self.calls = 0

    def render(self, text: str) -> str:
        self.calls += 1
        return MD.render(text)


def test_a_page_rendered_in_parts_is_the_page_rendered_whole(tmp_path):
    """Every page the seeds and the test reports make (tables, division lists, task pages,
    targets, timelines, hostile cells with blank lines and markup), cut at every place
    `render` may cut it, renders to the same HTML as the page whole."""
    for path in [*(ROOT / "content" / "sources").glob("*.txt"), *DATA.glob("*.txt"), *DATA.glob("*.html")]:
        shutil.copy(path, tmp_path / path.name)
    sources, _ = load_sources(tmp_path)
    assert len(sources) > 20
    counting, pages = _Counting(), 0
    for _, _, make in all_pages(link(sources)):
        for relative, text in make():
            _, body = split_front_matter(text)
            assert render(counting, body, part=1) == MD.render(body), relative
            pages += 1
    assert counting.calls > 10 * pages  # pages were cut, and cut often


def test_a_page_with_a_block_that_may_hold_blank_lines_is_rendered_whole():
    body = "甲\n\n<pre>\n一\n\n二\n</pre>\n\n乙\n"
    counting = _Counting()
    assert render(counting, body, part=1) == MD.render(body)
    assert counting.calls == 1


def test_an_attribute_line_stays_with_the_block_it_applies_to():
    body = "甲\n\n{.note}\n\n乙\n\n丙\n"
    assert render(_Counting(), body, part=1) == MD.render(body)

