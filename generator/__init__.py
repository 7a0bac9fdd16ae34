"""Turn published key-task progress reports into a browsable static site.

Stages, each a subpackage or module named for what it holds:

- `sources`: read a file (text or saved HTML, UTF-8 or GB18030) into blocks;
- `parse`: blocks -> `model.Report` (metadata, tables, division entries, sections);
- `site` (emit): reports -> Markdown pages for Pelican, written atomically;
- `pelican_reader`: the Pelican plugin that renders those pages with markdown-it-py.
"""
