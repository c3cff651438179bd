"""Password strength: a length rule alone lets `aaaaaaaaaaaa` and `qwertyuiopas` through.

zxcvbn estimates how many guesses a password would take, knowing keyboard patterns,
repeats, dates, common passwords and words, and the person's own name and username.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

# zxcvbn's scores run 0 to 4; 3 is "safely unguessable: moderate protection from offline
# slow-hash scenario" (at least 10^8 guesses).
MINIMUM_SCORE = 3
# zxcvbn's cost grows with length; beyond this, length alone makes a password strong enough.
CHECKED_LENGTH = 100


class GuessablePasswordValidator:
    """Refuses a password zxcvbn scores below 3, saying why in zxcvbn's words."""

    def validate(self, password: str, user: Any = None) -> None:
        known = [
            value
            for value in (
                getattr(user, "username", ""),
                getattr(user, "full_name", ""),
                getattr(user, "email", ""),
            )
            if value
        ]
        result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=known)
        if result["score"] >= MINIMUM_SCORE:
            return
        feedback = result["feedback"]
        advice = " ".join(filter(None, [feedback.get("warning"), *feedback.get("suggestions", [])]))
        raise ValidationError(
            f"This password is too easy to guess. {advice}".strip(), code="password_too_guessable"
        )

    def get_help_text(self) -> str:
        return "Your password must not be easy to guess: a few unrelated words work well."


def first_password() -> str:
    """A first password printed once at the server's shell (`casereview service_admin add`):
    about 108 random bits, in three groups."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))
