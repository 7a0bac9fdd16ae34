"""Operators' safety (issue 16): add and provenance, the swap, the build lock, the output
folder's failures, exit codes, spreadsheet-safe CSV; each test failed before its fix."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from generator.link.source import Source
from generator.link.ids import report_id
from generator.parse import parse_file
from generator.site.build import load_sources
from generator.link import link
from generator.write.opendata import write_data
from tests.conftest import DATA, SOURCES
from tests.sitebuild import ROOT, add_settings, build, copy_project
from tests.test_add import add, project  # noqa: F401 (a fixture: the seeds in a scratch project)

SEED = SOURCES / "000_9deafdd47ee1ad59.txt"


def seed_with(old: str, new: str, tmp_path: Path, name: str = "changed.txt") -> Path:
    path = tmp_path / name
    path.write_text(SEED.read_text("utf-8").replace(old, new, 1), "utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".new-" in p.name or ".old-" in p.name)


# --- 2. add --url and provenance ---------------------------------------------------------

def test_add_refuses_an_address_that_is_not_http(project):
    before = (project / "content/sources/provenance.toml").read_bytes()
    result = add(project, DATA / "series_q3_2021.txt", "--url", "javascript:alert(1)")
    assert result.returncode == 2
    assert "only http:// and https:// addresses are accepted" in result.stderr and "hint:" in result.stderr
    assert not (project / "content/sources/2021-09901.txt").exists()
    assert (project / "content/sources/provenance.toml").read_bytes() == before


def test_an_address_with_a_quote_is_written_as_valid_toml(project):
    url = 'https://example.org/a"b\\c.html'
    assert add(project, DATA / "series_q3_2021.txt", "--url", url).returncode == 0
    provenance = tomllib.loads((project / "content/sources/provenance.toml").read_text("utf-8"))
    assert provenance["2021-09901.txt"] == {"url": url}
    assert provenance["000_9deafdd47ee1ad59.txt"]["url"].startswith("https://kjt.zj.gov.cn/")
    sources, errors = load_sources(project / "content/sources")
    assert errors == [] and {s.id: s.url for s in sources}["2021-09901"] == url


def test_a_broken_provenance_file_is_named_with_its_line_and_the_reports_are_still_read(project):
    (project / "content/sources/provenance.toml").write_text('# addresses\n\n["a.txt"]\nurl = "x"y"\n', "utf-8")
    sources, errors = load_sources(project / "content/sources")  # what the build reads, then exits 1
    assert len(errors) == 1 and errors[0].startswith("provenance.toml:4: error: it is not valid TOML")
    assert "\n  hint: " in errors[0]
    assert {s.id: s.url for s in sources} == {"2021-00558": None, "2020-15367": None}
    # and add, asked to record an address there, refuses rather than overwrite it
    refused = add(project, DATA / "series_q3_2021.txt", "--url", "https://example.org/q3.html")
    assert refused.returncode == 2 and "provenance.toml:4: error" in refused.stderr
    assert not (project / "content/sources/2021-09901.txt").exists()


def test_an_address_edited_into_provenance_by_hand_is_used_only_if_http(project):
    provenance = project / "content/sources/provenance.toml"
    provenance.write_text(provenance.read_text("utf-8").replace(
        "https://kjt.zj.gov.cn/art/2021/7/12/art_1229225190_58997920.html", "javascript:alert(1)"), "utf-8")
    sources, errors = load_sources(project / "content/sources")
    assert len(errors) == 1 and errors[0].startswith("provenance.toml:4: error: the address of 000_9deafdd47ee1ad59.txt")
    assert {s.id: s.url for s in sources}["2021-00558"] is None


# --- 3. CSV formulas; the CSV opens in Excel (BOM) ---------------------------------------

def test_csv_cells_a_spreadsheet_would_run_begin_with_an_apostrophe_and_json_keeps_them(tmp_path):
    text = (DATA / "series_q3_2021.txt").read_text("utf-8")
    hostile = ["=HYPERLINK(\"http://evil.example\",\"点此\")", "+1+1", "-2+3", "@SUM(A1)"]
    for n, cell in enumerate(hostile):
        text = text.replace(f"{n + 1}.", f"{n + 1}.{cell}", 1) if n else text.replace(
            "大力推进杭州城西科创大走廊建设", cell + "大力推进杭州城西科创大走廊建设", 1)
    report = tmp_path / "hostile.txt"
    report.write_text(text, "utf-8")
    parsed = parse_file(report)
    write_data(tmp_path / "site", link([Source(parsed, report_id(parsed), None)]), None, {})
    raw = (tmp_path / "site/data/tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfreport_id,")  # the BOM Excel needs to read UTF-8
    with open(tmp_path / "site/data/tasks.csv", encoding="utf-8-sig", newline="") as f:
        cells = [row["text"] for row in csv.DictReader(f)]
    guarded = [c for c in cells if c.startswith("'")]
    assert guarded and all(c[1] in "=+-@" for c in guarded)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    model = json.loads((tmp_path / "site/data/reports" / f"{report_id(parsed)}.json").read_text("utf-8"))
    assert hostile[0] + "大力推进" in json.dumps(model, ensure_ascii=False).replace('\\"', '"')


# --- 4. add shows report text without terminal escapes -------------------------------------

def test_add_prints_no_terminal_escape_from_a_report(project, tmp_path):
    title = "浙江省科学技术厅2021年度重点工作三季度完成情况"
    text = (DATA / "series_q3_2021.txt").read_text("utf-8").replace(
        title, "\x1b]0;pwned\x07\x1b[2J" + title + "\x1b[31m", 1)
    report = tmp_path / "escapes.txt"
    report.write_text(text, "utf-8")
    result = add(project, report)
    assert result.returncode == 0, result.stderr
    assert title in result.stdout
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout


# --- 5. add --replace killed midway --------------------------------------------------------

def _killed_while_writing(limit: int):
    """A child whose first write of a file past `limit` bytes fails midway (EFBIG: Python
    ignores SIGXFSZ), as on a full disk; the file is cut there, as a kill would leave it."""
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def add_cut_short(project: Path, limit: int, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "add", *map(str, args)], cwd=project,
                          capture_output=True, text=True, preexec_fn=_killed_while_writing(limit),
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_replace_cut_short_while_writing_the_report_keeps_the_report(project, tmp_path):
    changed = seed_with("2.6月28日,《杭州城西", "2.6月29日,《杭州城西", tmp_path)
    result = add_cut_short(project, 4096, changed, "--replace")
    assert result.returncode == 3 and "could not store" in result.stderr and "Traceback" not in result.stderr
    sources, errors = load_sources(project / "content/sources")
    assert errors == []
    kept = next(s for s in sources if s.id == "2021-00558")
    assert (project / "content/sources" / kept.report.source).read_bytes() == SEED.read_bytes()


def test_replace_cut_short_while_writing_provenance_keeps_every_address(project, tmp_path):
    provenance = project / "content/sources/provenance.toml"
    before = provenance.read_text("utf-8")
    others = "".join(f'["old-{n}.txt"]\nurl = "https://example.org/{n}.html"\n' for n in range(2000))
    provenance.write_text(before + others, "utf-8")  # larger than the limit below
    before = provenance.read_text("utf-8")
    changed = seed_with("2.6月28日,《杭州城西", "2.6月29日,《杭州城西", tmp_path)
    result = add_cut_short(project, 48 * 1024, changed, "--replace", "--url", "https://example.org/new.html")
    assert result.returncode == 3
    assert tomllib.loads(provenance.read_text("utf-8")) == tomllib.loads(before)
    sources, errors = load_sources(project / "content/sources")
    assert errors == [] and {s.id for s in sources} == {"2021-00558", "2020-15367"}


# --- 8. add identities -----------------------------------------------------------------------

def test_two_reports_without_index_number_saved_as_report_txt_are_both_kept(project, tmp_path):
    printed = []
    for n, text in enumerate(["新建平台5家。", "新建平台6家。"]):
        saved = tmp_path / str(n) / "report.txt"
        saved.parent.mkdir()
        saved.write_text((DATA / "table_cut.txt").read_text("utf-8").replace("新建平台5家。", text), "utf-8")
        result = add(project, saved)
        assert result.returncode == 0, result.stderr
        printed.append(result.stdout)
    sources, errors = load_sources(project / "content/sources")
    assert errors == [] and len(sources) == 4
    ids = [out.split(" as report ", 1)[1].split()[0] for out in printed]
    assert len(set(ids)) == 2 and set(ids) <= {s.id for s in sources}  # the ids add printed are the site's


@pytest.mark.parametrize("index_no", ["111111111/2021-00558", "2021_00558"])
def test_only_the_same_full_index_number_is_already_in(project, tmp_path, index_no):
    other = seed_with("002482090/2021-00558", index_no, tmp_path)
    result = add(project, other)
    assert result.returncode == 0, result.stderr
    sources, errors = load_sources(project / "content/sources")
    assert errors == [] and len(sources) == 3
    assert (project / "content/sources/000_9deafdd47ee1ad59.txt").read_bytes() == SEED.read_bytes()
    assert [s.id for s in sources if s.report.meta.index_no == "002482090/2021-00558"] == ["2021-00558"]


# --- 6. the swap -------------------------------------------------------------------------------

def test_the_swap_leaves_no_moment_without_a_site(tmp_path, monkeypatch):
    from generator.site.build import swap  # the swap the build uses

    output, fresh = tmp_path / "output", tmp_path / "output.new-1"
    for folder, text in ((output, "old"), (fresh, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    renames = []
    real = Path.rename

    def killed_after_one_rename(self, target):
        if renames:
            raise KeyboardInterrupt("killed")
        renames.append(self)
        return real(self, target)

    monkeypatch.setattr(Path, "rename", killed_after_one_rename)
    with contextlib.suppress(KeyboardInterrupt):
        swap(fresh, output)
    assert (output / "index.html").read_text() in ("old", "new")


def break_templates(project: Path) -> None:
    (project / "theme/templates/base.html").write_text("{% if %}", "utf-8")


@pytest.mark.site
def test_a_site_left_aside_by_a_killed_build_is_put_back_and_outlives_a_failed_build(tmp_path):
    project = copy_project(tmp_path / "p")
    aside = project / "output.old-999999"  # a build killed between its two renames
    aside.mkdir()
    (aside / "index.html").write_text("the last good site")
    break_templates(project)
    result = build(project)
    assert result.returncode == 2
    assert (project / "output/index.html").read_text() == "the last good site"
    assert f"the previous site is still in {project / 'output'}" in result.stderr
    assert leftovers(project) == []


@pytest.mark.site
def test_a_failed_first_build_does_not_say_a_previous_site_is_in_place(tmp_path):
    project = copy_project(tmp_path / "p")
    break_templates(project)
    result = build(project)
    assert result.returncode == 2
    assert "previous site" not in result.stderr and f"there is no site in {project / 'output'} yet" in result.stderr
    assert leftovers(project) == [] and not (project / "output").exists()


# --- 7. the build lock ---------------------------------------------------------------------

@pytest.mark.site
def test_a_second_build_of_one_output_waits_and_then_builds_the_newest_sources(tmp_path):
    project = copy_project(tmp_path / "p")
    with open(project / ".output.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build in progress holds it
        second = subprocess.Popen([sys.executable, "-m", "generator", "build", "--settings", "pelicanconf.py",
                                   "--output", "output"], cwd=project, stderr=subprocess.PIPE, text=True)
        first_line = second.stderr.readline()
        assert first_line.startswith("waiting for the build of output/"), first_line
        assert second.poll() is None and leftovers(project) == [] and not (project / "output").exists()
        shutil.copy(DATA / "series_q3_2021.txt", project / "content/sources/2021-09901.txt")
    _, rest = second.communicate(timeout=300)
    assert second.returncode == 0, rest
    assert (project / "output/reports/2021-09901/index.html").exists()


# --- 10. the output folder's failures ----------------------------------------------------------

@contextlib.contextmanager
def mounted(folder: Path, options: str = "size=64m"):
    """A tmpfs at `folder` (mounting needs root; the test is skipped without it)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    except FileNotFoundError:
        pytest.skip("no mount command")
    if done.returncode:
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def assert_output_error(result, code: str, output: Path) -> None:
    assert result.returncode == 3, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and errors[0].startswith(f"{output}: error: could not write the site") \
        and errors[0].endswith(f"[{code}]"), result.stderr
    assert "Traceback" not in result.stderr and "None" not in result.stderr
    assert leftovers(output.parent) == []


