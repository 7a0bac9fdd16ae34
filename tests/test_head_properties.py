"""Property tests: the information block, the title and chrome lines in generated layouts
of the CMS family (pairs on lines, `a | b |` rows, cells copied with tabs, one cell per line, by column, saved
HTML tables: one or two pairs a row, a phone copy, the title twice, layout tables around, tool rows,
UTF-8 or GBK, LF or CRLF), with random label variants and spacing. Metadata and title are read right,
no character is lost, nothing raises."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from generator.parse import parse_document
from generator.read.read import parse_source_text
from generator.vocabulary import chrome_kind
from tests.fidelity import check_conservation, model_texts
from tests.test_html_properties import SAVED, saved

LABELS = {
    "index_no": ["索引号", "索取号", "信息索引"],
    "publisher": ["发布机构", "发文机构", "发布单位"],
    "issued": ["发文日期", "成文日期", "生成日期"],
    "disclosure": ["公开方式", "公开形式"],
}
INFO = {"published": ["发布日期", "发布时间", "发表时间"], "origin": ["信息来源", "来源"]}
CHROME = ["跳转到主要内容区域", "无障碍 | 长辈版 | English", "当前位置：首页 > 政府信息公开 > 重点工作",
          "网站地图 | 联系我们", "版权所有：测试省科学技术厅", "网站标识码：3300000000", "浙ICP备00000000号",
          "【打印本页】【关闭本页】", "分享到：微信 微博", "上一篇：测试单位2020年工作报告", "访问量：123",
          "运维电话：0571-00000000", "字体：[ 大 中 小 ]", "首页 | 机构概况 | 政务公开 | 互动交流", "【大】【中】【小】",
          "本网站由测试省科学技术厅主办", "地址：杭州市测试路1号 邮编：310006", "分享至：微信 微博  收藏  【打印】【关闭】",
          "无障碍浏览　长辈版　English", "字号：大 中 小 默认"]
BODY = ["1. 办公室:完成测试工作。", "2. 规划处:完成测试规划。"]
TASKS = ("<table><tr><td>序号</td><td>重点工作任务</td><td>完成情况</td><td>责任单位</td></tr><tr><td>1</td><td>推进测试。</td>"
         "<td>" + "完成测试工作，" * 40 + "形成测试材料。</td><td>规划处</td></tr></table>")
"""A task table one of whose cells holds nearly all the page's text."""
TOOLS = ("<div>分享至：<a href='#'>微信</a> <a href='#'>微博</a>\xa0<a href='#'>收藏</a> 【<a href='#'>打印</a>】【关闭】</div>"
         "<div>字号：<a>大</a> <a>中</a> <a>小</a> <a>默认</a></div><div>浏览次数：<script>document.write(12)</script></div>")


def spaced(label: str, gap: str) -> str:
    return gap.join(label) if gap else label


