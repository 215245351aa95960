"""The coordinators' enquiry inbox and enquiry page. To anyone who isn't a coordinator with
two-factor set up, every URL here is a 404, signed in or not."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from alongside.common.http import parse_id
from alongside.community.permissions.roles import is_coordinator
from alongside.finder.answers import FinderAnswers
from alongside.finder.presenters import answer_rows
from alongside.staff.actions import enquiries as actions
from alongside.staff.choices import ContactMethod, EntryKind
from alongside.staff.forms_enquiries import (
    AssignForm,
    InboxFilterForm,
    NoteForm,
    ReplyForm,
    StatusForm,
)
from alongside.staff.permissions import access_enquiry_by_id
from alongside.staff.selectors.enquiries import assignable_coordinators, enquiry_log, inbox

PAGE_SIZE = 25


class EnquiryStaffView(View):
    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404("No such page.")
        return super().dispatch(request, *args, **kwargs)

    def enquiry(self, request, enquiry_id):
        return access_enquiry_by_id(user=request.user, enquiry_id=parse_id(enquiry_id))


class EnquiryInboxView(EnquiryStaffView):
    def get(self, request):
        form = InboxFilterForm(request.GET)
        queryset = inbox(**form.filters(request.user))
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "page": page, "query": query.urlencode()}
        return render(request, "staff/enquiries/inbox.html", context)


def _finder_rows(enquiry) -> list:
    if not isinstance(enquiry.finder_answers, dict) or not enquiry.finder_answers:
        return []
    try:
        return answer_rows(FinderAnswers.from_dict(enquiry.finder_answers))
    except (TypeError, ValueError):
        return []


def _method_labels(enquiry) -> list[str]:
    labels = dict(ContactMethod.choices)
    return [labels.get(method, method) for method in enquiry.contact_methods or ()]


class EnquiryView(EnquiryStaffView):
    def get(self, request, enquiry_id):
        return render_enquiry(request, enquiry=self.enquiry(request, enquiry_id))


def render_enquiry(request, *, enquiry, bound=None, status=200):
    """The enquiry page, with `bound` (a form that failed) in place of its fresh copy.
    Every showing of their message is a read for the audit log, a failed form's too."""
    actions.record_enquiry_viewed(enquiry=enquiry, actor=request.user)
    people = assignable_coordinators()
    forms = {
        "assign_form": AssignForm(
            initial={"assignee": enquiry.assigned_to_id}, coordinators=people
        ),
        "status_form": StatusForm(initial={"status": enquiry.status}),
        "note_form": NoteForm(),
        "reply_form": ReplyForm(
            initial={"kind": EntryKind.EMAIL_REPLY if enquiry.email else EntryKind.PHONE_CALL}
        ),
    }
    if bound is not None:
        forms[bound[0]] = bound[1]
    context = {
        "enquiry": enquiry,
        "entries": enquiry_log(enquiry),
        "finder_rows": _finder_rows(enquiry),
        "methods": _method_labels(enquiry),
        **forms,
    }
    return render(request, "staff/enquiries/enquiry.html", context, status=status)


class _EnquiryFormView(EnquiryStaffView):
    """One of the forms on the enquiry page: validate, call the action, back to the page;
    or the page again with the form's errors beside its fields."""

    key = ""

    def make_form(self, request):
        raise NotImplementedError

    def save(self, request, enquiry, form) -> str:
        raise NotImplementedError

    def post(self, request, enquiry_id):
        enquiry = self.enquiry(request, enquiry_id)
        form = self.make_form(request)
        if form.is_valid():
            try:
                message = self.save(request, enquiry, form)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, message)
                return redirect("staff:enquiry", enquiry_id=enquiry.pk)
        return render_enquiry(request, enquiry=enquiry, bound=(self.key, form), status=400)


class EnquiryAssignView(_EnquiryFormView):
    key = "assign_form"

    def make_form(self, request):
        return AssignForm(request.POST, coordinators=assignable_coordinators())

    def save(self, request, enquiry, form):
        assignee = form.chosen_coordinator
        actions.assign_enquiry(enquiry=enquiry, assignee=assignee, actor=request.user)
        if assignee is None:
            return f"{enquiry.reference} is no longer assigned to anyone."
        return f"{enquiry.reference} is now assigned to {assignee.profile.display_name}."


class EnquiryStatusView(_EnquiryFormView):
    key = "status_form"

    def make_form(self, request):
        return StatusForm(request.POST)

    def save(self, request, enquiry, form):
        actions.change_enquiry_status(
            enquiry=enquiry, status=form.cleaned_data["status"], actor=request.user
        )
        return f"{enquiry.reference} is now \u201c{enquiry.get_status_display()}\u201d."


class EnquiryNoteView(_EnquiryFormView):
    key = "note_form"

    def make_form(self, request):
        return NoteForm(request.POST)

    def save(self, request, enquiry, form):
        actions.add_enquiry_note(
            enquiry=enquiry, body=form.cleaned_data["body"], actor=request.user
        )
        return "Note added."


class EnquiryReplyView(_EnquiryFormView):
    key = "reply_form"

    def make_form(self, request):
        return ReplyForm(request.POST)

    def save(self, request, enquiry, form):
        entry = actions.log_enquiry_reply(
            enquiry=enquiry,
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
            actor=request.user,
        )
        if entry.kind == EntryKind.EMAIL_REPLY:
            return f"Your reply has been emailed to {enquiry.email} and logged."
        return "Reply logged."
