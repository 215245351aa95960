"""What the meetings actions refuse, in words a member can act on. Views and the API show
the message; the code says which rule it was."""

from django.core.exceptions import ValidationError


class MeetingError(ValidationError):
    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code)


def rsvp_to_past_meeting() -> MeetingError:
    return MeetingError("This meeting has already started or finished.", code="past")


def rsvp_to_cancelled_meeting() -> MeetingError:
    return MeetingError("This meeting has been cancelled.", code="cancelled")


def rsvp_by_non_member() -> MeetingError:
    return MeetingError("Only members of this group can say they're going.", code="not_member")


def agreement_not_accepted() -> MeetingError:
    return MeetingError(
        "Please read and accept the updated group agreement first.", code="agreement"
    )


def change_to_past_meeting() -> MeetingError:
    return MeetingError("This meeting has already started, so it can't be changed.", code="past")


def change_to_cancelled_meeting() -> MeetingError:
    return MeetingError("This meeting has been cancelled.", code="cancelled")


def ends_before_start() -> MeetingError:
    return MeetingError("The meeting would end before it starts.", code="ends_before_start")


def attendance_too_early() -> MeetingError:
    return MeetingError("You can record who came once the meeting has started.", code="not_started")
