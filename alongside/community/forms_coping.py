"""Input for the coping strategies library and for search, with messages in plain words.
The same forms check what the pages and the API receive."""

from django import forms

from alongside.accounts.models import Topic
from alongside.community.actions.coping import (
    COMMENT_MAX_LENGTH,
    WHAT_IT_IS_MAX_LENGTH,
    WHEN_IT_HELPS_MAX_LENGTH,
    StrategyDetails,
)
from alongside.community.models import TITLE_MAX_LENGTH
from alongside.community.text import tidy

SEARCH_MAX_LENGTH = 200
TOO_LONG = "Please shorten this to %(limit_value)d characters or fewer (it has %(show_value)d)."


def _text_field(label: str, max_length: int, *, help_text: str = "", textarea: bool = True):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput,
        error_messages={"required": f"Please fill in \u201c{label}\u201d.", "max_length": TOO_LONG},
    )


def active_topics():
    return Topic.objects.filter(is_active=True)


class TopicChoices(forms.ModelMultipleChoiceField):
    """Topics by slug. Values are tidied first: a lone surrogate can't reach the database."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [tidy(str(item)) for item in value]
        return super().clean(value)


class CopingStrategyForm(forms.Form):
    title = _text_field("Title", TITLE_MAX_LENGTH, textarea=False)
    what_it_is = _text_field(
        "What it is",
        WHAT_IT_IS_MAX_LENGTH,
        help_text="Describe the technique so someone else could try it. You can use markdown.",
    )
    when_it_helps = _text_field(
        "When it helps",
        WHEN_IT_HELPS_MAX_LENGTH,
        help_text="The moments or feelings it helps you with.",
    )
    topics = TopicChoices(
        label="Topics",
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional: choose any that fit, so others can find it.",
        error_messages={
            "invalid_choice": "Choose topics from the list.",
            "invalid_pk_value": "Choose topics from the list.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = active_topics()

    @classmethod
    def initial_for(cls, strategy) -> dict:
        return {
            "title": strategy.title,
            "what_it_is": strategy.what_it_is,
            "when_it_helps": strategy.when_it_helps,
            "topics": [topic.slug for topic in strategy.topics.all()],
        }

    def details(self) -> StrategyDetails:
        data = self.cleaned_data
        return StrategyDetails(
            title=data["title"],
            what_it_is=data["what_it_is"],
            when_it_helps=data["when_it_helps"],
            topics=tuple(data["topics"]),
        )


class CopingCommentForm(forms.Form):
    body = _text_field("Your comment", COMMENT_MAX_LENGTH)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 3


class HelpedForm(forms.Form):
    """Setting, not toggling, so that a repeated click never flips it back."""

    helped = forms.TypedChoiceField(
        choices=[("1", "yes"), ("0", "no")], coerce=lambda value: value == "1"
    )


class SearchWordsField(forms.CharField):
    def to_python(self, value):
        return tidy(super().to_python(value))


class CopingFilterForm(forms.Form):
    q = SearchWordsField(
        label="Words",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Any topic",
        error_messages={"invalid_choice": "Choose a topic from the list."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = active_topics()

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (its error is shown beside it)."""
        if not self.is_bound:
            return {"topic": None, "words": ""}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"topic": data.get("topic"), "words": data.get("q", "")}


class SearchForm(forms.Form):
    q = SearchWordsField(
        label="Search for",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text="Words from a thread or a coping strategy, e.g. \u201csleep routine\u201d.",
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
