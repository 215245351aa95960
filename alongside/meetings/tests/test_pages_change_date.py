"""Facilitators cancel or move one date and record who came; nobody else can."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.meetings.models import OccurrenceStatus, Rsvp
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory, RsvpFactory

pytestmark = pytest.mark.django_db


def test_a_facilitator_cancels_a_date_after_confirming(client_for, facilitator, occurrence):
    client = client_for(facilitator)
    confirm = client.get(f"/meetings/{occurrence.pk}/cancel/")
    assert "Yes, cancel this date" in confirm.content.decode()

    response = client.post(f"/meetings/{occurrence.pk}/cancel/")

    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.CANCELLED


def test_a_facilitator_moves_a_date_in_the_meetings_timezone(client_for, facilitator, occurrence):
    day = (timezone.now() + timedelta(days=10)).date()

    response = client_for(facilitator).post(
        f"/meetings/{occurrence.pk}/move/",
        {"date": day.isoformat(), "start_time": "18:30", "end_time": "20:00"},
    )

    assert response.status_code == 302
    occurrence.refresh_from_db()
    local = timezone.localtime(occurrence.starts_at, timezone=None)
    assert occurrence.ends_at - occurrence.starts_at == timedelta(minutes=90)
    assert local.date() == day


def test_moving_to_end_before_the_start_saves_nothing(client_for, facilitator, occurrence):
    before = occurrence.starts_at
    day = (timezone.now() + timedelta(days=10)).date()

    response = client_for(facilitator).post(
        f"/meetings/{occurrence.pk}/move/",
        {"date": day.isoformat(), "start_time": "18:30", "end_time": "18:00"},
    )

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    occurrence.refresh_from_db()
    assert occurrence.starts_at == before


def test_moving_into_the_past_is_refused(client_for, facilitator, occurrence):
    day = (timezone.now() - timedelta(days=3)).date()

    response = client_for(facilitator).post(
        f"/meetings/{occurrence.pk}/move/",
        {"date": day.isoformat(), "start_time": "18:30", "end_time": "19:00"},
    )

    assert response.status_code == 400
    assert "already started" in response.content.decode()


def test_a_facilitator_records_who_came(client_for, facilitator, members, group):
    came, missed = members(2)
    occurrence = OccurrenceFactory(
        meeting=MeetingFactory(group=group), starts_at=timezone.now() - timedelta(hours=2)
    )
    RsvpFactory(occurrence=occurrence, user=came)
    RsvpFactory(occurrence=occurrence, user=missed)

    response = client_for(facilitator).post(
        f"/meetings/{occurrence.pk}/attendance/", {"came": [came.pk]}
    )

    assert response.status_code == 302
    assert Rsvp.objects.get(user=came).attended is True
    assert Rsvp.objects.get(user=missed).attended is False


@pytest.mark.parametrize("page", ["cancel", "move", "attendance"])
def test_a_member_can_not_change_a_date(client_for, member, joined, occurrence, page):
    joined(member)
    client = client_for(member)

    assert client.get(f"/meetings/{occurrence.pk}/{page}/").status_code == 403
    assert client.post(f"/meetings/{occurrence.pk}/{page}/").status_code == 403
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.SCHEDULED


def test_a_coordinator_without_two_factor_can_not_cancel(
    client_for, coordinator_without_2fa, occurrence
):
    response = client_for(coordinator_without_2fa).post(f"/meetings/{occurrence.pk}/cancel/")
    assert response.status_code == 403
