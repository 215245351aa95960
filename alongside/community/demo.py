"""Demo spaces, threads, replies, reactions and coping strategies for `manage.py seed_demo`.
Safe to run again: nothing is added once the first demo space exists.

The text is written for the demo. Member text still goes through prepare_member_text; the
posting rate limit and notifications are left out, as nobody is really posting."""

from datetime import timedelta

from django.utils import timezone

from alongside.accounts.models import Topic, User
from alongside.community.choices import ReactionKind
from alongside.community.models import (
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    CopingStrategy,
    GuidelinesAcceptance,
    Post,
    Reaction,
    Space,
    Thread,
)
from alongside.community.text import TextPurpose, prepare_member_text

GUIDELINES = (
    "Be kind, and speak from your own experience.\n"
    "Share what helped you rather than telling others what to do.\n"
    "Keep what others share here private.\n"
    "Use a content warning if your post mentions something others may find hard to read.\n"
    "If you are worried about someone, use \u201cReport\u201d so a moderator can check in."
)

# (name, description, topic slugs, threads); a thread is (title, content warning, posts),
# a post is (writer, text, reactions as (reactor, kind)).
SPACES = [
    (
        "Living with anxiety",
        "For anyone living with anxiety or panic: the everyday, the hard days, what helps.",
        ["anxiety"],
        [
            (
                "Supermarkets on a Saturday",
                "",
                [
                    (
                        "robin",
                        "Does anyone else find busy shops hard? I got halfway round "
                        "today and had to leave my basket and sit in the car for a while.",
                        [("sam", ReactionKind.ME_TOO), ("magda", ReactionKind.ME_TOO)],
                    ),
                    (
                        "sam",
                        "Yes, every time. I've started going late on a weekday "
                        "evening when it's quiet, with a short list on my phone. It isn't "
                        "giving in, it's planning.",
                        [("robin", ReactionKind.HELPED)],
                    ),
                    (
                        "magda",
                        "Sitting in the car until it passes sounds like you looked "
                        "after yourself. That counts.",
                        [("robin", ReactionKind.SUPPORT)],
                    ),
                ],
            ),
            (
                "Small wins this week",
                "",
                [
                    (
                        "magda",
                        "I made a phone call I'd been putting off for a month. "
                        "What small wins did you have?",
                        [("amara", ReactionKind.SUPPORT)],
                    ),
                    (
                        "amara",
                        "I went for a walk at lunchtime three days out of five. "
                        "My head felt clearer afterwards.",
                        [("magda", ReactionKind.SUPPORT)],
                    ),
                ],
            ),
        ],
    ),
    (
        "Bereavement",
        "A space to talk about losing someone, however long ago, and living with grief.",
        ["bereavement"],
        [
            (
                "The first birthday without Mum",
                "Grief and loss",
                [
                    (
                        "nadia",
                        "It would have been my mum's birthday on Sunday. I don't "
                        "know whether to do something or hide under the covers.",
                        [("mentor", ReactionKind.SUPPORT), ("tom", ReactionKind.SUPPORT)],
                    ),
                    (
                        "mentor",
                        "The first ones were the hardest for me. We cooked Dad's "
                        "favourite meal and told stories about him. Both ways are all "
                        "right, and you can change your mind on the day.",
                        [("nadia", ReactionKind.HELPED)],
                    ),
                ],
            ),
        ],
    ),
    (
        "Carers",
        "For people caring for a family member or friend: juggling, tiredness and "
        "finding time for yourself.",
        ["caring-for-someone"],
        [
            (
                "Finding an hour for myself",
                "",
                [
                    (
                        "tom",
                        "Between work and looking after my dad, I haven't had an "
                        "evening off in months. How do other carers find time?",
                        [("befriender", ReactionKind.ME_TOO)],
                    ),
                    (
                        "befriender",
                        "Our local carers' centre arranged a sitter once a "
                        "fortnight. It took a few calls, but that one evening keeps me "
                        "going.",
                        [("tom", ReactionKind.HELPED)],
                    ),
                ],
            ),
        ],
    ),
]

COPING_STRATEGIES = [
    (
        "robin",
        "Five things I can see",
        "Name five things you can see, four you can "
        "touch, three you can hear, two you can smell and one you can taste.",
        "When my thoughts are racing and I feel far away from the room.",
        ["anxiety"],
    ),
    (
        "sam",
        "A short evening walk",
        "Ten minutes around the block after dinner, phone in my pocket.",
        "On days when I've been inside and stuck in my head.",
        [],
    ),
    (
        "befriender",
        "Writing it down before bed",
        "I write three lines about the day and one thing I'm looking forward to.",
        "When worries keep me awake.",
        [],
    ),
    (
        "mentor",
        "A memory box",
        "A box of photos, letters and small things that remind me of Dad.",
        "On anniversaries, when I want to feel close to him.",
        ["bereavement"],
    ),
]


def _text(author, text: str, purpose: TextPurpose, max_length: int, markdown=True):
    return prepare_member_text(
        text=text, author=author, purpose=purpose, max_length=max_length, markdown=markdown
    )


def _thread(space, title, warning, posts, people, started_at) -> None:
    first_author = people[posts[0][0]]
    thread = Thread.objects.create(
        space=space,
        author=first_author,
        title=_text(first_author, title, TextPurpose.TITLE, TITLE_MAX_LENGTH, False).source,
        last_posted_at=started_at,
        reply_count=len(posts) - 1,
    )
    for index, (writer, words, reactions) in enumerate(posts):
        author = people[writer]
        GuidelinesAcceptance.objects.get_or_create(
            space=space, user=author, defaults={"version": space.guidelines_version}
        )
        body = _text(author, words, TextPurpose.POST, POST_MAX_LENGTH)
        post = Post.objects.create(
            thread=thread,
            author=author,
            body=body.source,
            body_html=body.html,
            content_warning=warning if index == 0 else "",
        )
        for reactor, kind in reactions:
            Reaction.objects.get_or_create(post=post, user=people[reactor], kind=kind)


def ensure_demo_community(*, people: dict[str, User]) -> int:
    """The demo spaces and coping strategies; returns how many spaces were added."""
    if Space.objects.filter(slug="living-with-anxiety").exists():
        return 0
    coordinator = people["coordinator"]
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    for index, (name, description, topic_slugs, threads) in enumerate(SPACES):
        space = Space.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            description=description,
            guidelines=GUIDELINES,
            created_by=coordinator,
        )
        space.topics.set([topics[slug] for slug in topic_slugs if slug in topics])
        for number, (title, warning, posts) in enumerate(threads):
            started = now - timedelta(hours=6 * index + 2 * number + 1)
            _thread(space, title, warning, posts, people, started)
    for writer, title, what, when, topic_slugs in COPING_STRATEGIES:
        author = people[writer]
        what_text = _text(author, what, TextPurpose.COPING_STRATEGY, 5000)
        when_text = _text(author, when, TextPurpose.COPING_STRATEGY, 3000)
        strategy = CopingStrategy.objects.create(
            author=author,
            title=_text(author, title, TextPurpose.TITLE, TITLE_MAX_LENGTH, False).source,
            what_it_is=what_text.source,
            what_it_is_html=what_text.html,
            when_it_helps=when_text.source,
            when_it_helps_html=when_text.html,
        )
        strategy.topics.set([topics[slug] for slug in topic_slugs if slug in topics])
    return len(SPACES)
