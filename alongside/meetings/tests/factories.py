from datetime import timedelta

import factory
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import MeetingMode
from alongside.groups.tests.factories import GroupFactory
from alongside.meetings.models import Meeting, Occurrence, Rsvp, RsvpStatus


class MeetingFactory(factory.django.DjangoModelFactory):
    """A one-off video meeting a week from now, with no limit of its own."""

    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Tuesday evening {n}")
    mode = MeetingMode.VIDEO
    join_url = "https://meet.example.org/evening-circle"
    timezone = "Europe/London"
    first_start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    )
    duration_minutes = 90


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """One date of a meeting; pass `starts_at` to put it elsewhere (in the past, say)."""

    class Meta:
        model = Occurrence

    meeting = factory.SubFactory(MeetingFactory)
    starts_at = factory.LazyAttribute(lambda o: o.meeting.first_start)
    original_start = factory.LazyAttribute(lambda o: o.starts_at)
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + timedelta(minutes=o.meeting.duration_minutes)
    )


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp

    occurrence = factory.SubFactory(OccurrenceFactory)
    user = factory.SubFactory(UserFactory)
    status = RsvpStatus.GOING
