from django.core.exceptions import ValidationError


class MatchingError(ValidationError):
    """A refusal that depends on the state of things, in words a member or coordinator
    can read ("This match has already been accepted")."""

    def __init__(self, message: str):
        super().__init__(message)
