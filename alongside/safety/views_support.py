"""The page a member sees straight after writing something the risk check flagged.

Views that store member text call `support_response(request, risk=..., held=...)` after
the action (or `after_writing` / `after_writing_content`, which also redirect and say
"saved"): for urgent risk it
returns a redirect to this page (what they wrote is held), for concern it adds a gentle
panel to show on the next page (a message tagged "writer-support", which base.html shows as
it is) and returns None, and for no risk it returns None. What they see is built by
`safety.support.writer_support`."""

import time

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from alongside.community.choices import ContentStatus
from alongside.safety.crisis import crisis_options
from alongside.safety.plans import get_own_safety_plan
from alongside.safety.risk import RiskAssessment, RiskLevel
from alongside.safety.support import member_country, support_for_level, writer_support

SESSION_KEY = "safety.writer_support"
# After this the page no longer says "what you wrote is kept safe": it is about something
# written a while ago. It still shows where to get help.
SHOWN_FOR_SECONDS = 60 * 60
WRITER_SUPPORT_TAG = "writer-support"


def _safe_back_url(request, url) -> str:
    url = url if isinstance(url, str) else ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def support_response(request, *, risk: RiskAssessment, held: bool, back_url: str = ""):
    support = writer_support(user=request.user, risk=risk, held=held)
    if support is None:
        return None
    if support.level == RiskLevel.CONCERN:
        # Rendered here, from our own template and the crisis resources (all escaped), so
        # that base.html can show it on whichever page comes next. render_to_string gives
        # safe text, and the message storage keeps it marked safe (its cookie is signed).
        panel = render_to_string("safety/_writer_support.html", {"support": support})
        messages.info(request, panel, extra_tags=WRITER_SUPPORT_TAG)
        return None
    request.session[SESSION_KEY] = {
        "level": str(support.level),
        "held": held,
        "back_url": _safe_back_url(request, back_url),
        "at": time.time(),
    }
    return redirect("safety:writer_support")


def after_writing(request, *, risk: RiskAssessment, held: bool, back_url: str, success=""):
    """The response to a page's form that stored member text: the support page when it is
    urgent (and held), else back to `back_url` with `success` and, for a concern, the
    gentle panel."""
    if success and RiskLevel(risk.level) != RiskLevel.URGENT:
        messages.success(request, success)
    response = support_response(request, risk=risk, held=held, back_url=back_url)
    return response or redirect(back_url)


def after_writing_content(request, content, *, back_url: str, success: str = ""):
    """`after_writing` for a post, message, coping strategy or comment just stored: its
    own risk, and held if its status says so."""
    held = content.status == ContentStatus.HELD
    return after_writing(request, risk=content.risk, held=held, back_url=back_url, success=success)


def _support_in_session(request):
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return None, ""
    at = stored.get("at")
    if not isinstance(at, (int, float)) or time.time() - at > SHOWN_FOR_SECONDS:
        return None, ""
    support = support_for_level(
        user=request.user, level=str(stored.get("level")), held=stored.get("held") is True
    )
    return support, _safe_back_url(request, stored.get("back_url"))


class WriterSupportView(TemplateView):
    """What a member sees after writing something urgent. Opened on its own (or long after)
    it still helps: it shows the same first options as "I need help now"."""

    template_name = "safety/writer_support.html"

    def get_context_data(self, **kwargs):
        support, back_url = _support_in_session(self.request)
        user = self.request.user
        return super().get_context_data(
            support=support,
            back_url=back_url,
            options=support.options if support else crisis_options(country=member_country(user)),
            own_plan=get_own_safety_plan(user=user),
            **kwargs,
        )
