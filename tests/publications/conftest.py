"""The people of a press service and materials at each step, for the publications tests."""

from __future__ import annotations

import pytest

from tests.publications.materials import Desk


@pytest.fixture
def desk(world) -> Desk:
    return Desk(world)
