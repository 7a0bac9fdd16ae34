"""Property tests: on generated reports the parser never crashes and conserves text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import SEEDS

from generator.errors import ReportError
from generator.parse import parse_document
from generator.read.read import parse_source_text
from tests.fidelity import check_conservation, check_positions

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PUNCT = st.sampled_from(list("。,、;:“”《》()-.|1234567890 \u3000\xa0"))
sentence = st.text(st.one_of(CJK, CJK, CJK, PUNCT), min_size=1, max_size=30)
division = st.sampled_from(["办公室", "规划处", "高新处", "成果处", "社发处", "基金办", "某某中心"])
label = st.sampled_from(["重点工作", "任务", "目标任务", "工作举措", "完成情况", "责任", "单位", "存在", "问题",
                         "下一步", "打算", "序号", "备注"])


@st.composite
def numbered(draw):
    count = draw(st.integers(1, 4))
    return [f"{n}.{draw(sentence)}" for n in range(1, count + 1)]


@st.composite
def flat_table_report(draw):
    lines = [draw(sentence) + "情况"]
    lines += draw(st.lists(label, min_size=0, max_size=10))
    for n in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(str(n))
        lines.append(draw(sentence))
        for _ in range(draw(st.integers(0, 4))):
            lines += draw(st.one_of(numbered(), sentence.map(lambda s: [s])))
        lines += draw(st.lists(division, max_size=3))
        lines += draw(st.one_of(numbered(), st.just([])))
    return "\n\n".join(lines)


@st.composite
def division_list_report(draw):
    lines = [draw(sentence) + "完成情况"]
    for n in range(1, draw(st.integers(1, 8)) + 1):
        if draw(st.booleans()) or n == 1:
            lines.append(f"{n}. {draw(division)}:{draw(sentence)}")
        else:
            lines.append(draw(sentence))
    return "\n\n".join(lines)


SEED_LINES = [p.read_text("utf-8").split("\n") for p in SEEDS]


@st.composite
def mutated_seed(draw):
    """A real seed with lines dropped, duplicated, swapped or spliced with junk."""
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "junk", "cut"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(st.one_of(CJK, PUNCT), max_size=6)) + lines[i][at:]
        else:
            lines = lines[:i]
    return "\n".join(lines)


any_report = st.one_of(
    mutated_seed(),
    flat_table_report(),
    division_list_report(),
    st.lists(st.one_of(sentence, label, division, numbered().map("\n".join)), max_size=20).map("\n".join),
    st.text(max_size=200),
)


@given(any_report)
@example("0情况\n\n重点工作\n\n重点工作\n\n重点工作\n\n1\n\n0\n\n1.0")  # repeated labels: unique keys
@example("重点工作\n重点工作\n责任单位\n1\n0\n一室\n0")  # text after the last column: unplaced
def test_parser_never_crashes_and_conserves_text(text):
    try:
        report = parse_document(parse_source_text(text, "generated.txt"))
    except ReportError as exc:
        assert exc.line >= 1 and exc.hint
        return
    check_conservation(report, text)
    check_positions(report, text.replace("\r\n", "\n").replace("\r", "\n"))


@given(flat_table_report())
def test_same_input_same_model(text):
    def parse():
        try:
            return parse_document(parse_source_text(text, "generated.txt")).to_json()
        except ReportError as exc:
            return str(exc)
    assert parse() == parse()
