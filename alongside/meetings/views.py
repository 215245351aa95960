"""Pages for one date of a meeting: details, RSVP, and for facilitators the attendee list,
attendance, cancelling and moving. Plain form posts that redirect; htmx swaps the RSVP
panel in place when it is there."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from alongside.groups.access import asks_access_consent, shared_needs
from alongside.groups.choices import VenueFeature
from alongside.groups.selectors import active_membership, has_accepted_current_agreement
from alongside.meetings import actions, permissions, selectors
from alongside.meetings.date_forms import AttendanceForm, MoveOccurrenceForm
from alongside.meetings.errors import MeetingError
from alongside.meetings.forms import RsvpForm
from alongside.meetings.models import Occurrence, OccurrenceStatus, Rsvp, RsvpStatus
from alongside.meetings.recurrence import meeting_zone


def _answer_form(answer: Rsvp | None, *, user, meeting) -> RsvpForm:
    """The RSVP form, filled in with the answer already given; before one is given (or after
    "can't go"), with their profile's needs for this kind of meeting if they share them."""
    ask = asks_access_consent(user)
    if answer is not None and answer.status != RsvpStatus.NOT_GOING:
        initial = {
            "status": RsvpStatus.GOING,
            "access_needs": answer.access_needs,
            "access_note": answer.access_note,
        }
        return RsvpForm(initial=initial, ask_consent=ask)
    status = RsvpStatus.GOING if answer is None else RsvpStatus.NOT_GOING
    needs, note = shared_needs(user.profile, meeting.mode) if user.is_authenticated else ([], "")
    initial = {"status": status, "access_needs": needs, "access_note": note}
    return RsvpForm(initial=initial, ask_consent=ask)


def _places(occurrence: Occurrence) -> dict:
    counts = occurrence.rsvps.aggregate(
        going_count=Count("pk", filter=Q(status=RsvpStatus.GOING)),
        waiting_count=Count("pk", filter=Q(status=RsvpStatus.WAITLISTED)),
    )
    places = actions.places_at(occurrence)
    left = None if places is None else max(places - counts["going_count"], 0)
    return {**counts, "places": places, "places_left": left}


def _rsvp_panel_context(request, occurrence: Occurrence, *, form=None, error=None) -> dict:
    user = request.user
    group = occurrence.meeting.group
    answer = membership = None
    if user.is_authenticated:
        answer = Rsvp.objects.filter(occurrence=occurrence, user=user).first()
        membership = active_membership(group=group, user=user)
    return {
        "occurrence": occurrence,
        "meeting": occurrence.meeting,
        "group": group,
        "show_join_details": permissions.can_see_join_details(user, occurrence),
        "answer": answer,
        "is_member": membership is not None,
        "agreement_ok": membership is None or has_accepted_current_agreement(membership=membership),
        "form": form or _answer_form(answer, user=user, meeting=occurrence.meeting),
        "error": error,
        "is_cancelled": occurrence.status == OccurrenceStatus.CANCELLED,
        "has_started": occurrence.starts_at <= timezone.now(),
        **_places(occurrence),
    }


def _page_context(request, occurrence: Occurrence, **panel) -> dict:
    meeting = occurrence.meeting
    can_manage = permissions.can_manage_meetings(request.user, meeting.group)
    context = {
        "meeting": meeting,
        "venue": meeting.venue,
        "venue_features": _feature_labels(meeting.venue),
        "can_manage": can_manage,
        **_rsvp_panel_context(request, occurrence, **panel),
    }
    if can_manage:
        attendees = selectors.attendee_list(occurrence)
        context["attendees"] = attendees
        context["attendance_form"] = AttendanceForm(attendees=attendees)
    return context


def _feature_labels(venue) -> list[str]:
    labels = dict(VenueFeature.choices)
    return [labels.get(value, value) for value in venue.features] if venue else []


def _render_page(request, occurrence: Occurrence, *, status=200, **panel):
    if request.htmx and not request.htmx.boosted:
        # 200, not 400: htmx swaps in only successful responses, and the panel carries the
        # message.
        context = _rsvp_panel_context(request, occurrence, **panel)
        return render(request, "meetings/_rsvp_panel.html", context)
    context = _page_context(request, occurrence, **panel)
    return render(request, "meetings/occurrence.html", context, status=status)


class OccurrenceView(View):
    """One date of a meeting, for anyone who may see its group."""

    def get(self, request, occurrence_id):
        occurrence = permissions.access_occurrence_by_id(
            user=request.user, occurrence_id=occurrence_id
        )
        context = _page_context(request, occurrence)
        return render(request, "meetings/occurrence.html", context)


