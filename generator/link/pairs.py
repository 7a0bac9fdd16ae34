"""Which figures answer a target, found through groups instead of pair by pair (issue 16).

`targets.answers` holds a figure to a target when both count the same thing (`Quantity.key`),
both or neither say 累计, and the figure's unit has the target's base, or the figure has no
unit and the target counts in a measure word. So a task's figures fall into groups by (thing,
累计, base) and a target is answered by one or two whole groups: its answers are found in time
linear in the targets and figures. Comparing each target with each figure made 810,000 pairs
for a 71 kB task of 900 targets and 900 figures of one kind.
"""

from __future__ import annotations

import heapq
from itertools import islice

from .quantities import Quantity, unit_spec

NO_UNIT = ("no unit",)
"""The base of a figure written without a unit."""


def group_key(q: Quantity) -> tuple | None:
    """The group of a reported figure; None for one that answers no target."""
    if not q.key:
        return None
    if not q.unit:
        return (q.key, "累计" in q.qualifiers, NO_UNIT)
    spec = unit_spec(q.unit)
    return (q.key, "累计" in q.qualifiers, spec["base"]) if spec else None


def wanted(q: Quantity) -> tuple[tuple, ...]:
    """The groups of the figures that answer a target (`targets.answers`)."""
    spec = unit_spec(q.unit) if q.unit and q.key else None
    if not spec:
        return ()
    total = "累计" in q.qualifiers
    return ((q.key, total, spec["base"]),) + (((q.key, total, NO_UNIT),) if spec["count"] else ())


class TaskFigures:
    """One task's figures by group, each group in the task's order, and each group's latest
    figure (by period; the later one on a tie)."""

    def __init__(self, figures) -> None:
        self.groups: dict[tuple, list] = {}
        self.latest: dict[tuple, tuple] = {}
        for i, f in enumerate(figures):
            key = group_key(f.quantity)
            if key is None:
                continue
            self.groups.setdefault(key, []).append((i, f))
            best = self.latest.get(key)
            if best is None or f.period.datetime >= best[1].period.datetime:
                self.latest[key] = (i, f)


def answering(rows: list[TaskFigures], keys: tuple[tuple, ...], limit: int) -> tuple[list, int, object]:
    """The figures of `rows` (in order) in the groups `keys`: (the first `limit` of them in
    order, how many there are, the latest of all: the later one on a tie, as `max` over them
    taken in reverse finds it)."""
    listed, count, latest = [], 0, None
    for row in rows:
        groups = [row.groups[k] for k in keys if k in row.groups]
        count += sum(map(len, groups))
        if len(listed) < limit:
            listed += [f for _, f in islice(heapq.merge(*groups, key=lambda p: p[0]), limit - len(listed))]
        for _, f in sorted((row.latest[k] for k in keys if k in row.latest), key=lambda p: p[0]):
            if latest is None or f.period.datetime >= latest.period.datetime:
                latest = f
    return listed, count, latest
