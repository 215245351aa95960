"""Venues, entered by staff."""

from django.db import transaction

from alongside.accounts.models import User
from alongside.common.audit import record_audit
from alongside.groups.models import Venue

VENUE_FIELDS = ("name", "address", "latitude", "longitude", "features", "accessibility_notes")


@transaction.atomic
def create_venue(*, actor: User, details: dict) -> Venue:
    venue = Venue.objects.create(
        **{name: details[name] for name in VENUE_FIELDS if name in details}
    )
    record_audit(actor=actor, verb="venue.created", target=venue)
    return venue


@transaction.atomic
def update_venue(*, venue: Venue, actor: User, details: dict) -> Venue:
    venue = Venue.objects.select_for_update().get(pk=venue.pk)
    changed = []
    for name in VENUE_FIELDS:
        if name in details and getattr(venue, name) != details[name]:
            setattr(venue, name, details[name])
            changed.append(name)
    venue.save()
    record_audit(actor=actor, verb="venue.updated", target=venue, data={"fields": sorted(changed)})
    return venue
