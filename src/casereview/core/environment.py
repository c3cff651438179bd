"""Reading settings from the environment, with no Django inside."""

import os
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SystemExit(f"casereview: {name}={raw!r} is not understood; use 1 or 0")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def secret_key_problem(key: str) -> str | None:
    """Why a SECRET_KEY is not strong enough for a service with DEBUG off, or None."""
    if not key:
        return "SECRET_KEY is not set (give it 50 or more random characters)"
    if key.startswith("django-insecure"):
        return "SECRET_KEY is Django's insecure placeholder (give it 50 or more random characters)"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"SECRET_KEY has {len(key)} characters; it needs at least {MIN_SECRET_KEY_LENGTH}"
    if len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
        return "SECRET_KEY repeats too few characters to be random"
    return None


MIN_AUDIT_KEY_LENGTH = 32


def audit_key_problem(key: str, secret_key: str) -> str | None:
    """Why an AUDIT_KEY cannot seal the audit trail of a service with DEBUG off, or None."""
    if not key:
        return (
            "AUDIT_KEY is not set (give it 32 or more random characters, kept out of the database)"
        )
    if len(key) < MIN_AUDIT_KEY_LENGTH:
        return f"AUDIT_KEY has {len(key)} characters; it needs at least {MIN_AUDIT_KEY_LENGTH}"
    if len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
        return "AUDIT_KEY repeats too few characters to be random"
    if key == secret_key:
        return "AUDIT_KEY must differ from SECRET_KEY, so that either can be replaced alone"
    return None


def data_dir() -> Path:
    """The service's own files: the embedded database and the audit trail's anchor."""
    if explicit := os.environ.get("CASEREVIEW_DATA_DIR"):
        base = Path(explicit)
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        base = base / "casereview"
    base.mkdir(parents=True, exist_ok=True)
    return base


def sqlite_default_path() -> Path:
    """Where the embedded database lives when DATABASE_URL is not set."""
    return data_dir() / "casereview.sqlite3"
