"""Pagefind's extended build, spoken to directly: its service process, and its files made
reproducible.

Two processes share the bundles (index/search.py); the `pagefind` package's own client waits
0.1 s per message, so we speak the same pipe protocol directly. Pagefind 1.5 writes each
filter's values, and the list of filters in its metadata file, in hash-map order (upstream
Pagefind/pagefind#638): `stabilize` sorts those lists, re-encodes the files and names them by
their content hash as Pagefind does.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
from pathlib import Path

import cbor2
from pagefind_bin_extended import get_executable

from ..errors import BuildError

LANGUAGE = "und"
"""The language every record is given: not Chinese, so Pagefind neither segments our bigrams
when indexing nor the query's in the browser (search.js loads the index under this name)."""
SIGNATURE = b"pagefind_dcd"
# Pagefind's own ready-made UIs; our search.js uses its JavaScript API only.
UNUSED = re.compile(r"pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$")
WINDOW = 8
"""Records sent to Pagefind before we read an answer: their answers (each echoes the title,
up to a few kB) stay well inside a pipe's buffer, so neither side waits on the other's reading."""


class Service:
    """`pagefind --service`: base64 JSON requests and responses, each followed by a comma."""

    def __init__(self, site: Path) -> None:
        self.site = site.resolve()
        self.last_id = 0
        self.buffer = b""

    def __enter__(self) -> "Service":
        self.process = subprocess.Popen([str(get_executable()), "--service"], cwd=self.site,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        self.process.stdout.close()
        self.process.wait()
        self.process.stderr.close()

    def index(self, records) -> dict[str, bytes]:
        """The files of an index of `records`, path -> bytes. We ask for them rather than have
        Pagefind write them: its service answers before its writes reach the disk."""
        index_id = self.send({"type": "NewIndex", "config": None})["index_id"]
        waiting = 0  # records sent whose answer is not read yet: Pagefind indexes while we read the next page
        for record in records:
            self.post({"type": "AddRecord", "index_id": index_id, "language": LANGUAGE, "sort": None, **record})
            waiting += 1
            if waiting > WINDOW:
                self.answer("AddRecord")
                waiting -= 1
        for _ in range(waiting):
            self.answer("AddRecord")
        files = self.send({"type": "GetFiles", "index_id": index_id})["files"]
        self.send({"type": "DeleteIndex", "index_id": index_id})
        return {f["path"]: base64.b64decode(f["content"]) for f in files if not UNUSED.match(f["path"])}

    def send(self, payload: dict) -> dict:
        """Send one request and return its answer (answers to earlier requests are passed over)."""
        self.post(payload)
        while True:
            message_id, answer = self._next(payload["type"])
            if message_id in (self.last_id, None):
                return answer

    def post(self, payload: dict) -> None:
        self.last_id += 1
        message = json.dumps({"message_id": self.last_id, "payload": payload}, ensure_ascii=False).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
        except OSError as exc:
            self._failed(exc)

    def answer(self, kind: str) -> dict:
        """The next answer, to a request of type `kind`."""
        return self._next(kind)[1]

    def _next(self, kind: str) -> tuple[int | None, dict]:
        try:
            response = json.loads(base64.b64decode(self._read_message()))
        except (OSError, ValueError) as exc:
            self._failed(exc)
        answer = response["payload"]
        if answer.get("type") == "Error":
            raise BuildError(f"Pagefind failed on {kind}: {answer.get('message')}")
        return response.get("message_id"), answer

    def _failed(self, exc: Exception):
        raise BuildError(f"Pagefind failed: {exc}; {self.process.stderr.read().decode(errors='replace')}") from exc

    def _read_message(self) -> bytes:
        """The next message; the chunks of a long one (a bundle's files, megabytes) are joined
        once at its end, not copied and searched again as each arrives."""
        chunks = [self.buffer]
        while b"," not in chunks[-1]:
            chunk = self.process.stdout.read1(1 << 16)
            if not chunk:
                raise OSError("Pagefind stopped before answering")
            chunks.append(chunk)
        message, _, self.buffer = b"".join(chunks).partition(b",")
        return message


def _decode(data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise BuildError("a Pagefind file this version of the build does not understand")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encode(files: dict[str, bytes], prefix: str, language: str, digits: int, suffix: str, data) -> str:
    """Add `data` to `files` under a name from its content hash, as Pagefind names it; returns the name."""
    encoded = SIGNATURE + cbor2.dumps(data)
    name = f"{language}_{hashlib.sha256(encoded).hexdigest()[:digits]}"
    files[f"{prefix}{name}{suffix}"] = gzip.compress(encoded, mtime=0)
    return name


def stabilize(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with its filter lists sorted and the files that hold them renamed to match."""
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    for language, info in entry["languages"].items():
        meta = _decode(files.pop(f"pagefind.{info['hash']}.pf_meta"))
        filters = []
        for name, old_hash in sorted(meta[3]):
            filter_name, values = _decode(files.pop(f"filter/{old_hash}.pf_filter"))
            filters.append([name, _encode(files, "filter/", language, 7, ".pf_filter",
                                          [filter_name, sorted(values, key=lambda v: v[0])])])
        meta[3] = filters
        info["hash"] = _encode(files, "pagefind.", language, 13, ".pf_meta", meta)
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
