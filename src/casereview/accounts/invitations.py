"""Invitations: a single-use link, sent by email, that expires after seven days (ADR 0015).

The link carries a random token; the database keeps only its SHA-256, so a copy of the
database (a backup, a read of the table) holds no link that works. A link is found by the
hash of its token and compared again in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from casereview.accounts.choices import InvitationKind
from casereview.accounts.models import Invitation

LIFETIME = dt.timedelta(days=7)
TOKEN_BYTES = 32  # 256 bits: not guessable, whatever the number of tries


def new_token() -> tuple[str, str]:
    """A token for a link, and the hash that is kept of it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_of(token)


def hash_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, used or not, expired or not; None if none."""
    if not token or len(token) > 100:
        return None
    wanted = hash_of(token)
    invitation = (
        Invitation.objects.select_related("partnership", "agency", "invited_by", "user")
        .filter(token_hash=wanted)
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_hash, wanted):
        return None
    return invitation


def why_unusable(invitation: Invitation) -> str:
    """What is wrong with a link that was right once, in words for its person; "" if nothing."""
    again = f"Ask {invitation.inviter_name} to send you a new one."
    if invitation.kind == InvitationKind.JOIN:
        again = f"Ask {invitation.inviter_name} to invite you again."
    if invitation.is_used:
        return f"This link has been used already: each link works once. {again}"
    if invitation.has_expired:
        return f"This link has expired: links work for 7 days after they are sent. {again}"
    return ""


def path_of(token: str) -> str:
    return reverse("accounts:invitation", args=[token])


def link_for_commands(token: str) -> str:
    """The link as the command line gives it: on the service's address (SERVICE_URL)."""
    return settings.SERVICE_URL.rstrip("/") + path_of(token)


def send(invitation: Invitation, link: str) -> None:
    """Email the link to its person: who sent it, for what, until when."""
    context = {"invitation": invitation, "link": link, "mfa_required": settings.MFA_REQUIRED}
    if invitation.kind == InvitationKind.JOIN:
        assert invitation.partnership is not None  # an invitation to join names it
        subject = f"Join {invitation.partnership.name} on Manage case reviews"
        body = render_to_string("accounts/email/invitation.txt", context)
    else:
        subject = "Set a new password for Manage case reviews"
        body = render_to_string("accounts/email/new_password.txt", context)
    send_mail(subject, body, None, [invitation.email])
