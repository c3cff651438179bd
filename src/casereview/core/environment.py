"""Reading settings from the environment, with no Django inside."""

import os
from pathlib import Path
from typing import Any

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


def env_int(name: str, *, default: int) -> int:
    """A whole number from the environment, or `default` when it is not set."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise SystemExit(f"casereview: {name}={raw!r} is not a whole number")
    return int(raw)


def documents_storage(base: Path) -> dict[str, Any]:
    """STORAGES["documents"], where reviews' files are kept.

    DOCUMENTS_BUCKET set: that S3-compatible bucket, through django-storages (install
    casereview[s3]), its files private, under DOCUMENTS_PREFIX (default "documents"), at
    DOCUMENTS_ENDPOINT_URL and DOCUMENTS_REGION if given, with the credentials boto3 reads
    from the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's
    role). Otherwise a folder: DOCUMENTS_DIR, by default "documents" in the data directory,
    readable by the service's own user alone.
    """
    bucket = os.environ.get("DOCUMENTS_BUCKET", "").strip()
    if bucket:
        options: dict[str, Any] = {
            "bucket_name": bucket,
            "location": os.environ.get("DOCUMENTS_PREFIX", "documents"),
            "default_acl": "private",
            "file_overwrite": False,
        }
        if endpoint := os.environ.get("DOCUMENTS_ENDPOINT_URL", "").strip():
            options["endpoint_url"] = endpoint
        if region := os.environ.get("DOCUMENTS_REGION", "").strip():
            options["region_name"] = region
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    folder = os.environ.get("DOCUMENTS_DIR", "").strip() or str(base / "documents")
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": folder,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
