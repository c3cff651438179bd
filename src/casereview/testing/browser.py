"""Helpers for browser tests: Debian's Chromium through Playwright, sign-in, axe-core, a crawler.

Playwright's sync API keeps an asyncio event loop running on the test's thread for as long as it
is started, so Django refuses ORM calls from that thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set:
set it with `async_unsafe_allowed()` in the fixture that starts Playwright, never globally.

axe-core is run with `page.evaluate`, which goes through the DevTools protocol and is not subject
to the page's Content-Security-Policy; so the browser context keeps the policy enforced
(no `bypass_csp`) and a page that breaks it shows up in `ConsoleErrors`.
"""

from __future__ import annotations

import base64
import os
import time
import warnings
from collections import deque
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
)
SERIOUS = ("serious", "critical")
TIMEOUT_MS = 15_000


@contextmanager
def async_unsafe_allowed() -> Iterator[None]:
    """Lets the ORM run on a thread where Playwright's sync API keeps its event loop."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def launch_chromium(playwright: Playwright, *, executable: str | None = None) -> Browser:
    """Headless Chromium: $CHROMIUM, or Debian's at /usr/bin/chromium."""
    path = executable or os.environ.get("CHROMIUM") or CHROMIUM
    if not Path(path).exists():
        raise FileNotFoundError(f"no Chromium at {path}: run scripts/install-browser")
    return playwright.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_ARGS))


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh context (its own cookies), British English, with a test-sized timeout."""
    context = browser.new_context(**{"locale": "en-GB", **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


# Signing in


def submit_sign_in(
    page: Page, base_url: str, username: str, password: str, *, path: str = "/sign-in/"
) -> Response:
    """Fills in and sends the sign-in form; the response the browser ends up on."""
    page.goto(urljoin(base_url, path))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in").click()
    response = navigation.value
    if response is None:
        raise AssertionError(f"signing in as {username} loaded no page")
    return response


def sign_in(
    page: Page, base_url: str, username: str, password: str, *, path: str = "/sign-in/"
) -> Response:
    """Signs in through the real forms, password then second factor (setting up the app the
    first time); fails unless it lands, with 200, past the sign-in pages."""
    response = submit_sign_in(page, base_url, username, password, path=path)
    response = pass_second_factor(page, username) or response
    if response.status != 200 or urlsplit(page.url).path.startswith(path):
        raise AssertionError(f"signing in as {username} ended on {page.url} with {response.status}")
    return response


def code_from(secret: bytes) -> str:
    """What an authenticator app holding `secret` shows now."""
    from django_otp.oath import totp

    return f"{totp(secret):06d}"


def click_through(page: Page, button: str) -> Response:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button).click()
    response = navigation.value
    if response is None:
        raise AssertionError(f"pressing {button!r} loaded no page")
    return response


def send_form_once_updated(page: Page, checks: PageChecks, button: str = "Save") -> Response:
    """Send a form that updates part of itself in place as its fields change (the referral
    form's preview of what the guidance requires) once the last update has come back, as a
    person who reads the preview does. The test's server is SQLite, where one request at a
    time may write (each request renews the session)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    checks.console.settle()
    return click_through(page, button)


def pass_second_factor(page: Page, username: str) -> Response | None:
    """On the app set-up page: set up the app from the key it shows, as a person would with
    their phone, and go on past the recovery codes. On the code page: give the app's code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    where = urlsplit(page.url).path
    if where == reverse("accounts:second-factor-setup"):
        secret = (page.locator("#secret-key").text_content() or "").replace(" ", "")
        page.locator("#id_code").fill(code_from(base64.b32decode(secret)))
        click_through(page, "Continue")
        if not page.locator("#recovery-codes li").count():
            raise AssertionError(f"setting up the app for {username} showed no recovery codes")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="I have kept my codes: continue").click()
        return navigation.value
    if where == reverse("accounts:second-factor"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("#id_code").fill(code_from(device.bin_key))
        return click_through(page, "Continue")
    return None


# axe-core


@dataclass(frozen=True)
class Violation:
    id: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]

    def describe(self, *, max_targets: int = 3) -> str:
        shown = ", ".join(self.targets[:max_targets])
        more = len(self.targets) - max_targets
        if more > 0:
            shown += f" (and {more} more)"
        return f"{self.id} [{self.impact}] {self.help} <{self.help_url}>\n      at: {shown}"


def axe_path() -> Path:
    return Path(settings.BASE_DIR).parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@cache
def axe_source() -> str:
    path = axe_path()
    if not path.exists():
        raise FileNotFoundError(f"no axe-core at {path}: run `npm ci`")
    return path.read_text(encoding="utf-8")


def axe_violations(
    page: Page, impacts: Collection[str] = SERIOUS, tags: Collection[str] = AXE_TAGS
) -> list[Violation]:
    """The page's axe-core violations of the given impacts, checked against the given tags."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]},
    )
    return [
        Violation(
            id=violation["id"],
            impact=violation["impact"],
            help=violation["help"],
            help_url=violation["helpUrl"],
            targets=tuple(" >>> ".join(map(str, node["target"])) for node in violation["nodes"]),
        )
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


# Console errors, failed requests and uncaught exceptions


@dataclass(frozen=True)
class ConsoleEntry:
    kind: str  # "console", "pageerror", "requestfailed" or "requestpending"
    text: str
    url: str  # the resource the message is about, when the browser says

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}" + (f" ({self.url})" if self.url else "")

    def is_document_status(self, document_url: str) -> bool:
        """Chromium's "Failed to load resource" for the page itself, sent with an error status.

        Benign on a page that is meant to answer 4xx (a 404 page, a form sent back with
        errors); anywhere else the status check reports it anyway.
        """
        return (
            self.kind == "console"
            and self.text.startswith("Failed to load resource: the server responded")
            and urldefrag(self.url).url == urldefrag(document_url).url
        )

    def is_cancelled_request_for(self, path: str) -> bool:
        """The browser itself cancelled its request for `path` (the test left the page first).

        For the favicon, which Chromium fetches at a time of its own choosing after the load
        event, so that no wait makes sure it has finished.
        """
        return (
            self.kind == "requestfailed"
            and self.text == "net::ERR_ABORTED"
            and urlsplit(self.url).path == path
        )