@pytest.mark.site
def test_output_a_mount_point(tmp_path):
    project = copy_project(tmp_path / "p")
    with mounted(project / "output") as output:
        (output / "index.html").write_text("the last good site")
        result = build(project)
        assert_output_error(result, "output-busy", output)
        assert f"the previous site is still in {output}" in result.stderr
        assert (output / "index.html").read_text() == "the last good site"


@pytest.mark.site
def test_output_on_a_read_only_disk(tmp_path):
    project = copy_project(tmp_path / "p")
    with mounted(project / "disk") as disk:
        (disk / "output").mkdir()
        (disk / "output/index.html").write_text("the last good site")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = build(project, "--output", "disk/output")
        assert_output_error(result, "output-read-only", disk / "output")
        assert (disk / "output/index.html").read_text() == "the last good site"


@pytest.mark.site
def test_output_immutable(tmp_path):
    project = copy_project(tmp_path / "p")
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site")
    if subprocess.run(["chattr", "+i", str(output)], capture_output=True).returncode:
        pytest.skip("chattr +i needs root and a file system that has the flag")
    try:
        result = build(project)
    finally:
        subprocess.run(["chattr", "-i", str(output)], check=True)
    assert_output_error(result, "output-denied", output)
    assert (output / "index.html").read_text() == "the last good site"


