"""The header of a table whose cells were run together by the copy (glued.py), or apart by tabs:
its labels, split by the column vocabulary."""

from __future__ import annotations

import re

from ..vocabulary import fold, is_label_prefix, role_of

_MAX_LABELS = 12
_UNKNOWN = re.compile(r"\s*[\u4e00-\u9fff（）()]{1,10}\s*")  # a label the vocabulary does not know
_MAX_UNKNOWN = 2


def split_header(text: str) -> list[str] | None:
    """`text` as known column labels that make it up exactly, or None. Labels apart by tabs are
    taken as they stand, known, unknown or empty (the cells a merged one spans), when two of
    them are known, one the task.

    Glued labels are the known ones that leave the fewest characters to labels the vocabulary
    does not know (`序号重点任务完成情况备注`: 备注), then the fewest labels. An unknown label
    stands between known ones or last, never first, and is short words (at most two of them),
    so that a sentence is not read as a header; the label after it is not a short one (问题,
    进展), which may as well end it."""
    if "\t" in text:
        labels = text.split("\t")
        roles = [role_of(label) for label in labels]
        return labels if "task" in roles and sum(1 for r in roles if r) >= 2 and labels[0].strip() else None
    if len(text) > _MAX_LABELS * 12 or not is_label_prefix(text[:2]):
        return None  # most paragraphs: no label at their start
    # best[end][u]: the cheapest labels making up text[:end], u: the last one is unknown
    best: list[list[list[str] | None]] = [[None, None] for _ in range(len(text) + 1)]
    best[0][0] = []
    for start in range(len(text)):
        for after_unknown, labels in enumerate(best[start]):
            if labels is None or len(labels) >= _MAX_LABELS:
                continue
            for end in range(start + 1, min(len(text), start + 24) + 1):
                piece = text[start:end]
                unknown = role_of(piece) is None
                if unknown and (after_unknown or not start or not _UNKNOWN.fullmatch(piece)
                                or sum(1 for label in labels if role_of(label) is None) >= _MAX_UNKNOWN):
                    continue
                if after_unknown and not unknown and len(fold(piece)) < 3:
                    continue  # 存在主要问题 is one label: a short known label (问题, 进展) may end an unknown one
                old = best[end][unknown]
                if old is None or _cost(labels + [piece]) < _cost(old):
                    best[end][unknown] = labels + [piece]
    found = [labels for labels in best[len(text)] if labels]
    labels = min(found, key=_cost) if found else None
    roles = [role_of(label) for label in labels or ()]
    if not labels or sum(1 for r in roles if r) < 3 or "task" not in roles:
        return None
    return labels


def _cost(labels: list[str]) -> tuple[int, int]:
    return sum(len(label) for label in labels if role_of(label) is None), len(labels)
