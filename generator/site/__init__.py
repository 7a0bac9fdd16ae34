"""The site build: runs the stages in order, keeps caches, swaps the new site in, serves it."""
