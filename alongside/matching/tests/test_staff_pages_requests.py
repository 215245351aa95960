"""One request with its suggestions and "Propose this match", and a request entered on a
member's behalf."""

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import UserFactory
from alongside.matching.choices import (
    MatchStatus,
    RequestSource,
    RequestStatus,
    SupportKind,
)
from alongside.matching.models import Match, SupportRequest
from alongside.matching.tests.factories import (
    MatchFactory,
    PairBlockFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)
from alongside.matching.tests.test_staff_pages_access import text_of

NEW = reverse("matching_staff:request_new")


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


def detail(support_request):
    return reverse("matching_staff:request", args=[support_request.pk])


def propose(support_request):
    return reverse("matching_staff:request_propose", args=[support_request.pk])


@pytest.mark.django_db
class TestDetail:
    def test_shows_the_request_and_top_suggestions(self, staff):
        support_request = SupportRequestFactory(
            member=UserFactory(profile__display_name="Kit"), languages=["en", "cy"]
        )
        SupporterProfileFactory(user=UserFactory(profile__display_name="Lee"))
        SupporterProfileFactory(user=UserFactory(profile__display_name="Paused"), is_paused=True)
        page = text_of(staff.get(detail(support_request)))
        assert "Befriending request from Kit" in page
        assert "I've moved to a new town" in page
        assert "English, Welsh" in page
        assert "Lee Score" in page
        assert "Propose this match" in page
        assert "Paused" not in page

    def test_held_text_is_hidden_with_a_note(self, staff):
        support_request = SupportRequestFactory(text_held=True, about="Something private.")
        SupporterProfileFactory()
        page = text_of(staff.get(detail(support_request)))
        assert "Something private." not in page
        assert "Held for review." in page
        assert "No suggestions while what they wrote is held for review." in page

    def test_history_of_matches(self, staff):
        match = MatchFactory(status=MatchStatus.DECLINED)
        page = text_of(staff.get(detail(match.request)))
        assert f"Match {match.pk}" in page
        assert "Declined" in page


@pytest.mark.django_db
class TestPropose:
    def test_proposes_a_suggested_supporter(self, staff):
        support_request = SupportRequestFactory()
        profile = SupporterProfileFactory()
        response = staff.post(propose(support_request), {"supporter": profile.user_id})
        match = Match.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("matching_staff:match", args=[match.pk])
        assert match.supporter == profile.user
        assert match.score > 1
        support_request.refresh_from_db()
        assert support_request.status == RequestStatus.PROPOSED

    def test_a_blocked_pair_is_refused(self, staff):
        support_request = SupportRequestFactory()
        profile = SupporterProfileFactory()
        PairBlockFactory(member=support_request.member, supporter=profile.user)
        response = staff.post(propose(support_request), {"supporter": profile.user_id})
        assert response.status_code == 400
        assert "There is a problem" in text_of(response)
        assert not Match.objects.exists()

    def test_a_pair_without_a_shared_language_is_refused_in_plain_words(self, staff):
        support_request = SupportRequestFactory(languages=["cy"])
        profile = SupporterProfileFactory(languages=["en"])
        response = staff.post(propose(support_request), {"supporter": profile.user_id})
        assert response.status_code == 400
        assert "This pair can't be matched: they don't share a language." in text_of(response)
        assert not Match.objects.exists()

    @pytest.mark.parametrize("value", ["", "abc", "-3", "99999999"])
    def test_nonsense_supporter_is_refused(self, staff, value):
        support_request = SupportRequestFactory()
        response = staff.post(propose(support_request), {"supporter": value})
        assert response.status_code == 400
        assert not Match.objects.exists()


@pytest.mark.django_db
class TestOnBehalf:
    def test_search_then_choose(self, staff):
        kit = UserFactory(profile__display_name="Kit Marlowe")
        page = text_of(staff.get(NEW, {"q": "marlowe"}))
        assert "Add a request for Kit Marlowe" in page
        page = text_of(staff.get(NEW, {"member": kit.pk}))
        assert "For Kit Marlowe" in page
        assert "Where did this request come from?" in page
        assert "What they'd like support with" in page
        assert "About them and who they'd like" in page

    def test_creates_the_request(self, staff, coordinator):
        kit = UserFactory(profile__display_name="Kit")
        data = {
            "member": kit.pk,
            "kind": SupportKind.MENTORING,
            "source": RequestSource.REFERRAL,
            "modes": ["phone"],
            "languages": ["en"],
            "availability_0_day": "wed",
            "availability_0_start": "10:00",
            "availability_0_end": "12:00",
            "about": "Wants to get back into work.",
        }
        response = staff.post(NEW, data)
        support_request = SupportRequest.objects.get(member=kit)
        assert response.status_code == 302
        assert support_request.kind == SupportKind.MENTORING
        assert support_request.source == RequestSource.REFERRAL
        assert support_request.entered_by == coordinator
        assert support_request.availability == [{"day": "wed", "start": "10:00", "end": "12:00"}]

    def test_bad_input_says_what_to_fix(self, staff):
        kit = UserFactory(profile__display_name="Kit")
        response = staff.post(NEW, {"member": kit.pk, "kind": "counselling"})
        assert response.status_code == 400
        page = text_of(response)
        assert "Choose mentoring or befriending." in page
        assert "Choose whether this came from an enquiry or a referral." in page
        assert "Choose at least one way you'd like to meet." in page
        assert not SupportRequest.objects.exists()

    def test_no_member_chosen(self, staff):
        response = staff.post(NEW, {"member": "nobody", "kind": SupportKind.MENTORING})
        assert response.status_code == 400
        assert "Choose who the request is for first." in text_of(response)

    def test_an_open_request_of_the_same_kind_is_pointed_to(self, staff):
        existing = SupportRequestFactory(kind=SupportKind.BEFRIENDING)
        data = {
            "member": existing.member_id,
            "kind": SupportKind.BEFRIENDING,
            "source": RequestSource.ENQUIRY,
            "modes": ["phone"],
            "languages": ["en"],
            "availability_0_day": "wed",
            "availability_0_start": "10:00",
            "availability_0_end": "12:00",
        }
        response = staff.post(NEW, data)
        assert response.status_code == 400
        assert "already has an open request for befriending" in text_of(response)
        assert SupportRequest.objects.count() == 1
