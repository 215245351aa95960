"""/safety: the crisis resources, open to everyone (no sign-in), as on "I need help now";
and the caller's own safety plan. No plan endpoint takes an id: each only ever reads,
saves or deletes the signed-in member's own plan, so nobody (not even staff) reaches
another member's plan through the API."""

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from alongside.api.errors import FormErrors
from alongside.api.safety_schemas import SafetyPlanIn, SafetyPlanOut
from alongside.api.schemas import ERRORS
from alongside.safety import plans
from alongside.safety.crisis import choose_country, crisis_options
from alongside.safety.forms_plan import SafetyPlanForm
from alongside.safety.models import SAFETY_PLAN_STEPS

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


# ---- The caller's own safety plan -------------------------------------------------------

NO_PLAN = "You haven't made a safety plan yet."


def _plan_out(plan) -> dict:
    return {
        **{name: getattr(plan, name) for name, _ in SAFETY_PLAN_STEPS},
        "steps": [
            {"name": name, "heading": heading, "text": getattr(plan, name)}
            for name, heading in SAFETY_PLAN_STEPS
        ],
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
    }


def _own_plan_or_404(user):
    plan = plans.get_own_safety_plan(user=user)
    if plan is None:
        raise HttpError(404, NO_PLAN)
    return plan


@router.get(
    "/plan",
    response={200: SafetyPlanOut, **ERRORS},
    summary="Your safety plan",
    description="Your own plan, and only ever yours. 404 if you haven't made one.",
)
def read_plan(request):
    return _plan_out(_own_plan_or_404(request.auth))


@router.put(
    "/plan",
    response={200: SafetyPlanOut, 201: SafetyPlanOut, **ERRORS},
    summary="Save your safety plan",
    description="Creates your plan (201) or replaces it (200). Send every step you want to "
    "keep: a step left out is saved empty. Each step can be up to 2,000 characters; a "
    "longer one is a 422 with a message beside that step, and nothing is saved.",
)
def save_plan(request, payload: SafetyPlanIn):
    plan = plans.get_own_safety_plan(user=request.auth)
    form = SafetyPlanForm(payload.model_dump(), instance=plan)
    if not form.is_valid():
        raise FormErrors(form)
    saved = plans.save_safety_plan(owner=request.auth, steps=form.cleaned_data)
    return Status(201 if plan is None else 200, _plan_out(saved))


@router.delete(
    "/plan",
    response={204: None, **ERRORS},
    summary="Delete your safety plan",
    description="404 if you haven't made one.",
)
def delete_plan(request):
    if not plans.delete_safety_plan(owner=request.auth):
        raise HttpError(404, NO_PLAN)
    return Status(204, None)
