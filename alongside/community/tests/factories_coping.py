"""Factories for the coping strategies library's tests."""

import factory

from alongside.accounts.tests.factories import UserFactory
from alongside.community.models import CopingComment, CopingStrategyHelped
from alongside.community.tests.factories import CopingStrategyFactory
from alongside.community.text import render_markdown


class CopingCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CopingComment

    strategy = factory.SubFactory(CopingStrategyFactory)
    author = factory.SubFactory(UserFactory)
    body = "This works for me too, especially at night."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))


def helped_by(strategy, *users) -> None:
    """Mark `strategy` helpful for each of `users`, keeping helped_count in step."""
    for user in users:
        CopingStrategyHelped.objects.create(strategy=strategy, user=user)
    strategy.helped_count += len(users)
    strategy.save(update_fields=["helped_count"])


__all__ = ["CopingCommentFactory", "CopingStrategyFactory", "helped_by"]
