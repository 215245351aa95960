import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower

from alongside.accounts.choices import Visibility
from alongside.common.models import TimeStampedModel
from alongside.safety.risk.stored import AssessedContent


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        from alongside.accounts.actions import create_profile

        user = self._create_user(email, password, **extra_fields)
        # Every account has a display name; `createsuperuser` doesn't ask for one.
        create_profile(user=user, display_name=f"Administrator {user.pk}")
        return user


class User(AbstractUser):
    """Logs in with an email address; shown to others only by its profile's display name."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        permissions = [
            ("support_peers", "Can act as a peer supporter"),
            ("moderate", "Can review reports and safety alerts"),
            ("coordinate", "Can run the organisation's peer support"),
        ]

    def __str__(self):
        profile = getattr(self, "profile", None)
        return profile.display_name if profile is not None else f"user #{self.pk}"


class Topic(models.Model):
    """A topic of lived experience, managed by staff (anxiety, bereavement, ...)."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = [Lower("name")]

    def __str__(self):
        return self.name


def default_visibility() -> dict:
    from alongside.accounts.privacy import DEFAULT_VISIBILITY

    return dict(DEFAULT_VISIBILITY)


class Profile(AssessedContent, TimeStampedModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=40)
    pronouns = models.CharField(max_length=40, blank=True)
    languages = models.JSONField(default=list, blank=True)
    # A town or city from the offline gazetteer, never a street address.
    place_geonameid = models.PositiveIntegerField(null=True, blank=True)
    place_name = models.CharField(max_length=200, blank=True)
    place_latitude = models.FloatField(null=True, blank=True)
    place_longitude = models.FloatField(null=True, blank=True)
    contact_modes = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    access_needs = models.JSONField(default=list, blank=True)
    access_needs_other = models.CharField(max_length=500, blank=True)
    # Whether facilitators of the groups they join and the meetings they go to may see
    # their access needs. None: not asked yet (asked once, at their first RSVP or join).
    access_needs_shared = models.BooleanField(null=True, blank=True)
    # How far they can travel to meet in person (the finder's answer), in kilometres.
    travel_distance_km = models.PositiveSmallIntegerField(null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="profiles")
    would_like_to_receive = models.TextField(max_length=2000, blank=True)
    could_offer = models.TextField(max_length=2000, blank=True)
    # Free text whose risk check came back urgent is shown to nobody else until a
    # moderator has looked (see safety.risk.stored).
    text_held = models.BooleanField(default=False)
    # field name -> Visibility value; see accounts.privacy
    visibility = models.JSONField(default=default_visibility)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="unique_display_name_ci"),
        ]

    def __str__(self):
        return self.display_name

    def visibility_of(self, field: str) -> Visibility:
        from alongside.accounts.privacy import DEFAULT_VISIBILITY

        return Visibility(self.visibility.get(field, DEFAULT_VISIBILITY[field]))


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once, at creation."""

    PREFIX = "als_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def generate_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
