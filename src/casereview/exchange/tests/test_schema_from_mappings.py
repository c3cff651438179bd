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
            listed = [code for code in properties[key]["enum"] if code is not None]
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