def _pages_of(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) for p in folder.rglob("*") if p.is_file())


@pytest.mark.site
def test_disk_full_while_indexing_for_search(tmp_path):
    project = copy_project(tmp_path / "p")
    assert build(project).returncode == 0
    search = _pages_of(project / "output/pagefind")
    rest = _pages_of(project / "output") - search
    with mounted(project / "disk", f"size={(rest + search // 2 + 1) * 4}k") as disk:
        result = build(project, "--output", "disk/output")
        assert_output_error(result, "output-full", disk / "output")
        assert "could not write the site while indexing for search: the disk is full" in result.stderr and "there is no site in" in result.stderr
        assert list(disk.iterdir()) == [disk / ".output.lock"]


# --- 12. the Makefile with a space in the path; Ctrl-C in the devserver ------------------------

@pytest.mark.site
def test_the_makefile_works_in_a_path_with_a_space(tmp_path):
    (tmp_path / "my").mkdir()  # what an unquoted `rm -rf my projects/output` would remove
    project = copy_project(tmp_path / "my projects")
    shutil.copy(ROOT / "Makefile", project)
    venv = ROOT / ".venv"
    make = ["make", f"VENV={venv}", "-o", f"{venv}/.installed"]
    result = subprocess.run([*make, "html"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "output/reports/2021-00558/index.html").exists()
    assert subprocess.run([*make, "clean"], cwd=project, capture_output=True).returncode == 0
    assert not (project / "output").exists() and (tmp_path / "my").is_dir()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.site
def test_ctrl_c_during_a_devserver_build_leaves_nothing_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--settings", "pelicanconf.py",
                               "--output", "output", "--port", str(_free_port())], cwd=project,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while not leftovers(project):  # wait for the build to begin its site
            assert server.poll() is None and time.monotonic() < deadline, "the build never began"
            time.sleep(0.005)
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C on the terminal sends
        _, errors = server.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
    assert "Traceback" not in errors, errors
    assert leftovers(project) == []


