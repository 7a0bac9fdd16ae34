"""Pelican settings for publishing (`make publish`): absolute URLs.

Set the address the site is published at here, or for one build in the environment:
`SITEURL=https://kjt-progress.example.cn make publish`. Feeds and the sitemap carry it,
so a build with the placeholder is refused rather than published pointing elsewhere.
"""

import os
import sys
from urllib.parse import urlsplit

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False

if urlsplit(SITEURL).hostname in (None, "example.org"):
    print(f"publishconf.py: error: SITEURL is {SITEURL or 'empty'}, a placeholder: feeds and the sitemap "
          f"would point there [placeholder-siteurl]\n"
          f"  hint: set SITEURL in publishconf.py, or run `SITEURL=https://your.site make publish`", file=sys.stderr)
    sys.exit(2)
