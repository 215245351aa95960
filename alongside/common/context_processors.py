from django.conf import settings

from alongside.accounts.roles import is_staff_member


def site(request):
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "is_staff_member": is_staff_member(getattr(request, "user", None)),
    }
