"""Chat fan-out benchmark: one room, N connected members, messages sent through the real app.

Starts the real app under uvicorn (a subprocess, Redis channel layer), connects N
websocket clients to one space's room, sends M messages through the chat protocol, and
measures, for each message, the time from send to the LAST of the N clients receiving it.
Prints p50 / p99 of that and the rate the run sustained, per N, beside a baseline measured in
the same run: a bare Redis pub/sub relay (N subscribers on one channel, one publisher, the
same N, M, pacing and payload size), and the ratio between the two.

    .venv/bin/python bench/websocket_fanout.py [--clients 10,100,1000] [--rate 20]

The database is a fresh SQLite file in a temporary directory unless DATABASE_URL is set
(e.g. postgres://postgres@127.0.0.1:5432/alongside_bench); the channel layer and the cache
use Redis database 13 (BENCH_REDIS_URL to change it), which the bench empties first.

Messages are paced (--rate per second) and sent by a pool of members, each at most one a
second, so that the per-member chat rate limit (8 in 5 s) never refuses one: the figures
are delivery latency under a steady load, not the server's breaking point.
"""

import argparse
import asyncio
import atexit
import contextlib
import json
import math
import os
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TEMP_DIR = tempfile.mkdtemp(prefix="alongside-fanout-")
# The bench process and the server must agree on the database (and on the secret key,
# which lives in the data directory), so both read the same environment.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "ALONGSIDE_DATA_DIR" not in os.environ:
    os.environ["ALONGSIDE_DATA_DIR"] = TEMP_DIR
atexit.register(shutil.rmtree, TEMP_DIR, ignore_errors=True)
os.environ["REDIS_URL"] = REDIS_URL
os.environ.setdefault("CACHE_KEY_PREFIX", "alongside-bench")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
import websockets  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402

from alongside.accounts.models import Profile, User  # noqa: E402
from alongside.common.testing.asgi_server import uvicorn_subprocess  # noqa: E402
from alongside.community.actions.chat import room_for_space  # noqa: E402
from alongside.community.models import GuidelinesAcceptance, Space  # noqa: E402

CONNECT_BATCH = 50
# Extra uvicorn arguments, e.g. "--ws-ping-timeout 120" (space-separated).
SERVER_ARGS = os.environ.get("BENCH_SERVER_ARGS", "").split()
# A sender sends at most this many messages a second, well inside CHAT's 8 in 5 s.
PER_SENDER_RATE = 1.0
# After the last send, how long to wait for stragglers before counting them as lost.
DRAIN_TIMEOUT_S = 15.0
# The room counts as settled after this long without a frame to any listener.
QUIET_S = 1.0
CONNECT_TIMEOUT_S = 60.0
# Per N: past these, the N is reported as not measured rather than stalling the whole run.
CONNECT_BUDGET_S = float(os.environ.get("BENCH_CONNECT_BUDGET_S", "45"))
SETTLE_BUDGET_S = float(os.environ.get("BENCH_SETTLE_BUDGET_S", "20"))
BODY = "Thinking of you all tonight, and hoping tomorrow is a gentler day. #{seq}"


@dataclass
class Run:
    """Send and arrival times for one measurement (app or baseline)."""

    listeners: int
    sent_at: dict[int, float] = field(default_factory=dict)
    arrivals: dict[int, int] = field(default_factory=dict)
    last_arrival: dict[int, float] = field(default_factory=dict)
    complete: asyncio.Event = field(default_factory=asyncio.Event)
    expected: int = 0
    last_frame_at: float = 0.0

    def arrived(self, seq: int) -> None:
        count = self.arrivals.get(seq, 0) + 1
        self.arrivals[seq] = count
        if count == self.listeners:
            self.last_arrival[seq] = time.perf_counter()
            if len(self.last_arrival) == self.expected:
                self.complete.set()

    def summary(self) -> dict:
        latencies = sorted(
            (self.last_arrival[seq] - self.sent_at[seq]) * 1000 for seq in self.last_arrival
        )
        lost = self.expected - len(latencies)
        # For a message that didn't reach everyone: how far it got.
        reached = min(self.arrivals.values(), default=0)
        if not latencies:
            return {
                "p50": math.nan,
                "p99": math.nan,
                "rate": 0.0,
                "lost": lost,
                "reached": reached,
            }
        first_send = min(self.sent_at.values())
        last_delivery = max(self.last_arrival.values())
        return {
            "p50": statistics.median(latencies),
            "p99": percentile(latencies, 99),
            "rate": len(latencies) / (last_delivery - first_send),
            "lost": lost,
            "reached": reached,
        }


