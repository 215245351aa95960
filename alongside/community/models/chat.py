"""Chat: rooms (space, group, conversation), their messages, read markers and presence."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.common.models import TimeStampedModel
from alongside.community.choices import ContentStatus, ConversationKind, RoomKind
from alongside.community.models.forum import Space
from alongside.community.models.limits import MESSAGE_MAX_LENGTH
from alongside.safety.risk.stored import AssessedContent


class Room(models.Model):
    """Where chat messages live. A space or a group has at most one room; a conversation
    (1:1) has exactly one. Who may read and write is decided in community.permissions."""

    kind = models.CharField(max_length=20, choices=RoomKind.choices)
    space = models.OneToOneField(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="room"
    )
    group = models.OneToOneField(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="room"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=RoomKind.SPACE, space__isnull=False, group__isnull=True)
                    | Q(kind=RoomKind.GROUP, group__isnull=False, space__isnull=True)
                    | Q(kind=RoomKind.CONVERSATION, space__isnull=True, group__isnull=True)
                ),
                name="room_belongs_to_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def channel_group(self) -> str:
        """The channel-layer group every connected client of this room listens on."""
        return self.channel_group_of(self.pk)

    @staticmethod
    def channel_group_of(room_id: int) -> str:
        return f"room.{room_id}"

    @property
    def is_moderator_conversation(self) -> bool:
        """A conversation a moderator started with a member (see moderator_contact)."""
        if self.kind != RoomKind.CONVERSATION:
            return False
        conversation = getattr(self, "conversation", None)
        return conversation is not None and conversation.kind == ConversationKind.MODERATOR


class MessageQuerySet(models.QuerySet):
    def visible(self):
        """Messages every reader of their room may see: the one rule, used everywhere."""
        return self.filter(status=ContentStatus.VISIBLE, deleted_at__isnull=True)


class Message(AssessedContent, models.Model):
    """A chat message. Stored before it is broadcast; ids increase, so a client that
    reconnects asks for everything after the last id it saw."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="messages"
    )
    body = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    body_html = models.TextField()
    status = models.CharField(
        max_length=20, choices=ContentStatus.choices, default=ContentStatus.VISIBLE
    )
    # Chosen by the sending client, so that a message resent after a dropped connection
    # is stored once.
    client_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["room", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_id"],
                condition=~Q(client_id=""),
                name="unique_message_client_id",
            )
        ]

    def __str__(self):
        return f"Message {self.pk} in room {self.room_id}"


class Conversation(TimeStampedModel):
    """A private 1:1 conversation. The pair is stored in id order so that there is one
    conversation per pair and kind."""

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="conversation")
    kind = models.CharField(
        max_length=20, choices=ConversationKind.choices, default=ConversationKind.DIRECT
    )
    first_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    second_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first_user", "second_user", "kind"], name="unique_conversation_pair"
            ),
            models.CheckConstraint(
                condition=Q(first_user__lt=models.F("second_user")),
                name="conversation_pair_in_order",
            ),
        ]

    def __str__(self):
        return f"Conversation {self.pk}"

    def participant_ids(self) -> tuple[int, int]:
        return (self.first_user_id, self.second_user_id)

    def other_participant_id(self, user_id: int) -> int:
        return self.second_user_id if user_id == self.first_user_id else self.first_user_id


class ReadMarker(models.Model):
    """The newest message a member has read in a room: unread counts and read markers."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_markers"
    )
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="unique_read_marker")]

    def __str__(self):
        return f"{self.user} read room {self.room_id} up to {self.last_read_message_id}"


class RoomPresence(models.Model):
    """One open websocket connection to a room. Rows are removed on disconnect; a row whose
    heartbeat is stale (a worker that died) is ignored and swept."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["room", "last_seen_at"])]

    def __str__(self):
        return f"{self.user} in room {self.room_id}"
