"""Fill an empty database with a small, realistic demo organisation. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from alongside.accounts import actions, places
from alongside.accounts.models import Topic, User
from alongside.accounts.roles import Role
from alongside.community.demo import ensure_demo_community
from alongside.groups.demo import ensure_demo_groups
from alongside.matching.demo import ensure_demo_matching
from alongside.outcomes.demo import ensure_demo_outcomes
from alongside.staff.demo import ensure_demo_resources

DEMO_PASSWORD = "peer-support-demo"
DEMO_DOMAIN = "demo.alongside.example"

# (email local part, display name, roles, profile)
DEMO_PEOPLE = [
    ("coordinator", "Casey", [Role.COORDINATOR], {
        "pronouns": "she/her", "languages": ["en"], "place": "Cardiff, Wales",
        "contact_modes": ["in_person", "phone"],
        "could_offer": "I coordinate our groups and matching. Get in touch any time.",
    }),
    ("moderator", "Morgan", [Role.MODERATOR], {
        "pronouns": "they/them", "languages": ["en"], "place": "Leeds",
        "contact_modes": ["forum", "text_chat"],
    }),
    ("mentor", "Alex", [Role.PEER_SUPPORTER], {
        "pronouns": "he/him", "languages": ["en", "cy"], "place": "Swansea",
        "contact_modes": ["in_person", "phone", "video"],
        "availability": ["tue_evening", "thu_evening", "sat_morning"],
        "topics": ["bereavement", "loneliness"],
        "could_offer": "I lost my dad a few years ago. Happy to walk alongside anyone grieving.",
    }),
    ("befriender", "Priya", [Role.PEER_SUPPORTER], {
        "pronouns": "she/her", "languages": ["en", "gu", "hi"], "place": "Leicester",
        "contact_modes": ["phone", "video"], "availability": ["mon_afternoon", "wed_afternoon"],
        "topics": ["caring-for-someone", "anxiety"],
        "could_offer": "I care for my mum and know how isolating it can be.",
    }),
    ("robin", "Robin", [], {
        "pronouns": "he/him", "languages": ["en"], "place": "Newport, Wales",
        "contact_modes": ["in_person", "forum"], "availability": ["wed_evening"],
        "access_needs": ["hearing_loop"], "topics": ["anxiety", "depression"],
        "would_like_to_receive": "A group where I can listen first before I share.",
        "visibility": {"topics": "only_me"},
    }),
    ("sam", "Sam", [], {
        "pronouns": "they/them", "languages": ["en", "bfi"], "place": "Manchester",
        "contact_modes": ["text_chat", "forum", "video"],
        "access_needs": ["bsl_interpreter"], "topics": ["lgbtqia-plus", "loneliness"],
        "would_like_to_receive": "People to talk to in the evenings.",
        "could_offer": "Signing, and knowing what it's like to come out later in life.",
    }),
    ("magda", "Magda", [], {
        "pronouns": "she/her", "languages": ["pl", "en"], "place": "Birmingham",
        "contact_modes": ["phone", "text_chat"], "availability": ["sat_afternoon", "sun_afternoon"],
        "access_needs": ["childcare"], "topics": ["parenthood", "anxiety"],
        "would_like_to_receive": "Other parents who have struggled after having a baby.",
    }),
    ("dylan", "Dylan", [], {
        "languages": ["cy", "en"], "place": "Aberystwyth", "contact_modes": ["in_person"],
        "availability": ["fri_morning"], "access_needs": ["step_free", "travel_costs"],
        "topics": ["psychosis"], "visibility": {"place": "only_me"},
    }),
    ("amara", "Amara", [], {
        "pronouns": "she/her", "languages": ["en", "yo"], "place": "London",
        "contact_modes": ["video", "forum"], "topics": ["racism", "depression"],
        "could_offer": "Listening without judgement.",
    }),
    ("jamie", "Jamie", [], {
        "languages": ["en"], "place": "Glasgow", "contact_modes": ["text_chat"],
        "access_needs": ["quiet_space", "large_print"], "topics": ["eating-problems"],
    }),
    ("nadia", "Nadia", [], {
        "pronouns": "she/her", "languages": ["ar", "en"], "place": "Bradford",
        "contact_modes": ["phone"], "access_needs": ["language_interpreter"],
        "topics": ["bereavement"],
    }),
    ("tom", "Tom", [], {
        "pronouns": "he/him", "languages": ["en"], "place": "Belfast",
        "contact_modes": ["in_person", "phone"], "availability": ["tue_morning", "thu_morning"],
        "access_needs": ["other"], "access_needs_other": "I use a wheelchair and need a ramp.",
        "topics": ["caring-for-someone", "loneliness"],
    }),
]  # fmt: skip


class Command(BaseCommand):
    help = "Load a demo organisation (members, peer supporters, staff). Idempotent."

    def handle(self, *args, **options):
        created = 0
        with transaction.atomic():
            for local, display_name, roles, profile in DEMO_PEOPLE:
                if self._ensure_person(local, display_name, roles, profile):
                    created += 1
            people = {
                local: User.objects.get(email=f"{local}@{DEMO_DOMAIN}") for local, *_ in DEMO_PEOPLE
            }
            groups = ensure_demo_groups(people=people)
            ensure_demo_community(people=people)
            requests = ensure_demo_matching(people=people)
            ensure_demo_resources(coordinator=people["coordinator"])
            ensure_demo_outcomes(people=people)
        self.stdout.write(
            f"Demo data: {created} people, {groups} groups and {requests} requests for "
            "mentoring or befriending added "
            f"({len(DEMO_PEOPLE) - created} people already there)."
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for local, display_name, roles, _ in DEMO_PEOPLE[:5]:
            role = roles[0].label if roles else "Member"
            self.stdout.write(f"  {role:<15} {local}@{DEMO_DOMAIN}  ({display_name})")
        self.stdout.write(
            "Staff are asked to set up two-factor authentication (an authenticator app) "
            "the first time they open a staff page."
        )

    def _ensure_person(self, local, display_name, roles, details) -> bool:
        email = f"{local}@{DEMO_DOMAIN}"
        if User.objects.filter(email=email).exists():
            return False
        user = actions.create_member(
            email=email, password=DEMO_PASSWORD, display_name=display_name, email_verified=True
        )
        details = dict(details)
        place_text = details.pop("place", "")
        topics = list(Topic.objects.filter(slug__in=details.pop("topics", [])))
        visibility = details.pop("visibility", None)
        actions.update_profile(
            profile=user.profile,
            actor=user,
            changes=details,
            topics=topics,
            place=places.resolve_place(place_text) if place_text else actions.UNCHANGED,
            visibility=visibility,
        )
        for role in roles:
            actions.grant_role(user=user, role=role, actor=None)
        return True