@st.composite
def reports(draw):
    values = {
        "index_no": f"00248209{draw(st.integers(0, 9))}/20{draw(st.integers(10, 29))}-{draw(st.integers(10000, 99999))}",
        "publisher": draw(st.sampled_from(["省科技厅", "测试单位", "市经信局"])),
        "issued": f"20{draw(st.integers(10, 29))}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}",
        "disclosure": draw(st.sampled_from(["主动公开", "依申请公开"])),
    }
    info = {"published": f"2021-07-1{draw(st.integers(0, 9))} 10:4{draw(st.integers(0, 9))}",
            "origin": draw(st.sampled_from(["省科技厅", "测试单位"]))}
    gap = draw(st.sampled_from(["", " ", "\u3000"]))
    colon = draw(st.sampled_from([":", "：", ""]))
    labels = {k: spaced(draw(st.sampled_from(v)), gap) for k, v in LABELS.items()}
    title = f"测试单位20{draw(st.integers(10, 29))}年{draw(st.integers(1, 12))}月份重点工作完成情况"
    layout = draw(st.sampled_from(["pairs", "pipes", "tabs", "cell-lines", "by-column", "html"]))
    pairs = [(labels[k], values[k]) for k in LABELS]
    info_line = " ".join(f"{draw(st.sampled_from(INFO[k]))}:{info[k]}" for k in INFO)
    cut = draw(st.integers(2, len(title) - 2))
    again = draw(st.sampled_from([[], [title[:-2]], [title[:cut], title[cut:]]]))  # a second copy: cut short, broken
    before = draw(st.lists(st.sampled_from(CHROME), max_size=3))
    after = draw(st.lists(st.sampled_from(CHROME), max_size=3))
    if layout == "html":
        width = draw(st.sampled_from([1, 2]))  # pairs a row
        cells = [f"<td>{html.escape(l)}{colon}</td><td>{html.escape(v)}</td>" for l, v in pairs]
        table = "<table>" + "".join(f"<tr>{''.join(cells[n:n + width])}</tr>" for n in range(0, 4, width)) + "</table>"
        copy = draw(st.sampled_from(["", table, "".join(f"<p>{html.escape(l)}：{html.escape(v)}</p>" for l, v in pairs)]))
        chrome = "".join(f"<div>{html.escape(c)}</div>" for c in before)
        tail = "".join(draw(st.sampled_from([f"<div>{html.escape(c)}</div>", TOOLS])) for c in after)
        again = f"<div>{'<br>'.join(again)}</div>" if again else ""
        body = draw(st.sampled_from(["".join(f"<p>{b}</p>" for b in BODY), TASKS]))
        article = f"{table}{copy}<h1>{title}</h1>{again}<div>{info_line}</div><div>{body}</div>{tail}"
        for _ in range(draw(st.integers(0, 3))):  # pages built from layout tables
            article = f"<table><tr><td>{article}</td></tr></table>"
        source = f"<html><head><title>{title}_测试网站</title></head><body>\n{chrome}{article}\n</body></html>"
        source = saved(source, draw(st.sampled_from(SAVED)), draw(st.booleans()))
    else:
        cells = colon if layout == "tabs" else colon or ":"  # on one line, a pair needs its colon
        colon = colon or ":"
        if layout == "tabs":
            head = [f"{pairs[0][0]}{cells}\t{pairs[0][1]}\t{pairs[1][0]}{cells}\t{pairs[1][1]}",
                    f"{pairs[2][0]}{cells}\t{pairs[2][1]}\t{pairs[3][0]}{cells}\t{pairs[3][1]}"]
        elif layout == "pairs":
            head = [f"{pairs[0][0]}{colon} {pairs[0][1]} {pairs[1][0]}{colon} {pairs[1][1]}",
                    f"{pairs[2][0]}{colon} {pairs[2][1]} {pairs[3][0]}{colon} {pairs[3][1]}"]
        elif layout == "pipes":
            head = [f"{pairs[0][0]}{colon} | {pairs[0][1]} | {pairs[1][0]}{colon} | {pairs[1][1]} |",
                    f"{pairs[2][0]}{colon} | {pairs[2][1]} | {pairs[3][0]}{colon} | {pairs[3][1]} |"]
        elif layout == "cell-lines":
            head = [x for l, v in pairs for x in (l, v)]
        else:
            head = ["| " + " | ".join(l for l, _ in pairs) + " |", "| " + " | ".join(v for _, v in pairs) + " |"]
        source = "\n\n".join([*before, *head, title, *again, info_line, *BODY, *after]) + "\n"
    return source, values, info, title


@given(reports())
def test_generated_heads_are_read_right_and_whole(case):
    source, values, info, title = case
    report = parse_document(parse_source_text(source, "generated.html" if source.startswith("<") else "generated.txt"))
    meta = report.meta
    assert meta.title == title
    assert {k: getattr(meta, k) for k in values} == values
    assert {k: getattr(meta, k) for k in info} == info
    assert not report.unplaced
    assert len(report.entries) == 2 or [len(t.rows) for t in report.tables] == [1]
    assert [t for t in model_texts(report) if chrome_kind(t)] == []
    check_conservation(report, source)  # every piece set aside is listed chrome or a copy, outside the article or not
