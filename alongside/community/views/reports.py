"""Reporting a post, message, coping strategy, comment or member to the moderators."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views import View

from alongside.community.permissions.members import access_reportable_by_id
from alongside.safety.actions import AlreadyReported, report_content
from alongside.safety.choices import ReportTarget
from alongside.safety.forms import ReportForm

EXCERPT_LENGTH = 200


def describe(target: str, thing) -> dict:
    """What the reporter sees about the thing: whose it is and a short excerpt, as text."""
    if target == ReportTarget.MEMBER:
        return {"kind": "member", "author": thing.profile.display_name, "excerpt": ""}
    author = thing.author.profile.display_name if thing.author else "a deleted member"
    if target == ReportTarget.COPING_STRATEGY:
        text = f"{thing.title}: {thing.what_it_is}"
    else:
        text = thing.body
    text = " ".join(text.split())
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH].rstrip() + "\u2026"
    return {"kind": ReportTarget(target).label.lower(), "author": author, "excerpt": text}


class ReportView(LoginRequiredMixin, View):
    template_name = "safety/report.html"

    def _context(self, target, thing, form, **extra):
        return {"target": target, "about": describe(target, thing), "form": form, **extra}

    def get(self, request, target, object_id):
        thing = access_reportable_by_id(user=request.user, target=target, object_id=object_id)
        return render(request, self.template_name, self._context(target, thing, ReportForm()))

    def post(self, request, target, object_id):
        thing = access_reportable_by_id(user=request.user, target=target, object_id=object_id)
        form = ReportForm(request.POST)
        if not form.is_valid():
            context = self._context(target, thing, form)
            return render(request, self.template_name, context, status=400)
        try:
            report_content(
                reporter=request.user,
                target=target,
                thing=thing,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except AlreadyReported as already:
            context = {"about": describe(target, thing), "note": " ".join(already.messages)}
            return render(request, "safety/report_thanks.html", context)
        except ValidationError as refusal:
            context = self._context(target, thing, form, error=" ".join(refusal.messages))
            return render(request, self.template_name, context, status=429)
        return render(request, "safety/report_thanks.html", {"about": describe(target, thing)})
