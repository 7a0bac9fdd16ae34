"""The monthly routine: `python -m generator add FILE`."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import DATA, SOURCES


@pytest.fixture
def project(tmp_path):
    shutil.copytree(SOURCES, tmp_path / "content" / "sources")
    return tmp_path


def add(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", "add", *map(str, args)],
                          cwd=project, capture_output=True, text=True)


def test_add_stores_under_the_canonical_name_and_summarises(project):
    result = add(project, DATA / "series_q3_2021.txt", "--url", "https://example.org/q3.html")
    assert result.returncode == 0, result.stderr
    stored = project / "content/sources/2021-09901.txt"
    assert stored.read_bytes() == (DATA / "series_q3_2021.txt").read_bytes()
    assert "2 tasks: 1 new, 1 continuing tasks seen before" in result.stdout
    assert "continues: 1-01 大力推进杭州城西科创大走廊建设" in result.stdout
    assert "divisions: 成果处、规划处" in result.stdout
    assert "warning" in result.stdout
    assert 'url = "https://example.org/q3.html"' in (project / "content/sources/provenance.toml").read_text("utf-8")


def test_a_second_copy_of_the_same_index_number_is_refused(project):
    result = add(project, SOURCES / "000_9deafdd47ee1ad59.txt")
    assert result.returncode == 2
    assert "索引号 002482090/2021-00558 is already in content/sources/000_9deafdd47ee1ad59.txt" in result.stderr
    assert "--replace" in result.stderr
    assert not (project / "content/sources/2021-00558.txt").exists()


def test_replace_says_what_changed(project, tmp_path):
    changed = tmp_path / "new.txt"
    text = (SOURCES / "000_9deafdd47ee1ad59.txt").read_text("utf-8")
    changed.write_text(text.replace("2.6月28日,《杭州城西", "2.6月29日,《杭州城西"), "utf-8")
    result = add(project, changed, "--replace")
    assert result.returncode == 0, result.stderr
    assert "changed: task 1-01: progress changed" in result.stdout
    assert not (project / "content/sources/2021-00558.txt").exists()  # the new bytes take the old name
    assert "6月29日" in (project / "content/sources/000_9deafdd47ee1ad59.txt").read_text("utf-8")


def test_a_file_that_is_not_a_report_is_refused(project, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = add(project, empty)
    assert result.returncode == 2 and "empty.txt:1: error: the file is empty" in result.stderr
