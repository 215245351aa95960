"""The page a member sees straight after writing something the risk check flagged.

Views that store member text call `support_response(request, risk=..., held=...)` after the
action: for urgent risk it returns a redirect to this page (what they wrote is held), for
concern it adds a gentle message to show on the next page and returns None, and for no
risk it returns None. What they see is built by `safety.support.writer_support`."""

from django.contrib import messages
from django.shortcuts import redirect

from alongside.safety.risk import RiskAssessment, RiskLevel

SESSION_KEY = "safety.writer_support"


def support_response(request, *, risk: RiskAssessment, held: bool, back_url: str = ""):
    level = RiskLevel(risk.level)
    if level == RiskLevel.NONE:
        return None
    if level == RiskLevel.CONCERN:
        messages.info(request, "", extra_tags="writer-support")
        return None
    request.session[SESSION_KEY] = {"level": str(level), "held": held, "back_url": back_url}
    return redirect("safety:writer_support")
