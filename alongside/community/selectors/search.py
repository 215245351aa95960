"""Search of threads and coping strategies by words.

On PostgreSQL: full-text search (websearch syntax, the "simple" configuration so that no
word is stemmed or dropped as a stop word), ranked by SearchRank. Elsewhere (SQLite): a
correct, slower fallback in which every word, casefolded, must appear as a whole word in
the title or the text; ranked by how often the words appear. For plain word queries both
return the same results. Only visible content is ever searched: visible threads in spaces
that aren't archived, their visible posts, and visible coping strategies."""

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from alongside.community.choices import ContentStatus
from alongside.community.models import CopingStrategy, Post, Thread
from alongside.community.permissions.forum import filter_threads_queryset
from alongside.community.selectors.protections import NO_PROTECTIONS, Protections
from alongside.community.text import tidy

# More would not be read; a bound keeps a broad query cheap.
MAX_RESULTS = 500
EXCERPT_LENGTH = 200
SEARCH_CONFIG = "simple"
WORD = re.compile(r"\w+")
THREAD, STRATEGY = "thread", "coping_strategy"


@dataclass
class SearchHit:
    kind: str
    pk: int
    rank: float
    date: datetime
    title: str = ""
    url: str = ""
    place: str = ""
    excerpt: str = ""


def search_words(query: str) -> list[str]:
    """The words of a query as the fallback compares them: casefolded, Unicode-aware."""
    return WORD.findall(query.casefold())


def searchable_threads(viewer) -> QuerySet:
    """Visible threads in spaces that aren't archived, and only those the forum would show
    this viewer (so that no result leads to a page they can't open)."""
    visible = Thread.objects.filter(status=ContentStatus.VISIBLE, space__is_archived=False)
    return filter_threads_queryset(viewer, visible)


def searchable_strategies() -> QuerySet:
    return CopingStrategy.objects.filter(status=ContentStatus.VISIBLE)


def _visible_posts() -> QuerySet:
    return Post.objects.filter(status=ContentStatus.VISIBLE)


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# ---- PostgreSQL -------------------------------------------------------------------------


def _pg_query(query: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def _pg_ranked(queryset: QuerySet, vector, query: str) -> QuerySet:
    from django.contrib.postgres.search import SearchRank

    search = _pg_query(query)
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .order_by("-rank", "-pk")
    )


def _pg_thread_rows(query: str, viewer) -> list[tuple]:
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchVector

    posts_text = Subquery(
        _visible_posts()
        .filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(text=StringAgg("body", delimiter=" "))
        .values("text"),
        output_field=TextField(),
    )
    vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        Coalesce(posts_text, Value(""), output_field=TextField()), weight="B", config=SEARCH_CONFIG
    )
    ranked = _pg_ranked(searchable_threads(viewer), vector, query)
    return list(ranked.values_list("pk", "rank", "last_posted_at")[:MAX_RESULTS])


def _pg_strategy_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("what_it_is", weight="B", config=SEARCH_CONFIG)
        + SearchVector("when_it_helps", weight="B", config=SEARCH_CONFIG)
    )


def _pg_strategy_rows(query: str, queryset: QuerySet) -> list[tuple]:
    ranked = _pg_ranked(queryset, _pg_strategy_vector(), query)
    return list(ranked.values_list("pk", "rank", "created_at")[:MAX_RESULTS])


# ---- The fallback -----------------------------------------------------------------------


def _narrowed(queryset: QuerySet, words: list[str], text_match) -> QuerySet:
    """Cheap SQL narrowing before the exact check in Python. SQLite's LIKE folds case for
    ASCII only, so only ASCII words narrow; the Python check decides in every case."""
    for word in words:
        if word.isascii():
            queryset = queryset.filter(text_match(word))
    return queryset


def _score(words: list[str], text: str) -> int:
    """How often the words appear in `text`; 0 unless every one of them does."""
    counts = Counter(WORD.findall(text.casefold()))
    found = [counts[word] for word in words]
    return sum(found) if all(found) else 0


def _fallback_thread_rows(words: list[str], viewer) -> list[tuple]:
    def text_match(word):
        in_posts = _visible_posts().filter(thread=OuterRef("pk"), body__icontains=word)
        return Q(title__icontains=word) | Exists(in_posts)

    candidates = _narrowed(searchable_threads(viewer), words, text_match)
    bodies = defaultdict(list)
    for thread_id, body in (
        _visible_posts().filter(thread__in=candidates).values_list("thread_id", "body")
    ):
        bodies[thread_id].append(body)
    rows = []
    for pk, title, last_posted_at in candidates.values_list("pk", "title", "last_posted_at"):
        score = _score(words, " ".join([title, *bodies[pk]]))
        if score:
            rows.append((pk, float(score), last_posted_at))
    return sorted(rows, key=lambda row: (row[1], row[2], row[0]), reverse=True)[:MAX_RESULTS]


def _fallback_strategy_rows(words: list[str], queryset: QuerySet) -> list[tuple]:
    def text_match(word):
        return (
            Q(title__icontains=word)
            | Q(what_it_is__icontains=word)
            | Q(when_it_helps__icontains=word)
        )

    rows = []
    candidates = _narrowed(queryset, words, text_match).values_list(
        "pk", "title", "what_it_is", "when_it_helps", "created_at"
    )
    for pk, title, what, when, created_at in candidates:
        score = _score(words, f"{title} {what} {when}")
        if score:
            rows.append((pk, float(score), created_at))
    return sorted(rows, key=lambda row: (row[1], row[2], row[0]), reverse=True)[:MAX_RESULTS]


