"""The coping strategies library: share, edit and delete a strategy, mark it helpful, and
comment. Every piece of member text goes through `prepare_member_text`; its risk is stored
with the strategy or comment (`apply_risk` holds urgent ones for a moderator) and any alert
is raised in the same transaction."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.common.audit import record_audit
from alongside.community.actions.rates import check_posting_rate
from alongside.community.choices import ContentStatus, NotificationKind
from alongside.community.models import (
    TITLE_MAX_LENGTH,
    CopingComment,
    CopingStrategy,
    CopingStrategyHelped,
    CopingStrategyRevision,
)
from alongside.community.notifications import notify
from alongside.community.text import TextPurpose, prepare_member_field
from alongside.safety.alerts import raise_alert
from alongside.safety.risk import RiskAssessment
from alongside.safety.risk.stored import RISK_FIELDS, apply_risk, combine
from alongside.safety.suspensions import check_not_suspended

WHAT_IT_IS_MAX_LENGTH = CopingStrategy._meta.get_field("what_it_is").max_length
WHEN_IT_HELPS_MAX_LENGTH = CopingStrategy._meta.get_field("when_it_helps").max_length
COMMENT_MAX_LENGTH = CopingComment._meta.get_field("body").max_length


@dataclass(frozen=True)
class StrategyDetails:
    title: str
    what_it_is: str
    when_it_helps: str
    topics: tuple = ()


def _prepare_details(details: StrategyDetails, author) -> tuple[dict, RiskAssessment]:
    title = prepare_member_field(
        "title",
        text=details.title,
        author=author,
        purpose=TextPurpose.TITLE,
        max_length=TITLE_MAX_LENGTH,
        markdown=False,
    )
    what = prepare_member_field(
        "what_it_is",
        text=details.what_it_is,
        author=author,
        purpose=TextPurpose.COPING_STRATEGY,
        max_length=WHAT_IT_IS_MAX_LENGTH,
    )
    when = prepare_member_field(
        "when_it_helps",
        text=details.when_it_helps,
        author=author,
        purpose=TextPurpose.COPING_STRATEGY,
        max_length=WHEN_IT_HELPS_MAX_LENGTH,
    )
    fields = {
        "title": title.source,
        "what_it_is": what.source,
        "what_it_is_html": what.html,
        "when_it_helps": when.source,
        "when_it_helps_html": when.html,
    }
    return fields, combine(title.risk, what.risk, when.risk)


def strategy_url(strategy: CopingStrategy) -> str:
    return reverse("community:coping_detail", args=[strategy.pk])


@transaction.atomic
def share_coping_strategy(*, author, details: StrategyDetails) -> CopingStrategy:
    fields, risk = _prepare_details(details, author)
    check_not_suspended(author, risk=risk)
    check_posting_rate(author)
    strategy = CopingStrategy(author=author, **fields)
    apply_risk(strategy, risk)
    strategy.save()
    strategy.topics.set(details.topics)
    raise_alert(content=strategy, member=author)
    record_audit(actor=author, verb="coping_strategy.shared", target=strategy)
    return strategy


@transaction.atomic
def edit_coping_strategy(*, strategy: CopingStrategy, editor, details: StrategyDetails):
    """Change a strategy, keeping what it said before for moderators. Risk-checked like a
    new one: an edit that becomes urgent is held again, and a held strategy stays held
    until a moderator has looked."""
    fields, risk = _prepare_details(details, editor)
    check_not_suspended(editor, risk=risk)
    CopingStrategyRevision.objects.create(
        strategy=strategy,
        title=strategy.title,
        what_it_is=strategy.what_it_is,
        when_it_helps=strategy.when_it_helps,
        edited_by=editor,
    )
    for name, value in fields.items():
        setattr(strategy, name, value)
    strategy.edited_at = timezone.now()
    apply_risk(strategy, risk)
    strategy.save(update_fields=[*fields, *RISK_FIELDS, "status", "edited_at", "updated_at"])
    strategy.topics.set(details.topics)
    raise_alert(content=strategy, member=editor)
    record_audit(actor=editor, verb="coping_strategy.edited", target=strategy)
    return strategy


@transaction.atomic
def delete_coping_strategy(*, strategy: CopingStrategy, actor) -> None:
    """Soft delete: the row stays for moderators; members no longer see it."""
    strategy.status = ContentStatus.DELETED
    strategy.deleted_at = timezone.now()
    strategy.save(update_fields=["status", "deleted_at", "updated_at"])
    record_audit(actor=actor, verb="coping_strategy.deleted", target=strategy)


@transaction.atomic
def mark_coping_strategy_helped(*, strategy: CopingStrategy, user) -> bool:
    """Record that it helped `user`. Returns False if they had already said so. The count
    moves with F() in the same transaction, so concurrent clicks never lose one."""
    try:
        with transaction.atomic():
            CopingStrategyHelped.objects.create(strategy=strategy, user=user)
            CopingStrategy.objects.filter(pk=strategy.pk).update(helped_count=F("helped_count") + 1)
            record_audit(actor=user, verb="coping_strategy.helped", target=strategy)
    except IntegrityError:
        return False  # already marked (perhaps by a double click racing in)
    strategy.refresh_from_db(fields=["helped_count"])
    return True


@transaction.atomic
def unmark_coping_strategy_helped(*, strategy: CopingStrategy, user) -> bool:
    deleted, _ = CopingStrategyHelped.objects.filter(strategy=strategy, user=user).delete()
    if deleted:
        CopingStrategy.objects.filter(pk=strategy.pk, helped_count__gt=0).update(
            helped_count=F("helped_count") - 1
        )
        record_audit(actor=user, verb="coping_strategy.unhelped", target=strategy)
    strategy.refresh_from_db(fields=["helped_count"])
    return bool(deleted)


@transaction.atomic
def comment_on_coping_strategy(*, strategy: CopingStrategy, author, body: str) -> CopingComment:
    """A comment; the strategy's writer is told about it unless it is held."""
    text = prepare_member_field(
        "body",
        text=body,
        author=author,
        purpose=TextPurpose.COMMENT,
        max_length=COMMENT_MAX_LENGTH,
    )
    check_not_suspended(author, risk=text.risk)
    check_posting_rate(author)
    comment = CopingComment(strategy=strategy, author=author, body=text.source, body_html=text.html)
    apply_risk(comment, text.risk)
    comment.save()
    raise_alert(content=comment, member=author)
    record_audit(actor=author, verb="coping_comment.written", target=comment)
    if strategy.author is not None and comment.status == ContentStatus.VISIBLE:
        notify(
            user=strategy.author,
            kind=NotificationKind.COMMENT,
            text=f"{author.profile.display_name} commented on \u201c{strategy.title}\u201d.",
            url=f"{strategy_url(strategy)}#comment-{comment.pk}",
            actor=author,
        )
    return comment


@transaction.atomic
def delete_coping_comment(*, comment: CopingComment, actor) -> None:
    comment.status = ContentStatus.DELETED
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["status", "deleted_at", "updated_at"])
    record_audit(actor=actor, verb="coping_comment.deleted", target=comment)
