"""Going, can't go, and the waiting list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.meetings.actions import rsvp, withdraw_rsvps
from alongside.meetings.models import Rsvp, RsvpStatus

pytestmark = pytest.mark.django_db


def set_places(occurrence, places):
    occurrence.meeting.capacity = places
    occurrence.meeting.save()


def test_going_with_access_needs(occurrence, member, joined):
    joined(member)

    answer = rsvp(
        occurrence=occurrence,
        user=member,
        status=RsvpStatus.GOING,
        access_needs=["hearing_loop"],
        access_note="I lip-read, so a seat facing people helps",
    )

    assert answer.status == RsvpStatus.GOING
    assert answer.access_needs == ["hearing_loop"]
    entry = AuditLogEntry.objects.get(verb="meeting.rsvp")
    assert entry.data == {"status": "going"}
    assert "hearing" not in str(entry.data) and "lip" not in entry.target_label


def test_full_meeting_puts_you_on_the_waiting_list(occurrence, members):
    set_places(occurrence, 2)
    first, second, third = members(3)

    answers = [
        rsvp(occurrence=occurrence, user=user, status=RsvpStatus.GOING)
        for user in (first, second, third)
    ]

    assert [a.status for a in answers] == ["going", "going", "waitlisted"]
    assert answers[2].waitlisted_at is not None


def test_group_capacity_applies_when_the_meeting_has_none(occurrence, members):
    occurrence.meeting.group.capacity = 1
    occurrence.meeting.group.save()
    first, second = members(2)

    rsvp(occurrence=occurrence, user=first, status=RsvpStatus.GOING)
    answer = rsvp(occurrence=occurrence, user=second, status=RsvpStatus.GOING)

    assert answer.status == RsvpStatus.WAITLISTED


def test_saying_going_again_keeps_your_place_and_updates_needs(occurrence, members):
    set_places(occurrence, 1)
    first, second = members(2)
    rsvp(occurrence=occurrence, user=first, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=second, status=RsvpStatus.GOING)

    again = rsvp(
        occurrence=occurrence, user=second, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    first_again = rsvp(occurrence=occurrence, user=first, status=RsvpStatus.GOING)

    assert again.status == RsvpStatus.WAITLISTED
    assert again.access_needs == ["step_free"]
    assert first_again.status == RsvpStatus.GOING


def test_cant_go_frees_the_place_for_the_earliest_on_the_waiting_list(
    occurrence, members, django_capture_on_commit_callbacks
):
    set_places(occurrence, 1)
    going_person, early, late = members(3)
    rsvp(occurrence=occurrence, user=going_person, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=late, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=early, status=RsvpStatus.GOING)
    # `early` joined the waiting list first, whatever the row order.
    Rsvp.objects.filter(user=early).update(waitlisted_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer = rsvp(occurrence=occurrence, user=going_person, status=RsvpStatus.NOT_GOING)

    assert answer.status == RsvpStatus.NOT_GOING
    statuses = dict(Rsvp.objects.values_list("user_id", "status"))
    assert statuses == {going_person.pk: "not_going", early.pk: "going", late.pk: "waitlisted"}
    assert Rsvp.objects.get(user=early).waitlisted_at is None
    assert [m.to for m in mail.outbox] == [[early.email]]
    assert "A place has opened up" in mail.outbox[0].body
    assert mail.outbox[0].subject == "A place for you: Tuesday evening"


def test_waiting_list_is_served_in_order(occurrence, members):
    set_places(occurrence, 1)
    holder, *waiting = members(4)
    rsvp(occurrence=occurrence, user=holder, status=RsvpStatus.GOING)
    for user in waiting:
        rsvp(occurrence=occurrence, user=user, status=RsvpStatus.GOING)

    promoted = []
    current = holder
    for _ in waiting:
        rsvp(occurrence=occurrence, user=current, status=RsvpStatus.NOT_GOING)
        current = Rsvp.objects.get(occurrence=occurrence, status=RsvpStatus.GOING).user
        promoted.append(current)

    assert promoted == waiting


def test_leaving_the_waiting_list_promotes_nobody(
    occurrence, members, django_capture_on_commit_callbacks
):
    set_places(occurrence, 1)
    holder, waiting, later = members(3)
    for user in (holder, waiting, later):
        rsvp(occurrence=occurrence, user=user, status=RsvpStatus.GOING)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        rsvp(occurrence=occurrence, user=waiting, status=RsvpStatus.NOT_GOING)

    assert Rsvp.objects.get(user=later).status == RsvpStatus.WAITLISTED
    assert Rsvp.objects.get(user=holder).status == RsvpStatus.GOING
    assert mail.outbox == []


def test_cant_go_forgets_access_needs(occurrence, member, joined):
    joined(member)
    rsvp(occurrence=occurrence, user=member, status=RsvpStatus.GOING, access_needs=["childcare"])

    answer = rsvp(occurrence=occurrence, user=member, status=RsvpStatus.NOT_GOING)

    assert answer.access_needs == []
    assert answer.access_note == ""


def test_no_limit_means_everyone_goes(occurrence, members):
    answers = [rsvp(occurrence=occurrence, user=u, status=RsvpStatus.GOING) for u in members(5)]
    assert {a.status for a in answers} == {RsvpStatus.GOING}


def test_leaving_the_group_withdraws_rsvps_and_frees_places(
    occurrence, group, members, facilitator, django_capture_on_commit_callbacks
):
    set_places(occurrence, 1)
    leaver, waiting = members(2)
    rsvp(occurrence=occurrence, user=leaver, status=RsvpStatus.GOING)
    rsvp(occurrence=occurrence, user=waiting, status=RsvpStatus.GOING)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = withdraw_rsvps(group=group, user=leaver, actor=facilitator)

    assert withdrawn == 1
    assert Rsvp.objects.get(user=leaver).status == RsvpStatus.NOT_GOING
    assert Rsvp.objects.get(user=waiting).status == RsvpStatus.GOING
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert withdraw_rsvps(group=group, user=leaver, actor=facilitator) == 0
