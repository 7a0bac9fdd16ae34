"""Pelican settings for publishing (`make publish`): absolute URLs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False
