import pytest
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.tests.factories import GroupFactory, MembershipFactory
from alongside.meetings.models import RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory


@pytest.fixture
def group(peer_supporter):
    """An open, active group facilitated by Alex, with version 1 of its agreement."""
    return GroupFactory(name="Evening Circle", facilitators=[peer_supporter])


@pytest.fixture
def facilitator(group, peer_supporter):
    return peer_supporter


@pytest.fixture
def occurrence(group):
    """A date a week from now of a one-off video meeting of `group`, with no place limit."""
    return OccurrenceFactory(meeting=MeetingFactory(group=group, title="Tuesday evening"))


@pytest.fixture
def joined(group):
    """joined(user) -> `user` made an active member who accepted the current agreement."""

    def join(user):
        MembershipFactory(group=group, user=user)
        return user

    return join


@pytest.fixture
def members(group):
    """members(n) -> n new active members of `group`."""

    def make(count):
        users = UserFactory.create_batch(count)
        for user in users:
            MembershipFactory(group=group, user=user)
        return users

    return make


@pytest.fixture
def going(occurrence):
    """going(user, ...) -> an RSVP saying `user` is going to `occurrence`."""

    def say(user, status=RsvpStatus.GOING, **kwargs):
        if status == RsvpStatus.WAITLISTED:
            kwargs.setdefault("waitlisted_at", timezone.now())
        return RsvpFactory(occurrence=occurrence, user=user, status=status, **kwargs)

    return say
