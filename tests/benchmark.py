"""`make bench`: build time, pages per second and peak memory on a SYNTHETIC corpus.

For each size: a scratch project with N synthetic reports (tests/synthetic.py) is built
in a fresh process; the build reports its stage timings, the kernel its peak memory
(wait4: the largest of the build and Pagefind). At the first size a rebuild with nothing
changed and one after adding a report (the monthly routine) are measured as well, three
times each (BENCH_RUNS), and the median run of each kind is reported. Each scratch
project is a new directory under bench-results/: on these machines a directory where
thousands of files were just deleted is slow to write to for minutes. Prints a table,
whether each target is met, and writes bench-results/bench.json.

Search (issue 15), after each cold build: the index's size per 1,000 pages indexed, and the
bytes a browser fetches from pagefind/ for one query on a freshly opened search page (its
scripts, each bundle's metadata, the index chunks and the fragments of the results shown),
the median over QUERIES, in headless Chromium when it is installed; then the CPU seconds of
indexing the report and task pages again on their own (Pagefind and our part of it, steadier
than the build's search_s on a shared machine).

Memory at the limits (issue 16): a cold build of one CONSTRUCTED report at each limit of
one report (tests/at_limits.py: the row, byte and line limits), alone in a project, with the
peak resident memory of each of its processes (the build, its Pelican workers, the process
writing open data, Pagefind), sampled from /proc (`process_peaks`). `BENCH_LIMITS=0` skips it;
`BENCH_SIZES=` (empty) runs it alone.

Targets (issue 6), for reading the numbers, not asserted: pipeline < 10% of the build;
160 reports at >= 400 pages/s; add one report and rebuild 160 in < 3 s; peak < 300 MB at 1,600;
and (issue 16) every process of a build of a report at the limits under 300 MB.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from tests.at_limits import REPORTS as AT_LIMITS
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
            # CPU seconds of the build and everything it ran (Pelican workers, Pagefind): steadier
            # than wall time on a shared machine, and the floor for wall time times the cores.
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1),
            **{f"{k}_s": round(v, 2) for k, v in timings.items() if isinstance(v, float)},
            **{k: v for k, v in timings.items() if isinstance(v, int) and k != "pages"},
            "link_emit_s": round(timings["link"] + timings["emit"], 2),
            "pipeline_share": round((timings["parse"] + timings["link"] + timings["emit"]) / wall, 3)}


QUERIES = ("科技", "实验室", "种质资源", "监督处", "高质量发展", "G60")
"""Typical queries: words of the synthetic reports (which are made of the seeds' sentences)."""


class _Counting(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int]]

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        self.served.append((self.path, len(data)))
        outputfile.write(data)

    def log_message(self, *args) -> None:
        pass


