"""/resources: the "more information" library. Anyone may read what is published;
coordinators add, change and delete entries, checked by the same form as the pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from ninja import Router, Status

from alongside.accounts.models import Topic
from alongside.api.auth import ApiTokenAuth
from alongside.api.errors import FormErrors
from alongside.api.paging import check_page_bounds, page_of
from alongside.api.resources_schemas import ResourceIn, ResourceOut, ResourcePageOut, ResourcePatch
from alongside.api.schemas import ERRORS
from alongside.staff.actions.resources import create_resource, delete_resource, update_resource
from alongside.staff.forms_resources import ResourceForm, form_data_of
from alongside.staff.models import ResourceLink
from alongside.staff.permissions import access_resource_by_id, check_manage_resources_permission
from alongside.staff.selectors.resources import published_resources

router = Router(tags=["resources"])

# Past any topic slug (60 characters), so a junk filter is simply "no such topic".
MAX_TOPIC_FILTER = 100


def _with_topics(queryset):
    return queryset.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))


def resource_out(resource: ResourceLink) -> dict:
    is_page = not resource.url
    return {
        "id": resource.pk,
        "title": resource.title,
        "slug": resource.slug,
        "summary": resource.summary,
        "url": resource.url,
        "page_url": reverse("information:page", args=[resource.slug]) if is_page else "",
        "body_html": resource.body_html,
        "topics": [topic.slug for topic in resource.topics.all()],
        "show_on_home": resource.show_on_home,
        "is_published": resource.is_published,
        "position": resource.position,
        "updated_at": resource.updated_at,
    }


def _form_input(values: dict) -> dict:
    data = {key: ("" if value is None else value) for key, value in values.items()}
    for flag in ("show_on_home", "is_published"):
        if not data.get(flag):
            data.pop(flag, None)  # a checkbox left unticked is absent from form input
    return data


def _checked(data: dict) -> ResourceForm:
    form = ResourceForm(_form_input(data))
    if not form.is_valid():
        raise FormErrors(form)
    return form


@router.get(
    "",
    auth=None,
    response={200: ResourcePageOut, **ERRORS},
    summary="The information library",
    description="Published entries in position order. `topic` (a topic slug) keeps those "
    "about that topic. No sign-in needed.",
)
def list_resources(request, topic: str = "", limit: int = 20, offset: int = 0):
    check_page_bounds(limit, offset)
    entries = published_resources().order_by("position", "title", "pk")
    if topic:
        # PostgreSQL refuses a NUL in a query; no slug has one, so it is simply no such topic.
        slug = topic[:MAX_TOPIC_FILTER] if "\x00" not in topic else ""
        entries = entries.filter(topics__slug=slug)
    return page_of(_with_topics(entries), limit=limit, offset=offset, item=resource_out)


@router.get(
    "/{resource_id}",
    auth=None,
    response={200: ResourceOut, **ERRORS},
    summary="One library entry",
    description="Published entries for anyone; coordinators (signed in) also see unpublished ones.",
)
def read_resource(request, resource_id: int):
    user = ApiTokenAuth()(request) or request.user
    entries = ResourceLink.objects.all()
    if not _is_manager(user):
        entries = entries.filter(is_published=True)
    resource = _with_topics(entries).filter(pk=resource_id).first()
    if resource is None:
        raise Http404("No such entry.")
    return resource_out(resource)


def _is_manager(user) -> bool:
    try:
        check_manage_resources_permission(user)
    except PermissionDenied:
        return False
    return True


@router.post(
    "",
    response={201: ResourceOut, **ERRORS},
    summary="Add a library entry",
    description="Coordinators only. Give exactly one of `url` (http or https) and `body` "
    "(markdown page text). Validation is the same as the page's.",
)
def create_resource_endpoint(request, payload: ResourceIn):
    check_manage_resources_permission(request.auth)
    form = _checked(payload.model_dump())
    resource = create_resource(actor=request.auth, details=form.details())
    return Status(201, resource_out(resource))


@router.patch(
    "/{resource_id}",
    response={200: ResourceOut, **ERRORS},
    summary="Change a library entry",
    description="Coordinators only. Send only the fields to change; to turn a link into a "
    'page, send `"url": ""` with the `body`.',
)
def update_resource_endpoint(request, resource_id: int, payload: ResourcePatch):
    resource = access_resource_by_id(user=request.auth, resource_id=resource_id)
    data = form_data_of(resource)
    data.update(payload.model_dump(exclude_unset=True))
    form = _checked(data)
    resource = update_resource(resource=resource, actor=request.auth, details=form.details())
    return resource_out(resource)


@router.delete(
    "/{resource_id}",
    response={204: None, **ERRORS},
    summary="Delete a library entry",
    description="Coordinators only.",
)
def delete_resource_endpoint(request, resource_id: int):
    resource = access_resource_by_id(user=request.auth, resource_id=resource_id)
    delete_resource(resource=resource, actor=request.auth)
    return Status(204, None)