@dataclass
class ConsoleErrors:
    """Records a page's console errors, uncaught exceptions and failed requests.

    `take()` first lets the requests in flight finish, so that leaving the page does not
    cancel them and a request the browser cancelled is not blamed on the next page.
    """

    page: Page
    entries: list[ConsoleEntry] = field(default_factory=list)
    pending: set[Request] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", self._page_error)
        self.page.on("request", self._request)
        self.page.on("requestfinished", self._request_finished)
        self.page.on("requestfailed", self._request_failed)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.entries.append(
                ConsoleEntry("console", message.text, message.location.get("url", ""))
            )

    def _page_error(self, error: Exception) -> None:
        self.entries.append(ConsoleEntry("pageerror", str(error), ""))

    def _request(self, request: Request) -> None:
        self.pending.add(request)

    def _request_finished(self, request: Request) -> None:
        self.pending.discard(request)

    def _request_failed(self, request: Request) -> None:
        self.pending.discard(request)
        self.entries.append(ConsoleEntry("requestfailed", request.failure or "", request.url))

    def settle(self, timeout_ms: int = 5_000) -> None:
        """Waits for the requests in flight; records those still going after timeout_ms."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.pending and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)  # lets Playwright deliver the request events
        for request in sorted(self.pending, key=lambda request: request.url):
            self.entries.append(
                ConsoleEntry("requestpending", f"no answer after {timeout_ms} ms", request.url)
            )
        self.pending.clear()

    def take(self) -> list[ConsoleEntry]:
        """The entries since the last call, once the requests in flight have finished."""
        self.settle()
        entries, self.entries = self.entries, []
        return entries


def is_benign(entry: ConsoleEntry, page_url: str, *, error_status_expected: bool) -> bool:
    """The only console entries that say nothing wrong about the page.

    - Chromium logs the page's own error status: a 404 page, or a form sent back with
      errors, is meant to have one (`error_status_expected`);
    - Chromium fetches the favicon after the load event, when it chooses, so moving on to
      the next page can cancel that request (net::ERR_ABORTED).
    """
    return (error_status_expected and entry.is_document_status(page_url)) or (
        entry.is_cancelled_request_for(static("casereview/favicon.svg"))
    )


class PageChecks:
    """Each page a test's steps reach, checked as it is reached: its axe-core violations and
    its console errors, by address. With `error_pages`, a page that shows what is wrong (its
    title begins "Error:") may log its own error status; without, no page may."""

    def __init__(self, page: Page, *, error_pages: bool = False) -> None:
        self.console = ConsoleErrors(page)
        self.error_pages = error_pages
        self.problems: list[str] = []
        self.pages: list[str] = []

    def __call__(self, page: Page) -> None:
        self.pages.append(page.url)
        for violation in axe_violations(page):
            self.problems.append(f"{page.url}: axe {violation.describe()}")
        shows_errors = self.error_pages and page.title().startswith("Error:")
        for entry in self.console.take():
            if not is_benign(entry, page.url, error_status_expected=shows_errors):
                self.problems.append(f"{page.url}: browser {entry}")


# Crawling


@dataclass(frozen=True)
class Visit:
    url: str  # as linked to
    final_url: str  # after redirects
    status: int | None
    redirected: bool


def crawl(
    page: Page,
    start_url: str,
    *,
    limit: int = 60,
    follow: Callable[[str], bool] = lambda url: True,
    static_prefix: str = "/static/",
    same_page_params: Collection[str] = ("page", "after", "before", "last"),
) -> Iterator[Visit]:
    """Breadth-first over the same-origin `<a href>` links from start_url, with GET only.

    Yields each page once it has loaded; the caller checks it before the crawl moves on.
    Download links (`a[download]`), links to fragments, other schemes (mailto:, tel:), other origins and static files are
    not followed, nor those `follow` refuses. Links that differ only in `same_page_params`
    (pagination, by number or by key) count as one page: the first one met is visited. Warns if `limit` stops it.
    """
    origin = urlsplit(start_url)[:2]

    def key(url: str) -> str:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, True) if k not in same_page_params]
        return urlunsplit((*parts[:3], urlencode(sorted(query)), ""))

    queue = deque([urldefrag(start_url).url])
    seen = {key(start_url)}
    visited = 0
    while queue and visited < limit:
        url = queue.popleft()
        response = page.goto(url, wait_until="load")
        visited += 1
        links = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(link => link.href)"
        )
        for link in links:
            link = urldefrag(link).url
            parts = urlsplit(link)
            if parts[:2] != origin or parts.path.startswith(static_prefix) or not follow(link):
                continue
            if (link_key := key(link)) not in seen:
                seen.add(link_key)
                queue.append(link)
        yield Visit(
            url=url,
            final_url=page.url,
            status=response.status if response else None,
            redirected=bool(response and response.request.redirected_from),
        )
    if queue:
        warnings.warn(
            f"crawl from {start_url} stopped at {limit} pages; {len(queue)} not visited, "
            f"such as {queue[0]}",
            stacklevel=2,
        )
