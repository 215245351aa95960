"""The moderation queue and its alert and report pages. Each view authorises (a 404 for
anyone who isn't a moderator with two-factor), validates its form, calls one action and
redirects; a refusal (someone else has the item, a stale page) becomes a plain message."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.safety.forms_moderation import (
    SECTIONS,
    EditContentForm,
    HideForm,
    QueueFilterForm,
    ResolveForm,
)
from alongside.safety.models import Report, SafetyAlert
from alongside.safety.moderation import actions, members, queue
from alongside.safety.moderation.signals import describe_signals
from alongside.safety.staff_views_base import ModeratorView

PER_PAGE = 25


def _url_with(name: str, args=(), **query) -> str:
    """A link to another safety-net page, carrying the query values that are set."""
    url = reverse(name, args=args)
    query = {key: value for key, value in query.items() if value is not None}
    return f"{url}?{urlencode(query)}" if query else url


class _ItemActionView(ModeratorView):
    """POST only, on one alert or report: fetch it (404 if it isn't there), run `act`, and
    go to `next_url` with `success`, or back to its page with the refusal in plain words.
    `act` may return a response of its own (the page again, with a form's errors)."""

    success = ""
    detail_url = ""  # the item's page, by URL name

    def get_item(self, request, **ids):
        raise NotImplementedError

    def act(self, request, item):
        raise NotImplementedError

    def next_url(self, item) -> str:
        """Where to go once it is done: back to the item's page, unless overridden."""
        return reverse(self.detail_url, args=[item.pk])

    def post(self, request, **ids):
        item = self.get_item(request, **ids)
        try:
            response = self.act(request, item)
        except actions.ModerationError as error:
            messages.error(request, error.message)
            return redirect(self.detail_url, item.pk)
        if response is not None:
            return response
        messages.success(request, self.success)
        return redirect(self.next_url(item))


class _ClaimMixin:
    def act(self, request, item):
        actions.claim_item(moderator=request.user, item=item)


class _ReleaseMixin:
    def act(self, request, item):
        actions.release_item(moderator=request.user, item=item)


class ModerationQueueView(ModeratorView):
    def get(self, request):
        form = QueueFilterForm(request.GET)
        section = form.section()
        status = form.status_filter()
        rows = queue.queue_rows(section=section, status=status)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        if section == "alerts":
            for alert in page:
                alert.signal_words = describe_signals(alert.signals)
        context = {
            "form": form,
            "section": section,
            "section_title": SECTIONS[section],
            "sections": SECTIONS,
            "status": status,
            "page": page,
            "counts": queue.queue_counts(),
            "on_duty": members.is_on_duty(request.user),
            "duty_url": _url_with("safety:moderator_duty"),
            "page_query": urlencode({"show": section, "status": status}),
        }
        return render(request, "safety/staff/moderation/queue.html", context)


# ---- Alerts -----------------------------------------------------------------------------


def _member_links(member, **item) -> dict:
    if member is None:
        return {}
    return {
        "contact_url": _url_with("safety:moderation_contact", [member.pk], **item),
        "suspend_url": _url_with("safety:moderation_suspend", [member.pk], **item),
        "member_url": reverse("accounts:member", args=[member.pk]),
    }


def _alert_page(request, alert: SafetyAlert, *, status=200, **forms):
    content = alert.content
    context = {
        "alert": alert,
        "content": content,
        "content_name": actions.content_name(content),
        "content_held": actions.is_held(content),
        "awaits_decision": actions.awaits_decision(alert, content),
        "content_hidden": actions.is_hidden(alert, content),
        "place": queue.place_of(content),
        "signal_words": describe_signals(alert.signals),
        "history": queue.history_of(alert=alert),
        "earlier_alerts": queue.other_alerts_for(alert),
        "can_edit": bool(actions.editable_fields(content)),
        "claimed_by_me": alert.claimed_by_id == request.user.pk,
        "hide_form": forms.get("hide_form") or HideForm(auto_id="hide_%s"),
        "resolve_form": forms.get("resolve_form") or ResolveForm(auto_id="resolve_%s"),
        "case_url": _url_with("safety:case_create", member=alert.member_id, alert=alert.pk),
        **_member_links(alert.member, alert=alert.pk),
    }
    if forms:
        context["has_errors"] = True
    return render(request, "safety/staff/moderation/alert_detail.html", context, status=status)


class AlertDetailView(ModeratorView):
    def get(self, request, alert_id):
        alert = queue.access_alert_by_id(user=request.user, alert_id=alert_id)
        if actions.is_private_message(alert.content):
            actions.note_private_message_read(moderator=request.user, alert=alert)
        return _alert_page(request, alert)


class _AlertActionView(_ItemActionView):
    detail_url = "safety:alert_detail"

    def get_item(self, request, *, alert_id):
        return queue.access_alert_by_id(user=request.user, alert_id=alert_id)


class AlertClaimView(_ClaimMixin, _AlertActionView):
    success = "You have claimed this alert."


class AlertReleaseView(_ReleaseMixin, _AlertActionView):
    success = "The alert is back in the queue for another moderator."


class AlertApproveView(_AlertActionView):
    success = "Approved: it is showing now, and the writer has been told."

    def act(self, request, alert):
        actions.approve_alert_content(moderator=request.user, alert=alert)


class AlertHideView(_AlertActionView):
    success = "Hidden from other members. The writer has been told, kindly."

    def act(self, request, alert):
        form = HideForm(request.POST, auto_id="hide_%s")
        if not form.is_valid():
            return _alert_page(request, alert, status=400, hide_form=form)
        actions.hide_alert_content(
            moderator=request.user, alert=alert, reason=form.cleaned_data["reason"]
        )


class AlertResolveView(_AlertActionView):
    success = "Resolved. Thank you."

    def act(self, request, alert):
        form = ResolveForm(request.POST, auto_id="resolve_%s")
        if not form.is_valid():
            return _alert_page(request, alert, status=400, resolve_form=form)
        actions.resolve_alert(moderator=request.user, alert=alert, note=form.cleaned_data["note"])

    def next_url(self, alert) -> str:
        return reverse("safety:moderation_queue")


class AlertEditView(ModeratorView):
    template_name = "safety/staff/moderation/edit.html"

    def get(self, request, alert_id):
        alert = queue.access_alert_by_id(user=request.user, alert_id=alert_id)
        fields = actions.editable_fields(alert.content)
        if not fields:
            raise Http404("This can't be edited.")
        if actions.is_private_message(alert.content):
            # The form shows the message in full: a read on the record, as on the alert page.
            actions.note_private_message_read(moderator=request.user, alert=alert)
        form = EditContentForm(fields=fields, content=alert.content)
        return self.render_page(request, alert, form)

    def post(self, request, alert_id):
        alert = queue.access_alert_by_id(user=request.user, alert_id=alert_id)
        fields = actions.editable_fields(alert.content)
        if not fields:
            raise Http404("This can't be edited.")
        form = EditContentForm(request.POST, fields=fields, content=alert.content)
        if not form.is_valid():
            return self.render_page(request, alert, form, status=400)
        try:
            actions.edit_alert_content(
                moderator=request.user,
                alert=alert,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_page(request, alert, form, status=400)
        except actions.ModerationError as error:
            messages.error(request, error.message)
            return redirect("safety:alert_detail", alert_id=alert.pk)
        messages.success(request, "Saved your edit. The writer has been told.")
        return redirect("safety:alert_detail", alert_id=alert.pk)

    def render_page(self, request, alert, form, status=200):
        context = {
            "alert": alert,
            "form": form,
            "content_name": actions.content_name(alert.content),
            "keeps_revision": actions.keeps_revision(alert.content),
        }
        return render(request, self.template_name, context, status=status)


# ---- Reports ----------------------------------------------------------------------------


def _report_page(request, report: Report, *, status=200, **forms):
    content = None if report.member_id else report.reported_object
    context = {
        "report": report,
        "content": content,
        "content_name": actions.content_name(content) if content else "",
        "content_status": getattr(content, "status", ""),
        "place": queue.place_of(content) if content else None,
        "history": queue.history_of(report=report),
        "content_alerts": queue.alerts_for_content(content),
        "claimed_by_me": report.claimed_by_id == request.user.pk,
        "hide_form": forms.get("hide_form") or HideForm(auto_id="hide_%s"),
        "resolve_form": forms.get("resolve_form") or ResolveForm(auto_id="resolve_%s"),
        "case_url": _url_with("safety:case_create", member=report.reported_member_id),
        **_member_links(report.reported_member, report=report.pk),
    }
    if forms:
        context["has_errors"] = True
    return render(request, "safety/staff/moderation/report_detail.html", context, status=status)


class ReportDetailView(ModeratorView):
    def get(self, request, report_id):
        report = queue.access_report_by_id(user=request.user, report_id=report_id)
        if report.message_id and actions.is_private_message(report.message):
            actions.note_private_message_read(moderator=request.user, report=report)
        return _report_page(request, report)


class _ReportActionView(_ItemActionView):
    detail_url = "safety:report_detail"

    def get_item(self, request, *, report_id):
        return queue.access_report_by_id(user=request.user, report_id=report_id)


class ReportClaimView(_ClaimMixin, _ReportActionView):
    success = "You have claimed this report."


class ReportReleaseView(_ReleaseMixin, _ReportActionView):
    success = "The report is back in the queue for another moderator."


class ReportHideView(_ReportActionView):
    success = "Hidden from other members. The writer has been told, kindly."

    def act(self, request, report):
        form = HideForm(request.POST, auto_id="hide_%s")
        if not form.is_valid():
            return _report_page(request, report, status=400, hide_form=form)
        actions.hide_reported_content(
            moderator=request.user, report=report, reason=form.cleaned_data["reason"]
        )


class ReportResolveView(_ReportActionView):
    success = "Resolved. The member who reported it has been thanked."

    def act(self, request, report):
        form = ResolveForm(request.POST, auto_id="resolve_%s")
        if not form.is_valid():
            return _report_page(request, report, status=400, resolve_form=form)
        actions.resolve_report(
            moderator=request.user, report=report, note=form.cleaned_data["note"]
        )

    def next_url(self, report) -> str:
        return reverse("safety:moderation_queue") + "?show=reports"
