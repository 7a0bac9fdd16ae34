"""Dates written inside report text: "4月15日", "3月", "1-5月", "今年以来", "上半年".

The year comes from the report: a month after the report's own month belongs to
the year before. Only what is written is kept: "3月" stays a month, never a day.
"""

from __future__ import annotations

import re

from ..model import record

_PATTERN = re.compile(
    r"(?:(?P<year>\d{4})年)?"
    r"(?:(?P<m1>\d{1,2})\s*[-—–~至]\s*(?P<m2>\d{1,2})月"
    r"|(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)"
    r"|(?P<ytd>今年以来)|(?P<h1>上半年)"
)
_SENTENCE = re.compile(r"[^。；;！!？?]*[。；;！!？?]?")


@record
class When:
    """A point or span in time, as precise as the text, no more."""

    phrase: str
    """The words as written: "6月28日", "1-5月", "今年以来"."""
    year: int
    month: int | None
    day: int | None = None
    span_start: int | None = None
    """First month of a span ("1-5月" -> 1), else None."""

    @property
    def datetime(self) -> str:
        """The value for <time datetime>: "2021-06-28", "2021-05", or "2021"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_period(self) -> bool:
        """A span of months (1-5月, 上半年, 今年以来), not a day or a month."""
        return self.span_start is not None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 12, self.day or 99)

    @property
    def label(self) -> str:
        """How the site shows it: the year we resolved, then the phrase as written."""
        if self.phrase.startswith(f"{self.year}年"):
            return self.phrase
        return f"{self.year}年{self.phrase}"


@record
class Dated:
    when: When
    sentence: str
    """The sentence of the text the date belongs to."""


def report_period(title: str | None, issued: str | None) -> When | None:
    """The period a report covers, from its title ("2020年4月份", "2021年度…半年度"), else its date."""
    title = title or ""
    if m := re.search(r"(\d{4})年\s*(\d{1,2})\s*月份?", title):
        return When(f"{m.group(1)}年{m.group(2)}月", int(m.group(1)), int(m.group(2)))
    if m := re.search(r"(\d{4})年.*?(上半年|半年)", title):
        return When(f"{m.group(1)}年上半年", int(m.group(1)), 6, span_start=1)
    if m := re.search(r"(\d{4})年.*?(?:第)?([一二三四1-4])季度", title):
        q = "一二三四".find(m.group(2)) + 1 if m.group(2) in "一二三四" else int(m.group(2))
        return When(f"{m.group(1)}年第{m.group(2)}季度", int(m.group(1)), q * 3, span_start=q * 3 - 2)
    if m := re.search(r"(\d{4})年", title):
        return When(f"{m.group(1)}年", int(m.group(1)), None)
    if issued and (m := re.match(r"(\d{4})-(\d{2})", issued)):
        return When(issued, int(m.group(1)), int(m.group(2)))
    return None


def find_dates(text: str, issued: str | None) -> list[Dated]:
    """Every date phrase in `text`, each with its sentence, years resolved from `issued`."""
    if not issued or not (m := re.match(r"(\d{4})-(\d{2})", issued)):
        return []
    report_year, report_month = int(m.group(1)), int(m.group(2))
    found = []
    if not _PATTERN.search(text):  # most text has no date; a sentence can match only where the text does
        return found
    for sentence in (s for s in _SENTENCE.findall(text) if s.strip()):
        for d in _PATTERN.finditer(sentence):
            when = _resolve(d, report_year, report_month)
            if when:
                found.append(Dated(when, sentence.strip()))
    return found


def _resolve(m: re.Match, report_year: int, report_month: int) -> When | None:
    phrase = m.group(0)
    if m.group("ytd"):
        return When(phrase, report_year, report_month, span_start=1)
    if m.group("h1"):
        return When(phrase, report_year, 6, span_start=1)
    month = int(m.group("m2") or m.group("month"))
    start = int(m.group("m1")) if m.group("m1") else None
    day = int(m.group("day")) if m.group("day") else None
    if not 1 <= month <= 12 or (start is not None and not 1 <= start <= month) or (day and not 1 <= day <= 31):
        return None
    if m.group("year"):
        year = int(m.group("year"))
    else:
        year = report_year - 1 if month > report_month else report_year
    return When(phrase, year, month, day, start)
