"""No character of any fixture is lost, moved to another line, or invented."""

from __future__ import annotations

import dataclasses

import pytest

from generator.parse import parse_file
from generator.read.decode import decode
from tests.conftest import FIXTURES
from tests.fidelity import check_conservation, check_positions


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_character_is_accounted_for(path):
    report = parse_file(path)
    text, _ = decode(path.read_bytes(), path.name)
    check_conservation(report, text, html_chrome=path.suffix == ".html")
    if path.suffix == ".txt":
        check_positions(report, text)


def test_the_checker_notices_a_dropped_character(tmp_report):
    """The conservation check itself can fail: drop one character from the ledger."""
    path = tmp_report("测试报告标题\n\n正文第一段。\n")
    report = parse_file(path)
    damaged = dataclasses.replace(report, ledger=report.ledger[:-1])
    with pytest.raises(AssertionError):
        check_conservation(damaged, path.read_text(encoding="utf-8"))
