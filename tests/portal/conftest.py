"""The press service's desk (materials at each step) for the newsroom and embargo tests."""

from __future__ import annotations

import pytest

from tests.publications.materials import Desk


@pytest.fixture
def desk(world) -> Desk:
    return Desk(world)
