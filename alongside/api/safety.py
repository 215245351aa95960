"""/safety: the crisis resources, open to everyone (no sign-in), as on "I need help now"."""

from ninja import Router, Schema

from alongside.api.schemas import ERRORS
from alongside.safety.crisis import choose_country, crisis_options

router = Router(tags=["safety"])


class CrisisResourceOut(Schema):
    id: int | None  # None for a built-in default shown while none are stored
    country: str
    region: str
    name: str
    description: str
    phone: str
    text_number: str
    text_keyword: str
    web_url: str
    opening_hours: str
    audience: str
    is_emergency: bool
    is_24_hours: bool
    first_option: bool


class CrisisResourcesOut(Schema):
    country: str
    items: list[CrisisResourceOut]


@router.get(
    "/crisis-resources",
    auth=None,
    response={200: CrisisResourcesOut, **ERRORS},
    summary="Crisis resources for a country",
    description="Active services, emergency first, then in the organisation's order. "
    "`country` is an ISO code such as GB or US; a country without resources gives the "
    "organisation's own country (shown in `country`). Items with `first_option` true are "
    "the two or three to show first. If none are stored for the country, the built-in "
    "defaults are listed with `id` null. No sign-in needed.",
)
def list_crisis_resources(request, country: str = ""):
    options = crisis_options(country=choose_country(country[:10]))
    first = {id(resource) for resource in options.first_options}
    items = [
        CrisisResourceOut(
            id=resource.pk,
            country=resource.country,
            region=resource.region,
            name=resource.name,
            description=resource.description,
            phone=resource.phone,
            text_number=resource.text_number,
            text_keyword=resource.text_keyword,
            web_url=resource.web_url,
            opening_hours=resource.opening_hours,
            audience=resource.audience,
            is_emergency=resource.is_emergency,
            is_24_hours=resource.is_24_hours,
            first_option=id(resource) in first,
        )
        for resource in options.all
    ]
    return {"country": options.country, "items": items}
