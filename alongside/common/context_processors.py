from django.conf import settings

from alongside.accounts.roles import is_staff_member
from alongside.safety.crisis import quick_help


def site(request):
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
        "quick_help": quick_help(),
    }
