"""Demo entries for the "more information" library, for `manage.py seed_demo`. Safe to run
again: an entry already there (by title) is left as it is."""

from alongside.accounts.models import Topic, User
from alongside.staff.actions.resources import create_resource
from alongside.staff.models import ResourceLink

WHAT_IS_PEER_SUPPORT = """\
Peer support is people using their own experiences to help each other. Nobody here is an \
expert on your life: we are people who have been through something similar, and we know \
how much it can help to be understood.

Everyone can both give and receive support, and every experience counts equally.

Peer support can happen in different ways, and you choose what suits you:

- **Groups**: community groups, support groups and self-help groups, in person or online
- **One to one**: a peer mentor or a befriender, in person, by phone or by video
- **Online**: topic spaces where you can read, write and chat at your own pace

Peer support isn't therapy or an emergency service. If you need help straight away, use \
the "I need help now" link at the top of every page.
"""

FIRST_GROUP = """\
Going to a group for the first time can feel like a big step. It's completely normal to \
feel nervous, and most people did.

**Before you go**

- Read the group's page: what it meets about, where, and who it's for.
- If anything would make it easier for you to take part, such as step-free access, a \
hearing loop or a quiet space, tell us on your profile or contact us. We'll do our best \
to sort it out.
- You're welcome to bring someone with you the first time, if you'd like to.

**On the day**

- The facilitator will say hello and explain how the group works.
- You don't have to speak. Many people just listen the first few times.
- What people share in the group stays in the group.

**Afterwards**

Be kind to yourself. If it wasn't right for you, that's fine: there are other groups and \
other ways to connect.
"""

FOR_CARERS = """\
Looking after someone can be rewarding, and it can also be tiring and lonely. Your own \
wellbeing matters too.

Other carers understand in a way that others sometimes can't. You might like:

- a **support group** for carers, where you can talk openly about how things really are
- a **befriender** who can ring you at a time that fits around caring
- our **online spaces**, which you can visit at any hour, even for five minutes

If caring makes it hard to get to a group (for example you need someone to sit with the \
person you care for), contact us and we'll talk about what might help.
"""

STAYING_SAFE_ONLINE = """\
Our online spaces are moderated, so they stay kind and safe. A few things help everyone:

- **Use a display name** rather than your full name. You choose what to share.
- **Keep private details private**: your address, phone number, workplace or where your \
children go to school.
- **Look after yourself**: if a conversation is upsetting you, it's fine to step away. \
You can take a break from the community at any time.
- **Tell us if something isn't right**: use "Report" on any post or message, and a \
moderator will look at it.
- Never agree to send money to someone you've met online.
"""


def _entry(title, summary, text, *, topics=(), on_home=True, position=0) -> dict:
    is_link = text.startswith("https://")
    return {
        "title": title,
        "summary": summary,
        "url": text if is_link else "",
        "body": "" if is_link else text,
        "topics": list(topics),
        "show_on_home": on_home,
        "position": position,
    }


DEMO_RESOURCES = [
    _entry(
        "What is peer support",
        "People helping each other through shared experience: what it is, and what it isn't.",
        WHAT_IS_PEER_SUPPORT,
    ),
    _entry(
        "Preparing for your first group",
        "What to expect, what to bring, and how to make it easier for yourself.",
        FIRST_GROUP,
        position=1,
    ),
    _entry(
        "For carers",
        "Support for people who look after someone else.",
        FOR_CARERS,
        topics=["caring-for-someone"],
        position=2,
    ),
    _entry(
        "Staying safe online",
        "Simple ways to keep yourself and others safe in our online spaces.",
        STAYING_SAFE_ONLINE,
        on_home=False,
        position=3,
    ),
    _entry(
        "NHS mental health services",
        "How to find NHS mental health support near you, including urgent help.",
        "https://www.nhs.uk/mental-health/",
        position=4,
    ),
]


def ensure_demo_resources(*, coordinator: User) -> int:
    """Add the demo library entries that aren't there yet; returns how many were added."""
    added = 0
    for details in DEMO_RESOURCES:
        if ResourceLink.objects.filter(title=details["title"]).exists():
            continue
        topics = list(Topic.objects.filter(slug__in=details["topics"]))
        create_resource(
            actor=coordinator, details={**details, "topics": topics, "is_published": True}
        )
        added += 1
    return added
