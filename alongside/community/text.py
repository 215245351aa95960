"""The one way member text gets into the database.

Every action that stores something a member wrote (a post, a thread title, a chat or direct
message, a coping strategy, a comment) passes it through `prepare_member_text` first, inside
its transaction. Here the text is tidied, checked and rendered; this is also where the
safety net's risk check runs, so that nothing a member writes can bypass it.

Markdown is a safe subset: paragraphs, emphasis, lists, quotes, code and links. No raw
HTML, no images (they would load from other sites), no headings (a post's headings would
break the page's outline). The rendered HTML is then sanitised by nh3 with an allow-list,
and links get rel="nofollow noopener noreferrer ugc"."""

import re
import unicodedata
from dataclasses import dataclass

import nh3
from django.core.exceptions import ValidationError
from django.db import models
from markdown_it import MarkdownIt

from alongside.safety.risk import RiskAssessment, RiskContext, RiskLevel, assess_risk


class TextPurpose(models.TextChoices):
    """What a piece of member text is, for messages and (later) the risk check."""

    TITLE = "title", "title"
    POST = "post", "post"
    MESSAGE = "message", "message"
    DIRECT_MESSAGE = "direct_message", "message"
    COPING_STRATEGY = "coping_strategy", "coping strategy"
    COMMENT = "comment", "comment"
    CONTENT_WARNING = "content_warning", "content warning"
    REPORT = "report", "report"
    PROFILE = "profile", "profile"
    ENQUIRY = "enquiry", "message"


# Kept on one line: they are shown as headings, labels and list entries.
ONE_LINE_PURPOSES = frozenset({TextPurpose.TITLE, TextPurpose.CONTENT_WARNING})
# Not risk-checked: a content warning names what a post is about, and a report's details
# are about someone else (the report itself goes to the moderators).
UNASSESSED_PURPOSES = frozenset({TextPurpose.CONTENT_WARNING, TextPurpose.REPORT})
NO_RISK = RiskAssessment(RiskLevel.NONE, (), 0.0)


class MemberTextError(ValidationError):
    """The text can't be stored as it is; the message says what to change."""

    def __init__(self, message: str):
        super().__init__(message)


@dataclass(frozen=True)
class MemberText:
    """Text ready to store: `source` as the member wrote it (tidied), `html` to show, and
    what the risk check found in it (store it with the content: safety.risk.stored)."""

    source: str
    html: str
    risk: RiskAssessment = NO_RISK


ALLOWED_TAGS = {
    "p", "br", "em", "strong", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
LINK_REL = "nofollow noopener noreferrer ugc"
URL_SCHEMES = {"http", "https", "mailto"}

# Control characters other than tab and newline, and lone UTF-16 surrogates (which can
# arrive as JSON escapes and which no database will store).
UNWANTED_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    return parser.disable(["image", "heading", "lheading", "html_block", "html_inline"])


MARKDOWN = _markdown()


def tidy(text: str) -> str:
    """Normalise line endings and Unicode, drop invisible control characters, trim."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = UNWANTED_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    return text.strip()


def one_line(text: str) -> str:
    """`tidy`, with every run of spaces, tabs and line breaks made one space."""
    return " ".join(tidy(text).split())


def render_markdown(source: str) -> str:
    """Markdown source to sanitised HTML. Safe to mark as safe in templates."""
    html = MARKDOWN.render(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
    )


def prepare_member_text(
    *,
    text: str,
    author,
    purpose: TextPurpose,
    max_length: int,
    required: bool = True,
    markdown: bool = True,
) -> MemberText:
    """Tidy, check and render what `author` wrote. Raises MemberTextError with a message
    that says what to change. Plain text (`markdown=False`: titles, content warnings, report
    details) is stored as tidied and shown escaped by the templates; its `html` is empty.
    Titles and content warnings are kept to one line."""
    source = one_line(text or "") if purpose in ONE_LINE_PURPOSES else tidy(text or "")
    label = purpose.label
    if required and not source:
        raise MemberTextError(f"Write something in your {label} first.")
    if len(source) > max_length:
        raise MemberTextError(
            f"Your {label} is {len(source):,} characters long. Please shorten it to "
            f"{max_length:,} characters or fewer."
        )
    risk = NO_RISK
    if source and purpose not in UNASSESSED_PURPOSES:
        author_id = getattr(author, "pk", None)
        risk = assess_risk(source, RiskContext(purpose=str(purpose), author_id=author_id))
    return MemberText(source=source, html=render_markdown(source) if markdown else "", risk=risk)


def prepare_member_field(field: str, **kwargs) -> MemberText:
    """prepare_member_text for one form field: a refusal becomes a ValidationError on
    `field`, so that pages and the API show it next to the field it is about."""
    try:
        return prepare_member_text(**kwargs)
    except MemberTextError as error:
        raise ValidationError({field: error.messages}) from error
