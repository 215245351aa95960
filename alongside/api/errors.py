"""Every API error is JSON: {"detail": "...", "errors": {"field": ["message", ...]}}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

UNAUTHORISED = (
    "Log in, or send a valid personal API token as \u201cAuthorization: Bearer <token>\u201d."
)

# The start of django-ninja's message for a request body that isn't valid JSON.
UNPARSEABLE_BODY = "Cannot parse request body"


_LOCATIONS = ("body", "query", "path", "header", "cookie", "form")


def _field_name(loc) -> str:
    """ninja locations look like ("body", "payload", "languages", 0): the field is what
    follows the location and our parameter name (a field may itself be called "body")."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _plain_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "json_invalid":
        return "The request body isn't valid JSON."
    if kind == "missing":
        return "This field is required."
    if kind == "extra_forbidden":
        return "This field isn't recognised."
    return str(error.get("msg", "This value isn't valid.")).removeprefix("Value error, ")


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_name(error.get("loc", ())), []).append(_plain_message(error))
        return api.create_response(
            request, {"detail": "Some fields need correcting.", "errors": errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(request, {"detail": UNAUTHORISED, "errors": {}}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and str(exc).startswith(UNPARSEABLE_BODY):
            # django-ninja reports a body it can't parse as a bare 400; to a client it is
            # input to correct like any other, so it gets the same 422 shape.
            errors = {"__all__": ["The request body isn't valid JSON."]}
            return api.create_response(
                request, {"detail": "Some fields need correcting.", "errors": errors}, status=422
            )
        return api.create_response(
            request, {"detail": str(exc), "errors": {}}, status=exc.status_code
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        detail = str(exc) or "You don't have permission to do that."
        return api.create_response(request, {"detail": detail, "errors": {}}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found.", "errors": {}}, status=404)

    @api.exception_handler(FormErrors)
    def form_errors(request, exc):
        return api.create_response(
            request, {"detail": "Some fields need correcting.", "errors": exc.errors}, status=422
        )


class FormErrors(Exception):
    """A Django form rejected the input; carries its field-by-field messages."""

    def __init__(self, form=None):
        super().__init__("invalid form")
        self.errors = {
            field: [str(message) for message in messages]
            for field, messages in (form.errors.items() if form is not None else ())
        }

    @classmethod
    def from_messages(cls, errors: dict[str, list[str]]) -> "FormErrors":
        exc = cls()
        exc.errors = errors
        return exc


def form_as_input(form) -> dict:
    """An unbound form's current values as form input, so that a partial update (PATCH)
    can overlay the fields it sends and validate exactly as the page does."""
    return {name: form[name].value() for name in form.fields}


def choice_or_422(value, allowed, field: str, message: str) -> str:
    """`value` if it is one of `allowed`, else a 422 with `message` on `field`."""
    if value not in allowed:
        raise FormErrors.from_messages({field: [message]})
    return value
