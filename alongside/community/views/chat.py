"""Chat room pages. They work as plain pages and forms; static/alongside/chat.js makes them
live over the websocket (alongside/community/consumers.py)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.community.actions.chat import room_for_group, room_for_space, send_message
from alongside.community.choices import ContentStatus, RoomKind
from alongside.community.forms_chat import HistoryForm, SendMessageForm
from alongside.community.models import Room
from alongside.community.permissions.rooms import (
    access_room_by_id,
    can_read_room,
    check_send_message_permission,
)
from alongside.community.selectors.chat import (
    messages_before,
    room_context,
    room_title,
    space_by_slug,
)
from alongside.community.selectors.protections import protections_for
from alongside.groups.permissions import access_group_by_slug
from alongside.safety.views_support import support_response


def room_url(room) -> str:
    if room.kind == RoomKind.SPACE:
        return reverse("community:chat_space", kwargs={"slug": room.space.slug})
    return reverse("community:chat_group", kwargs={"slug": room.group.slug})


def _send_refusal(user, room) -> str:
    """Why `user` can't write in `room` ("" if they can): shown instead of the form. (A
    suspension is said next to the box when they send: the room page's query budget.)"""
    try:
        check_send_message_permission(user, room)
    except PermissionDenied as error:
        return str(error)
    return ""


def render_room(request, room, *, form=None, refusal=None, status=200):
    context = room_context(user=request.user, room=room)
    context.update(
        title=room_title(room),
        send_url=reverse("community:chat_send", kwargs={"room_id": room.pk}),
        send_refusal=_send_refusal(request.user, room) if refusal is None else refusal,
        form=form,
    )
    if form is not None and form.data.get("client_id"):
        context["client_id"] = form.data["client_id"]  # a retry must reuse its client_id
    return render(request, "community/chat/room.html", context, status=status)


class SpaceChatView(LoginRequiredMixin, View):
    """A space's live chat: open to every signed-in member; writing needs the guidelines."""

    def get(self, request, slug):
        space = space_by_slug(slug)
        if space is None:
            raise Http404("No such space.")
        # Checked on an unsaved room, so that nobody who may not read it creates one.
        if not can_read_room(request.user, Room(kind=RoomKind.SPACE, space=space)):
            raise Http404("No such space.")
        room = room_for_space(space)
        room.space = space
        return render_room(request, room)


class GroupChatView(LoginRequiredMixin, View):
    """A group's live chat: its members, facilitators and moderators only."""

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        if not can_read_room(request.user, Room(kind=RoomKind.GROUP, group=group)):
            raise Http404("No such group.")
        room = room_for_group(group)
        room.group = group
        return render_room(request, room)


class RoomSendView(LoginRequiredMixin, View):
    """The no-JavaScript way to send: post, then back to the room (or the errors)."""

    def post(self, request, room_id):
        room = access_room_by_id(user=request.user, room_id=room_id)
        if room.kind == RoomKind.CONVERSATION:
            raise Http404("No such room.")  # conversations post from their own page
        form = SendMessageForm(request.POST)
        if not form.is_valid():
            return render_room(request, room, form=form, status=400)
        try:
            check_send_message_permission(request.user, room)
        except PermissionDenied as error:
            return render_room(request, room, refusal=str(error), status=403)
        try:
            message = send_message(
                room=room,
                author=request.user,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as error:
            # Next to the box, with their words still in it (even when it's a suspension).
            form.add_error("body", " ".join(error.messages))
            return render_room(request, room, form=form, refusal="", status=400)
        back_url = f"{room_url(room)}#message-{message.pk}"
        held = message.status == ContentStatus.HELD
        support = support_response(request, risk=message.risk, held=held, back_url=back_url)
        return support or redirect(back_url)


class RoomHistoryView(LoginRequiredMixin, View):
    """Fifty older messages; chat.js fetches this page when the member scrolls up."""

    def get(self, request, room_id):
        room = access_room_by_id(user=request.user, room_id=room_id)
        form = HistoryForm(request.GET)
        before = form.cleaned_data["before"] if form.is_valid() else None
        page = messages_before(room, before=before, viewer=request.user)
        context = {
            "room": room,
            "title": room_title(room),
            "chat_messages": page.messages,  # "messages" is the messages framework's
            "has_older": page.has_older,
            "protections": protections_for(request.user),
            "room_url": room_url(room) if room.kind != RoomKind.CONVERSATION else "",
            "history_url": reverse("community:chat_history", kwargs={"room_id": room.pk}),
        }
        return render(request, "community/chat/history.html", context)
