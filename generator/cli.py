"""Command line: `python -m generator COMMAND …` (see --help)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import EXIT_BAD_INPUT, EXIT_LEFT_OUT as EXIT_WARNINGS, EXIT_OK, GeneratorError, ReportError
from .parse import parse_file

EXIT_CODES = """exit codes:
  0    done
  1    build: built, but some reports were left out (each named); parse --strict: warnings
  2    parse, add: not a report, or refused; build: a stage failed (the previous site stays)
  3    build: the output folder or its disk failed: full, read-only, a mount point (the previous site stays);
       add: content/sources/ could not be written (what was stored before is unchanged)
  130  interrupted by Ctrl-C (unfinished work removed)"""
ROOT = Path.cwd()  # commands run from the project root, as the Makefile does


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn published key-task progress reports into a static site.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="print the structured model of reports as JSON",
                            description="Parse report files (text or saved HTML, UTF-8 or GB18030) and print "
                                        "the model as JSON: one object for one file, an array for several. "
                                        "Diagnostics go to standard error.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--strict", action="store_true", help="exit 1 when any report has warnings")

    b = commands.add_parser("build", help="build the whole site (pages, then Pelican, swapped in atomically)",
                            description="Build the whole site into a fresh folder beside OUTPUT and swap it in "
                                        "atomically. One build per OUTPUT at a time: a second one waits "
                                        "(.OUTPUT.lock).", epilog=EXIT_CODES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    b.add_argument("--output", type=Path, default=ROOT / "output")

    commands.add_parser("content", help="only write the Markdown pages into content/generated/")

    a = commands.add_parser("add", help="add a released report to content/sources/ (validated, canonical name)",
                            description="Parse and validate a report, store it under its canonical name from its "
                                        "索引号 in content/sources/, and print what it brings: new tasks, tasks "
                                        "it continues, divisions, warnings. Then run `make html`.")
    a.add_argument("file", type=Path, metavar="FILE")
    a.add_argument("--replace", action="store_true", help="replace the report with the same 索引号, saying what changed")
    a.add_argument("--url", help="address of the published original, recorded in provenance.toml")

    r = commands.add_parser("remove", help="remove a withdrawn report (its file and provenance entry) from content/sources/")
    r.add_argument("key", metavar="索引号", help="the 索引号, its tail (2021-00558) or the file name in content/sources/")

    s = commands.add_parser("serve", help="serve the site and rebuild when a source report, page or theme changes")
    s.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    s.add_argument("--output", type=Path, default=ROOT / "output")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--as-built", action="store_true", help="serve output/ as it is, without building (make serve)")

    args = parser.parse_args(argv)
    return {"parse": _parse, "build": _build, "content": _content, "serve": _serve,
            "add": _add, "remove": _remove}[args.command](args)


def _add(args) -> int:
    from .add import add_report

    return add_report(args.file, ROOT / "content" / "sources", args.replace, args.url)


def _remove(args) -> int:
    from .remove import remove_report

    return remove_report(args.key, ROOT / "content" / "sources")


def _serve(args) -> int:
    from .site.serve import serve
    from .site.static import serve_static

    return serve_static(args.output, args.port) if args.as_built else serve(args.settings, args.output, ROOT, args.port)


def _build(args) -> int:
    from .site.build import build

    return build(args.settings, args.output, ROOT)


def _content(args) -> int:
    from .site.build import write_pages

    return 1 if write_pages(ROOT) else 0


def _parse(args) -> int:
    results = []
    status = EXIT_OK
    for path in args.files:
        try:
            report = parse_file(path)
        except ReportError as exc:
            print(exc, file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        except GeneratorError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        for diagnostic in report.diagnostics:
            print(diagnostic, file=sys.stderr)
        if args.strict and report.diagnostics and status == EXIT_OK:
            status = EXIT_WARNINGS
        results.append(report.to_json())
    if results:
        data = results[0] if len(args.files) == 1 else results
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return status
