"""A value of the wrong type anywhere in a document is a problem the manager is told about,
never an error: a status given as a list, a partnership as a number, a number too large for
the database."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casereview.exchange.generator import generated_document
from casereview.exchange.models import PendingImport
from casereview.exchange.problems import DocumentRejected, Part
from casereview.exchange.services import import_document
from casereview.exchange.tests.helpers import places, table_counts, without_computed
from casereview.exchange.tests.test_commands import run

pytestmark = pytest.mark.django_db

BASE = without_computed(
    generated_document(seed=21, code="TYPES", referrals=3, reviews=2, actions_per_review=2)
)


PLACES = list(places(BASE))
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**31, 2**63, 2**64, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["", "x" * 5000, "9999-12-31", "9999-12", "0001-01-01", "active"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def with_value(parts: tuple[Part, ...], value: Any) -> Any:
    if not parts:
        return value
    document = copy.deepcopy(BASE)
    target: Any = document  # a dict or a list, down the document
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = value
    return document


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(place=st.sampled_from(PLACES), value=WRONG)
@example(place=("reviews", 0, "status"), value=["active"])
@example(place=("partnership",), value=1)
@example(place=("reviews", 0, "recommendations", 0, "number"), value=2**63)
@example(place=("reviews", 1, "recommendations", 0, "actions", 1, "status"), value=[])
@example(place=("learning_events", 0, "attendance"), value=2**31)
def test_a_wrong_value_anywhere_is_imported_or_refused_never_an_error(
    place: tuple[Part, ...], value: Any
) -> None:
    document = with_value(place, value)
    try:
        with transaction.atomic():
            import_document(document, actor_username="test")
            transaction.set_rollback(True)
    except DocumentRejected as rejected:
        assert rejected.problems and all(problem.message for problem in rejected.problems)


def test_a_status_given_as_a_list_is_a_problem_on_the_page(
    client_as: Callable[..., Client],
) -> None:
    document = without_computed(generated_document(seed=22, code="OSCB", referrals=2, reviews=2))
    document["reviews"][1]["status"] = ["published"]
    before = table_counts()
    response = client_as("manager").post(
        reverse("exchange:index"),
        {"document": SimpleUploadedFile("status.json", json.dumps(document).encode())},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert (
        "$.reviews[1].status" in text
        and "[&quot;published&quot;] is a list [...]: expected text" in text
    )
    assert not PendingImport.objects.exists() and table_counts() == before


def test_a_partnership_given_as_a_number_is_a_problem_for_the_command(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["partnership"] = 7
    path = tmp_path / "partnership.json"
    path.write_text(json.dumps(document))
    code, _, err = run("import", str(path))
    assert code == 1
    assert "$.partnership: 7 is a number: expected an object {...}" in err


def test_a_number_beyond_the_databases_is_a_problem_for_the_command(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["reviews"][0]["recommendations"][0]["number"] = 2**63
    document["learning_events"][0]["attendance_by_agency"] = {"agency-0": 2**31}
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(document))
    before = table_counts()
    code, _, err = run("import", str(path))
    assert code == 1
    assert (
        "$.reviews[0].recommendations[0].number: 9223372036854775808 is out of range: "
        "expected a whole number from 1 to 999"
    ) in err
    assert '$.learning_events[0].attendance_by_agency["agency-0"]' in err
    assert table_counts() == before
