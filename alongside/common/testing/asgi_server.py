"""Our ASGI app (HTTP and websockets) under a real uvicorn, for tests and benchmarks.

Two ways to run it:

- `asgi_live_server` (pytest fixture): uvicorn in a background thread of the test process,
  with its own event loop. It shares the test database (SQLite's in-memory test database is
  opened in shared-cache mode, so the server thread's connections see the same rows) and the
  in-memory channel layer, which then lives entirely in the server's loop. Needs real
  transactions: mark the test `django_db(transaction=True)` (BROWSER_TEST does).

      def test_chat(asgi_live_server):
          asgi_live_server.url     # "http://127.0.0.1:<port>"
          asgi_live_server.ws_url  # "ws://127.0.0.1:<port>"

- `uvicorn_subprocess(env=...)` (context manager): `python -m uvicorn config.asgi:application`
  as a separate process, for the two-process test and bench/websocket_fanout.py. A separate
  process can't see an in-memory database, so point it at PostgreSQL or a SQLite file.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
# How long a server may take to start listening before we give up (a cold start imports
# Django and the whole project: a couple of seconds on a busy 2-core machine).
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


# --- In a thread of this process -----------------------------------------------------------


async def _close_database_connections() -> None:
    """Close what the server opened, or PostgreSQL would refuse to drop the test database
    ("being accessed by other users"): connections kept alive (CONN_MAX_AGE) by the thread
    that runs sync_to_async work, and any made in the loop's own thread."""
    from asgiref.sync import sync_to_async
    from django.db import connections

    await sync_to_async(connections.close_all)()
    connections.close_all()


@contextlib.contextmanager
def uvicorn_in_thread(app, *, host: str = "127.0.0.1") -> Iterator[ServerAddress]:
    """Serve `app` from a daemon thread running its own event loop; stop it on exit."""
    import uvicorn

    port = free_port(host)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ws="websockets-sansio",
        lifespan="off",
        log_level="warning",
        # Open websockets would otherwise hold the shutdown until the test times out.
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    failure: list[BaseException] = []

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            # uvicorn installs signal handlers only in the main thread, so this is safe here.
            loop.run_until_complete(server.serve())
            loop.run_until_complete(_close_database_connections())
        except BaseException as error:  # reported to the test below
            failure.append(error)
        finally:
            loop.close()

    thread = threading.Thread(target=run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if failure or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start: {failure[:1]}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"uvicorn did not start within {START_TIMEOUT_S} s")
        time.sleep(0.02)
    try:
        yield ServerAddress(host, port)
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT_S)
        if thread.is_alive():
            server.force_exit = True
            thread.join(STOP_TIMEOUT_S)


@pytest.fixture
def asgi_live_server(transactional_db, settings) -> Iterator[ServerAddress]:
    """config.asgi.application under uvicorn in a thread, sharing the test database.

    Like browser.py's browser_context, it gives the test a cache of its own (local memory,
    never Redis) so that rate limits can't leak between tests, and the in-memory channel
    layer, which the server's loop then owns."""
    import uuid

    from channels.layers import channel_layers

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"asgi-live-server-{uuid.uuid4()}",
        }
    }
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # channels caches its layers per alias: a layer built under other settings (or by an
    # earlier test, bound to another loop) must not be reused.
    channel_layers.backends.clear()

    from django.db import connections

    from config.asgi import application

    # Each request and each consumer call may run in a thread of its own; with persistent
    # connections (CONN_MAX_AGE from DATABASE_URL) those would outlive the test and keep
    # PostgreSQL from dropping the test database. New connections read this shared dict.
    database = connections.settings["default"]
    kept_for = database.get("CONN_MAX_AGE", 0)
    database["CONN_MAX_AGE"] = 0
    try:
        with uvicorn_in_thread(application) as address:
            yield address
    finally:
        database["CONN_MAX_AGE"] = kept_for
        channel_layers.backends.clear()


@pytest.fixture
def open_page(browser, asgi_live_server):
    """open_page(user) -> a page in a browser context of its own, signed in as `user` (a
    real session cookie), with URLs relative to the ASGI server: several members in one
    test, each in their own browser. Like browser.py's `page`, it fails the test if the
    Content-Security-Policy blocked anything."""
    from django.conf import settings
    from django.test import Client

    from alongside.common.testing.browser import TIMEOUT_MS

    contexts = []
    blocked = []

    def open_as(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(base_url=asgi_live_server.url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": asgi_live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()

        def note_csp_violation(message):
            if "Content Security Policy" in message.text:
                blocked.append(f"{page.url}: {message.text}")

        page.on("console", note_csp_violation)
        return page

    yield open_as
    for context in contexts:
        context.close()
    if blocked:
        pytest.fail("The Content-Security-Policy blocked:\n" + "\n".join(blocked), pytrace=False)


# --- As a separate process -------------------------------------------------------------------


@dataclass
class ServerProcess:
    address: ServerAddress
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return self.address.url

    @property
    def ws_url(self) -> str:
        return self.address.ws_url

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _wait_until_listening(server: ServerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _port_open(server.address.host, server.address.port):
        if server.process.poll() is not None:
            raise RuntimeError(
                f"uvicorn exited with status {server.process.returncode} before listening:\n"
                + server.log_tail()
            )
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"uvicorn was not listening after {timeout} s:\n" + server.log_tail()
            )
        time.sleep(0.05)


def stop_process(process: subprocess.Popen) -> None:
    """Ask politely (SIGTERM), then insist (SIGKILL)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_TIMEOUT_S)


@contextlib.contextmanager
def uvicorn_subprocess(
    *,
    env: dict[str, str],
    host: str = "127.0.0.1",
    port: int | None = None,
    log_level: str = "warning",
    extra_args: list[str] | None = None,
) -> Iterator[ServerProcess]:
    """Run `python -m uvicorn config.asgi:application` with `env` added to this process's
    environment; yield once it is listening; stop it (terminate, then kill) on exit.

    Its output goes to a temporary log file (a pipe nobody reads would fill up and stall
    the server); `log_tail()` shows the end of it when something goes wrong."""
    port = port or free_port(host)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "config.asgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--ws",
        "websockets-sansio",
        "--lifespan",
        "off",
        "--log-level",
        log_level,
        *(extra_args or []),
    ]
    inherited = dict(os.environ)
    # The test process allows sync ORM calls from async code (Playwright needs it there); a
    # server meant to be real must not, or it would hide exactly the bugs it should catch.
    inherited.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    child_env = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, after the process)
        prefix=f"uvicorn-{port}-", suffix=".log", delete=False
    )
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command,
        cwd=PROJECT_ROOT,
        env=child_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    server = ServerProcess(ServerAddress(host, port), process, Path(log.name))
    try:
        _wait_until_listening(server, START_TIMEOUT_S)
        yield server
    finally:
        stop_process(process)
        log.close()
        with contextlib.suppress(OSError):
            os.unlink(log.name)
