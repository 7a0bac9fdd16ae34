"""Write: the linked reports -> Markdown pages for Pelican (content/generated/), open data, feeds."""
