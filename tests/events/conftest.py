import pytest

from tests.events.planning import Office


@pytest.fixture
def office(world) -> Office:
    return Office(world)
