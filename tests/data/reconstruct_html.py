"""Rebuild the HTML page of a seed report the way the publisher's CMS carries it.

TEST DATA, RECONSTRUCTED: the publisher's saved pages are not part of this
project, so the HTML fixtures here are rebuilt from the seeds' reviewed golden
models (tests/golden/*.json): the 主动公开 information table, the title, the
发布日期 line, and the body with a real <table> (or one <p> per division entry),
wrapped in navigation and footer chrome. Run once by hand:

    python -m tests.data.reconstruct_html
"""

from __future__ import annotations

import html
import json
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE.parent / "golden"


def page(model: dict, charset: str) -> str:
    m = model["meta"]
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        "<html>",
        "<head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{e(m['title'])}</title>",
        "<script>var unitid = 1229225190;</script>",
        "</head>",
        "<body>",
        '<nav class="nav"><a href="/">首页</a> <a href="/col/col1229225190/">政府信息公开</a></nav>',
        '<div class="main">',
        "<p>当前位置: 首页 &gt; 政府信息公开 &gt; 主动公开</p>",
        '<table class="xxgk_table">',
        f"<tr><td>索引号:</td><td>{e(m['index_no'])}</td><td>发布机构:</td><td>{e(m['publisher'])}</td></tr>",
        f"<tr><td>发文日期:</td><td>{e(m['issued'])}</td><td>公开方式:</td><td>{e(m['disclosure'])}</td></tr>",
        "</table>",
        f'<div class="title">{e(m["title"])}</div>',
        f'<div class="info">发布日期:{e(m["published"])} 信息来源:{e(m["origin"])} 浏览次数:<span id="c"></span></div>',
        '<div id="zoom">',
    ]
    for table in model["tables"]:
        if table["caption"]:
            out.append(f"<p>{e(table['caption'])}</p>")
        out.append('<table border="1">')
        head = []
        for column in table["columns"]:
            span = ' colspan="2"' if column["role"] == "task" else ""
            head.append(f"<td{span}><p>{e(column['label'])}</p></td>")
        out.append("<tr>" + "".join(head) + "</tr>")
        for row in table["rows"]:
            cells = [f"<td>{e(row['number'])}</td>"]
            for column in table["columns"]:
                items = row["cells"].get(column["role"] or column["label"], [])
                if column["role"] == "owners":
                    body = "<br>".join(e(name) for name in items)
                else:
                    body = "".join(f"<p>{e((i['marker'] or '') + i['text'])}</p>" for i in items)
                cells.append(f"<td>{body}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    for entry in model["entries"]:
        out.append(f"<p>{e(entry['number'])}. {e(entry['division'])}:{e(entry['text'])}</p>")
    out += [
        "</div>",
        '<div class="print"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>',
        "</div>",
        "<footer><p>主办单位:浙江省科学技术厅</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def main() -> None:
    for name, out, charset in (
        ("000_9deafdd47ee1ad59", "000_reconstructed.html", "utf-8"),
        ("004_3ad8db09de54a942", "004_reconstructed_gb18030.html", "gb18030"),
    ):
        model = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        (HERE / out).write_bytes(page(model, charset).encode(charset))


if __name__ == "__main__":
    main()
