import pytest

from tests.distribution.post import Post


@pytest.fixture
def post(world) -> Post:
    return Post(world)
