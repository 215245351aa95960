import factory
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.groups.choices import (
    GroupKind,
    GroupStatus,
    JoinPolicy,
    MeetingMode,
    MembershipStatus,
)
from alongside.groups.models import Group, GroupAgreement, Membership, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Community Hall {n}")
    address = "1 High Street, Cardiff"
    latitude = 51.4816
    longitude = -3.1791
    features = factory.LazyFunction(lambda: ["step_free", "hearing_loop"])


class GroupAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupAgreement

    version = 1
    ground_rules = "We listen without interrupting."
    confidentiality = "What is said in the group stays in the group."
    how_we_treat_each_other = "With kindness and patience."


class GroupFactory(factory.django.DjangoModelFactory):
    """An active, open video group with no limit, and version 1 of its agreement.
    `agreement=False` leaves it without one."""

    class Meta:
        model = Group
        skip_postgeneration_save = True

    kind = GroupKind.SUPPORT
    name = factory.Sequence(lambda n: f"Evening Circle {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    purpose = "We talk and listen."
    mode = MeetingMode.VIDEO
    join_policy = JoinPolicy.OPEN
    status = GroupStatus.ACTIVE
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def agreement(self, create, extracted, **kwargs):
        if create and extracted is not False:
            GroupAgreementFactory(group=self, **kwargs)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member who accepted the group's current agreement."""

    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    status = MembershipStatus.ACTIVE
    agreement_version = factory.LazyAttribute(
        lambda o: o.group.agreements.order_by("-version").values_list("version", flat=True).first()
    )
    agreement_accepted_at = factory.LazyFunction(timezone.now)
    joined_at = factory.LazyFunction(timezone.now)
