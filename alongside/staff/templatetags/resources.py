"""Library entries for pages whose views belong to other apps (home page, group page)."""

from django import template

from alongside.staff.selectors.resources import home_resources, resources_for_topics

register = template.Library()


@register.inclusion_tag("staff/information/_group_section.html")
def resources_for_group(group):
    """A "More information" section about the group's topics, general entries filling the
    rest; nothing at all when the library has nothing to offer. One query."""
    return {"resources": resources_for_topics(group.topics.values("pk"))}


@register.simple_tag
def home_page_resources(limit: int = 6):
    """For `{% home_page_resources as resources %}` on the home page."""
    return home_resources(limit=limit)
