"""Demo materials: filled in by the demo work."""

from __future__ import annotations


def register() -> None:
    """Register the demo loader with core.demo (none yet)."""