# ---- What the pages and the API call ----------------------------------------------------


def matching_strategy_ids(query: str, queryset: QuerySet | None = None) -> list[int]:
    """Ids of the strategies in `queryset` (default: all visible) that match, best first."""
    queryset = searchable_strategies() if queryset is None else queryset
    query = tidy(query)
    if not search_words(query):
        return []
    if _uses_postgres():
        return [row[0] for row in _pg_strategy_rows(query, queryset)]
    return [row[0] for row in _fallback_strategy_rows(search_words(query), queryset)]


def search_community(*, viewer, query: str) -> list[SearchHit]:
    """Threads and coping strategies matching `query`, best first, most recent first among
    equals. Hits carry only what sorting needs; `describe_hits` fills in a page of them."""
    query = tidy(query)  # no NUL or lone surrogate can reach the database
    words = search_words(query)
    if not words:
        return []
    if _uses_postgres():
        threads, strategies = (
            _pg_thread_rows(query, viewer),
            _pg_strategy_rows(query, searchable_strategies()),
        )
    else:
        threads = _fallback_thread_rows(words, viewer)
        strategies = _fallback_strategy_rows(words, searchable_strategies())
    hits = [SearchHit(THREAD, pk, rank, date) for pk, rank, date in threads]
    hits += [SearchHit(STRATEGY, pk, rank, date) for pk, rank, date in strategies]
    hits.sort(key=lambda hit: (hit.rank, hit.date, hit.pk), reverse=True)
    return hits[:MAX_RESULTS]


def excerpt(html: str, words: list[str], length: int = EXCERPT_LENGTH) -> str:
    """Plain text around the first word of the query that appears, or the start."""
    text = " ".join(strip_tags(html).split())
    folded = text.casefold()
    start = 0
    for word in words:
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
        if match:
            start = max(0, match.start() - length // 3)
            break
    if len(folded) != len(text):  # casefolding changed lengths ("ß"): indexes don't line up
        start = 0
    piece = text[start : start + length]
    prefix = "\u2026" if start else ""
    suffix = "\u2026" if start + length < len(text) else ""
    return f"{prefix}{piece}{suffix}"


def thread_url(thread: Thread) -> str:
    """The thread's page ("" if the forum's route is missing, so search still works)."""
    try:
        return reverse("community:thread", kwargs={"thread_id": thread.pk})
    except NoReverseMatch:
        return ""


HIDDEN_BY_YOUR_SETTINGS = "Hidden by your community settings"


def _shown_excerpt(*, protections: Protections, author_id, text_html: str, words, warning=""):
    """The excerpt this viewer may see: never past a content warning, a block or a muted
    word (the same as the pages they would open)."""
    text = html.unescape(strip_tags(text_html))
    reason = protections.collapse_reason(author_id=author_id, text=text)
    if reason:
        return reason
    if warning:
        return f"Content warning: {warning}"
    return excerpt(text_html, words)


def _shown_title(*, protections: Protections, author_id, title: str) -> str:
    hidden = protections.collapse_reason(author_id=author_id, text=title)
    return HIDDEN_BY_YOUR_SETTINGS if hidden else title


def describe_hits(
    hits: list[SearchHit], *, query: str, protections: Protections = NO_PROTECTIONS
) -> list[SearchHit]:
    """Fill in title, place, excerpt and link for one page of hits (three queries), as
    `protections` (the viewer's blocks and muted words) allow."""
    words = search_words(query)
    thread_ids = [hit.pk for hit in hits if hit.kind == THREAD]
    strategy_ids = [hit.pk for hit in hits if hit.kind == STRATEGY]
    threads = Thread.objects.select_related("space").in_bulk(thread_ids)
    strategies = CopingStrategy.objects.in_bulk(strategy_ids)
    posts = defaultdict(list)
    for post in (
        _visible_posts()
        .filter(thread_id__in=thread_ids)
        .order_by("id")
        .only("thread_id", "author_id", "body", "body_html", "content_warning")
    ):
        posts[post.thread_id].append(post)
    described = []
    for hit in hits:
        if hit.kind == THREAD and hit.pk in threads:
            thread = threads[hit.pk]
            thread_posts = posts[hit.pk]
            best = next(
                (post for post in thread_posts if _score(words[:1], post.body)),
                thread_posts[0] if thread_posts else None,
            )
            hit.place, hit.url = thread.space.name, thread_url(thread)
            hit.title = _shown_title(
                protections=protections, author_id=thread.author_id, title=thread.title
            )
            hit.excerpt = (
                _shown_excerpt(
                    protections=protections,
                    author_id=best.author_id,
                    text_html=best.body_html,
                    words=words,
                    warning=best.content_warning,
                )
                if best
                else ""
            )
        elif hit.kind == STRATEGY and hit.pk in strategies:
            strategy = strategies[hit.pk]
            hit.place = "Coping strategies"
            hit.title = _shown_title(
                protections=protections, author_id=strategy.author_id, title=strategy.title
            )
            hit.url = reverse("community:coping_detail", args=[strategy.pk])
            hit.excerpt = _shown_excerpt(
                protections=protections,
                author_id=strategy.author_id,
                text_html=f"{strategy.what_it_is_html} {strategy.when_it_helps_html}",
                words=words,
            )
        else:
            continue  # removed since the search ran
        described.append(hit)
    return described
