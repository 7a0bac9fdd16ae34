"""CONSTRUCTED reports at the limits of one report (generator/read/limits.py), for the
benchmark's memory case (issue 16, item 11). Not real publications: the title says
【合成测试数据】 and the 索引号 is made up.

Each imitates a layout the site reads: the head as pipe rows (tests/data/head_pipe_rows.txt),
then a task table with the seeds' columns. Three shapes, each near one limit:

- `rows`: as many `a | b |` rows as the row limit allows, every row citing its own
  《第N号实施方案》 with targets and figures (a report of thousands of tasks);
- `long_cells`: pipe rows whose cells hold many numbered items, up to the byte limit;
- `lines`: the seeds' flattened table (one cell per paragraph, blank lines between),
  up to the line limit; its rows are not `a | b |` lines, so the row limit does not count them;
- `one_task`: one row whose target and progress cells hold numbered items of ten quantities of
  one kind each, up to the byte limit: every figure answers every target.

    python -m tests.at_limits rows > report.txt
"""

from __future__ import annotations

import sys

from generator.read.limits import MAX_BYTES, MAX_LINES, MAX_ROWS

HEAD = """索引号: | 002482090/2021-99001 | 发布机构: | 省科技厅 |
发文日期: | 2021-07-15 | 公开方式: | 主动公开 |

【合成测试数据】浙江省科学技术厅2021年度重点工作上半年完成情况

发布日期:2021-07-15 16:02 信息来源:省科技厅 浏览次数:

"""
HEADER = "| 序号 | 重点任务 | 目标 | 进展 | 责任处室 |\n"
DIVISIONS = ("高新处", "基础处", "规划处", "成果处", "社发处", "农村处", "合作处")


def _date(n: int) -> str:
    return f"{n % 6 + 1}月{n % 28 + 1}日"


def _row(n: int) -> str:
    return (f"| {n} | 推进第{n}项重点工作，新增高新技术企业{n}家。 | 1.新增科技型中小企业{3 * n}家。 "
            f"2.建设省级重点实验室{n}家。 | 1.{_date(n)}，印发《第{n}号实施方案》。 "
            f"2.1-6月，全省新增科技型中小企业{2 * n}家。 | 高新处 |\n")


def _long_row(n: int, items: int = 12) -> str:
    targets = " ".join(f"{k}.新增科技型中小企业{3 * n + k}家，建设省级重点实验室{k}家，培育创新联合体{n % 9 + k}个。"
                       for k in range(1, items + 1))
    progress = " ".join(f"{k}.{_date(n + k)}，印发《第{n}号实施方案》第{k}部分，全省新增科技型中小企业{2 * n + k}家，"
                        f"累计建成省级重点实验室{k + 10}家。" for k in range(1, items + 1))
    return f"| {n} | 推进第{n}项重点工作，新增高新技术企业{n}家。 | {targets} | {progress} | {DIVISIONS[n % 7]} |\n"


def _flat_row(n: int) -> str:
    cells = (str(n), f"推进第{n}项重点工作，新增高新技术企业{n}家。", f"1.新增科技型中小企业{3 * n}家。",
             f"2.建设省级重点实验室{n}家。", f"1.{_date(n)}，印发《第{n}号实施方案》。",
             f"2.1-6月，全省新增科技型中小企业{2 * n}家。", DIVISIONS[n % 7])
    return "".join(f"{c}\n\n" for c in cells)


FLAT_HEADER = "省科技厅重点工作任务半年度进展情况表\n\n重点任务\n\n目标任务\n\n完成情况\n\n责任\n\n处室\n\n"


def rows() -> str:
    """A pipe table of as many rows as the limit allows (the head's two lines and the header count)."""
    return HEAD + HEADER + "".join(_row(n) for n in range(1, MAX_ROWS - 2))


def _fill(start: str, row, fits) -> str:
    parts, n = [start], 1
    while fits(parts, next_row := row(n)):
        parts.append(next_row)
        n += 1
    return "".join(parts)


def long_cells() -> str:
    """Pipe rows of twelve-item cells up to 4 kB of the byte limit."""
    size = [len((HEAD + HEADER).encode())]

    def fits(parts, row) -> bool:
        size[0] += len(row.encode())
        return size[0] <= MAX_BYTES - 4096
    return _fill(HEAD.replace("99001", "99002") + HEADER, _long_row, fits)


def lines() -> str:
    """The seeds' flattened table up to 100 lines short of the line limit."""
    count = [(HEAD + FLAT_HEADER).count("\n")]

    def fits(parts, row) -> bool:
        count[0] += row.count("\n")
        return count[0] <= MAX_LINES - 100
    return _fill(HEAD.replace("99001", "99003") + FLAT_HEADER, _flat_row, fits)


def one_task() -> str:
    """One row of thousands of targets and figures that all count 科技型中小企业."""
    head = HEAD.replace("99001", "99004") + HEADER + "| 1 | 推进重点工作。 | "
    targets, progress, size, n = [], [], len(head.encode()) + 40, 1
    while True:
        target = f"{n}." + "，".join(f"新增科技型中小企业{n * 10 + j}家" for j in range(10)) + "。"
        figure = f"{n}." + "，".join(f"全省新增科技型中小企业{n * 10 + j + 5}家" for j in range(10)) + "。"
        size += len(target.encode()) + len(figure.encode()) + 2
        if size > MAX_BYTES - 4096:
            return head + " ".join(targets) + " | " + " ".join(progress) + " | 高新处 |\n"
        targets.append(target)
        progress.append(figure)
        n += 1


REPORTS = {"rows": rows, "long_cells": long_cells, "lines": lines, "one_task": one_task}

if __name__ == "__main__":
    sys.stdout.write(REPORTS[sys.argv[1]]())
