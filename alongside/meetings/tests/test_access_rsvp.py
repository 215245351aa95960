"""Access needs follow the person to a meeting: the sharing question asked once, the form
filled in from the profile only with consent, and needs to arrange going to coordinators."""

import pytest

from alongside.groups.choices import MeetingMode
from alongside.groups.forms import CONSENT_LABEL
from alongside.groups.tests.factories import GroupFactory, MembershipFactory, VenueFactory
from alongside.meetings import actions
from alongside.meetings.models import Rsvp, RsvpStatus
from alongside.meetings.tests.factories import MeetingFactory, OccurrenceFactory
from alongside.staff.actions.access_tasks import resolve_access_task
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.models import AccessTask

pytestmark = pytest.mark.django_db

QUESTION = "Share your access needs with the facilitators"


def with_needs(user, needs, shared=None, other=""):
    profile = user.profile
    profile.access_needs, profile.access_needs_shared = needs, shared
    profile.access_needs_other = other
    profile.save()
    return user


@pytest.fixture
def venue():
    return VenueFactory(name="St Mary's Hall", features=["hearing_loop"])


@pytest.fixture
def hall_date(peer_supporter, venue):
    """A date of an in-person meeting at a hall with a hearing loop and steps."""
    group = GroupFactory(
        name="Hall Circle", mode=MeetingMode.IN_PERSON, venue=venue, facilitators=[peer_supporter]
    )
    meeting = MeetingFactory(group=group, mode=MeetingMode.IN_PERSON, venue=venue, join_url="")
    return OccurrenceFactory(meeting=meeting)


def join(user, occurrence):
    MembershipFactory(group=occurrence.meeting.group, user=user)
    return user


def rsvp_url(occurrence):
    return f"/meetings/{occurrence.pk}/rsvp/"


def page(client, occurrence):
    return client.get(f"/meetings/{occurrence.pk}/").content.decode()


def test_the_question_is_asked_of_someone_with_needs_not_yet_asked(client_for, member, occurrence):
    join(with_needs(member, ["bsl_interpreter"]), occurrence)
    assert QUESTION in page(client_for(member), occurrence)


def test_nobody_without_needs_is_asked(client_for, member, occurrence):
    join(member, occurrence)
    assert QUESTION not in page(client_for(member), occurrence)


def test_going_without_answering_is_refused_with_the_question_named(client_for, member, occurrence):
    join(with_needs(member, ["bsl_interpreter"]), occurrence)
    response = client_for(member).post(rsvp_url(occurrence), {"status": "going"})
    assert response.status_code == 400
    assert "Choose whether to share your access needs" in response.content.decode()
    assert not Rsvp.objects.filter(user=member).exists()
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is None


def test_the_answer_is_saved_once_and_not_asked_again(client_for, member, occurrence):
    join(with_needs(member, ["large_print"]), occurrence)
    client = client_for(member)

    client.post(rsvp_url(occurrence), {"status": "going", "share_access_needs": "no"})

    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is False
    second = OccurrenceFactory(meeting__group=occurrence.meeting.group)
    assert QUESTION not in page(client, second)
    response = client.post(rsvp_url(second), {"status": "going"})
    assert response.status_code == 302


def test_saying_cant_go_does_not_ask(client_for, member, occurrence):
    join(with_needs(member, ["large_print"]), occurrence)
    response = client_for(member).post(rsvp_url(occurrence), {"status": "not_going"})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.access_needs_shared is None


def test_saying_yes_shares_the_profile_needs_for_this_date_too(client_for, member, occurrence):
    join(with_needs(member, ["step_free", "large_print", "bsl_interpreter"]), occurrence)
    client_for(member).post(rsvp_url(occurrence), {"status": "going", "share_access_needs": "yes"})
    # A video meeting: step-free access doesn't matter there.
    assert Rsvp.objects.get(user=member).access_needs == ["bsl_interpreter", "large_print"]


def test_a_note_held_by_the_safety_net_is_not_copied_to_the_date(client_for, member, occurrence):
    join(with_needs(member, ["large_print", "other"], other="A held note"), occurrence)
    member.profile.text_held = True
    member.profile.save()
    client = client_for(member)
    assert "A held note" not in page(client, occurrence)
    client.post(
        rsvp_url(occurrence),
        {"status": "going", "share_access_needs": "yes", "access_note": ""},
    )
    answer = Rsvp.objects.get(user=member)
    assert answer.access_needs == ["large_print", "other"]
    assert answer.access_note == ""


def test_with_consent_the_form_is_filled_in_from_the_profile(client_for, member, occurrence):
    join(with_needs(member, ["step_free", "large_print"], shared=True), occurrence)
    html = page(client_for(member), occurrence)
    assert 'value="large_print" id="id_access_needs_4" checked' in html
    assert 'value="step_free" id="id_access_needs_0" checked' not in html


def test_without_consent_nothing_is_filled_in(client_for, member, occurrence):
    join(with_needs(member, ["large_print"], shared=False), occurrence)
    assert 'value="large_print" id="id_access_needs_4" checked' not in page(
        client_for(member), occurrence
    )


