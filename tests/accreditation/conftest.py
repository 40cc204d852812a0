import pytest

from tests.accreditation.office import Office, own_keys


@pytest.fixture(autouse=True)
def _own_keys(settings, tmp_path):
    """Each test signs with a key of its own, so no test depends on another's key files."""
    own_keys(settings, tmp_path / "pass-keys")


@pytest.fixture
def office(world) -> Office:
    return Office(world)