def percentile(sorted_values: list[float], pct: float) -> float:
    index = max(0, math.ceil(pct / 100 * len(sorted_values)) - 1)
    return sorted_values[index]


def raise_open_file_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(max(soft, needed), hard)
    if wanted > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


# --- Data ------------------------------------------------------------------------------------


def create_members(count: int, *, prefix: str) -> list[User]:
    """Members with unusable passwords (they log in by session only), bulk-created."""
    users = []
    for index in range(count):
        user = User(email=f"{prefix}{index}@bench.example.org")
        user.set_unusable_password()
        users.append(user)
    users = User.objects.bulk_create(users)
    if users[0].pk is None:  # backends that don't return ids from bulk inserts
        users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
    Profile.objects.bulk_create(
        Profile(user=user, display_name=f"{prefix.title()} {index}")
        for index, user in enumerate(users)
    )
    return users


def session_cookie(user: User) -> str:
    """A stored session for `user`, as the login view would have made it."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def prepare(listeners: int, senders: int):
    """A fresh space and room, N listening members and a pool of senders, with sessions."""
    tag = uuid.uuid4().hex[:6]
    space = Space.objects.create(
        name=f"Bench {tag}",
        slug=f"bench-{tag}",
        description="Fan-out benchmark.",
        guidelines="Be kind.",
    )
    room = room_for_space(space)
    listening = create_members(listeners, prefix=f"listener{tag}-")
    sending = create_members(senders, prefix=f"sender{tag}-")
    GuidelinesAcceptance.objects.bulk_create(
        GuidelinesAcceptance(space=space, user=user, version=space.guidelines_version)
        for user in sending
    )
    return (
        room.pk,
        [session_cookie(user) for user in listening],
        [session_cookie(user) for user in sending],
    )


# --- The app ---------------------------------------------------------------------------------


async def open_socket(server, room_id: int, cookie: str):
    socket = await websockets.connect(
        f"{server.ws_url}/ws/rooms/{room_id}/",
        origin=server.url,
        additional_headers={"Cookie": cookie},
        open_timeout=CONNECT_TIMEOUT_S,
        max_size=None,
        ping_interval=None,
        close_timeout=2,
    )
    while True:  # the welcome comes first; anything before it would be a protocol error
        frame = json.loads(await socket.recv())
        if frame["type"] == "welcome":
            return socket
        if frame["type"] == "error":
            raise RuntimeError(f"refused: {frame}")


async def listen(socket, run: Run, prefix: str) -> None:
    try:
        async for raw in socket:
            run.last_frame_at = time.perf_counter()
            frame = json.loads(raw)
            if frame["type"] == "message":
                client_id = frame["message"].get("client_id") or ""
                if client_id.startswith(prefix):
                    run.arrived(int(client_id.rsplit("-", 1)[1]))
    except websockets.ConnectionClosed:
        pass


async def drain(socket) -> None:
    """Read and drop what the server sends a sender (its 'sent' acks, its own messages)."""
    try:
        async for raw in socket:
            frame = json.loads(raw)
            if frame["type"] == "error":
                print(f"  ! refused: {frame.get('code')}: {frame.get('message')}", flush=True)
    except websockets.ConnectionClosed:
        pass


async def close_all(sockets) -> None:
    """Close together, briefly: one by one, a busy server's close handshakes take minutes."""
    await asyncio.gather(*(socket.close() for socket in sockets), return_exceptions=True)


class NotMeasured(Exception):
    """This N could not be measured within the bench's time budget; the reason says why."""


async def connect_all(server, room_id: int, cookies: list[str], deadline: float) -> list:
    sockets = []
    for start in range(0, len(cookies), CONNECT_BATCH):
        if time.perf_counter() > deadline:
            await close_all(sockets)
            raise NotMeasured(
                f"only {len(sockets)} of {len(cookies)} clients connected in {CONNECT_BUDGET_S:g} s"
            )
        batch = cookies[start : start + CONNECT_BATCH]
        with contextlib.suppress(TimeoutError):  # reported at the top of the loop
            sockets += await asyncio.wait_for(
                asyncio.gather(*(open_socket(server, room_id, c) for c in batch)),
                max(deadline - time.perf_counter(), 0.1),
            )
    return sockets


