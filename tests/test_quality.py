"""Quality gates over the built site: accessibility, validity, layout, keyboard, hostile input.

Tools: Debian's `chromium`, and from npm (tools/package.json) axe-core and vnu-jar (Java).
`.ci/run` installs them; locally a missing tool skips its tests with the install command.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.browser import SEARCH_DONE, Browser, available
from tests.conftest import DATA, ROOT
from tests.screenshots import serve
from tests.sitebuild import built_site, html_files

pytestmark = pytest.mark.site
AXE = ROOT / "tools/node_modules/axe-core/axe.min.js"
VNU = ROOT / "tools/node_modules/vnu-jar/build/dist/vnu.jar"
needs_chromium = pytest.mark.skipif(not available(), reason="needs chromium: apt-get install chromium")
needs_axe = pytest.mark.skipif(not AXE.exists(), reason="needs axe-core: (cd tools && npm ci)")
needs_vnu = pytest.mark.skipif(not VNU.exists() or not shutil.which("java"),
                               reason="needs vnu-jar and Java: (cd tools && npm ci); apt-get install default-jre")

TEMPLATES = {
    "home": "", "report": "reports/2021-00558/", "monthly": "reports/2020-15367/",
    "task": "reports/2021-00558/tasks/1-01/", "division": "divisions/achievements/",
    "division-year": "divisions/achievements/2021/", "timeline": "timeline/2021/", "timelines": "timeline/",
    "documents": "documents/", "document": "documents/d7c353758d0/", "search": "search/?q=%E9%AB%98%E6%96%B0%E5%A4%84", "404": "404.html",
    "tasks": "tasks/", "tasks-year": "tasks/2021/", "data": "data/", "hostile": "reports/2022-09999-000000000/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("quality"), (DATA / "hostile_cells.txt",))


@pytest.fixture(scope="module")
def browse(site):
    """open(path, width) -> a Browser on that page, the page fully loaded."""
    browsers: dict[int, Browser] = {}
    with serve(site) as base:
        def open_page(path: str, width: int = 1280) -> Browser:
            if width not in browsers:
                browsers[width] = Browser(width=width)
            b = browsers[width]
            b.open(base + path)
            if path.startswith("search/?"):
                b.wait(SEARCH_DONE)
            return b
        open_page.base = base
        yield open_page
        for b in browsers.values():
            b.close()


@needs_chromium
@needs_axe
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", TEMPLATES)
def test_no_wcag21_aa_violations(browse, name, width):
    b = browse(TEMPLATES[name], width)
    b.eval(AXE.read_text("utf-8"))
    violations = b.eval("axe.run(document, {runOnly: {type: 'tag', values: "
                        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map("
                        "v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
    assert violations == []


@needs_chromium
@pytest.mark.parametrize("name", TEMPLATES)
def test_no_sideways_scrolling_on_a_phone(browse, name):
    b = browse(TEMPLATES[name], 360)
    assert b.eval("document.documentElement.scrollWidth") <= 360


@needs_chromium
def test_report_titles_on_the_home_page_have_room_on_a_phone(tmp_path):
    # The 索引号 (20 characters, unbreakable) once left the title column three characters wide.
    # The seeds alone: the hostile report's long ASCII title would widen the column by itself.
    with serve(built_site(tmp_path)) as base:
        b = Browser(width=360)
        try:
            b.open(base)
            title = b.eval("(h => h.clientWidth - parseFloat(getComputedStyle(h).paddingLeft) - parseFloat(getComputedStyle(h)"
                           ".paddingRight))(document.querySelectorAll('.catalogue thead th')[1])")
            character = b.eval("parseFloat(getComputedStyle(document.querySelector('.catalogue tbody a')).fontSize)")
            index_no = b.eval("document.querySelector('.catalogue .index-no').innerText")
        finally:
            b.close()
    assert title >= 5 * character  # five characters a line, not three
    assert index_no == "002482090/2021-00558"  # still one string to copy


@needs_chromium
@pytest.mark.parametrize("name", ["report", "task", "division-year", "timeline"])
def test_text_at_200_percent_loses_nothing(browse, name):
    b = browse(TEMPLATES[name], 1280)
    before = b.eval("document.querySelector('main').innerText.length")
    b.eval("document.documentElement.style.fontSize = '200%'")
    assert b.eval("document.documentElement.scrollWidth") <= 1280
    assert b.eval("document.querySelector('main').innerText.length") == before
    clipped = b.eval("[...document.querySelectorAll('main *:not(.visually-hidden)')].filter(e => { const s = getComputedStyle(e); "
                     "return s.overflow === 'hidden' && e.scrollHeight > e.clientHeight + 1; }).length")
    assert clipped == 0


@needs_chromium
@pytest.mark.parametrize("name", TEMPLATES)
def test_keyboard_reaches_everything_with_a_visible_focus(browse, name):
    b = browse(TEMPLATES[name], 1280)
    focusable = b.eval("document.querySelectorAll('a[href], button:not([hidden]), input, select, summary, "
                       "[tabindex]:not([tabindex=\"-1\"])').length")
    seen = []
    for _ in range(min(focusable, 60)):
        b.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Tab", code="Tab",
               windowsVirtualKeyCode=9)
        b.send("Input.dispatchKeyEvent", session=True, type="keyUp", key="Tab", code="Tab",
               windowsVirtualKeyCode=9)
        seen.append(b.eval("(e => [e.className || e.tagName, getComputedStyle(e).outlineStyle, "
                           "getComputedStyle(e).outlineWidth])(document.activeElement)"))
    assert seen[0][0] == "skip-link"
    for element, style, width in seen:
        assert style != "none" and width != "0px", f"{element} has no visible focus"


@needs_chromium
@pytest.mark.parametrize("name", ["report", "task", "division", "division-year", "document", "timeline"])
def test_links_are_not_told_by_colour_alone(browse, name):
    b = browse(TEMPLATES[name], 1280)
    plain = b.eval("[...document.querySelectorAll('main a')].filter(a => "
                   "!getComputedStyle(a).textDecorationLine.includes('underline')).map(a => a.outerHTML)")
    assert plain == []
    # Changes between reports are labelled in words, not only by <ins>/<del> colours.
    assert b.eval("[...document.querySelectorAll('ins, del')].every(e => "
                  "/新增|不再列出/.test(e.closest('ul').previousElementSibling.textContent))")


@needs_chromium
def test_skip_link_moves_to_the_main_content(browse):
    b = browse(TEMPLATES["task"], 1280)
    b.eval("document.querySelector('.skip-link').click()")
    assert b.eval("location.hash") == "#main"


@needs_chromium
@pytest.mark.parametrize("name", ["home", "report", "task", "search"])
def test_no_request_leaves_the_site(browse, name):
    b = browse(TEMPLATES[name], 1280)
    urls = b.eval("performance.getEntriesByType('resource').map(r => r.name)")
    assert all(u.startswith(browse.base) for u in urls), urls


@needs_chromium
def test_report_text_never_runs_as_script(browse):
    b = browse(TEMPLATES["hostile"], 1280)
    b.send("Page.addScriptToEvaluateOnNewDocument", session=True,
           source="window.__ran = 0; window.alert = () => { window.__ran += 1; };")
    b.open(browse.base + TEMPLATES["hostile"])
    assert b.eval("window.__ran") == 0
    assert b.eval("document.querySelectorAll('main img, main script, main iframe').length") == 0
    assert "<script>alert(4)</script>" in b.eval("document.querySelector('main').innerText")


@needs_vnu
def test_every_page_is_valid_html(site):
    pages = [str(p) for p in html_files(site) if "pagefind" not in p.parts]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
                            capture_output=True, text=True)
    errors = (result.stdout + result.stderr).replace(str(site) + "/", "")
    assert result.returncode == 0 and errors.strip() == "", errors
