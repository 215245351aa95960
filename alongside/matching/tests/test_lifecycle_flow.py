"""A match from proposal to reflections, through the actions every surface calls."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from alongside.common.models import AuditLogEntry
from alongside.community.actions.notifications import email_line
from alongside.community.choices import ConversationKind, NotificationKind
from alongside.community.models import Block, Notification
from alongside.matching.actions.agreements import confirm_agreement, save_agreement
from alongside.matching.actions.contact import give_feedback, log_check_in, record_review
from alongside.matching.actions.endings import end_match, write_reflection
from alongside.matching.actions.proposals import propose_match, respond_to_match
from alongside.matching.choices import (
    EndReason,
    MatchMode,
    MatchStatus,
    RequestStatus,
    Response,
    ReviewOutcome,
)
from alongside.matching.errors import MatchingError
from alongside.matching.models import MatchAgreement
from alongside.matching.tests.factories import SupporterProfileFactory, SupportRequestFactory

TODAY = timezone.localdate


def agreement_data(**changes):
    data = {
        "focus": "Getting out of the house once a week.",
        "frequency": "Once a week",
        "modes": [MatchMode.PHONE],
        "boundaries": "We keep to an hour, and we don't meet at home.",
        "review_on": TODAY() + datetime.timedelta(weeks=6),
        "planned_end_on": TODAY() + datetime.timedelta(weeks=12),
    }
    return {**data, **changes}


@pytest.fixture
def proposed(member, peer_supporter, coordinator, django_capture_on_commit_callbacks):
    SupporterProfileFactory(user=peer_supporter)
    support_request = SupportRequestFactory(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        return propose_match(
            support_request=support_request,
            supporter=peer_supporter,
            actor=coordinator,
            score=62.5,
            explanation="Both speak English.",
        )


def test_proposing_tells_both_sides_in_the_app_and_by_email(proposed, member, peer_supporter):
    proposed.request.refresh_from_db()
    assert proposed.status == MatchStatus.PROPOSED
    assert proposed.request.status == RequestStatus.PROPOSED
    told = Notification.objects.filter(kind=NotificationKind.MATCH)
    assert set(told.values_list("user", flat=True)) == {member.pk, peer_supporter.pk}
    assert {message.to[0] for message in mail.outbox} == {member.email, peer_supporter.email}
    member_email = next(message for message in mail.outbox if message.to == [member.email])
    assert "possible befriender" in member_email.body
    assert f"/matching/matches/{proposed.pk}/" in member_email.body
    assert AuditLogEntry.objects.filter(verb="matching.match_proposed").exists()


def test_what_was_emailed_at_once_stays_out_of_the_digest(proposed, member):
    notice = Notification.objects.get(user=member, kind=NotificationKind.MATCH)
    assert notice.emailed_at is not None
    assert email_line(notice) == "News about your mentoring or befriending"


def test_nobody_is_emailed_about_someone_they_blocked(
    proposed, member, peer_supporter, django_capture_on_commit_callbacks
):
    Block.objects.create(blocker=peer_supporter, blocked=member)
    respond_to_match(match=proposed, user=member, accept=True)
    respond_to_match(match=proposed, user=peer_supporter, accept=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        save_agreement(match=proposed, actor=member, data=agreement_data())

    assert mail.outbox == []
    assert not Notification.objects.filter(user=peer_supporter, text__contains="has written")


def test_a_match_from_proposal_to_reflections(
    proposed, member, peer_supporter, coordinator, django_capture_on_commit_callbacks
):
    match = respond_to_match(match=proposed, user=member, accept=True)
    assert match.status == MatchStatus.PROPOSED and match.member_response == Response.ACCEPTED
    assert match.conversation is None

    with django_capture_on_commit_callbacks(execute=True):
        match = respond_to_match(match=match, user=peer_supporter, accept=True)
    match.refresh_from_db()
    match.request.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.activated_at is not None
    assert match.request.status == RequestStatus.MATCHED
    assert match.conversation.kind == ConversationKind.MATCH
    assert {match.conversation.first_user_id, match.conversation.second_user_id} == {
        member.pk,
        peer_supporter.pk,
    }

    # The supporter writes the agreement; saving it is their confirmation.
    agreement = save_agreement(match=match, actor=peer_supporter, data=agreement_data())
    assert agreement.version == 1
    assert agreement.supporter_confirmed_version == 1
    assert not agreement.is_confirmed
    # The member reads version 1, but the supporter changes it meanwhile.
    save_agreement(match=match, actor=peer_supporter, data=agreement_data(frequency="Fortnightly"))
    with pytest.raises(MatchingError, match="changed since you read it"):
        confirm_agreement(match=match, user=member, version=1)
    agreement = confirm_agreement(match=match, user=member, version=2)
    agreement.refresh_from_db()
    assert agreement.is_confirmed and agreement.frequency == "Fortnightly"

    check_in = log_check_in(
        match=match,
        actor=peer_supporter,
        contact_on=TODAY(),
        mode=MatchMode.PHONE,
        minutes=45,
        notes="A good chat about the allotment.",
    )
    assert check_in.minutes == 45
    match.refresh_from_db()
    assert match.last_contact_at is not None

    feedback = give_feedback(match=match, actor=member, how_its_going=4, comment="Really helpful.")
    assert feedback.comment == "Really helpful."

    review = record_review(
        match=match,
        actor=coordinator,
        outcome=ReviewOutcome.EXTEND,
        new_end_on=TODAY() + datetime.timedelta(weeks=20),
    )
    agreement.refresh_from_db()
    assert review.new_end_on == agreement.planned_end_on

    with pytest.raises(MatchingError, match="once the match has ended"):
        write_reflection(match=match, actor=member, text="It helped.")

    match = end_match(match=match, actor=member, reason=EndReason.PLANNED)
    match.request.refresh_from_db()
    assert match.status == MatchStatus.ENDED and match.ended_by == member
    assert match.request.status == RequestStatus.CLOSED

    write_reflection(match=match, actor=member, text="It helped me feel less alone.")
    write_reflection(match=match, actor=peer_supporter, text="I learnt a lot.")
    with pytest.raises(MatchingError, match="already written"):
        write_reflection(match=match, actor=member, text="One more thing.")
    assert match.reflections.count() == 2
    with pytest.raises(Http404):  # reflections are the pair's own
        write_reflection(match=match, actor=coordinator, text="Hello")


def test_agreement_fields_are_checked_with_plain_words(proposed, member, peer_supporter):
    respond_to_match(match=proposed, user=member, accept=True)
    match = respond_to_match(match=proposed, user=peer_supporter, accept=True)
    bad = agreement_data(
        focus="  ",
        modes=[],
        review_on=TODAY(),
        planned_end_on=TODAY() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        save_agreement(match=match, actor=member, data=bad)
    messages = error.value.message_dict
    assert messages["focus"] == ["Write what you'd like to focus on together."]
    assert messages["modes"] == ["Choose at least one way you'll meet."]
    assert messages["review_on"] == ["Choose a review date in the future."]
    with pytest.raises(ValidationError) as error:
        save_agreement(
            match=match,
            actor=member,
            data=agreement_data(planned_end_on=TODAY() + datetime.timedelta(weeks=2)),
        )
    assert error.value.message_dict["planned_end_on"] == [
        "Choose a planned end after the review date."
    ]
    assert not MatchAgreement.objects.filter(match=match).exists()
