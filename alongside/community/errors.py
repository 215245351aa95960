from django.core.exceptions import ValidationError


class CommunityActionError(ValidationError):
    """A refusal that depends on the state of things, in words a member can read."""

    def __init__(self, message: str):
        super().__init__(message)


class ChatRateLimited(CommunityActionError):
    """Chat messages are arriving faster than a person types (see check_chat_rate)."""
