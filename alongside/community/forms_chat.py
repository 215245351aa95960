"""Input for chat pages and the chat API. The text itself is checked by the send action
(prepare_member_text), so that the page, the API and the websocket give the same errors."""

from django import forms
from django.core.validators import RegexValidator

from alongside.community.actions.chat import CLIENT_ID_MAX_LENGTH


class SendMessageForm(forms.Form):
    body = forms.CharField(label="Message", required=False, strip=False)
    # A uuid in practice; letters, digits and a little punctuation in principle.
    client_id = forms.CharField(
        required=False,
        max_length=CLIENT_ID_MAX_LENGTH,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9._:-]*$",
                "A client id may only use letters, digits and . _ : - characters.",
            )
        ],
    )


class HistoryForm(forms.Form):
    before = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
