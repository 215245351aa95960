"""Requests, supporter profiles and matches as /matching shows them. Each side sees only
what it may: a decline reason is for coordinators; check-in notes for the supporter and
coordinators; feedback for the person supported and coordinators; text held for a
moderator only for its writer and coordinators."""

from alongside.api.safety_staff import person
from alongside.community.permissions.roles import is_coordinator
from alongside.safety.support import writer_support


def place_out(obj) -> dict | None:
    if not obj.place_name:
        return None
    return {
        "id": obj.place_geonameid,
        "name": obj.place_name,
        "latitude": obj.place_latitude,
        "longitude": obj.place_longitude,
    }


def topic_slugs(obj) -> list[str]:
    return [topic.slug for topic in obj.topics.all()]


def request_out(support_request) -> dict:
    r = support_request
    return {
        "id": r.pk,
        "kind": r.kind,
        "status": r.status,
        "status_label": r.get_status_display(),
        "source": r.source,
        "topics": topic_slugs(r),
        "about": r.about,
        "text_held": r.text_held,
        "modes": r.modes,
        "availability": r.availability,
        "languages": r.languages,
        "place": place_out(r),
        "age_group": r.age_group,
        "supporter_genders": r.supporter_genders,
        "supporter_age_groups": r.supporter_age_groups,
        "shared_experience_important": r.shared_experience_important,
        "access_needs": r.access_needs,
        "access_needs_other": r.access_needs_other,
        "waiting_since": r.waiting_since,
        "created_at": r.created_at,
        "closed_at": r.closed_at,
    }


def supporter_out(profile, *, free_capacity: int) -> dict:
    p = profile
    return {
        "id": p.pk,
        "status": p.status,
        "status_label": p.get_status_display(),
        "kinds": p.kinds,
        "motivation": p.motivation,
        "experience": p.experience,
        "text_held": p.text_held,
        "topics": topic_slugs(p),
        "languages": p.languages,
        "modes": p.modes,
        "availability": p.availability,
        "place": place_out(p),
        "max_distance_km": p.max_distance_km,
        "capacity": p.capacity,
        "free_capacity": free_capacity,
        "age_group": p.age_group,
        "gender": p.gender,
        "comfortable_age_groups": p.comfortable_age_groups,
        "is_paused": p.is_paused,
        "safeguarding_hold": p.safeguarding_hold,
        "created_at": p.created_at,
    }


def staff_supporter_out(profile, *, live_matches: int) -> dict:
    p = profile
    return {
        **supporter_out(p, free_capacity=max(0, p.capacity - live_matches)),
        "person": person(p.user),
        "interviewed_on": p.interviewed_on,
        "interview_notes": p.interview_notes,
        "background_check": p.background_check,
        "background_checked_on": p.background_checked_on,
        "decided_at": p.decided_at,
        "decision_note": p.decision_note,
        "training": [
            {"id": t.pk, "course_name": t.course_name, "completed_on": t.completed_on}
            for t in p.training.all()
        ],
        "live_matches": live_matches,
    }


def side_of(user, match) -> str:
    if user is None:
        return "coordinator"
    if user.pk == match.member_id:
        return "member"
    if user.pk == match.supporter_id:
        return "supporter"
    return "coordinator"


def match_out(match, user) -> dict:
    return {
        "id": match.pk,
        "kind": match.kind,
        "status": match.status,
        "status_label": match.get_status_display(),
        "my_side": side_of(user, match),
        "member": person(match.member),
        "supporter": person(match.supporter),
        "explanation": match.explanation,
        "supporter_response": match.supporter_response,
        "member_response": match.member_response,
        "created_at": match.created_at,
        "activated_at": match.activated_at,
        "ended_at": match.ended_at,
        "end_reason": match.end_reason,
    }


def staff_match_out(match) -> dict:
    return {
        **match_out(match, None),
        "my_side": "coordinator",
        "request_id": match.request_id,
        "score": match.score,
        "decline_reason": match.decline_reason,
    }


def agreement_out(agreement) -> dict | None:
    if agreement is None:
        return None
    a = agreement
    return {
        "version": a.version,
        "focus": a.focus,
        "frequency": a.frequency,
        "modes": a.modes,
        "boundaries": a.boundaries,
        "review_on": a.review_on,
        "planned_end_on": a.planned_end_on,
        "supporter_confirmed_version": a.supporter_confirmed_version,
        "member_confirmed_version": a.member_confirmed_version,
        "is_confirmed": a.is_confirmed,
        "updated_at": a.updated_at,
    }


def check_in_out(check_in, *, private: bool) -> dict:
    return {
        "id": check_in.pk,
        "contact_on": check_in.contact_on,
        "mode": check_in.mode,
        "minutes": check_in.minutes,
        "notes": check_in.notes if private else None,
        "worried": check_in.worried if private else None,
        "created_at": check_in.created_at,
    }


def feedback_out(feedback) -> dict:
    return {
        "id": feedback.pk,
        "how_its_going": feedback.how_its_going,
        "comment": feedback.comment,
        "created_at": feedback.created_at,
    }


def review_out(review) -> dict:
    return {
        "id": review.pk,
        "outcome": review.outcome,
        "note": review.note,
        "new_end_on": review.new_end_on,
        "reviewed_by": person(review.reviewed_by),
        "created_at": review.created_at,
    }


def reflection_out(reflection) -> dict:
    return {
        "id": reflection.pk,
        "author": person(reflection.author),
        "text": reflection.text,
        "created_at": reflection.created_at,
    }


def _agreement_of(match):
    try:
        return match.agreement
    except match.__class__.agreement.RelatedObjectDoesNotExist:
        return None


def match_detail_out(match, user) -> dict:
    """`match` as selectors.match_for_page gives it (everything prefetched)."""
    side = side_of(user, match)
    coordinator = side == "coordinator" and is_coordinator(user)
    supporter_view = side == "supporter" or coordinator
    member_view = side == "member" or coordinator
    request = match.request
    return {
        **match_out(match, user),
        "request_id": request.pk,
        "request_topics": topic_slugs(request),
        "request_about": request.about
        if supporter_view and (coordinator or not request.text_held)
        else None,
        "conversation_id": match.conversation_id,
        "agreement": agreement_out(_agreement_of(match)),
        "check_ins": [check_in_out(c, private=supporter_view) for c in match.check_ins.all()],
        "feedback": [feedback_out(f) for f in match.feedback.all()] if member_view else [],
        "reviews": [review_out(r) for r in match.reviews.all()],
        "reflections": [
            reflection_out(r)
            for r in match.reflections.all()
            if coordinator or r.author_id == user.pk
        ],
    }


def writer_safety(user, obj) -> dict | None:
    """The `safety` field: support to show `user` straight after they wrote `obj`."""
    support = writer_support(user=user, risk=obj.risk, held=getattr(obj, "text_held", False))
    return support.as_dict() if support else None
