"""A report names exactly one thing, and it is the kind of thing it says."""

import pytest
from django.db import IntegrityError, transaction

from alongside.community.tests.factories import PostFactory
from alongside.safety.choices import ReportReason, ReportTarget
from alongside.safety.models import Report


def test_a_report_of_a_post_keeps_the_post_and_its_writer(member):
    post = PostFactory()
    report = Report.objects.create(
        reporter=member,
        target=ReportTarget.POST,
        post=post,
        reported_member=post.author,
        reason=ReportReason.UNKIND,
    )
    assert report.reported_object == post


def test_a_report_must_name_the_kind_of_thing_it_holds(member, other_member):
    post = PostFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            reporter=member, target=ReportTarget.MEMBER, post=post, reason=ReportReason.OTHER
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            reporter=member,
            target=ReportTarget.POST,
            post=post,
            member=other_member,
            reason=ReportReason.OTHER,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=member, target=ReportTarget.POST, reason="other")
    assert not Report.objects.exists()
