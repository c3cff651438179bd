"""Issue 11: the JSON Schema's records come from the same definitions as the export and the
import (each app's mapping), so they cannot drift apart."""

from __future__ import annotations

import json

from casereview.core.mapping import Field, Kind, column
from casereview.exchange.schema import PLACES, as_text, regenerated
from casereview.exchange.validation import schema_text


def test_the_published_schema_is_what_the_mappings_give() -> None:
    committed = schema_text()
    assert as_text(regenerated(json.loads(committed))) == committed, (
        "run `casereview exchange_schema --write`"
    )


def test_a_code_key_lists_exactly_its_model_fields_choices() -> None:
    schema = json.loads(schema_text())
    for mapping, place in PLACES:
        properties = schema
        for part in place:
            properties = properties[part]
        for key, codes in mapping.codes().items():
            node = properties[key].get("items", properties[key])  # a list's codes: its items'
            listed = [code for code in node["enum"] if code is not None]
            assert listed == list(codes), (mapping.model.__name__, key)


def test_a_change_to_a_model_field_shows_in_the_regenerated_schema() -> None:
    """Lengthening the pseudonym in the mapping's model changes the schema it gives."""
    from casereview.referrals.mapping import CHILD

    field = column(CHILD.model, "pseudonym")
    before = Field("pseudonym").schema(CHILD.model)["maxLength"]
    field.max_length = before + 50
    try:
        assert CHILD.schema()["pseudonym"]["maxLength"] == before + 50
        assert regenerated(json.loads(schema_text())) != json.loads(schema_text())
    finally:
        field.max_length = before


def test_every_kind_of_key_is_used_by_some_record() -> None:
    used = {field.kind for mapping, _ in PLACES for field in mapping.fields}
    assert used == set(Kind)


def test_version_1s_schema_is_kept_as_it_was_published() -> None:
    """A version 1 document is checked against version 1's schema: it has none of version 2's
    keys, and the Panel's responses of version 1 only."""
    first = json.loads(schema_text(1))
    assert first["properties"]["version"] == {"const": 1}
    assert "rapid_review" not in first["$defs"]["referral"]["properties"]
    assert "considerations" not in first["$defs"]["decision"]["properties"]
    responses = first["$defs"]["national_panel"]["properties"]["response"]["enum"]
    assert responses == ["awaiting", "agreed", "contested"]
    latest = json.loads(schema_text())
    assert latest["properties"]["version"] == {"const": 2}
    assert "rapid_review" in latest["$defs"]["referral"]["properties"]
