import pytest

from tests.accreditation.office import Office


@pytest.fixture
def office(world) -> Office:
    return Office(world)
