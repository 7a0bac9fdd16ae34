"""`python -m generator remove 索引号`: take a report out of the site.

Removes the report's file from content/sources/ and its entry from provenance.toml (written
whole through a new file renamed over the old, and checked to lose nothing but that entry),
says what the next build will no longer make, and on an unknown 索引号 names the close ones.
To correct a report, `add --replace` is the command; `remove` is for a report withdrawn.
"""

from __future__ import annotations

import difflib
import re
import sys
import tomllib
from pathlib import Path

from .files import replace_file
from .link.ids import division_names, rows_of
from .link.source import Source
from .site.build import SOURCE_SUFFIXES, load_sources

PROVENANCE = "provenance.toml"
_HEADER = re.compile(r"""^\[\s*(["'])(.+?)\1\s*\]\s*(#.*)?$""")


def remove_report(key: str, sources_dir: Path) -> int:
    """Remove the report whose 索引号, its tail ("2021-00558") or file name is `key`; 0, or 2
    when there is none or provenance.toml cannot be changed safely."""
    sources, _ = load_sources(sources_dir)
    found = next((s for s in sources if key in (s.report.meta.index_no, s.id, s.report.source)), None)
    name = found.report.source if found else key
    path = sources_dir / name
    a_report_file = Path(key).name == key and path.suffix.lower() in SOURCE_SUFFIXES and path.is_file()
    if found is None and not a_report_file:  # a file that could not be read goes by its name
        print(f"content/sources: error: no report has 索引号 {key} [unknown-report]\n"
              f"  hint: {_suggest(key, sources)}", file=sys.stderr)
        return 2
    provenance = sources_dir / PROVENANCE
    text = provenance.read_text("utf-8") if provenance.exists() else ""
    kept = without_entry(text, name)
    if kept is None:
        print(f"content/sources/{PROVENANCE}:1: error: could not take out the entry [\"{name}\"] and keep the rest "
              f"as it was [provenance-not-removed]\n  hint: remove its lines by hand, then run this again; "
              f"nothing was removed", file=sys.stderr)
        return 2
    path.unlink()
    if kept != text:
        replace_file(provenance, kept.encode("utf-8"))
    _say(found, name, sources, kept != text)
    return 0


def without_entry(text: str, name: str) -> str | None:
    """provenance.toml's `text` without the table of `name`: its header, its lines, and the
    comment lines right above its header (a table's comments stand just above it); None
    when the result would hold more or less than everything else."""
    out: list[str] = []
    held: list[str] = []  # comments and blank lines after the skipped table's last key
    skipping = False
    for line in text.splitlines(keepends=True):
        comment_or_blank = not line.strip() or line.lstrip().startswith("#")
        if header := _HEADER.match(line.strip()):
            if skipping:  # the comments above this header are this table's
                while held and not held[0].strip():
                    held.pop(0)
                out += held
            skipping, held = header.group(2) == name, []
            if skipping:
                while out and out[-1].lstrip().startswith("#"):
                    out.pop()
                continue
        if not skipping:
            out.append(line)
        else:
            held = held + [line] if comment_or_blank else []
    result = "".join(out).rstrip("\n") + "\n" if out else ""
    try:
        before, after = tomllib.loads(text), tomllib.loads(result)
    except tomllib.TOMLDecodeError:
        return None
    before.pop(name, None)
    return result if after == before else None


def _say(found: Source | None, name: str, sources: list[Source], provenance: bool) -> None:
    print(f"removed content/sources/{name}" + (f" (索引号 {found.report.meta.index_no or '未注明'})" if found else ""))
    if provenance:
        print(f"  and its entry in content/sources/{PROVENANCE}")
    if found:
        r = found.report
        print(f"  {r.meta.title or '(no title)'}, 发文日期 {r.meta.issued or '未注明'}")
        tasks = len(list(rows_of(r)))
        print(f"  the next build no longer makes its page reports/{found.id}/"
              + (f" and its {tasks} task pages" if tasks else ""))
        elsewhere = {d for s in sources if s is not found for d in division_names(s.report)}
        only_here = [d for d in division_names(r) if d not in elsewhere]
        if only_here:
            print(f"  divisions named in no other report, whose pages go too: {'、'.join(only_here)}")
    print(f"  if the file was committed, `git checkout HEAD -- content/sources/{name}` brings it back")
    print("Run `make html` to rebuild the site.")


def _suggest(key: str, sources: list[Source]) -> str:
    names = {}
    for s in sources:
        for candidate in (s.report.meta.index_no, s.id, s.report.source):
            if candidate:
                names.setdefault(candidate, s)
    close = []
    for c in difflib.get_close_matches(key, list(names), n=6, cutoff=0.6):
        if all(names[c] is not names[o] for o in close):  # one name per report
            close.append(c)
    shown = "、".join(f"{c} ({names[c].report.source})" for c in close[:3])
    what = "give a 索引号 (002482090/2021-00558), its tail (2021-00558) or a file name in content/sources/"
    return f"did you mean {shown}? Or {what}" if close else f"{what[0].upper()}{what[1:]}"
