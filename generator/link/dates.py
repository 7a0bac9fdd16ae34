"""Dates written inside report text: "4月15日", "3月", "1-5月", "今年以来", "截至6月底", "上半年".

The year comes from the report: a month after the report's own month belongs to
the year before. Only what is written is kept: "3月" stays a month, never a day,
and a period ("1-5月", "今年以来", "上半年", "一季度") stays a period (`When.is_period`),
never filed under the month it ends in as if it happened then.
"""

from __future__ import annotations

import re

from ..model import record

_PATTERN = re.compile(
    r"(?P<until>截[至止]到?(?:目前|(?:(?P<uyear>\d{4})年)?(?P<umonth>\d{1,2})月(?:(?P<uday>\d{1,2})日|底|末|份)?))"
    r"|(?:(?P<year>\d{4})年)?"
    r"(?:(?P<m1>\d{1,2})\s*(?:月份?)?\s*[-—–~至]\s*(?P<m2>\d{1,2})月份?"
    r"|(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日|(?P<since>份?以来))?)"
    r"|(?P<ytd>今年以来|年初以来)|(?P<half>[上下]半年)|(?P<quarter>[第前]?[一二三四]季度)"
)
_SENTENCE = re.compile(r"[^。；;！!？?]*[。；;！!？?]?")
_QUARTERS = "一二三四"


@record
class When:
    """A point or span in time, as precise as the text, no more."""

    phrase: str
    """The words as written: "6月28日", "1-5月", "今年以来"."""
    year: int
    month: int | None
    """The month of a point; the last month of a period."""
    day: int | None = None
    span_start: int | None = None
    """First month of a span ("1-5月" -> 1), else None."""
    span: str | None = None
    """None for a point (a day or a month); else the kind of period: "range" (1-5月), "to_date"
    (今年以来, 截至6月底, 截至目前), "since" (3月以来), "half" (上半年), "quarter" (一季度, 前三季度),
    or "report" (a report's own period: 2020年4月份, 2021年度)."""

    @property
    def is_period(self) -> bool:
        """A span (1-5月, 上半年, 今年以来, a report's period), not a day or a month."""
        return self.span is not None

    @property
    def datetime(self) -> str:
        """The value for <time datetime>: "2021-06-28", "2021-05", or "2021"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 12, self.day or 99)

    @property
    def start_key(self) -> tuple[int, int, int]:
        """Where it begins: a period at its first month, a point where it is."""
        return (self.year, self.span_start or self.month or 1, 0 if self.is_period else self.day or 0)

    @property
    def label(self) -> str:
        """How the site shows it: the year we resolved, then the phrase as written; a period up
        to the report's end as "截至2021年6月", a range as "2021年1-5月"."""
        if self.span == "to_date":
            day = f"{self.day}日" if self.day else ""
            return f"截至{self.year}年{self.month}月{day}"
        if self.span == "range":
            return f"{self.year}年{self.span_start}-{self.month}月"
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
        return When(f"{m.group(1)}年{m.group(2)}月", int(m.group(1)), int(m.group(2)), span="report")
    if m := re.search(r"(\d{4})年.*?(上半年|半年)", title):
        return When(f"{m.group(1)}年上半年", int(m.group(1)), 6, span_start=1, span="half")
    if m := re.search(r"(\d{4})年.*?(?:第)?([一二三四1-4])季度", title):
        q = _QUARTERS.find(m.group(2)) + 1 if m.group(2) in _QUARTERS else int(m.group(2))
        return When(f"{m.group(1)}年第{m.group(2)}季度", int(m.group(1)), q * 3, span_start=q * 3 - 2, span="quarter")
    if m := re.search(r"(\d{4})年", title):
        return When(f"{m.group(1)}年", int(m.group(1)), None, span="report")
    if issued and (m := re.match(r"(\d{4})-(\d{2})", issued)):
        return When(issued, int(m.group(1)), int(m.group(2)), span="report")
    return None


def find_dates(text: str, issued: str | None, period: When | None = None) -> list[Dated]:
    """Every date phrase in `text`, each with its sentence, years resolved from `issued`.

    Periods that run to the report's end (今年以来, 截至目前) end where `period`, the report's
    own period, ends; without it, in the month of `issued`."""
    if not issued or not (m := re.match(r"(\d{4})-(\d{2})", issued)):
        return []
    report_year, report_month = int(m.group(1)), int(m.group(2))
    end = (period.year, period.month) if period and period.month else (report_year, report_month)
    found = []
    if not _PATTERN.search(text):  # most text has no date; a sentence can match only where the text does
        return found
    for sentence in (s for s in _SENTENCE.findall(text) if s.strip()):
        for d in _PATTERN.finditer(sentence):
            when = _resolve(d, report_year, report_month, end)
            if when:
                found.append(Dated(when, sentence.strip()))
    return found


def _resolve(m: re.Match, report_year: int, report_month: int, end: tuple[int, int]) -> When | None:
    phrase = m.group(0)
    if m.group("ytd") or phrase.endswith("目前"):
        return When(phrase, end[0], end[1], span_start=1, span="to_date")
    if m.group("half"):  # 上半年 / 下半年 of the report's year, written before or after it
        upper = phrase.startswith("上")
        return When(phrase, report_year, 6 if upper else 12, span_start=1 if upper else 7, span="half")
    if m.group("quarter"):
        q = _QUARTERS.find(phrase[-3]) + 1
        return When(phrase, report_year, q * 3, span_start=1 if phrase[0] == "前" else q * 3 - 2, span="quarter")
    if m.group("until"):
        month, day, year = int(m.group("umonth")), m.group("uday"), m.group("uyear")
        start, span = 1, "to_date"
    elif m.group("since"):
        month, day, year = int(m.group("month")), None, m.group("year")
        start, span = month, "since"
    else:
        month, day, year = int(m.group("m2") or m.group("month")), m.group("day"), m.group("year")
        start = int(m.group("m1")) if m.group("m1") else None
        span = "range" if start is not None else None
    day = int(day) if day else None
    if not 1 <= month <= 12 or (start is not None and not 1 <= start <= month) or (day and not 1 <= day <= 31):
        return None
    year = int(year) if year else report_year - 1 if month > report_month else report_year
    if span == "since":  # from that month to the report's end
        return When(phrase, year, end[1] if end[0] == year else 12, span_start=month, span=span)
    return When(phrase, year, month, day, start, span)