# --- issue 17: the datapackage and the 数据下载 page say what is served -------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("data") / "p")
    assert build(project).returncode == 0
    return project / "output"


@pytest.mark.site
def test_the_datapackage_gives_each_served_file_its_size_hash_and_chinese_titles(site):
    import hashlib

    package = json.loads((site / "data/datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        data = (site / "data" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data) and resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        for field in resource.get("schema", {}).get("fields", []):
            assert field["name"].isascii() and not field["title"].isascii()
    described = {r["path"] for r in package["resources"]} | {"datapackage.json", "index.html"}
    assert {p.name for p in (site / "data").iterdir() if p.is_file()} == described


@pytest.mark.site
def test_the_data_page_lists_every_file_with_its_size_in_chinese(site):
    from tests.sitebuild import soup

    page = soup(site / "data/index.html")
    rows = {tr.find("td").get_text(): tr.find_all("td") for tr in page.select("main table tbody tr")}
    size = (site / "data/tasks.csv").stat().st_size
    assert rows["tasks.csv"][2].get_text() == f"{size / 1000:.0f} KB"
    assert "report_id（报告编号）" in rows["tasks.csv"][1].get_text()
    assert rows["reports/（2 个文件）"]
    text = page.find("main").get_text()
    assert "python" not in text and "generator" not in text and "docs/" not in text


def test_every_exit_code_is_in_the_help_and_the_readme():
    from generator import errors

    codes = {getattr(errors, name) for name in dir(errors) if name.startswith("EXIT_")}
    assert codes == {0, 1, 2, 3, 130}
    help_text = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True,
                               text=True, cwd=ROOT).stdout
    readme = (ROOT / "README.md").read_text("utf-8").split("Exit codes", 1)[1].split("\n\n", 1)[0]
    for code in codes:
        assert f"\n  {code} " in help_text, code
        assert f"; {code} " in readme or f": {code} " in readme, code


@pytest.mark.site
def test_ctrl_c_during_a_build_leaves_the_last_site_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    assert build(project).returncode == 0
    before = (project / "output/index.html").read_bytes()
    add_settings(project, "PAGE_PARALLEL_BYTES = 0")  # so that Pelican workers are rendering
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--settings", "pelicanconf.py",
                                "--output", "output"], cwd=project, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(project.glob("output.new-*/reports")):  # Pelican has begun writing pages
        assert process.poll() is None and time.monotonic() < deadline, "the build never rendered"
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: to the build and its workers
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 130, errors
    assert "Traceback" not in errors and "interrupted: nothing half-built is left" in errors
    assert leftovers(project) == [] and (project / "output/index.html").read_bytes() == before
