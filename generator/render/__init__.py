"""Render: Markdown pages -> HTML with Pelican, our reader and batching plugins."""
