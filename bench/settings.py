"""Settings for benchmarks: the real ones plus a trivial baseline view."""

from pressdesk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DEMO_MODE = True
