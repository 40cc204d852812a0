"""The demo's saved media: about fifty made-up articles of the demo outlets about the city, in kk, ru and en.

``articles.ARTICLES`` is what was published where and when (texts in ``stories`` and
the demo press releases as outlets reprinted them); ``folder.write(path, now)``
writes them out in ``ingest``'s folder layout, dated back from ``now``, for
``ingest_dir`` — what ``make run`` does through ``monitoring/demo.py``, and what
``pressdesk monitor ingest --from`` can read.
"""

from pressdesk.monitoring.demo_corpus.articles import ARTICLES, Article
from pressdesk.monitoring.demo_corpus.folder import write

__all__ = ["ARTICLES", "Article", "write"]
