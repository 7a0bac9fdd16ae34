"""Turn published key-task progress reports into a browsable static site.

The pipeline, one subpackage per stage, run in this order by `site.build.build`:

- `read`: a file (text or saved HTML, any encoding) -> blocks;
- `parse`: blocks -> `model.Report` (metadata, tables, division entries, sections);
- `link`: reports -> what spans them (ids, events, document mentions, task threads);
- `write`: the linked reports -> Markdown pages for Pelican, open data, feeds;
- `render`: Pelican with our reader and batching plugins -> HTML;
- `index`: the HTML -> Pagefind search bundles;
- `site`: the build that runs them, its caches, the atomic swap, the devserver.
"""
