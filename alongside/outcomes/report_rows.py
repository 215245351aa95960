"""Who belongs in which row of an outcomes report: the forms of support, groups and
topics of the people it describes. Support counts when it began before the person's
latest answer (`reference`: member -> that moment; anyone else, before the period ended),
since a change can only be put down to support that had begun."""

from collections import defaultdict
from datetime import datetime

from django.db.models import Min

from alongside.outcomes.choices import SupportForm

Rows = dict[int, dict[str, str]]  # member -> {row key: row label}


def groups_of(member_ids, reference: dict[int, datetime], until, *, by_kind: bool) -> Rows:
    """The groups they had joined (by_kind: the forms of support those groups give)."""
    from alongside.groups.choices import MembershipStatus
    from alongside.groups.models import Membership

    found: Rows = defaultdict(dict)
    memberships = Membership.objects.filter(
        user_id__in=member_ids,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT, MembershipStatus.REMOVED],
        joined_at__isnull=False,
        joined_at__lt=until,
    ).values_list("user_id", "joined_at", "group_id", "group__kind", "group__name")
    for user_id, joined_at, group_id, kind, name in memberships.iterator(chunk_size=2000):
        if joined_at > reference.get(user_id, until):
            continue
        if by_kind:
            found[user_id][kind] = SupportForm(kind).label
        else:
            found[user_id][f"group-{group_id}"] = name
    return found


def support_forms_of(member_ids, reference: dict[int, datetime], until) -> Rows:
    """Groups by kind, mentoring or befriending matches, and the online community."""
    from alongside.community.choices import ContentStatus
    from alongside.community.models import Post
    from alongside.matching.models import Match

    found = groups_of(member_ids, reference, until, by_kind=True)
    matches = Match.objects.filter(
        member_id__in=member_ids, activated_at__isnull=False, activated_at__lt=until
    ).values_list("member_id", "activated_at", "kind")
    for member_id, activated_at, kind in matches.iterator(chunk_size=2000):
        if activated_at <= reference.get(member_id, until):
            found[member_id][kind] = SupportForm(kind).label
    first_posts = (
        Post.objects.filter(
            author_id__in=member_ids, status=ContentStatus.VISIBLE, created_at__lt=until
        )
        .values("author_id")
        .annotate(first=Min("created_at"))
        .values_list("author_id", "first")
    )
    for author_id, first in first_posts:
        if first < reference.get(author_id, until):
            found[author_id][SupportForm.ONLINE_COMMUNITY] = SupportForm.ONLINE_COMMUNITY.label
    return found


def topics_of(member_ids) -> Rows:
    """The topics on their profiles, now (profiles keep no history of topics)."""
    from alongside.accounts.models import Profile

    found: Rows = defaultdict(dict)
    topics = Profile.topics.through.objects.filter(profile__user_id__in=member_ids).values_list(
        "profile__user_id", "topic__slug", "topic__name"
    )
    for user_id, slug, name in topics.iterator(chunk_size=2000):
        found[user_id][f"topic-{slug}"] = name
    return found
