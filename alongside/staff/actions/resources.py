"""Changes to the "more information" library, made by coordinators. Page text is rendered and
sanitised once, here, so that every page can show `body_html` as it is."""

from django.db import transaction
from django.utils.text import slugify

from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.community.text import render_markdown
from alongside.staff.models import ResourceLink

FIELDS = ("title", "summary", "url", "body", "show_on_home", "is_published", "position")


def _unique_resource_slug(title: str) -> str:
    base = slugify(title)[:120].strip("-") or "page"
    slug, n = base, 2
    while ResourceLink.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(resource: ResourceLink, details: dict) -> list[str]:
    changed = []
    for name in FIELDS:
        if name in details and getattr(resource, name) != details[name]:
            setattr(resource, name, details[name])
            changed.append(name)
    resource.body_html = render_markdown(resource.body) if resource.body else ""
    return changed


@transaction.atomic
def create_resource(*, actor: User, details: dict) -> ResourceLink:
    """Add an entry from validated details (forms_resources.ResourceForm.details())."""
    resource = ResourceLink(created_by=actor, slug=_unique_resource_slug(details["title"]))
    _apply(resource, details)
    resource.save()
    resource.topics.set(details.get("topics") or [])
    record_audit(actor=actor, verb="resource.created", target=resource)
    return resource


@transaction.atomic
def update_resource(*, resource: ResourceLink, actor: User, details: dict) -> ResourceLink:
    """Change an entry. Its address (slug) stays the same, so links to it keep working."""
    resource = ResourceLink.objects.select_for_update().get(pk=resource.pk)
    changed = _apply(resource, details)
    resource.save()
    if "topics" in details:
        before = set(resource.topics.values_list("pk", flat=True))
        after = {topic.pk for topic in details["topics"]}
        if before != after:
            resource.topics.set(details["topics"])
            changed.append("topics")
    record_audit(
        actor=actor, verb="resource.updated", target=resource, data={"fields": sorted(changed)}
    )
    return resource


@transaction.atomic
def delete_resource(*, resource: ResourceLink, actor: User) -> None:
    record_audit(actor=actor, verb="resource.deleted", target=resource)
    resource.delete()
