import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from alongside.accounts.models import Profile, Topic, User
from alongside.accounts.roles import Role

DEFAULT_PASSWORD = "a calm harbour at dusk"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    display_name = factory.Sequence(lambda n: f"Member {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified email address and a profile."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)
    profile = factory.RelatedFactory(ProfileFactory, factory_related_name="user")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
        self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=Role(role).value))


def activate_totp(user: User) -> str:
    """Give `user` a TOTP authenticator, as if they had scanned the QR code. Returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