async def measure_app(server, room_id, listener_cookies, sender_cookies, messages, rate) -> dict:
    run = Run(listeners=len(listener_cookies), expected=messages)
    prefix = f"bench{uuid.uuid4().hex[:8]}-"
    started = time.perf_counter()
    deadline = started + CONNECT_BUDGET_S
    listeners = await connect_all(server, room_id, listener_cookies, deadline)
    senders = await connect_all(server, room_id, sender_cookies, deadline)
    connect_s = time.perf_counter() - started
    if len(listeners) < len(listener_cookies) or len(senders) < len(sender_cookies):
        await close_all(listeners + senders)
        raise NotMeasured(
            f"{len(listeners)} of {len(listener_cookies)} listeners and {len(senders)} of "
            f"{len(sender_cookies)} senders connected in {CONNECT_BUDGET_S:g} s"
        )
    tasks = [asyncio.create_task(listen(s, run, prefix)) for s in listeners]
    tasks += [asyncio.create_task(drain(s)) for s in senders]
    # Every join is announced to the whole room: let those settle before timing anything.
    settle_started = run.last_frame_at = time.perf_counter()
    while time.perf_counter() - run.last_frame_at < QUIET_S:
        await asyncio.sleep(0.1)
        if time.perf_counter() - settle_started > SETTLE_BUDGET_S:
            await close_all(listeners + senders)
            raise NotMeasured(f"the room was still busy {SETTLE_BUDGET_S:g} s after connecting")
    settle_s = time.perf_counter() - settle_started
    start = time.perf_counter()
    for seq in range(messages):
        await sleep_until(start + seq / rate)
        frame = {"type": "send", "body": BODY.format(seq=seq), "client_id": f"{prefix}{seq}"}
        run.sent_at[seq] = time.perf_counter()
        await senders[seq % len(senders)].send(json.dumps(frame))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(run.complete.wait(), DRAIN_TIMEOUT_S)
    closed_early = sum(1 for socket in listeners if socket.close_code is not None)
    if closed_early:
        codes = Counter(socket.close_code for socket in listeners if socket.close_code is not None)
        print(f"  close codes of connections closed early: {dict(codes)}", flush=True)
    await close_all(listeners + senders)
    await asyncio.gather(*tasks)
    summary = run.summary()
    if summary["lost"]:
        print(
            f"  {summary['lost']} messages didn't reach all {run.listeners} clients (the least"
            f" reached {summary['reached']}); {closed_early} connections had been closed.",
            flush=True,
        )
    return {**summary, "connect_s": connect_s, "settle_s": settle_s}


async def sleep_until(moment: float) -> None:
    delay = moment - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)


# --- The baseline: bare Redis pub/sub ----------------------------------------------------------


async def measure_redis(listeners: int, messages: int, rate: float) -> dict:
    import redis.asyncio as aioredis

    run = Run(listeners=listeners, expected=messages)
    channel = f"bench-{uuid.uuid4().hex[:8]}"
    # A payload of the size the app sends (a message_payload as JSON).
    padding = "x" * 300
    clients = [aioredis.Redis.from_url(REDIS_URL) for _ in range(listeners)]
    pubsubs = []
    for start in range(0, listeners, CONNECT_BATCH):
        batch = clients[start : start + CONNECT_BATCH]
        subscribed = [client.pubsub() for client in batch]
        await asyncio.gather(*(p.subscribe(channel) for p in subscribed))
        pubsubs += subscribed

    async def receive(pubsub):
        async for item in pubsub.listen():
            if item["type"] == "message":
                data = json.loads(item["data"])
                if data["seq"] < 0:
                    return
                run.arrived(data["seq"])

    tasks = [asyncio.create_task(receive(p)) for p in pubsubs]
    publisher = aioredis.Redis.from_url(REDIS_URL)
    await asyncio.sleep(0.5)
    start = time.perf_counter()
    for seq in range(messages):
        await sleep_until(start + seq / rate)
        run.sent_at[seq] = time.perf_counter()
        await publisher.publish(channel, json.dumps({"seq": seq, "body": padding}))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(run.complete.wait(), DRAIN_TIMEOUT_S)
    await publisher.publish(channel, json.dumps({"seq": -1}))
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 10)
    for pubsub in pubsubs:
        await pubsub.aclose()
    for client in [*clients, publisher]:
        await client.aclose()
    return run.summary()


# --- Main ------------------------------------------------------------------------------------


