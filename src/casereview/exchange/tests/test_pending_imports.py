"""What a pending import keeps between the upload and the confirmation (ADR 0009): a JSON
file's own bytes, compressed, or a workbook's document as compressed JSON; read again, and
checked again, on the check page and when confirmed."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership, User
from casereview.exchange.files import as_json, read_kept, seed_document
from casereview.exchange.models import PendingImport
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.spreadsheet import document_of, workbook_of
from casereview.referrals.models import Referral
from casereview.reviews.models import Review

pytestmark = pytest.mark.django_db


def upload(client: Client, name: str, body: bytes) -> str:
    response = client.post(reverse("exchange:index"), {"document": SimpleUploadedFile(name, body)})
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def confirm(client: Client, url: str) -> None:
    assert client.get(url).status_code == 200
    confirmed = client.post(url)
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("exchange:index")
    assert not PendingImport.objects.exists()


def test_a_json_upload_keeps_the_files_own_bytes_and_confirms(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    document = seed_document()
    document["referrals"][0]["summary"] = "First line\r\nsecond line"
    body = as_json(document).replace("\n", "\r\n").encode()  # as saved on Windows
    client = client_as("manager")
    url = upload(client, "oscb.json", body)
    pending = PendingImport.objects.get()
    assert pending.holds == PendingImport.Holds.FILE
    assert zlib.decompress(pending.compressed) == body
    confirm(client, url)
    assert Review.objects.filter(partnership=partnership).count() == 6
    stored = Referral.objects.get(external_key=document["referrals"][0]["id"])
    assert stored.summary == "First line\nsecond line"


def test_a_workbook_upload_keeps_its_document_and_confirms(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    body = workbook_of(seed_document())
    client = client_as("manager")
    url = upload(client, "tracker.xlsx", body)
    pending = PendingImport.objects.get()
    assert pending.holds == PendingImport.Holds.DOCUMENT
    assert json.loads(zlib.decompress(pending.compressed)) == document_of(body)[0]
    confirm(client, url)
    assert Review.objects.filter(partnership=partnership).count() == 6


def test_a_document_kept_before_files_were_kept_confirms(
    client_as: Callable[..., Client], partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    """Migration 0002 writes a waiting import's JSON column as compressed compact JSON."""
    text = json.dumps(seed_document(), ensure_ascii=False, separators=(",", ":"))
    pending = PendingImport.objects.create(
        partnership=partnership,
        uploaded_by=demo_user("manager"),
        file_name="before.json",
        holds=PendingImport.Holds.DOCUMENT,
        compressed=zlib.compress(text.encode()),
    )
    confirm(client_as("manager"), reverse("exchange:check", kwargs={"pk": pending.pk}))
    assert Review.objects.filter(partnership=partnership).count() == 6


def test_another_partnerships_manager_cannot_read_or_confirm_the_kept_file(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    url = upload(client_as("manager"), "oscb.json", as_json(seed_document()).encode())
    other = client_as("manager", "NMSCP")
    for response in (other.get(url), other.post(url)):
        assert response.status_code == 404
        assert b"oscb.json" not in response.content
    assert PendingImport.objects.filter(partnership=partnership).exists()
    assert not Referral.objects.filter(partnership=partnership).exists()


def test_a_kept_file_is_checked_against_the_limits_again() -> None:
    deep = zlib.compress(b"[" * 30 + b"]" * 30)
    with pytest.raises(DocumentRejected) as rejected:
        read_kept(PendingImport.Holds.FILE, deep)
    assert "more than 20 deep" in rejected.value.problems[0].message
