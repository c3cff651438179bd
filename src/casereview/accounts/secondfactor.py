"""The second factor: a code from an authenticator app (TOTP, django-otp), or a recovery code.

A person who has signed in with their password reaches nothing but this until they have
given a code: the first time, they set up their app from a QR code and are shown ten
recovery codes, once, each usable once.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import User

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODES = 10


def past_second_factor(user: User) -> bool:
    """Whether a signed-in person may go beyond the second factor's pages."""
    return not settings.MFA_REQUIRED or user.is_verified()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def page_to_give_it(user: User) -> str:
    """The page a person signed in with their password goes to next: the code, or setting up
    the app the first time."""
    return "accounts:second-factor" if has_second_factor(user) else "accounts:second-factor-setup"


def pending_app(user: User) -> TOTPDevice:
    """The app being set up: the same secret until it is confirmed, so a reload keeps it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret key in groups of four, for people who type it rather than scan it."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code(device: TOTPDevice) -> str:
    """The app's set-up address as a QR code, an SVG data URI (no image library needed)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns new recovery codes, or None if wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def matching_device(user: User, code: str) -> object | None:
    """The device a code belongs to (app or recovery code), if it is right and not throttled."""
    code = code.replace(" ", "").strip()
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def forget(user: User) -> int:
    """Remove a person's second factor: they set it up again at their next sign-in."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed
