"""Fixtures every app's tests share: the demo partnerships and a signed-in client per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from casereview.accounts.models import Partnership, User
from casereview.demo.partnerships import demo_username

QUICK_HASHER = "casereview.testing.hashers.QuickArgon2PasswordHasher"
DEMO_PASSWORD = "correct-horse-battery-staple"
HOME_CODE = "OSCB"
OTHER_CODE = "NMSCP"


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    """Real Argon2, at its lowest cost: the suite signs in hundreds of times."""
    with override_settings(PASSWORD_HASHERS=[QUICK_HASHER]):
        yield


@pytest.fixture(scope="session", autouse=True)
def documents_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Reviews' files are kept in a folder of the test run's own, never the data directory."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("documents")
    storages = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    with override_settings(STORAGES=storages):
        yield folder


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The demo partnerships and users, loaded once into the test database."""
    with django_db_blocker.unblock():
        call_command(
            "demo",
            password=DEMO_PASSWORD,
            without_seed=True,
            stdout=_Discard(),
            stderr=_Discard(),
        )


@pytest.fixture(scope="module")
def allow_async_unsafe() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running on this thread; let the ORM run."""
    from casereview.testing.browser import async_unsafe_allowed

    with async_unsafe_allowed():
        yield


@pytest.fixture(scope="module")
def browser(allow_async_unsafe: None) -> Iterator[Any]:
    """Headless Chromium for a module's browser tests (testing/browser.launch_chromium).

    Module scope: while Playwright runs, the event loop it keeps on this thread would make the
    ORM refuse to work in every later test module, unless the variable stayed set."""
    from playwright.sync_api import sync_playwright

    from casereview.testing.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


class _Discard:
    def write(self, *args: Any) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def partnership(db: Any) -> Partnership:
    return Partnership.objects.get(code=HOME_CODE)


@pytest.fixture
def other_partnership(db: Any) -> Partnership:
    return Partnership.objects.get(code=OTHER_CODE)


@pytest.fixture
def demo_user(db: Any) -> Callable[..., User]:
    """demo_user("manager") is manager@OSCB; demo_user("manager", "NMSCP") the other's."""

    def find(role: str, code: str = HOME_CODE) -> User:
        return User.objects.get(username=demo_username(role, code))

    return find


def acting_in(user: User, code: str = HOME_CODE) -> User:
    """`user` acting in the partnership `code`, as ActiveMembershipMiddleware sets a signed-in
    person up: what a view passes a service as `acting_user`."""
    user.active_membership = user.memberships.current().get(partnership__code=code)
    return user


@pytest.fixture
def acting_as(demo_user: Callable[..., User]) -> Callable[..., User]:
    """acting_as("manager") is manager@OSCB acting in OSCB, for a service's `acting_user`."""

    def act(role: str, code: str = HOME_CODE) -> User:
        return acting_in(demo_user(role, code), code)

    return act


def signed_in(user: User, client: Client | None = None) -> Client:
    """A test client signed in as `user` with their second factor, as after both steps."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = client or Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_as(demo_user: Callable[..., User]) -> Callable[..., Client]:
    """client_as("panel_member") is a test client signed in as panel_member@OSCB."""

    def sign_in(role: str, code: str = HOME_CODE) -> Client:
        return signed_in(demo_user(role, code))

    return sign_in
