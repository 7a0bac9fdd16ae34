"""Control characters in report text, made safe for XML and HTML when the file is read.

U+0000-U+001F (but tab and line breaks), U+007F and the C1 controls U+0080-U+009F are
not allowed in XML 1.0 feeds and are invisible or harmful in HTML. Each becomes a
visible sign, so the page shows that the published text held one and no later stage
(pages, feeds, search) ever sees it: C0 and DEL their Control Picture (U+2400-U+2421),
C1, which has no pictures, U+FFFD. A warning names the lines.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# In HTML, a character reference to a C0 control or DEL (&#11; &#x1b;) is one too. (References
# to U+0080-U+009F are read as Windows-1252 characters by browsers and by html.unescape.)
_CONTROL_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*(\d{1,3}));")


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def _ref(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if code in _C0_REFS else match.group()


_C0_REFS = {*range(1, 9), 11, 12, *range(14, 32), 127}


def make_safe(text: str, html: bool = False) -> tuple[str, tuple[tuple[int, str, str, str], ...]]:
    """(text with control characters made visible, warnings as (line, code, message, hint))."""
    if html and "&#" in text:
        text = _CONTROL_REF.sub(_ref, text)
    first = _CONTROL.search(text)
    if first is None:
        return text, ()
    codes = sorted({f"U+{ord(m.group()):04X}" for m in _CONTROL.finditer(text)})
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _CONTROL.finditer(text)})
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    warning = (
        lines[0], "control-characters",
        f"control characters ({', '.join(codes[:8])}) on line(s) {shown} are shown as visible signs (␀ ␋ ␛ …)",
        "the published text holds characters no page can show; check the original and re-save it if they are a copying error",
    )
    return _CONTROL.sub(lambda m: _picture(m.group()), text), (warning,)
