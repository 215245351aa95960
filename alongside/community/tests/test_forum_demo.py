"""The demo community: three spaces with threads, reactions and coping strategies, once."""

import io

import pytest
from django.core.management import call_command

from alongside.community.models import CopingStrategy, Post, Reaction, Space, Thread

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_community_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert list(Space.objects.values_list("name", flat=True)) == [
        "Bereavement",
        "Carers",
        "Living with anxiety",
    ]
    assert Thread.objects.count() == 4
    assert Post.objects.count() == 9
    assert Reaction.objects.exists()
    assert CopingStrategy.objects.count() == 4
    first = Thread.objects.get(title="Supermarkets on a Saturday")
    assert first.reply_count == 2
    assert "<script" not in "".join(Post.objects.values_list("body_html", flat=True))
