"""The forms members and supporters fill in for mentoring and befriending, with messages in
plain words. Forms check input; matching.actions make the change (and check again what
matters to the database). `AvailabilityField` and `PlaceField` are shared with the staff
pages."""

from alongside.matching.forms.fields import (
    AvailabilityField,
    AvailabilityWidget,
    PlaceField,
    PlainWordsMixin,
)
from alongside.matching.forms.match import (
    AgreementForm,
    CheckInForm,
    ConfirmAgreementForm,
    EndForm,
    FeedbackForm,
    ReflectionForm,
    RespondForm,
    ReviewForm,
)
from alongside.matching.forms.people import SupporterForm, SupportRequestForm

__all__ = [
    "AgreementForm",
    "AvailabilityField",
    "AvailabilityWidget",
    "CheckInForm",
    "ConfirmAgreementForm",
    "EndForm",
    "FeedbackForm",
    "PlaceField",
    "PlainWordsMixin",
    "ReflectionForm",
    "RespondForm",
    "ReviewForm",
    "SupportRequestForm",
    "SupporterForm",
]
