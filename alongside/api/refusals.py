"""The domain's refusals (a full group, a changed agreement, a cancelled meeting) as API
errors in the standard shape: 409, since the request was well formed but the state of
things doesn't allow it."""

from contextlib import contextmanager

from ninja.errors import HttpError

from alongside.community.errors import CommunityActionError
from alongside.groups.errors import GroupActionError
from alongside.meetings.errors import MeetingError


@contextmanager
def refusals_as_conflicts():
    try:
        yield
    except (CommunityActionError, GroupActionError, MeetingError) as error:
        raise HttpError(409, " ".join(error.messages)) from error
