"""Factories shared by every community test module. Area-specific ones live beside them
in factories_<area>.py."""

import factory
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.community.choices import RoomKind
from alongside.community.models import (
    Conversation,
    CopingStrategy,
    GuidelinesAcceptance,
    Message,
    Post,
    Room,
    Space,
    Thread,
)
from alongside.community.text import render_markdown


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Space {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    description = "Talking about getting through hard days."
    guidelines = "Be kind. Speak from your own experience. Keep others' stories private."


class GuidelinesAcceptanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidelinesAcceptance

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)
    version = factory.LazyAttribute(lambda o: o.space.guidelines_version)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Thread {n}")
    author = factory.SubFactory(UserFactory)
    last_posted_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda o: o.thread.author)
    body = "Some days are harder than others, and that's all right."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))


class CopingStrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CopingStrategy

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Coping strategy {n}")
    what_it_is = "Breathe in for four counts and out for six."
    what_it_is_html = factory.LazyAttribute(lambda o: render_markdown(o.what_it_is))
    when_it_helps = "When my heart is racing before a meeting."
    when_it_helps_html = factory.LazyAttribute(lambda o: render_markdown(o.when_it_helps))


class SpaceRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    kind = RoomKind.SPACE
    space = factory.SubFactory(SpaceFactory)


class GroupRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    kind = RoomKind.GROUP
    group = factory.SubFactory("alongside.groups.tests.factories.GroupFactory")


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    room = factory.SubFactory(SpaceRoomFactory)
    author = factory.SubFactory(UserFactory)
    body = "Thinking of you all tonight."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))


def conversation_between(first, second, **extra) -> Conversation:
    """A conversation (and its room) between two members, stored in id order."""
    low, high = sorted((first, second), key=lambda user: user.pk)
    room = Room.objects.create(kind=RoomKind.CONVERSATION)
    return Conversation.objects.create(room=room, first_user=low, second_user=high, **extra)
