"""The import's quick look at a document says yes exactly where jsonschema finds nothing wrong:
a valid document is spared jsonschema's walk, and any document with a problem still has every
problem said, in jsonschema's words."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from casereview.exchange import schemacheck
from casereview.exchange.files import seed_document
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import Part
from casereview.exchange.selectors import VERSIONS
from casereview.exchange.tests.helpers import places
from casereview.exchange.validation import schema_problems, schema_text, version_of

SCHEMAS = {version: json.loads(schema_text(version)) for version in VERSIONS}
QUICK = {version: schemacheck.compiled(schema) for version, schema in SCHEMAS.items()}
JSONSCHEMA = {version: Draft202012Validator(schema) for version, schema in SCHEMAS.items()}
GENERATED = generated_document(seed=5, code="QUICK", referrals=6, reviews=4, actions_per_review=3)
DOCUMENTS = {"generated (version 2)": GENERATED, "the seed (version 1)": seed_document()}


def agree(document: Any) -> bool:
    version = version_of(document)
    return QUICK[version](document) == JSONSCHEMA[version].is_valid(document)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_valid_document_passes_the_quick_look(name: str) -> None:
    document = DOCUMENTS[name]
    assert QUICK[version_of(document)](document)
    assert schema_problems(document) == []


PLACES = [(name, place) for name, document in DOCUMENTS.items() for place in places(document)]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1.0, 2.5, 2**31, 10**30, float("inf")]),
    st.text(max_size=20),
    st.sampled_from(
        ["", " ", "x" * 5001, "2021-02-30", "2021-13", "21", "OSCB", "oscb", "neglect", "police"]
    ),
    st.lists(st.sampled_from(["police", "health", "x", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "extra", "kind"]), st.text(max_size=3)),
)


def changed(name: str, parts: tuple[Part, ...], value: Any, *, remove: bool) -> Any:
    document = copy.deepcopy(DOCUMENTS[name])
    if not parts:
        return value
    target: Any = document
    for part in parts[:-1]:
        target = target[part]
    if remove:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return document


@settings(max_examples=300, deadline=None)
@given(place=st.sampled_from(PLACES), value=VALUES, remove=st.booleans())
@example(place=("generated (version 2)", ("version",)), value=True, remove=False)
@example(place=("generated (version 2)", ("version",)), value=2.0, remove=False)
@example(place=("generated (version 2)", ("partnership", "code")), value="oscb", remove=False)
@example(place=("generated (version 2)", ("partnership", "name")), value="", remove=False)
@example(place=("generated (version 2)", ("partnership", "extra")), value="", remove=False)
@example(place=("generated (version 2)", ("partnership", "name")), value=None, remove=True)
@example(place=("the seed (version 1)", ("referrals", 0, "received")), value="2016", remove=False)
def test_the_quick_look_says_yes_exactly_where_jsonschema_finds_nothing(
    place: tuple[str, tuple[Part, ...]], value: Any, remove: bool
) -> None:
    name, parts = place
    if remove and (not parts or isinstance(parts[-1], int)):
        remove = False  # a whole document, or an item of a list, is replaced instead
    assert agree(changed(name, parts, value, remove=remove))


def test_the_same_value_twice_in_a_list_of_distinct_values_is_refused() -> None:
    document = copy.deepcopy(GENERATED)
    decided = next(r for r in document["referrals"] if r["decision"])
    decided["decision"]["considerations"] = ["panel_suggested", "panel_suggested"]
    assert not QUICK[2](document)
    assert [p.parts[-2:] for p in schema_problems(document)] == [("decision", "considerations")]


def test_a_schema_with_a_keyword_it_does_not_know_is_left_to_jsonschema() -> None:
    with pytest.raises(schemacheck.NotCompiled):
        schemacheck.compiled({"type": "string", "format": "date"})
    with pytest.raises(schemacheck.NotCompiled):
        schemacheck.compiled({"oneOf": [{"type": "string"}, {"type": "null"}]})
