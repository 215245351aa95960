from allauth.mfa.models import Authenticator


def has_totp(user) -> bool:
    """Whether `user` has an authenticator app set up (asked once per request's user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_totp = cached
    return cached
