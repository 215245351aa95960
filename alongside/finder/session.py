"""The finder's answers between pages: kept in this browser's session only, never stored
anywhere else unless the person saves them to their profile or sends them with an enquiry."""

from alongside.accounts.models import Profile
from alongside.finder.answers import SESSION_KEY, FinderAnswers
from alongside.finder.profile import answers_from_profile


def answers_in_session(request) -> FinderAnswers | None:
    """The answers so far, or None if they haven't started (or the session holds something
    this version can't read, which counts as not started)."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        return FinderAnswers.from_dict(data)
    except (TypeError, ValueError):
        return None


def current_answers(request) -> FinderAnswers:
    """The answers so far; before any, a signed-in member's profile; else none."""
    answers = answers_in_session(request)
    if answers is not None:
        return answers
    profile = Profile.objects.filter(user_id=request.user.pk).first() if request.user.pk else None
    return answers_from_profile(profile) if profile else FinderAnswers()


def keep_answers(request, answers: FinderAnswers) -> None:
    request.session[SESSION_KEY] = answers.to_dict()
    if not request.user.is_authenticated:
        # The pages promise someone without an account that closing the browser forgets them.
        request.session.set_expiry(0)


def forget_answers(request) -> None:
    request.session.pop(SESSION_KEY, None)
