"""Hypothesis for the analyzer's property tests: no deadline, because the first example of a test
fills the analyzer's caches and may take longer than 200 ms on a busy machine."""

from hypothesis import settings

settings.register_profile("pressdesk-text", deadline=None)
settings.load_profile("pressdesk-text")
