"""The match page for each state and each side: what is shown, which actions are offered,
what each form stores, plain errors with nothing stored, and everyone else kept out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.community.models import Conversation
from alongside.matching.actions.agreements import save_agreement
from alongside.matching.actions.contact import log_check_in
from alongside.matching.choices import (
    EndReason,
    MatchMode,
    MatchStatus,
    RequestStatus,
    Response,
)
from alongside.matching.models import (
    CheckIn,
    Match,
    MatchAgreement,
    MatchFeedback,
    SupportRequest,
)
from alongside.matching.tests.factories import MatchFactory, SupporterProfileFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def url(match, name="match"):
    return reverse(f"matching:{name}", args=[match.pk])


@pytest.fixture
def proposed(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    return MatchFactory(
        request__member=member,
        supporter=peer_supporter,
        request__about="I'd like a walk and a chat now and then.",
    )


@pytest.fixture
def active(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    return MatchFactory(request__member=member, supporter=peer_supporter, status=MatchStatus.ACTIVE)


def agreement_data(**overrides):
    today = timezone.localdate()
    data = {
        "focus": "Getting out of the house once a week.",
        "frequency": "Once a week for an hour",
        "modes": [MatchMode.PHONE],
        "boundaries": "No calls after 9pm.",
        "review_on": (today + datetime.timedelta(days=30)).isoformat(),
        "planned_end_on": (today + datetime.timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


# --- a proposal --------------------------------------------------------------------------


def test_the_supporter_sees_what_the_member_shared_and_can_answer(
    client_for, proposed, peer_supporter
):
    html = client_for(peer_supporter).get(url(proposed)).content.decode()

    assert "Befriending: supporting Robin" in html
    assert proposed.explanation in html
    assert "I&#x27;d like a walk and a chat now and then." in html
    assert "Yes, I'd like to go ahead" in html and url(proposed, "match_respond") in html
    assert url(proposed, "match_agreement") not in html


def test_the_member_sees_the_explanation_but_not_their_own_text_read_back_as_shared(
    client_for, proposed, member
):
    html = client_for(member).get(url(proposed)).content.decode()

    assert "Befriending with Alex" in html
    assert "We think Alex could be a good befriender for you." in html
    assert proposed.explanation in html
    assert "What Robin shared" not in html and "walk and a chat" not in html
    assert "Yes, I'd like to go ahead" in html


def test_held_request_text_is_not_shown_to_the_supporter(client_for, proposed, peer_supporter):
    SupportRequest.objects.filter(pk=proposed.request_id).update(text_held=True)

    response = client_for(peer_supporter).get(url(proposed))

    html = response.content.decode()
    assert response.status_code == 200 and "What Robin shared" in html
    assert "walk and a chat" not in html


def test_both_accepting_starts_the_match_with_a_conversation(
    client_for, proposed, member, peer_supporter
):
    first = client_for(peer_supporter).post(url(proposed, "match_respond"), {"answer": "accept"})
    assert first.status_code == 302
    waiting = client_for(peer_supporter).get(url(proposed)).content.decode()
    assert "We're waiting for Robin to answer" in waiting

    response = client_for(member).post(
        url(proposed, "match_respond"), {"answer": "accept"}, follow=True
    )

    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.ACTIVE and proposed.conversation_id
    html = response.content.decode()
    assert "You&#x27;ve both said yes. Your match has started." in html
    assert reverse("community:conversation", args=[proposed.conversation_id]) in html
    assert "Write your agreement" in html and "Send Alex a message" in html
    assert url(proposed, "match_check_in") not in html  # the member doesn't log check-ins
    assert url(proposed, "match_feedback") in html


def test_declining_with_a_reason_puts_the_request_back(client_for, proposed, member):
    response = client_for(member).post(
        url(proposed, "match_respond"),
        {"answer": "decline", "reason": "I'd prefer someone nearer my age."},
        follow=True,
    )

    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.DECLINED
    assert proposed.member_response == Response.DECLINED
    assert proposed.decline_reason == "I'd prefer someone nearer my age."
    assert proposed.request.status == RequestStatus.WAITING
    assert "We&#x27;ll keep looking for the right person." in response.content.decode()
    page = client_for(member).get(url(proposed)).content.decode()
    assert "This match didn't go ahead." in page


# --- an active match ---------------------------------------------------------------------


def test_writing_the_agreement_and_the_other_side_confirming_it(
    client_for, active, member, peer_supporter
):
    response = client_for(peer_supporter).post(url(active, "match_agreement"), agreement_data())
    assert response.status_code == 302
    agreement = MatchAgreement.objects.get(match=active)
    assert agreement.version == 1 and agreement.supporter_confirmed_version == 1

    html = client_for(member).get(url(active)).content.decode()
    assert "Alex has written version 1 of your agreement." in html
    assert "Getting out of the house once a week." in html
    assert "I agree to version 1" in html

    client_for(member).post(url(active, "match_agreement_confirm"), {"version": 1})
    agreement.refresh_from_db()
    assert agreement.is_confirmed
    for user in (member, peer_supporter):
        page = client_for(user).get(url(active)).content.decode()
        assert "You've both confirmed version 1 of your agreement." in page


def test_confirming_a_stale_version_is_refused(client_for, active, member, peer_supporter):
    save_agreement(match=active, actor=peer_supporter, data=_cleaned(agreement_data()))
    save_agreement(
        match=active, actor=peer_supporter, data=_cleaned(agreement_data(focus="Walking."))
    )

    response = client_for(member).post(url(active, "match_agreement_confirm"), {"version": 1})

    assert response.status_code == 400
    assert "The agreement changed since you read it" in response.content.decode()
    assert MatchAgreement.objects.get(match=active).member_confirmed_version is None


def _cleaned(data):
    cleaned = dict(data)
    for key in ("review_on", "planned_end_on"):
        cleaned[key] = datetime.date.fromisoformat(data[key])
    return cleaned


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"review_on": "2020-01-01"}, "agreement_review_on", "Choose a review date in the future."),
        (
            {"planned_end_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat()},
            "agreement_planned_end_on",
            "Choose a planned end date after the review date.",
        ),
        ({"modes": []}, "agreement_modes", "Choose at least one way you&#x27;d like to meet."),
        ({"focus": ""}, "agreement_focus", "Say what you&#x27;ll focus on together."),
    ],
)
def test_a_bad_agreement_is_explained_and_not_stored(
    client_for, active, member, overrides, field_id, message
):
    response = client_for(member).post(url(active, "match_agreement"), agreement_data(**overrides))

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and f'href="#{field_id}"' in html
    start = html.index(f'id="{field_id}"')
    assert message in html[html.rindex('<div class="field has-error">', 0, start) : start]
    assert not MatchAgreement.objects.exists()


def test_a_check_in_before_the_local_start_date_is_refused_beside_the_field(
    client_for, active, peer_supporter, settings
):
    # 23:30 on 31 May in UTC is already 1 June in London, where the match started.
    settings.TIME_ZONE = "Europe/London"
    started = datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC)
    Match.objects.filter(pk=active.pk).update(activated_at=started)

    response = client_for(peer_supporter).post(
        url(active, "match_check_in"), {"contact_on": "2026-05-31", "mode": "phone"}
    )

    assert response.status_code == 400
    assert "Give a date on or after 1 June 2026, when your match started." in (
        response.content.decode()
    )
    assert not CheckIn.objects.exists()


def test_the_supporter_logs_a_check_in_and_only_they_see_the_notes(
    client_for, active, member, peer_supporter, coordinator
):
    response = client_for(peer_supporter).post(
        url(active, "match_check_in"),
        {
            "contact_on": TODAY().isoformat(),
            "mode": "phone",
            "minutes": "40",
            "notes": "We talked about the allotment.",
            "worried": "on",
        },
        follow=True,
    )

    check_in = CheckIn.objects.get(match=active)
    assert (check_in.mode, check_in.minutes, check_in.worried) == ("phone", 40, True)
    html = response.content.decode()
    assert "We&#x27;ve let the coordinators know you&#x27;re worried." in html
    assert "We talked about the allotment." in html
    member_page = client_for(member).get(url(active)).content.decode()
    assert "Phone call" in member_page and "allotment" not in member_page


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        (
            {"contact_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()},
            "check_in_contact_on",
            "Give a date that isn&#x27;t in the future.",
        ),
        (
            {"contact_on": "2020-01-01"},
            "check_in_contact_on",
            "when your match started",
        ),
        ({"minutes": "0"}, "check_in_minutes", "Give between 1 and 600 minutes."),
        ({"minutes": "601"}, "check_in_minutes", "Give between 1 and 600 minutes."),
        ({"mode": ""}, "check_in_mode", "Choose how you were in touch."),
    ],
)
def test_a_bad_check_in_is_explained_and_not_stored(
    client_for, active, peer_supporter, overrides, field_id, message
):
    data = {"contact_on": TODAY().isoformat(), "mode": "phone", "minutes": "30", **overrides}
    response = client_for(peer_supporter).post(url(active, "match_check_in"), data)

    assert response.status_code == 400
    html = response.content.decode()
    start = html.index(f'id="{field_id}"')
    assert message in html[html.rindex('<div class="field has-error">', 0, start) : start]
    assert not CheckIn.objects.exists()


def test_the_member_cannot_log_a_check_in(client_for, active, member):
    data = {"contact_on": TODAY().isoformat(), "mode": "phone"}
    response = client_for(member).post(url(active, "match_check_in"), data)
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_the_member_gives_feedback_which_the_supporter_does_not_see(
    client_for, active, member, peer_supporter
):
    client_for(member).post(
        url(active, "match_feedback"), {"how_its_going": "3", "comment": "Alex is lovely."}
    )

    feedback = MatchFeedback.objects.get(match=active)
    assert (feedback.how_its_going, feedback.comment) == (3, "Alex is lovely.")
    assert "Alex is lovely." in client_for(member).get(url(active)).content.decode()
    supporter_page = client_for(peer_supporter).get(url(active)).content.decode()
    assert "Alex is lovely." not in supporter_page
    assert url(active, "match_feedback") not in supporter_page


def test_a_review_with_a_new_end_date(client_for, active, peer_supporter):
    new_end = TODAY() + datetime.timedelta(days=120)
    client_for(peer_supporter).post(
        url(active, "match_review"), {"outcome": "extend", "new_end_on": new_end.isoformat()}
    )
    review = active.reviews.get()
    assert review.outcome == "extend" and review.new_end_on == new_end


def test_extending_without_a_date_is_explained(client_for, active, peer_supporter):
    response = client_for(peer_supporter).post(url(active, "match_review"), {"outcome": "extend"})
    assert response.status_code == 400
    assert "Choose the new planned end date." in response.content.decode()
    assert not active.reviews.exists()


def test_ending_the_match_and_writing_a_reflection(client_for, active, member, peer_supporter):
    response = client_for(member).post(
        url(active, "match_end"), {"reason": EndReason.EARLY_BY_MEMBER}, follow=True
    )

    active.refresh_from_db()
    assert active.status == MatchStatus.ENDED and active.end_reason == EndReason.EARLY_BY_MEMBER
    html = response.content.decode()
    assert "Your match has ended." in html and url(active, "match_reflection") in html
    assert url(active, "match_end") not in html

    client_for(member).post(url(active, "match_reflection"), {"text": "It helped me a lot."})
    page = client_for(member).get(url(active)).content.decode()
    assert "It helped me a lot." in page and url(active, "match_reflection") not in page
    other = client_for(peer_supporter).get(url(active)).content.decode()
    assert "It helped me a lot." not in other and url(active, "match_reflection") in other


def test_the_member_cannot_choose_the_supporters_reason(client_for, active, member):
    response = client_for(member).post(
        url(active, "match_end"), {"reason": EndReason.EARLY_BY_SUPPORTER}
    )
    assert response.status_code == 400
    active.refresh_from_db()
    assert active.status == MatchStatus.ACTIVE


def test_an_active_match_page_lists_check_ins_for_both(client_for, active, peer_supporter, member):
    log_check_in(match=active, actor=peer_supporter, contact_on=TODAY(), mode="video")
    for user in (member, peer_supporter):
        assert "Video call" in client_for(user).get(url(active)).content.decode()


# --- who may see it ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["match", "match_respond", "match_agreement", "match_end"])
def test_another_member_is_told_there_is_no_such_match(client_for, proposed, other_member, name):
    client = client_for(other_member)
    response = client.get(url(proposed)) if name == "match" else client.post(url(proposed, name))
    assert response.status_code == 404
    assert Match.objects.get(pk=proposed.pk).status == MatchStatus.PROPOSED


def test_a_coordinator_is_sent_to_the_staff_page(client_for, proposed, coordinator):
    response = client_for(coordinator).get(url(proposed))
    assert response.status_code == 302
    assert response["Location"] == reverse("matching_staff:match", args=[proposed.pk])


def test_no_conversation_is_linked_before_the_match_starts(client_for, proposed, member):
    assert not Conversation.objects.exists()
    assert "Send Alex a message" not in client_for(member).get(url(proposed)).content.decode()


def test_answering_twice_is_refused_in_plain_words(client_for, proposed, peer_supporter):
    client = client_for(peer_supporter)
    client.post(url(proposed, "match_respond"), {"answer": "accept"})

    response = client.post(url(proposed, "match_respond"), {"answer": "decline"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "You&#x27;ve already answered this proposal." in html
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.PROPOSED
    assert proposed.supporter_response == Response.ACCEPTED


def test_an_answer_without_a_choice_is_explained_without_a_broken_link(
    client_for, proposed, peer_supporter
):
    response = client_for(peer_supporter).post(url(proposed, "match_respond"), {"answer": "maybe"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "<li>Choose whether to accept or decline.</li>" in html
    assert 'href="#respond_answer"' not in html
    proposed.refresh_from_db()
    assert proposed.supporter_response == Response.PENDING


def test_ending_an_ended_match_is_refused_in_plain_words(client_for, active, member):
    client = client_for(member)
    client.post(url(active, "match_end"), {"reason": EndReason.PLANNED})

    response = client.post(url(active, "match_end"), {"reason": EndReason.PLANNED})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_worrying_check_in_notes_bring_the_gentle_panel(client_for, active, peer_supporter):
    from alongside.safety.support import CONCERN_MESSAGE

    client = client_for(peer_supporter)
    data = {
        "contact_on": TODAY().isoformat(),
        "mode": "phone",
        "notes": "I feel so hopeless and worthless",
    }
    response = client.post(url(active, "match_check_in"), data)

    assert response.status_code == 302
    assert CheckIn.objects.get(match=active).risk_level == "concern"
    assert CONCERN_MESSAGE in client.get(response.url).content.decode()