def test_facilitators_see_the_needs_for_the_date_and_other_members_do_not(
    client_for, member, other_member, peer_supporter, occurrence
):
    join(with_needs(member, ["large_print"], shared=True), occurrence)
    join(other_member, occurrence)
    client_for(member).post(
        rsvp_url(occurrence), {"status": "going", "access_needs": ["large_print"]}
    )
    assert "Large print" in page(client_for(peer_supporter), occurrence).split("Who's coming")[1]
    assert "Who&#x27;s coming" not in page(client_for(other_member), occurrence)


def test_a_venue_without_step_free_access_opens_a_task(member, hall_date):
    join(with_needs(member, ["step_free", "hearing_loop"], shared=True), hall_date)

    actions.rsvp(
        occurrence=hall_date,
        user=member,
        status=RsvpStatus.GOING,
        access_needs=["step_free", "hearing_loop"],
    )

    task = AccessTask.objects.get(member=member, occurrence=hall_date)
    assert task.status == AccessTaskStatus.OPEN
    assert task.needs == ["step_free"]  # the hall has a hearing loop


def test_an_interpreter_opens_a_task_even_online(member, occurrence):
    join(member, occurrence)
    actions.rsvp(
        occurrence=occurrence,
        user=member,
        status=RsvpStatus.GOING,
        access_needs=["bsl_interpreter"],
    )
    assert AccessTask.objects.get(member=member).needs == ["bsl_interpreter"]


def test_no_task_when_the_venue_meets_the_need(member, hall_date):
    join(member, hall_date)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["hearing_loop"]
    )
    assert not AccessTask.objects.exists()


def test_changing_needs_updates_the_one_open_task(member, hall_date):
    join(member, hall_date)
    for needs in (["step_free"], ["step_free", "childcare"]):
        actions.rsvp(occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=needs)
    assert list(AccessTask.objects.values_list("needs", "status")) == [
        (["step_free", "childcare"], "open")
    ]


def test_saying_going_again_does_not_undo_what_a_coordinator_arranged(
    member, coordinator, hall_date
):
    join(member, hall_date)
    going = {"occurrence": hall_date, "user": member, "status": RsvpStatus.GOING}
    actions.rsvp(**going, access_needs=["step_free"])
    resolve_access_task(task=AccessTask.objects.get(), actor=coordinator, status="done")

    actions.rsvp(**going, access_needs=["step_free"], access_note="Running a little late")
    assert not AccessTask.objects.filter(status=AccessTaskStatus.OPEN).exists()

    actions.rsvp(**going, access_needs=["step_free", "childcare"])
    assert AccessTask.objects.get(status=AccessTaskStatus.OPEN).needs == ["childcare"]


@pytest.mark.parametrize("arranged", [False, True])
def test_after_cancelling_and_coming_back_the_needs_are_asked_for_again(
    member, coordinator, hall_date, arranged
):
    join(member, hall_date)
    for status in (RsvpStatus.GOING, RsvpStatus.NOT_GOING, RsvpStatus.GOING):
        actions.rsvp(occurrence=hall_date, user=member, status=status, access_needs=["step_free"])
        if arranged and status == RsvpStatus.GOING:
            task = AccessTask.objects.get(status=AccessTaskStatus.OPEN)
            resolve_access_task(task=task, actor=coordinator, status="done")
            arranged = False
    assert AccessTask.objects.get(status=AccessTaskStatus.OPEN).needs == ["step_free"]


def test_the_task_closes_when_they_cancel(member, hall_date):
    join(member, hall_date)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    actions.rsvp(occurrence=hall_date, user=member, status=RsvpStatus.NOT_GOING)
    task = AccessTask.objects.get()
    assert task.status == AccessTaskStatus.NOT_NEEDED
    assert task.resolved_at is not None


def test_the_task_closes_when_the_date_is_cancelled(member, peer_supporter, hall_date):
    join(member, hall_date)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    actions.cancel_occurrence(occurrence=hall_date, actor=peer_supporter)
    assert AccessTask.objects.get().status == AccessTaskStatus.NOT_NEEDED


def test_the_audit_log_never_names_the_needs(member, hall_date):
    from alongside.common.models import AuditLogEntry

    join(member, hall_date)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    entries = AuditLogEntry.objects.filter(verb__startswith="access_task")
    assert entries.exists()
    assert all("step_free" not in str(entry.data) for entry in entries)


def test_the_question_text_is_the_shared_one():
    assert CONSENT_LABEL.startswith(QUESTION)


def test_unticking_every_need_closes_the_task(member, hall_date):
    join(member, hall_date)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    actions.rsvp(occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=[])
    assert AccessTask.objects.get().status == AccessTaskStatus.NOT_NEEDED


def test_the_waiting_list_gets_a_task_only_once_given_a_place(member, other_member, hall_date):
    meeting = hall_date.meeting
    meeting.capacity = 1
    meeting.save()
    join(other_member, hall_date)
    join(member, hall_date)
    actions.rsvp(occurrence=hall_date, user=other_member, status=RsvpStatus.GOING)
    actions.rsvp(
        occurrence=hall_date, user=member, status=RsvpStatus.GOING, access_needs=["step_free"]
    )
    assert Rsvp.objects.get(user=member).status == RsvpStatus.WAITLISTED
    assert not AccessTask.objects.exists()

    actions.rsvp(occurrence=hall_date, user=other_member, status=RsvpStatus.NOT_GOING)

    assert Rsvp.objects.get(user=member).status == RsvpStatus.GOING
    assert AccessTask.objects.get(member=member).status == AccessTaskStatus.OPEN
