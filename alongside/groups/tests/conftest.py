import pytest

from alongside.groups.tests.factories import GroupFactory


@pytest.fixture
def group(peer_supporter):
    """An open, active group facilitated by Alex, with version 1 of its agreement."""
    return GroupFactory(name="Evening Circle", facilitators=[peer_supporter])


@pytest.fixture
def facilitator(group, peer_supporter):
    return peer_supporter