def search_measures(site: Path) -> dict:
    """Index size per 1,000 pages indexed, and kB fetched from pagefind/ for one query."""
    from tests.browser import SEARCH_DONE, Browser, available

    root = site / "pagefind"
    pages = sum(language["page_count"] for entry in root.glob("**/pagefind-entry.json")  # bundles and their parts
                for language in json.loads(entry.read_text("utf-8"))["languages"].values())
    code = (".js", ".pagefind")  # Pagefind's scripts and WebAssembly, the same in every bundle
    index = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.name.endswith(code))
    result = {"search_pages": pages, "index_kb_per_1000_pages": round(index / pages * 1000 / 1024)}
    if not available():
        return result
    served: list[tuple[str, int]] = []
    handler = functools.partial(type("Handler", (_Counting,), {"served": served}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes = []
    try:
        for query in QUERIES:
            served.clear()
            browser = Browser()  # a new profile: nothing cached
            try:
                browser.open(f"http://127.0.0.1:{server.server_address[1]}/search/?q={quote(query)}")
                browser.wait(SEARCH_DONE, timeout=60)
            finally:
                browser.close()
            sizes.append(sum(size for path, size in served if path.startswith("/pagefind/")))
    finally:
        server.shutdown()
        server.server_close()
    sizes.sort()
    return {**result, "query_kb": round(sizes[len(sizes) // 2] / 1024, 1),
            "query_kb_range": [round(sizes[0] / 1024, 1), round(sizes[-1] / 1024, 1)]}


INDEX = ("import json; from pathlib import Path; from generator.index.search import index_search; "
         "index_search(Path('.'), [], {}, json.loads(Path('years.json').read_text('utf-8')))")


def report_years(site: Path) -> dict[str, str]:
    """Each report's year as the build gives it to the indexer, read back from its page's filter."""
    from generator.index.text import page_text
    from generator.write.common import UNDATED

    years = {}
    for page in (site / "reports").glob("*/index.html"):
        label = dict(page_text(page.read_text("utf-8")).filters).get("year", "")
        years[page.parent.name] = label.removesuffix("年") if label[:4].isdigit() else UNDATED
    return years


def index_cpu(site: Path) -> float:
    """CPU seconds to index the report and task pages of a copy of the built site, in its bundles."""
    copy = site.with_name("index-copy")
    shutil.copytree(site, copy, symlinks=True)
    (copy / "years.json").write_text(json.dumps(report_years(site)), "utf-8")
    process = subprocess.Popen([sys.executable, "-c", INDEX], cwd=copy, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"indexing failed:\n{stderr}")
    return round(usage.ru_utime + usage.ru_stime, 2)


def measure(count: int, with_add: bool) -> list[dict]:
    """A cold build of `count` reports in a fresh project; then, if asked, a rebuild with
    nothing changed and one after adding the next report (the monthly routine)."""
    files = corpus(count + 1)
    last = max(files)
    extra = files.pop(last)
    (ROOT / "bench-results").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scratch-", dir=ROOT / "bench-results") as tmp:
        folder = project(Path(tmp), files)
        results = [{"reports": count, "build": "cold", **run_build(folder), **search_measures(folder / "output"),
                    "index_cpu_s": index_cpu(folder / "output")}]
        if with_add:
            results.append({"reports": count, "build": "unchanged", **run_build(folder)})
            (folder / "content" / "sources" / last).write_text(extra, encoding="utf-8")
            results.append({"reports": count + 1, "build": "add one", **run_build(folder)})
    return results


def median_of(runs: int, count: int, with_add: bool) -> list[dict]:
    """Each kind of build's median run (by wall time) out of `runs`, each in a new project:
    timings on these machines vary by a third from run to run."""
    samples = [measure(count, with_add) for _ in range(runs)]
    chosen = []
    for i in range(len(samples[0])):
        ordered = sorted((s[i] for s in samples), key=lambda r: r["wall_s"])
        chosen.append({**ordered[len(ordered) // 2], "runs": runs,
                       "wall_s_range": [ordered[0]["wall_s"], ordered[-1]["wall_s"]]})
    return chosen


KINDS = {"python": "build", "build-pelican": "pelican", "build-meanwhile": "open_data", "pagefind_extend": "pagefind"}
"""The build's processes by name (/proc/PID/comm; the build names its workers, render/pelican.py)."""


def _tree(root: int) -> list[int]:
    """`root` and every process descending from it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        found.append(pid := todo.pop())
        todo += parents.get(pid, [])
    return found


def process_peaks(process: subprocess.Popen, every: float = 0.05) -> tuple[dict[str, float], int, object]:
    """The largest peak resident memory (VmHWM, MB) of each kind of process in `process`'s
    tree, read from /proc every `every` seconds until it ends (Linux only); then its wait
    status and resource usage (wait4)."""
    peaks: dict[str, float] = {}
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return peaks, status, usage
        for member in _tree(process.pid):
            try:
                kind = KINDS.get(Path(f"/proc/{member}/comm").read_text().strip(), "other")
                status_text = Path(f"/proc/{member}/status").read_text()
            except OSError:
                continue
            for line in status_text.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[kind] = max(peaks.get(kind, 0.0), round(int(line.split()[1]) / 1024, 1))
        time.sleep(every)


def limits_memory() -> list[dict]:
    """A cold build of each report of tests/at_limits.py alone in a fresh project: its time and
    the peak memory of each of its processes, and of the largest (the kernel's, from wait4)."""
    results = []
    for name, make in AT_LIMITS.items():
        text = make()
        (ROOT / "bench-results").mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="scratch-", dir=ROOT / "bench-results") as tmp:
            folder = project(Path(tmp), {f"{name}.txt": text})
            start = time.perf_counter()
            process = subprocess.Popen([sys.executable, "-c", BUILD], cwd=folder, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            peaks, status, usage = process_peaks(process)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"the build of the {name} report failed")
            results.append({"report": name, "bytes": len(text.encode()), "lines": text.count("\n"),
                            "wall_s": round(time.perf_counter() - start, 1),
                            "pages": sum(1 for _ in (folder / "output").rglob("*.html")),
                            "peak_mb": round(usage.ru_maxrss / 1024, 1),
                            **{f"{kind}_mb": mb for kind, mb in sorted(peaks.items())}})
    return results


TARGETS = (
    ("pipeline share of a cold build", lambda r: r["build"] == "cold", "pipeline_share", "<", 0.10),
    ("pages/s, cold build of 160", lambda r: r["build"] == "cold" and r["reports"] == 160, "pages_per_s", ">=", 400),
    ("seconds to add one report to 160 and rebuild", lambda r: r["build"] == "add one" and r["reports"] == 161,
     "wall_s", "<", 3.0),
    ("peak MB at 1,600", lambda r: r["build"] == "cold" and r["reports"] == 1600, "peak_mb", "<", 300),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "160,1600"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]  # BENCH_SIZES= : the memory case alone
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    # The small size is measured `runs` times (it is quick); a larger one once.
    results = [r for i, n in enumerate(sizes) for r in median_of(runs if i == 0 else 1, n, with_add=(i == 0))]
    columns = ["reports", "build", "runs", "wall_s", "wall_s_range", "cpu_s", "pages", "pages_per_s", "parse_s", "link_emit_s", "data_feeds_s",
               "pelican_s", "search_s", "swap_s", "pipeline_share", "peak_mb", "rendered", "bundles_indexed",
               "search_pages", "index_kb_per_1000_pages", "query_kb", "query_kb_range", "index_cpu_s"]
    print("SYNTHETIC corpus (tests/synthetic.py), 2 cores")
    print(" | ".join(columns))
    for r in results:
        print(" | ".join(str(r.get(c, "")) for c in columns))
    print("targets (issue 6):")
    for label, which, key, op, limit in TARGETS:
        for r in filter(which, results):
            met = r[key] < limit if op == "<" else r[key] >= limit
            print(f"  {label}: {r[key]} ({op} {limit}: {'met' if met else 'NOT met'}) [{r['reports']}, {r['build']}]")
    limits = limits_memory() if os.environ.get("BENCH_LIMITS", "1") != "0" else []
    if limits:
        columns = ["report", "bytes", "lines", "pages", "wall_s", "peak_mb", "build_mb", "pelican_mb",
                   "open_data_mb", "pagefind_mb"]
        print("one CONSTRUCTED report at the limits (tests/at_limits.py), peak MB by process")
        print(" | ".join(columns))
        for r in limits:
            print(" | ".join(str(r.get(c, "")) for c in columns))
            met = r["peak_mb"] < 300
            print(f"  peak MB of a report at the limits: {r['peak_mb']} (< 300: {'met' if met else 'NOT met'}) [{r['report']}]")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps({"corpus": "synthetic", "results": results, "limits": limits}, indent=1) + "\n",
                        "utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
