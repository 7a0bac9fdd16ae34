"""Bytes to text: detect the encoding from the bytes, never from the file name."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..errors import ReportError

# Chinese government pages come in UTF-8 or the GB family. GB18030 is a superset
# of GBK and GB2312, so a page declared as either is read as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk"}
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)""", re.I)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name). Raise ReportError for empty or binary input."""
    if not data.strip():
        raise ReportError(name, 1, "the file is empty", "check that the report was saved completely")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportError(
            name, line, "the file is binary, not a text or HTML report",
            "save the published page as text (.txt) or as HTML (.html)",
        )
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # UTF-8 up to a character cut at the very end (and Chinese before it, so not a GB file):
    cut = utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data)
    if cut and max(data[:utf8_error.start], default=0) >= 0x80:
        raise ReportError(
            name, data.count(b"\n") + 1, "the file ends in the middle of a character: it was cut short",
            "save the published page again (the whole page), or download it again",
        )
    match = _DECLARED.search(data[:4096])
    declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else None
    if declared in _GB_FAMILY:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    elif declared in (None, "utf-8", "utf8"):
        # Undeclared (or wrongly declared UTF-8): the publishers' pages are GB, and a short GB text is
        # often taken for Big5 by detection (索引号 read as 坰竘瘍), so GB18030 wins when it reads as Chinese.
        gb = _as_gb(data)
        if gb is not None:
            return gb, "gb18030"
    best = from_bytes(data).best()
    if best is not None:
        encoding = "gb18030" if best.encoding.lower() in _GB_FAMILY else best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _looks_like_text(text):
            return text, encoding
    line = data[: utf8_error.start].count(b"\n") + 1
    raise ReportError(
        name, line,
        f"cannot tell the text encoding (not UTF-8 at byte {utf8_error.start}, and no other encoding fits)",
        "re-save the report as UTF-8, or as the GB18030/GBK page the publisher served",
    )


def _as_gb(data: bytes) -> str | None:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    # Binary bytes seldom decode as GB18030 at all, and then not to Chinese: control characters
    # (made visible later) are no sign of a binary file here.
    return text if _mostly_chinese_or_ascii(text) else None


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters: that is a binary file read as text."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) // 100


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte order mark: the NUL bytes of its ASCII characters (digits,
    line breaks, `|`) fall on one side of each pair, and the text decodes to Chinese and
    ASCII. None when the bytes are not that."""
    head = data[:65536]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) * 4 > max(even, odd):  # (CJK characters such as 一, U+4E00, have a NUL byte too)
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _looks_like_text(text) and _mostly_chinese_or_ascii(text) else None


def _mostly_chinese_or_ascii(text: str) -> bool:
    plausible = sum(1 for ch in text if ch < "\x7f" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return plausible * 100 >= len(text) * 95
