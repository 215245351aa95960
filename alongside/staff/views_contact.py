"""Contact us: a form for anyone, signed in or not, and the thanks page with their
reference. Coming from the finder (`?from=finder`), their answers can go along too."""

import time

from django.shortcuts import redirect, render
from django.views import View

from alongside.common.request_context import ip_from_meta
from alongside.finder.answers import FinderAnswers
from alongside.finder.presenters import answer_rows
from alongside.finder.session import current_answers
from alongside.safety.support import support_for_level
from alongside.staff.actions.enquiries import (
    RESPONSE_TIME,
    enquiry_rate_wait,
    new_reference,
    submit_enquiry,
    too_many_message,
)
from alongside.staff.choices import EnquiryTopic
from alongside.staff.forms_enquiries import FROM_FINDER, ContactForm

# The last message sent from this browser: only its sender sees its thanks page, and only
# for a while, so that someone else at a shared computer can't come back to it later.
SENT_KEY = "contact.sent"
SENT_PAGE_SECONDS = 60 * 60


def _remember_sent(request, *, reference: str, risk_level: str) -> None:
    request.session[SENT_KEY] = {
        "reference": reference,
        "risk_level": risk_level,
        "sent_at": time.time(),
    }


def _recently_sent(request) -> dict | None:
    sent = request.session.get(SENT_KEY)
    if not isinstance(sent, dict) or not sent.get("reference"):
        return None
    sent_at = sent.get("sent_at")
    if not isinstance(sent_at, int | float) or time.time() - sent_at > SENT_PAGE_SECONDS:
        del request.session[SENT_KEY]
        return None
    return sent


class ContactView(View):
    template_name = "staff/contact/new.html"

    def finder_answers(self, request, source: str):
        """What the results page they came from was built on: their answers, or for a
        member who hasn't changed any, the ones their profile gave."""
        if source != FROM_FINDER:
            return None
        answers = current_answers(request)
        return None if answers == FinderAnswers() else answers

    def get(self, request):
        source = FROM_FINDER if request.GET.get("from") == FROM_FINDER else ""
        answers = self.finder_answers(request, source)
        initial = {"source": source}
        if answers is not None:
            initial |= {"topic": EnquiryTopic.SUPPORT_NEEDS, "send_finder_answers": True}
        if request.user.is_authenticated:
            initial |= {"name": request.user.profile.display_name, "email": request.user.email}
        form = ContactForm(
            initial=initial,
            signed_in=request.user.is_authenticated,
            offer_finder_answers=answers is not None,
        )
        return self.render_page(request, form, answers)

    def post(self, request):
        source = FROM_FINDER if request.POST.get("source") == FROM_FINDER else ""
        answers = self.finder_answers(request, source)
        form = ContactForm(
            request.POST,
            signed_in=request.user.is_authenticated,
            offer_finder_answers=answers is not None,
        )
        if form.is_spam:
            # The same thanks as anyone gets, and nothing stored.
            _remember_sent(request, reference=new_reference(), risk_level="none")
            return redirect("contact:sent")
        if not form.is_valid():
            return self.render_page(request, form, answers, status=400)
        wait = enquiry_rate_wait(
            client_ip=ip_from_meta(request.META),
            email=form.cleaned_data["email"],
            user=request.user,
        )
        if wait:
            problem = f"{too_many_message(wait)} Everything you wrote is still here."
            return self.render_page(request, form, answers, status=429, problem=problem)
        enquiry = submit_enquiry(
            **form.enquiry_fields(),
            finder_answers=answers.to_dict() if form.wants_finder_answers else None,
            user=request.user,
        )
        _remember_sent(request, reference=enquiry.reference, risk_level=enquiry.risk_level)
        return redirect("contact:sent")

    def render_page(self, request, form, answers, *, status=200, problem=""):
        context = {
            "form": form,
            "finder_rows": answer_rows(answers) if answers is not None else [],
            "problem": problem,
        }
        return render(request, self.template_name, context, status=status)


class ContactSentView(View):
    template_name = "staff/contact/sent.html"

    def get(self, request):
        sent = _recently_sent(request)
        if sent is None:
            return redirect("contact:new")
        support = support_for_level(
            user=request.user, level=str(sent.get("risk_level", "")), held=False
        )
        context = {
            "reference": sent["reference"],
            "support": support,
            "response_time": RESPONSE_TIME,
        }
        return render(request, self.template_name, context)
