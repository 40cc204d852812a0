import pytest

from tests.accreditation.office import Office


@pytest.fixture(autouse=True)
def _own_keys(settings, tmp_path):
    """Each test signs with keys of its own, made on first use, so no test depends on another's key files."""
    settings.ACCREDITATION_KEY_DIR = tmp_path / "pass-keys"


@pytest.fixture
def office(world) -> Office:
    return Office(world)
