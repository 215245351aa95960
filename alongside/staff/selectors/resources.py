"""Reads for the "more information" library: what to show on the home page, beside a group
or finder results, on /information/, and to coordinators."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from alongside.accounts.models import Topic
from alongside.staff.models import ResourceLink

GENERAL_HEADING = "General"


def published_resources() -> QuerySet[ResourceLink]:
    return ResourceLink.objects.filter(is_published=True)


def resources_for_topics(topic_ids: Iterable[int], *, limit: int = 5) -> list[ResourceLink]:
    """Published entries about any of `topic_ids` first, then general ones (no topic) to fill
    up to `limit`. One query; `topic_ids` may be a list or a queryset of topic ids."""
    if limit <= 0:
        return []
    if not isinstance(topic_ids, QuerySet):
        topic_ids = [topic_id for topic_id in topic_ids or [] if isinstance(topic_id, int)]
    tagged = ResourceLink.topics.through.objects.filter(resourcelink_id=OuterRef("pk"))
    return list(
        published_resources()
        .annotate(matches=Exists(tagged.filter(topic_id__in=topic_ids)))
        .filter(Q(matches=True) | ~Exists(tagged))
        .order_by("-matches", "position", "title", "pk")[:limit]
    )


def home_resources(*, limit: int = 6) -> list[ResourceLink]:
    """Published entries chosen for the home page."""
    if limit <= 0:
        return []
    return list(
        published_resources().filter(show_on_home=True).order_by("position", "title")[:limit]
    )


def library_by_topic() -> list[tuple[str, list[ResourceLink]]]:
    """Every published entry under each of its topics (topics in name order, general entries
    first under "General"). An entry with several topics appears under each. Two queries."""
    entries = list(
        published_resources()
        .order_by("position", "title", "pk")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
    )
    general: list[ResourceLink] = []
    by_topic: dict[str, list[ResourceLink]] = {}
    for entry in entries:
        topics = list(entry.topics.all())
        if not topics:
            general.append(entry)
        for topic in topics:
            by_topic.setdefault(topic.name, []).append(entry)
    sections = [(GENERAL_HEADING, general)] if general else []
    sections += [(name, by_topic[name]) for name in sorted(by_topic, key=str.lower)]
    return sections


def library_for_staff() -> QuerySet[ResourceLink]:
    """Every entry, published or not, for the coordinators' list."""
    return ResourceLink.objects.order_by("position", "title", "pk").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name"))
    )


def published_page_by_slug(slug: str) -> ResourceLink | None:
    """A published entry with page text of our own; None for links and unpublished ones."""
    return published_resources().exclude(body="").filter(slug=slug).first()
