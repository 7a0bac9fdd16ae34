"""Index: the rendered site -> Pagefind search bundles."""
