"""Factories for the between-members area: settings, blocks, notifications."""

import html
import re

import factory

from alongside.accounts.tests.factories import UserFactory
from alongside.community.choices import NotificationKind
from alongside.community.models import Block, CommunitySettings, Notification


class CommunitySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunitySettings
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    allow_direct_messages = True


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    blocker = factory.SubFactory(UserFactory)
    blocked = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = NotificationKind.REPLY
    text = factory.Sequence(lambda n: f"Sam replied to your thread {n}")
    url = "/community/"


def allow_messages(*users) -> None:
    """Turn direct messages on for each of `users`."""
    for user in users:
        CommunitySettingsFactory(user=user, allow_direct_messages=True)


def page_text(response) -> str:
    """What a member reads: the response's text without tags, entities decoded, spaces
    collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())
