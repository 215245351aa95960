from django.core.exceptions import ValidationError


class GroupActionError(ValidationError):
    """A refusal that depends on the state of things, in words a member can read."""

    def __init__(self, message: str):
        super().__init__(message)
