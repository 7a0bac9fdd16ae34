"""Regenerate tests/golden/*.json from the fixture reports: `make golden`.

Read the diff line by line against the source before committing it: the golden
files are what the tests hold the parser to.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.parse import parse_file

ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS_GLOB = "*.txt"
SOURCES = sorted((ROOT / "content" / "sources").glob(SEEDS_GLOB))


def golden_text(path: Path) -> str:
    return json.dumps(parse_file(path).to_json(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for path in SOURCES:
        target = GOLDEN / f"{path.stem}.json"
        target.write_text(golden_text(path), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
