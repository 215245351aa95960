"""Fixtures for matching tests. Factories and data builders are in factories.py."""

import pytest

from alongside.matching.tests.factories import SupporterProfileFactory, SupportRequestFactory


@pytest.fixture
def supporter_profile(peer_supporter):
    """Alex (the peer_supporter persona), approved, with the factory's defaults."""
    return SupporterProfileFactory(user=peer_supporter)


@pytest.fixture
def waiting_request(member):
    """Robin (the member persona) waiting for a befriender."""
    return SupportRequestFactory(member=member)
