"""1:1 conversations: the list, starting one from a member's profile, and the page."""

import uuid

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from alongside.community.actions.chat import mark_room_read, send_message
from alongside.community.actions.conversations import start_conversation
from alongside.community.choices import ContentStatus
from alongside.community.forms_chat import HistoryForm
from alongside.community.forms_members import MessageForm
from alongside.community.permissions.members import (
    access_conversation_by_id,
    access_member_by_id,
)
from alongside.community.permissions.rooms import (
    check_message_member_permission,
    check_send_message_permission,
    send_refusal,
)
from alongside.community.selectors.conversations import (
    PAGE_SIZE,
    conversation_messages,
    conversations_for,
    present_in_room,
    seen_by_other,
)
from alongside.community.selectors.protections import protections_for
from alongside.safety.views_support import support_response


def _before(request) -> int | None:
    form = HistoryForm(request.GET)
    return form.cleaned_data["before"] if form.is_valid() else None


class ConversationListView(LoginRequiredMixin, View):
    def get(self, request):
        conversations = conversations_for(user=request.user)
        return render(
            request, "community/members/conversations.html", {"conversations": conversations}
        )


class ConversationStartView(LoginRequiredMixin, View):
    """GET explains (or says why not); POST starts the conversation and opens it."""

    template_name = "community/members/conversation_start.html"

    def _refusal(self, request, member) -> str:
        try:
            check_message_member_permission(request.user, member.pk)
        except PermissionDenied as refusal:
            return str(refusal)
        return ""

    def get(self, request, user_id):
        member = access_member_by_id(user=request.user, member_id=user_id)
        refusal = self._refusal(request, member)
        status = 403 if refusal else 200
        context = {"member": member, "refusal": refusal}
        return render(request, self.template_name, context, status=status)

    def post(self, request, user_id):
        member = access_member_by_id(user=request.user, member_id=user_id)
        refusal = self._refusal(request, member)
        if refusal:
            context = {"member": member, "refusal": refusal}
            return render(request, self.template_name, context, status=403)
        conversation = start_conversation(actor=request.user, other=member)
        return redirect("community:conversation", conversation.pk)


class ConversationView(LoginRequiredMixin, View):
    template_name = "community/members/conversation.html"

    def _render(self, request, conversation, *, form=None, error="", status=200, show_form=False):
        """`show_form`: keep the form (with its errors and their words) on show even if
        the member may not write now; the refusal is then next to the box."""
        user = request.user
        before = _before(request)
        shown = conversation_messages(conversation=conversation, before=before, viewer=user)
        protections = protections_for(user)
        for message in shown:
            message.collapsed = protections.collapse_reason(
                author_id=message.author_id, text=message.body
            )
        if shown and before is None:
            mark_room_read(room=conversation.room, user=user, up_to=shown[-1].pk)
        other = (
            conversation.second_user
            if conversation.first_user_id == user.pk
            else conversation.first_user
        )
        refusal = "" if show_form else send_refusal(user, conversation.room)
        url = reverse("community:conversation", args=[conversation.pk])
        context = {
            "conversation": conversation,
            "other": other,
            "room": conversation.room,
            # Not "messages": base.html shows the messages framework's notes under that name.
            "chat_messages": shown,
            "latest_id": shown[-1].pk if shown else 0,
            "send_url": url,
            "history_url": url,  # the partial appends ?before=<id>
            "has_older": len(shown) >= PAGE_SIZE,
            "client_id": uuid.uuid4().hex,
            "protections": protections,
            "present": present_in_room(room=conversation.room, protections=protections),
            "seen_id": seen_by_other(conversation=conversation, user=user, messages=shown),
            "send_refusal": error or refusal,
            "form": form,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, conversation_id):
        conversation = access_conversation_by_id(user=request.user, conversation_id=conversation_id)
        return self._render(request, conversation)

    def post(self, request, conversation_id):
        conversation = access_conversation_by_id(user=request.user, conversation_id=conversation_id)
        form = MessageForm(request.POST)
        try:
            check_send_message_permission(request.user, conversation.room)
        except PermissionDenied as denied:
            return self._render(request, conversation, form=form, error=str(denied), status=403)
        if not form.is_valid():  # only a client_id over 64 characters gets here
            form.add_error("body", "Something went wrong with that message. Please send it again.")
            return self._render(request, conversation, form=form, status=400)
        try:
            message = send_message(
                room=conversation.room,
                author=request.user,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as refusal:  # the text, the rate, or a suspension
            form.add_error("body", " ".join(refusal.messages))
            return self._render(request, conversation, form=form, status=400, show_form=True)
        back_url = reverse("community:conversation", args=[conversation.pk])
        held = message.status == ContentStatus.HELD
        support = support_response(request, risk=message.risk, held=held, back_url=back_url)
        return support or redirect(f"{back_url}#message-{message.pk}")