def pubsub_settings() -> dict[str, str]:
    """Environment for a server on channels-redis's RedisPubSubChannelLayer (one PUBLISH per
    group send) instead of the settings' RedisChannelLayer, to compare the two."""
    module = Path(TEMP_DIR) / "bench_pubsub_settings.py"
    module.write_text(
        "from config.settings import *  # noqa\n"
        "CHANNEL_LAYERS = {'default': {\n"
        "    'BACKEND': 'channels_redis.pubsub.RedisPubSubChannelLayer',\n"
        "    'CONFIG': {'hosts': [REDIS_URL]},\n"
        "}}\n"
    )
    python_path = os.pathsep.join(filter(None, [TEMP_DIR, str(ROOT), os.environ.get("PYTHONPATH")]))
    return {"DJANGO_SETTINGS_MODULE": "bench_pubsub_settings", "PYTHONPATH": python_path}


def messages_for(clients: int) -> int:
    return 200 if clients <= 100 else 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="10,100,1000", help="comma-separated N values")
    parser.add_argument("--rate", type=float, default=20.0, help="messages sent per second")
    parser.add_argument("--messages", type=int, help="M (default: 200, or 50 above 100 clients)")
    parser.add_argument(
        "--layer",
        choices=["core", "pubsub"],
        default="core",
        help="the server's channel layer: our settings (core) or channels-redis's pub/sub one",
    )
    args = parser.parse_args()
    # Stopped from outside (timeout, Ctrl-C): unwind, so the server subprocess is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sizes = [int(n) for n in args.clients.split(",")]
    senders = max(1, math.ceil(args.rate / PER_SENDER_RATE))
    raise_open_file_limit(4 * max(sizes) + 200)

    redis.Redis.from_url(REDIS_URL).flushdb()
    database = settings.DATABASES["default"]
    print(f"database: {database['ENGINE'].rsplit('.', 1)[1]} {database['NAME']}")
    print(f"channel layer ({args.layer}) and cache: {REDIS_URL}; {senders} senders;", end=" ")
    print(f"{args.rate:g} messages/s")
    call_command("migrate", verbosity=0)

    rows = []
    env = {"REDIS_URL": REDIS_URL, "ALONGSIDE_DATA_DIR": os.environ["ALONGSIDE_DATA_DIR"]}
    if args.layer == "pubsub":
        env.update(pubsub_settings())
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    with uvicorn_subprocess(env=env, extra_args=SERVER_ARGS) as server:
        for size in sizes:
            messages = args.messages or messages_for(size)
            room_id, listener_cookies, sender_cookies = prepare(size, senders)
            try:
                app = asyncio.run(
                    measure_app(
                        server, room_id, listener_cookies, sender_cookies, messages, args.rate
                    )
                )
            except NotMeasured as reason:
                print(f"N={size}: not measured: {reason}", flush=True)
                app = None
            except Exception:
                print(server.log_tail())
                raise
            baseline = asyncio.run(measure_redis(size, messages, args.rate))
            rows.append((size, messages, app, baseline))
            if app is None:
                continue
            print(
                f"N={size}: connected in {app['connect_s']:.1f} s,"
                f" settled in {app['settle_s']:.1f} s; app p99 {app['p99']:.1f} ms,"
                f" Redis p99 {baseline['p99']:.1f} ms",
                flush=True,
            )

    print()
    print(
        f"{'clients':>7} {'msgs':>5} | {'app p50':>8} {'app p99':>8} {'msg/s':>6} {'lost':>4}"
        f" | {'redis p50':>9} {'redis p99':>9} {'msg/s':>6} | {'p99 ratio':>9}"
    )
    for size, messages, app, base in rows:
        if app is None:
            print(
                f"{size:>7} {messages:>5} | {'not measured (see above)':<31} |"
                f" {base['p50']:>7.1f}ms {base['p99']:>7.1f}ms {base['rate']:>6.1f} |"
            )
            continue
        ratio = app["p99"] / base["p99"] if base["p99"] else math.nan
        print(
            f"{size:>7} {messages:>5} | {app['p50']:>6.1f}ms {app['p99']:>6.1f}ms"
            f" {app['rate']:>6.1f} {app['lost']:>4} | {base['p50']:>7.1f}ms {base['p99']:>7.1f}ms"
            f" {base['rate']:>6.1f} | {ratio:>8.1f}x"
        )
    print(
        "\nlatency: from send to the LAST client receiving the message; msg/s: messages "
        "delivered to everyone per second, first send to last delivery."
    )
    print("target: p99 under 250 ms at 1,000 clients.")


if __name__ == "__main__":
    main()
