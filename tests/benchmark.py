"""`make bench`: build time, pages per second and peak memory on a SYNTHETIC corpus.

For each size: a scratch project with N synthetic reports (tests/synthetic.py) is built
in a fresh process; the build reports its stage timings, the kernel its peak memory
(wait4, which counts Pagefind too). At the first size the time to add one report and
rebuild is measured as well. Prints a table and writes bench-results/bench.json.

Targets (issue 6), for reading the numbers, not asserted: pipeline < 10% of the build;
160 reports at >= 400 pages/s; add one report and rebuild 160 in < 3 s; peak < 300 MB at 1,600.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.sitebuild import copy_project
from tests.synthetic import corpus

ROOT = Path(__file__).parent.parent
BUILD = ("import json, sys; from pathlib import Path; from generator.site.build import build, TIMINGS; "
         "rc = build(Path('pelicanconf.py'), Path('output'), Path.cwd()); "
         "print(json.dumps(TIMINGS), file=sys.stderr); sys.exit(rc)")


def project(folder: Path, files: dict[str, str]) -> Path:
    """A copy of the project whose sources are the synthetic reports only."""
    copy_project(folder)
    sources = folder / "content" / "sources"
    shutil.rmtree(sources)
    sources.mkdir()
    for name, text in files.items():
        (sources / name).write_text(text, encoding="utf-8")
    return folder


def run_build(folder: Path) -> dict:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BUILD], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{stderr}")
    timings = json.loads(stderr.strip().splitlines()[-1])
    pages = sum(1 for _ in (folder / "output").rglob("*.html"))
    return {"wall_s": round(wall, 2), "pages": pages, "pages_per_s": round(pages / wall, 1),
            "peak_mb": round(usage.ru_maxrss / 1024, 1),
            **{f"{k}_s": round(v, 2) for k, v in timings.items() if k != "pages"},
            "pipeline_share": round((timings["parse"] + timings["link_emit"]) / wall, 3)}


def measure(count: int, with_add: bool) -> dict:
    files = corpus(count + 1)
    last = max(files)
    extra = files.pop(last)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = project(Path(tmp), files)
        result = {"reports": count, **run_build(folder)}
        if with_add:
            (folder / "content" / "sources" / last).write_text(extra, encoding="utf-8")
            result["add_one_rebuild_s"] = run_build(folder)["wall_s"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "160,1600"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [measure(n, with_add=(i == 0)) for i, n in enumerate(sizes)]
    columns = ["reports", "pages", "wall_s", "pages_per_s", "parse_s", "link_emit_s", "pelican_s",
               "data_feeds_s", "search_s", "pipeline_share", "peak_mb", "add_one_rebuild_s"]
    print("SYNTHETIC corpus (tests/synthetic.py)")
    print(" | ".join(columns))
    for r in results:
        print(" | ".join(str(r.get(c, "")) for c in columns))
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps({"corpus": "synthetic", "results": results}, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
