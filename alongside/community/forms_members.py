"""Forms for settings, breaks, blocking and direct messages. The API uses them too, so a
bad value gets the same plain message everywhere."""

from django import forms

from alongside.community.actions.protection import BREAK_LENGTHS
from alongside.community.choices import DigestFrequency
from alongside.community.text import one_line

MUTED_WORDS_MAX = 50
MUTED_WORD_MAX_LENGTH = 40


def clean_muted_words(lines: list[str]) -> list[str]:
    """Tidied, without blanks or repeats (ignoring case). Raises ValidationError."""
    words, seen = [], set()
    for line in lines:
        word = one_line(str(line))
        if not word or word.casefold() in seen:
            continue
        if len(word) > MUTED_WORD_MAX_LENGTH:
            raise forms.ValidationError(
                f"\u201c{word[:20]}\u2026\u201d is too long: each muted word or phrase can be "
                f"up to {MUTED_WORD_MAX_LENGTH} characters."
            )
        seen.add(word.casefold())
        words.append(word)
    if len(words) > MUTED_WORDS_MAX:
        raise forms.ValidationError(
            f"You can mute up to {MUTED_WORDS_MAX} words or phrases; there are "
            f"{len(words)} here. Please remove some."
        )
    return words


class CommunitySettingsForm(forms.Form):
    allow_direct_messages = forms.BooleanField(
        label="Let other members send me direct messages",
        required=False,
        help_text="Members you've blocked can never message you.",
    )
    muted_words = forms.CharField(
        label="Muted words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            f"One word or phrase a line, up to {MUTED_WORDS_MAX}. Posts and messages that "
            "contain them are folded away for you, with a button to show them."
        ),
    )
    email_digest = forms.ChoiceField(
        label="Email me a digest of my notifications",
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose never, once a day or once a week."},
    )

    @classmethod
    def initial_for(cls, row) -> dict:
        return {
            "allow_direct_messages": row.allow_direct_messages,
            "muted_words": "\n".join(row.muted_words or []),
            "email_digest": row.email_digest,
        }

    def clean_muted_words(self) -> list[str]:
        return clean_muted_words((self.cleaned_data.get("muted_words") or "").split("\n"))


class BreakForm(forms.Form):
    length = forms.ChoiceField(
        label="Take a break for",
        choices=[(key, label) for key, (label, _) in BREAK_LENGTHS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how long you'd like your break to be.",
            "invalid_choice": "Choose one of the lengths in the list.",
        },
    )


class MessageForm(forms.Form):
    """A direct message sent without JavaScript. The text is checked by send_message."""

    body = forms.CharField(label="Message", strip=False, required=False, widget=forms.Textarea)
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
