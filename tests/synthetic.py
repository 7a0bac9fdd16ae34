"""A deterministic SYNTHETIC corpus of reports for the benchmark. Not real publications.

Every report is marked as synthetic in its title (【合成测试数据】) and has a made-up
索引号 (SYN/…). Shapes follow the seeds: monthly division lists of 14 divisions, and
quarterly / half-year tables of 10-30 tasks with the seed's column set, numbered lists,
dates written in the text and cited documents. A year's table reports all report on that
year's task list, as the real series does. Ten years of one department ≈ 160 reports.

    python -m tests.synthetic --reports 160 --out DIR
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
DIVISIONS = ["办公室", "法规处", "规划处", "监督处", "基础处", "高新处", "农村处", "社发处", "成果处",
             "合作处", "人事处", "机关党委", "外专局", "基金办"]
HEADER = ["重点工作", "任务", "目标任务", "工作举措", "完成情况", "责任", "单位", "存在", "问题", "下一步", "打算"]


def _pool() -> list[str]:
    """Sentences from the seed reports, with their list markers and dates removed."""
    text = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "content/sources").glob("*.txt")))
    sentences = re.findall(r"[^。\n]{8,80}。", text)
    return sorted({re.sub(r"^\s*\d+\s*[.、]\s*", "", re.sub(r"\d{1,2}月\d{1,2}日,?", "", s)) for s in sentences})


def _documents(rng: random.Random, n: int = 80) -> list[str]:
    subjects = ["科技创新", "成果转化", "实验室建设", "高新区发展", "科技金融", "人才引进", "种业振兴", "数字化改革"]
    kinds = ["实施意见", "行动方案", "管理办法", "发展规划", "工作指引", "若干意见"]
    return sorted({f"关于推进{rng.choice(subjects)}的{rng.choice(kinds)}" for _ in range(n * 3)})[:n]


def _sentence(rng, pool, docs, month: int) -> str:
    s = rng.choice(pool)
    if rng.random() < 0.3:
        s = f"{rng.choice(['制定', '印发', '起草', '审议通过'])}《{rng.choice(docs)}》," + s
    if rng.random() < 0.3:
        s = f"{rng.randint(1, month)}月{rng.randint(1, 28)}日," + s
    return s


def _cell(rng, pool, docs, month: int) -> list[str]:
    n = rng.choice([1, 1, 2, 3, 4])
    if n == 1:
        return [_sentence(rng, pool, docs, month)]
    return [f"{i}.{_sentence(rng, pool, docs, month)}" for i in range(1, n + 1)]


def year_tasks(rng, pool) -> list[tuple[str, list[str]]]:
    """A year's key tasks and their divisions. Like the real series, every table report of a
    year reports on the same tasks, so a task's thread runs through that year's reports."""
    return [(f"{rng.choice(pool)[:-1]}；{rng.choice(pool)}", rng.sample(DIVISIONS[2:], rng.randint(1, 3)))
            for _ in range(rng.randint(10, 30))]


def report(n: int, year: int, month: int, kind: str, rng, pool, docs, tasks) -> str:
    day = 28 if month != 2 else 27
    issued = f"{year}-{month:02d}-{day:02d}"
    if kind == "list":
        title = f"【合成测试数据】浙江省科技厅{year}年{month}月份重点工作完成情况"
    else:
        period = {3: "一季度", 6: "半年度", 9: "三季度", 12: "年度"}[month]
        title = f"【合成测试数据】浙江省科学技术厅{year}年度重点工作{period}完成情况"
    lines = [f"索引号: SYN/{year}-{n:05d} 发布机构: 省科技厅", f"发文日期: {issued} 公开方式: 主动公开", "",
             title, "", f"发布日期:{issued} 10:00 信息来源:省科技厅 浏览次数:", ""]
    if kind == "list":
        for i, division in enumerate(DIVISIONS, start=1):
            text = "".join(_sentence(rng, pool, docs, month) for _ in range(rng.randint(2, 6)))
            lines += [f"{i}. {division}:{text}", ""]
    else:
        lines += [part for label in HEADER for part in (label, "")]
        for row, (task, owners) in enumerate(tasks, start=1):
            lines += [str(row), "", task, ""]
            for _ in range(3):  # target, measures, progress
                lines += [part for p in _cell(rng, pool, docs, month) for part in (p, "")]
            lines += [part for d in owners for part in (d, "")]
            lines += [part for p in _cell(rng, pool, docs, month) for part in (p, "")]
    lines.append("Produced By 大汉网络 大汉版通发布系统")
    return "\n".join(lines) + "\n"


def corpus(count: int, seed: int = 2026) -> dict[str, str]:
    """File name -> text for `count` reports, oldest first, 16 a year from 2011."""
    rng = random.Random(seed)
    pool, docs = _pool(), _documents(rng)
    files = {}
    n = 0
    year = 2011
    while n < count:
        tasks = year_tasks(rng, pool)
        for month in range(1, 13):
            for kind in ("list",) + (("table",) if month % 3 == 0 else ()):
                if month % 3 == 0 and kind == "list" and month in (6, 12):
                    continue  # half-year and year: the table replaces that month's list
                if n >= count:
                    break
                n += 1
                files[f"syn-{n:05d}.txt"] = report(n, year, month, kind, rng, pool, docs, tasks)
        year += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=160)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in corpus(args.reports).items():
        (args.out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
