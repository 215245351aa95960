"""Group directory benchmark: 10,000 groups and 200,000 meetings on PostgreSQL.

Prints the median and p95 server time per directory page (Django's test client, the
whole request/response cycle in-process, no network) and the SQL queries per page, for
several filter combinations, with a trivial page measured in the same run as a baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alongside_bench \
        .venv/bin/python bench/group_directory.py [--runs 40]

The data is created once (bulk inserts, about a minute) and reused on later runs.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alongside_bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from alongside.accounts.choices import LANGUAGES  # noqa: E402
from alongside.accounts.models import Topic  # noqa: E402
from alongside.groups.choices import GroupKind, GroupStatus, MeetingMode, VenueFeature  # noqa: E402
from alongside.groups.models import Group, Venue  # noqa: E402
from alongside.meetings.models import Meeting, Occurrence  # noqa: E402

GROUPS = 10_000
MEETINGS = 200_000
WORDS = [
    "calm",
    "walk",
    "talk",
    "share",
    "listen",
    "carers",
    "grief",
    "anxiety",
    "coffee",
    "art",
    "garden",
    "music",
    "river",
]


def ensure_database() -> None:
    if connection.vendor != "postgresql":
        sys.exit("This benchmark is for PostgreSQL: set DATABASE_URL.")
    from urllib.parse import urlsplit

    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


def seed() -> None:
    if Group.objects.count() >= GROUPS:
        return
    started = time.perf_counter()
    rng = random.Random(7)  # noqa: S311  (repeatable demo data, not security)
    topics = list(Topic.objects.all())
    venues = Venue.objects.bulk_create(
        Venue(
            name=f"Venue {i}",
            address=f"{i} High Street",
            latitude=50 + rng.random() * 5,
            longitude=-5 + rng.random() * 5,
            features=rng.sample(VenueFeature.values, rng.randint(0, 4)),
        )
        for i in range(500)
    )
    codes = [code for code, _ in LANGUAGES]
    groups = Group.objects.bulk_create(
        (
            Group(
                name=f"{rng.choice(WORDS).title()} group {i}",
                slug=f"group-{i}",
                kind=rng.choice(GroupKind.values),
                purpose=" ".join(rng.choices(WORDS, k=20)),
                mode=(mode := rng.choice(MeetingMode.values)),
                venue=rng.choice(venues) if mode in ("in_person", "hybrid") else None,
                languages=["en", *rng.sample(codes, rng.randint(0, 2))],
                status=rng.choices(
                    [GroupStatus.ACTIVE, GroupStatus.PAUSED, GroupStatus.CLOSED], [8, 1, 1]
                )[0],
            )
            for i in range(GROUPS)
        ),
        batch_size=2000,
    )
    Group.topics.through.objects.bulk_create(
        (
            Group.topics.through(group_id=group.pk, topic_id=topic.pk)
            for group in groups
            for topic in rng.sample(topics, rng.randint(1, 3))
        ),
        batch_size=5000,
    )
    now = timezone.now()
    per_group = MEETINGS // GROUPS
    for chunk in range(0, GROUPS, 1000):
        meetings = Meeting.objects.bulk_create(
            (
                Meeting(
                    group=group,
                    title=f"Meeting {n}",
                    mode=group.mode,
                    first_start=now
                    + timedelta(days=rng.randint(-180, 180), hours=rng.randint(0, 23)),
                    duration_minutes=90,
                )
                for group in groups[chunk : chunk + 1000]
                for n in range(per_group)
            ),
            batch_size=5000,
        )
        Occurrence.objects.bulk_create(
            (
                Occurrence(
                    meeting=m,
                    original_start=m.first_start,
                    starts_at=m.first_start,
                    ends_at=m.first_start + timedelta(minutes=90),
                )
                for m in meetings
            ),
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {GROUPS} groups, {MEETINGS} meetings in {time.perf_counter() - started:.0f} s")


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm up
    times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    ensure_database()
    seed()
    client = Client()
    baseline, _, _ = measure(client, "/help-now/", args.runs)
    pages = [
        ("directory, first page", "/groups/"),
        ("directory, page 200", "/groups/?page=200"),
        ("search 'grief'", "/groups/?q=grief"),
        ("topic + language", "/groups/?topic=anxiety&language=cy"),
        ("in person + hearing loop", "/groups/?mode=in_person&feature=hearing_loop"),
        ("meets on Tuesday", "/groups/?day=2"),
        ("every filter", "/groups/?kind=support&topic=bereavement&mode=video&language=en&day=4"),
    ]
    print(f"baseline /help-now/: median {baseline:.1f} ms ({args.runs} runs)")
    print(f"{'page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x baseline':>11}")
    for label, url in pages:
        median, p95, queries = measure(client, url, args.runs)
        print(f"{label:<28} {median:>10.1f} {p95:>8.1f} {queries:>8} {median / baseline:>11.1f}")


if __name__ == "__main__":
    main()
