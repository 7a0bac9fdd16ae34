"""Pelican settings for building the portal locally (`make html`)."""

# --- The portal's identity. Official or an independent compilation is a setting:
# name, owner and the notice shown in every footer.
SITENAME = "浙江省科学技术厅重点工作进展"
PORTAL_OWNER = "本站为独立整理的公开信息汇编"
PORTAL_NOTICE = (
    "本站内容整理自浙江省科学技术厅“政府信息公开—主动公开”栏目发布的重点工作完成情况，"
    "原文以发布机构网站为准。本站不是发布机构的官方网站。"
)
PUBLISHER_NAME = "浙江省科学技术厅"

SITEURL = ""
LOCAL_URL = "http://localhost:8000"  # absolute base for feeds and sitemap when SITEURL is empty
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

PATH = "content"
PAGE_PATHS = ["generated", "pages"]
ARTICLE_PATHS = []
STATIC_PATHS = []
THEME = "theme"
THEME_STATIC_DIR = "theme"

# The build renders pages in batches and reuses unchanged ones (generator/render/pelican.py);
# generator.render.batches resolves links to the pages a batch does not hold.
PLUGINS = ["generator.render.reader", "generator.render.batches"]
PAGE_STUBS = {}  # set by the build
PAGE_BATCH_BYTES = 16 * 1024 * 1024  # Markdown per Pelican run; lower it to use less memory
PAGE_PARALLEL_BYTES = 2 * 1024 * 1024  # from this much Markdown to render, two Pelican processes
# Report text is data: templates escape everything unless marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# Report text in templates (titles, metadata) shows invisible and direction-changing characters
# as visible marks, as page bodies do: `|shown` in an element, `|plain` in <title> and attributes.
from generator.render.filters import FILTERS as JINJA_FILTERS  # noqa: E402

# Only pages: no articles, so none of Pelican's article listings (they cost time for nothing).
DIRECT_TEMPLATES = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
PAGE_TRANSLATION_SAVE_AS = ""
ARTICLE_TRANSLATION_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# No Pelican content cache: the build hands Pelican only pages whose Markdown changed,
# which it must read anyway, and parsed reports are cached by the pipeline (cache/reports/).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False  # the build renders into a fresh directory and swaps it in
OUTPUT_SOURCES = False
