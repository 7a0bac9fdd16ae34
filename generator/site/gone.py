"""What a build no longer makes that the last one did: the line the build prints after a report
was removed (`python -m generator remove`) or replaced by one with fewer tasks."""

from __future__ import annotations

SHOWN = 8
"""Pages named one by one at most; the rest are counted."""


def gone(old: dict, new: dict) -> str | None:
    """One line from two builds' .build.json states ({"pages": {file: fingerprint}, "data":
    {report id: key}}), or None when nothing went."""
    pages = sorted(old.get("pages", {}).keys() - new.get("pages", {}).keys())
    reports = sorted(old.get("data", {}).keys() - new.get("data", {}).keys())
    if not pages and not reports:
        return None
    parts = []
    by_report: dict[str, list[str]] = {}
    others = []
    for page in pages:
        kind, _, rest = page.partition("/")
        rid = rest.split("/", 1)[0]
        (by_report.setdefault(rid, []) if kind == "reports" and rid else others).append(page)
    for rid in sorted(set(by_report) | set(reports)):
        mine = by_report.get(rid, [])
        tasks = sum(1 for p in mine if "/tasks/" in p)
        what = (["its page"] if f"reports/{rid}/index.html" in mine else []) + ([f"{tasks} task page{'s' * (tasks > 1)}"] if tasks else [])
        parts.append(f"report {rid}" + (" removed" if rid in reports else "") + (f" ({', '.join(what)})" if what else ""))
    if others:
        names = ", ".join(p.removesuffix("index.html") or "/" for p in others[:SHOWN])
        more = f" and {len(others) - SHOWN} more" if len(others) > SHOWN else ""
        parts.append(f"{len(others)} other pages: {names}{more}")
    return "no longer built: " + "; ".join(parts)
