"""What a member chose not to see: blocks both ways, muted words, a break."""

from datetime import timedelta

from django.utils import timezone

from alongside.community.models import Block, CommunitySettings
from alongside.community.selectors.protections import (
    NO_PROTECTIONS,
    is_blocked_between,
    protections_for,
)


def test_anonymous_visitors_have_no_protections(db):
    from django.contrib.auth.models import AnonymousUser

    assert protections_for(AnonymousUser()) is NO_PROTECTIONS


def test_blocking_hides_presence_both_ways_and_collapses_only_for_the_blocker(member, other_member):
    Block.objects.create(blocker=member, blocked=other_member)

    mine = protections_for(member)
    theirs = protections_for(other_member)

    assert mine.collapse_reason(author_id=other_member.pk, text="hello") == (
        "You blocked this member."
    )
    assert theirs.collapse_reason(author_id=member.pk, text="hello") == ""
    assert mine.hides_presence_of(other_member.pk)
    assert theirs.hides_presence_of(member.pk)
    assert is_blocked_between(member, other_member)
    assert is_blocked_between(other_member, member)


def test_muted_words_match_whole_words_in_any_case(member):
    CommunitySettings.objects.create(user=member, muted_words=["exam", "hospital stay"])
    protections = protections_for(member)

    assert protections.collapse_reason(author_id=None, text="My EXAM is tomorrow") == (
        "This contains a word you muted."
    )
    assert protections.mentions_muted_word("after a long hospital stay")
    assert not protections.mentions_muted_word("examples of kindness")


def test_a_break_lasts_until_its_end(member):
    settings = CommunitySettings.objects.create(
        user=member, break_until=timezone.now() + timedelta(days=1)
    )
    assert protections_for(member).is_on_break

    settings.break_until = timezone.now() - timedelta(minutes=1)
    settings.save()
    assert not protections_for(member).is_on_break


def test_protections_take_two_queries(member, django_assert_num_queries):
    with django_assert_num_queries(2):
        protections_for(member)
