"""Finder benchmark: 10,000 groups (with venues and weekly meetings), 2,000 supporters and
50 online communities, on a SQLite file (or DATABASE_URL).

Prints the cold catalogue build, then the median and p95 server time of `find_support`
over ~200 varied questionnaires with the catalogue warm, the same through the API
(POST /api/v1/finder, Django's test client, whole request/response cycle in process),
and, as a baseline in the same run, the group directory's first page filtered the same
way (place-free: language and topic), with the ratio.

    .venv/bin/python bench/finder.py [--queries 200]

The data is created once (bulk inserts, about a minute) and reused on later runs; the
default database is /tmp/alongside_finder_bench.sqlite3.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/alongside_finder_bench.sqlite3")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from alongside.accounts.choices import AVAILABILITY_SLOTS, LANGUAGES, AccessNeed  # noqa: E402
from alongside.accounts.models import Topic, User  # noqa: E402
from alongside.community.models import Space  # noqa: E402
from alongside.finder.answers import FinderAnswers  # noqa: E402
from alongside.finder.catalogue import forget_catalogue, get_catalogue  # noqa: E402
from alongside.finder.selectors import find_support  # noqa: E402
from alongside.finder.validation import contradictions, parse_place  # noqa: E402
from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode, VenueFeature  # noqa: E402
from alongside.groups.models import Group, Venue  # noqa: E402
from alongside.matching.choices import (  # noqa: E402
    MatchStatus,
    RequestStatus,
    SupporterStatus,
    SupportKind,
)
from alongside.matching.models import Match, SupporterProfile, SupportRequest  # noqa: E402
from alongside.meetings.models import Meeting, Occurrence  # noqa: E402

GROUPS = 10_000
SUPPORTERS = 2_000
SPACES = 50
REQUESTS = 300
WEEKS = 8
TOWNS = ["Cardiff", "Swansea", "Tenby", "Bristol", "Exeter", "Bath", "Gloucester",
         "Newport, Wales", "Aberystwyth", "Wrexham", "Chester", "Hereford", "Plymouth",
         "Taunton", "Cheltenham"]  # fmt: skip
WORDS = ["calm", "walk", "talk", "share", "listen", "carers", "grief", "anxiety", "coffee",
         "art", "garden", "music", "river", "loss", "parents", "lonely"]  # fmt: skip


def ensure_database() -> None:
    call_command("migrate", verbosity=0)


def seed() -> None:
    if Group.objects.count() >= GROUPS:
        return
    started = time.perf_counter()
    rng = random.Random(11)  # noqa: S311  (repeatable demo data, not security)
    topics = list(Topic.objects.all())
    codes = [code for code, _ in LANGUAGES]
    # Venues across south Wales and the south-west of England.
    venues = Venue.objects.bulk_create(
        Venue(
            name=f"Venue {i}",
            address=f"{i} High Street",
            latitude=50.3 + rng.random() * 2.8,
            longitude=-5.3 + rng.random() * 3.5,
            features=rng.sample(VenueFeature.values, rng.randint(0, 4)),
        )
        for i in range(600)
    )
    groups = Group.objects.bulk_create(
        (
            Group(
                name=f"{rng.choice(WORDS).title()} group {i}",
                slug=f"finder-group-{i}",
                kind=rng.choice(GroupKind.values),
                purpose=" ".join(rng.choices(WORDS, k=20)),
                mode=(mode := rng.choice(MeetingMode.values)),
                venue=rng.choice(venues) if mode in ("in_person", "hybrid") else None,
                languages=rng.choice([["en"], ["en"], ["en"], ["cy"], ["en", "cy"],
                                      ["en", rng.choice(codes)]]),
                status=rng.choices(
                    [GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED], [8, 1, 1]
                )[0],
            )
            for i in range(GROUPS)
        ),
        batch_size=2000,
    )  # fmt: skip
    Group.topics.through.objects.bulk_create(
        (
            Group.topics.through(group_id=group.pk, topic_id=topic.pk)
            for group in groups
            for topic in rng.sample(topics, rng.randint(1, 3))
        ),
        batch_size=5000,
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                group=group,
                title=f"{group.name} meeting",
                mode=group.mode,
                venue=group.venue,
                first_start=now + timedelta(days=rng.randint(0, 6), hours=rng.randint(-10, 10)),
                duration_minutes=90,
                rrule=f"FREQ=WEEKLY;COUNT={WEEKS}",
            )
            for group in groups
        ),
        batch_size=5000,
    )
    Occurrence.objects.bulk_create(
        (
            Occurrence(
                meeting=m,
                original_start=m.first_start + timedelta(weeks=w),
                starts_at=m.first_start + timedelta(weeks=w),
                ends_at=m.first_start + timedelta(weeks=w, minutes=90),
            )
            for m in meetings
            for w in range(WEEKS)
        ),
        batch_size=5000,
    )
    users = User.objects.bulk_create(
        (User(email=f"finder-bench-{i}@example.org") for i in range(SUPPORTERS + REQUESTS)),
        batch_size=2000,
    )
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    profiles = SupporterProfile.objects.bulk_create(
        (
            SupporterProfile(
                user=user,
                kinds=rng.choice([["mentoring"], ["befriending"], ["mentoring", "befriending"]]),
                status=SupporterStatus.APPROVED,
                motivation="To give back.",
                experience=" ".join(rng.choices(WORDS, k=12)),
                languages=rng.choice([["en"], ["en"], ["en", "cy"], ["cy"], ["en", "pl"]]),
                modes=rng.sample(["in_person", "video", "phone", "text_chat"], rng.randint(1, 3)),
                availability=[{"day": d, "start": "18:00", "end": "21:00"}
                              for d in rng.sample(days, rng.randint(1, 3))],
                max_distance_km=rng.choice([5, 10, 25, 50]),
                capacity=rng.randint(1, 3),
                place_latitude=50.3 + rng.random() * 2.8,
                place_longitude=-5.3 + rng.random() * 3.5,
                place_name="Somewhere",
            )
            for user in users[:SUPPORTERS]
        ),
        batch_size=1000,
    )  # fmt: skip
    SupporterProfile.topics.through.objects.bulk_create(
        (
            SupporterProfile.topics.through(supporterprofile_id=p.pk, topic_id=t.pk)
            for p in profiles
            for t in rng.sample(topics, 2)
        ),
        batch_size=5000,
    )
    requests = SupportRequest.objects.bulk_create(
        SupportRequest(
            member=user,
            kind=rng.choice(SupportKind.values),
            modes=["video"],
            status=RequestStatus.WAITING if i % 3 else RequestStatus.MATCHED,
            waiting_since=timezone.now() - timedelta(days=rng.randint(1, 90)),
        )
        for i, user in enumerate(users[SUPPORTERS:])
    )
    Match.objects.bulk_create(
        Match(
            request=r,
            member=r.member,
            supporter=profiles[i].user,
            kind=r.kind,
            status=MatchStatus.ACTIVE,
        )
        for i, r in enumerate(requests)
        if r.status == RequestStatus.MATCHED
    )
    space_objects = Space.objects.bulk_create(
        Space(name=f"Space {i} {rng.choice(WORDS)}", slug=f"finder-space-{i}",
              description=" ".join(rng.choices(WORDS, k=15)), guidelines="Be kind.")
        for i in range(SPACES)
    )  # fmt: skip
    Space.topics.through.objects.bulk_create(
        Space.topics.through(space_id=s.pk, topic_id=rng.choice(topics).pk) for s in space_objects
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - started:.0f} s")


def questionnaires(count: int) -> list[tuple[FinderAnswers, dict]]:
    """Varied answers, each also as API input."""
    rng = random.Random(5)  # noqa: S311
    topics = list(Topic.objects.values_list("id", "slug"))
    places = {town: parse_place(town) for town in TOWNS}
    found = []
    for _ in range(count):
        town = rng.choice(TOWNS)
        chosen_topics = rng.sample(topics, rng.randint(0, 2))
        body = {
            "topics": [slug for _, slug in chosen_topics],
            "about": " ".join(rng.choices(WORDS, k=rng.randint(0, 6))),
            "formats": rng.sample(["group", "one_to_one", "online"], rng.randint(0, 3)),
            "modes": rng.choice([[], ["in_person"], ["in_person", "video"], ["video", "phone"],
                                 ["forum", "text_chat", "video"]]),
            "availability": rng.sample(AVAILABILITY_SLOTS, rng.randint(0, 8)),
            "place": town,
            "travel_distance": rng.choice([3, 5, 10, 20, 40]),
            "distance_unit": "mi",
            "languages": rng.choice([[], ["en"], ["cy"], ["cy", "en"], ["pl"]]),
            "access_needs": rng.sample([AccessNeed.STEP_FREE, AccessNeed.HEARING_LOOP,
                                        AccessNeed.QUIET_SPACE], rng.randint(0, 2)),
            "access_flexible": rng.random() < 0.2,
        }  # fmt: skip
        place = places[town]
        answers = FinderAnswers(
            topics=tuple(pk for pk, _ in chosen_topics),
            about=body["about"],
            formats=tuple(body["formats"]),
            modes=tuple(body["modes"]),
            availability=tuple(body["availability"]),
            place_geonameid=place.geonameid,
            place_name=place.label,
            latitude=place.latitude,
            longitude=place.longitude,
            travel_distance=float(body["travel_distance"]),
            languages=tuple(body["languages"]),
            access_needs=tuple(body["access_needs"]),
            access_flexible=body["access_flexible"],
        )
        if contradictions(answers):
            continue  # the finder refuses these
        found.append((answers, body))
    return found


def summary(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    ensure_database()
    seed()
    print(f"database: {connection.vendor}, {Group.objects.count():,} groups, "
          f"{Occurrence.objects.count():,} occurrences, {SupporterProfile.objects.count():,} "
          f"supporters, {Space.objects.count()} spaces")  # fmt: skip

    cold = []
    for _ in range(3):
        forget_catalogue()
        started = time.perf_counter()
        get_catalogue()
        cold.append((time.perf_counter() - started) * 1000)
    print(f"cold catalogue build: median {statistics.median(cold):.0f} ms (3 builds)")

    asked = questionnaires(args.queries)
    find_support(asked[0][0])  # warm
    times, fitting, queries = [], [], set()
    for answers, _ in asked:
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = find_support(answers)
            times.append((time.perf_counter() - started) * 1000)
        queries.add(len(ctx.captured_queries))
        fitting.append(len(result.options))
    median, p95 = summary(times)
    print(f"find_support, warm: median {median:.1f} ms, p95 {p95:.1f} ms over {len(times)} "
          f"questionnaires; queries per search {sorted(queries)}; options found median "
          f"{statistics.median(fitting):.0f}")  # fmt: skip

    client = Client()
    api_times = []
    for n, (_, body) in enumerate(asked):
        started = time.perf_counter()
        response = client.post("/api/v1/finder", data=json.dumps(body),
                               content_type="application/json",
                               REMOTE_ADDR=f"10.9.{n // 250}.{n % 250 + 1}")  # fmt: skip
        api_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    api_median, api_p95 = summary(api_times)
    print(f"POST /api/v1/finder: median {api_median:.1f} ms, p95 {api_p95:.1f} ms")

    base_times = []
    for _, body in asked[:60]:
        language = (body["languages"] or ["en"])[0]
        topic = (body["topics"] or [""])[0]
        started = time.perf_counter()
        response = client.get(f"/groups/?language={language}&topic={topic}")
        base_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    base_median, base_p95 = summary(base_times)
    print(f"baseline, group directory first page (same language and topic): median "
          f"{base_median:.1f} ms, p95 {base_p95:.1f} ms")  # fmt: skip
    print(f"ratio find_support / directory page (medians): {median / base_median:.2f}; "
          f"API / directory page: {api_median / base_median:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
