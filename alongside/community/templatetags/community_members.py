"""`{% member_links member %}`: the "Send a message", "Block" and "Report" links on a
member's profile, worked out for whoever is looking."""

from django import template
from django.core.exceptions import PermissionDenied

from alongside.community.permissions.rooms import check_message_member_permission
from alongside.community.selectors.protections import has_blocked

register = template.Library()


@register.inclusion_tag("community/members/_profile_links.html", takes_context=True)
def member_links(context, member):
    viewer = context["request"].user
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == member.pk:
        return {"hidden": True}
    try:
        check_message_member_permission(viewer, member.pk)
        refusal = ""
    except PermissionDenied as denied:
        refusal = str(denied)
    return {
        "member": member,
        "message_refusal": refusal.replace("This member", member.profile.display_name),
        "is_blocked": has_blocked(blocker=viewer, blocked=member),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