RSVP_DONE = {
    RsvpStatus.GOING: "You're going. We'll send you a reminder the day before.",
    RsvpStatus.WAITLISTED: "This meeting is full, so you're on the waiting list. "
    "We'll email you if a place comes up.",
    RsvpStatus.NOT_GOING: "Thanks for letting us know you can't go.",
}


class OccurrenceRsvpView(LoginRequiredMixin, View):
    def post(self, request, occurrence_id):
        occurrence = permissions.access_occurrence_by_id(
            user=request.user, occurrence_id=occurrence_id
        )
        form = RsvpForm(request.POST, ask_consent=asks_access_consent(request.user))
        if not form.is_valid():
            return _render_page(request, occurrence, form=form, status=400)
        try:
            answer = actions.rsvp(
                occurrence=occurrence,
                user=request.user,
                status=form.cleaned_data["status"],
                access_needs=form.cleaned_data["access_needs"],
                access_note=form.cleaned_data["access_note"],
                share_access_needs=form.cleaned_data["share_access_needs"],
            )
        except MeetingError as error:
            return _render_page(request, occurrence, form=form, error=error, status=400)
        if request.htmx:
            context = _rsvp_panel_context(request, occurrence)
            context["done"] = RSVP_DONE[answer.status]
            return render(request, "meetings/_rsvp_panel.html", context)
        messages.success(request, RSVP_DONE[answer.status])
        return redirect("meetings:occurrence", occurrence_id=occurrence.pk)


class _ManageOccurrenceView(LoginRequiredMixin, View):
    """Fetch the date and check the facilitator's permission before anything else."""

    check_permission = staticmethod(permissions.check_change_occurrence_permission)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.occurrence = permissions.access_occurrence_by_id(
            user=request.user, occurrence_id=kwargs["occurrence_id"]
        )
        self.check_permission(request.user, self.occurrence)
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("meetings:occurrence", occurrence_id=self.occurrence.pk)


class OccurrenceAttendanceView(_ManageOccurrenceView):
    check_permission = staticmethod(permissions.check_record_attendance_permission)

    def post(self, request, occurrence_id):
        attendees = selectors.attendee_list(self.occurrence)
        form = AttendanceForm(request.POST, attendees=attendees)
        if not form.is_valid():
            messages.error(request, "Tick only people on the list.")
            return self.back()
        try:
            came = actions.record_attendance(
                occurrence=self.occurrence,
                actor=request.user,
                attended_user_ids=form.cleaned_data["came"],
            )
        except MeetingError as error:
            messages.error(request, error.messages[0])
            return self.back()
        messages.success(request, f"Attendance saved: {came} came.")
        return self.back()


class OccurrenceCancelView(_ManageOccurrenceView):
    template_name = "meetings/occurrence_cancel.html"

    def get(self, request, occurrence_id):
        return render(request, self.template_name, self._context())

    def post(self, request, occurrence_id):
        try:
            actions.cancel_occurrence(occurrence=self.occurrence, actor=request.user)
        except MeetingError as error:
            context = self._context(error=error)
            return render(request, self.template_name, context, status=400)
        messages.success(request, "This date is cancelled. Everyone going has been told.")
        return self.back()

    def _context(self, **extra):
        return {"occurrence": self.occurrence, "meeting": self.occurrence.meeting, **extra}


class OccurrenceMoveView(_ManageOccurrenceView):
    template_name = "meetings/occurrence_move.html"

    def get(self, request, occurrence_id):
        zone = meeting_zone(self.occurrence.meeting.timezone)
        start = self.occurrence.starts_at.astimezone(zone)
        end = self.occurrence.ends_at.astimezone(zone)
        form = self._form(
            initial={"date": start.date(), "start_time": start.time(), "end_time": end.time()}
        )
        return render(request, self.template_name, self._context(form))

    def post(self, request, occurrence_id):
        form = self._form(data=request.POST)
        if form.is_valid():
            starts_at, ends_at = form.moments()
            try:
                actions.move_occurrence(
                    occurrence=self.occurrence,
                    actor=request.user,
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
            except MeetingError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, "This date has moved. Everyone going has been told.")
                return self.back()
        return render(request, self.template_name, self._context(form), status=400)

    def _form(self, **kwargs):
        return MoveOccurrenceForm(timezone_name=self.occurrence.meeting.timezone, **kwargs)

    def _context(self, form):
        return {"occurrence": self.occurrence, "meeting": self.occurrence.meeting, "form": form}
