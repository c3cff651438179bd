"""Where reviews' files are kept, from the environment: a private folder, or an S3 bucket."""

from __future__ import annotations

from pathlib import Path

import pytest

from casereview.core.environment import documents_storage, env_int


def test_by_default_files_are_kept_in_the_data_directory_for_the_service_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("DOCUMENTS_BUCKET", "DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    storage = documents_storage(tmp_path)
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["OPTIONS"]["location"] == str(tmp_path / "documents")
    assert storage["OPTIONS"]["file_permissions_mode"] == 0o600
    assert storage["OPTIONS"]["directory_permissions_mode"] == 0o700


def test_a_folder_may_be_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOCUMENTS_BUCKET", raising=False)
    monkeypatch.setenv("DOCUMENTS_DIR", "/srv/casereview/documents")
    assert documents_storage(tmp_path)["OPTIONS"]["location"] == "/srv/casereview/documents"


def test_a_bucket_keeps_them_private_in_object_storage(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DOCUMENTS_BUCKET", "partnership-documents")
    monkeypatch.setenv("DOCUMENTS_ENDPOINT_URL", "https://objects.example.org")
    monkeypatch.setenv("DOCUMENTS_REGION", "eu-west-2")
    monkeypatch.delenv("DOCUMENTS_PREFIX", raising=False)
    storage = documents_storage(tmp_path)
    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "partnership-documents",
            "location": "documents",
            "default_acl": "private",
            "file_overwrite": False,
            "endpoint_url": "https://objects.example.org",
            "region_name": "eu-west-2",
        },
    }


def test_a_limit_that_is_not_a_whole_number_stops_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCUMENT_MAX_BYTES", "25MB")
    with pytest.raises(SystemExit, match="DOCUMENT_MAX_BYTES='25MB' is not a whole number"):
        env_int("DOCUMENT_MAX_BYTES", default=1)
    monkeypatch.setenv("DOCUMENT_MAX_BYTES", "1048576")
    assert env_int("DOCUMENT_MAX_BYTES", default=1) == 1_048_576
