"""The published JSON Schema, kept in step with each record's mapping (core/mapping.py).

The schema file of the latest version (schema/casereview-exchange-v2.schema.json) is the
contract other systems read, so it is committed; but each record's keys, types, codes and lengths in it come from the
record's mapping: `regenerated(schema)` rewrites them from the mappings, keeping the
descriptions and the structure (which keys are required, how lists nest) that a mapping does
not hold. `casereview exchange_schema --write` writes the file again; a test fails while the
committed file differs from what the mappings give.

Version 1's schema (schema/casereview-exchange-v1.schema.json) stays as it was published: the
import checks a version 1 document against it, so a document valid then is valid now. It is
not regenerated (the mappings now hold version 2's keys).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from casereview.accounts.mapping import AGENCY, GLOSSARY_TERM, PARTNERSHIP
from casereview.actionplans.mapping import ACTION, PROGRESS_UPDATE, RECOMMENDATION
from casereview.core.mapping import RecordMapping
from casereview.learning.mapping import LEARNING_EVENT
from casereview.referrals.mapping import (
    CHILD,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REFERRAL,
)
from casereview.reviews.mapping import (
    DOCUMENT,
    FAMILY_CONTRIBUTION,
    LEARNING_POINT,
    PARALLEL_PROCESS,
    PUBLICATION,
    REVIEW,
)

LIST = ("items", "properties")
# Where each record's properties sit in the schema.
PLACES: tuple[tuple[RecordMapping, tuple[str, ...]], ...] = (
    (PARTNERSHIP, ("properties", "partnership", "properties")),
    (AGENCY, ("$defs", "agency", "properties")),
    (CHILD, ("$defs", "child", "properties")),
    (REFERRAL, ("$defs", "referral", "properties")),
    (DECISION, ("$defs", "decision", "properties")),
    (PANEL_SUBMISSION, ("$defs", "national_panel", "properties")),
    (RAPID_REVIEW, ("$defs", "rapid_review", "properties")),
    (REVIEW, ("$defs", "review", "properties")),
    (PUBLICATION, ("$defs", "publication", "properties")),
    (PARALLEL_PROCESS, ("$defs", "review", "properties", "parallel_processes", *LIST)),
    (FAMILY_CONTRIBUTION, ("$defs", "review", "properties", "family_contribution", *LIST)),
    (LEARNING_POINT, ("$defs", "review", "properties", "learning_points", *LIST)),
    (DOCUMENT, ("$defs", "review", "properties", "documents", *LIST)),
    (RECOMMENDATION, ("$defs", "recommendation", "properties")),
    (ACTION, ("$defs", "action", "properties")),
    (PROGRESS_UPDATE, ("$defs", "action", "properties", "updates", *LIST)),
    (LEARNING_EVENT, ("$defs", "learning_event", "properties")),
    (GLOSSARY_TERM, ("properties", "glossary", *LIST)),
)


def regenerated(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every record's keys as their mappings define them."""
    found = copy.deepcopy(schema)
    for mapping, place in PLACES:
        properties = found
        for part in place:
            properties = properties[part]
        for key, wanted in mapping.schema().items():
            # The mapping's description if it has one, else the file's; written last, as the
            # file has always had it.
            description = wanted.pop("description", properties.get(key, {}).get("description"))
            properties[key] = (
                wanted if description is None else {**wanted, "description": description}
            )
    return found


def as_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
