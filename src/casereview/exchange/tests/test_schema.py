"""The committed JSON Schema says what the models and their choices say, and is itself valid."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import models
from jsonschema import Draft202012Validator

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, GlossaryTerm, Partnership
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.core.choices import Nation, YesNoUnknown
from casereview.exchange.files import seed_document
from casereview.exchange.validation import schema_problems, schema_text
from casereview.learning.models import LearningEvent
from casereview.referrals.choices import (
    AbuseOrNeglect,
    CscInvolvement,
    DecisionOutcome,
    Framework,
    Harm,
    PanelResponse,
    Sex,
)
from casereview.referrals.models import Child, Referral
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewStatus,
    ReviewType,
)
from casereview.reviews.models import FamilyContribution, Review, ReviewDocument

SCHEMA = json.loads(schema_text())
DEFS = SCHEMA["$defs"]
REVIEW = DEFS["review"]["properties"]


def enum(node: dict[str, Any]) -> set[str]:
    return {value for value in node["enum"] if value is not None}


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_the_seed_keeps_to_the_schema() -> None:
    assert schema_problems(seed_document()) == []


@pytest.mark.parametrize(
    ("node", "choices"),
    [
        (SCHEMA["properties"]["partnership"]["properties"]["nation"], Nation),
        (DEFS["agency"]["properties"]["kind"], AgencyKind),
        (DEFS["child"]["properties"]["sex"], Sex),
        (DEFS["child"]["properties"]["disability_or_sen"], YesNoUnknown),
        (DEFS["child"]["properties"]["csc_involvement"], CscInvolvement),
        (DEFS["referral"]["properties"]["harm"], Harm),
        (DEFS["referral"]["properties"]["abuse_or_neglect"], AbuseOrNeglect),
        (DEFS["referral"]["properties"]["framework"], Framework),
        (DEFS["decision"]["properties"]["outcome"], DecisionOutcome),
        (DEFS["national_panel"]["properties"]["response"], PanelResponse),
        (REVIEW["type"], ReviewType),
        (REVIEW["methodology"], Methodology),
        (REVIEW["status"], ReviewStatus),
        (REVIEW["parallel_processes"]["items"]["properties"]["kind"], ParallelProcessKind),
        (REVIEW["parallel_processes"]["items"]["properties"]["status"], ParallelProcessStatus),
        (REVIEW["documents"]["items"]["properties"]["kind"], DocumentKind),
        (DEFS["recommendation"]["properties"]["scope"], Scope),
        (DEFS["recommendation"]["properties"]["monitored_by"], MonitoringGroup),
        (DEFS["action"]["properties"]["status"], ActionStatus),
    ],
)
def test_each_enumeration_is_its_choices_values(
    node: dict[str, Any], choices: type[models.TextChoices]
) -> None:
    assert enum(node) == set(choices.values)


@pytest.mark.parametrize(
    ("node", "model", "field"),
    [
        (SCHEMA["properties"]["partnership"]["properties"]["name"], Partnership, "name"),
        (DEFS["agency"]["properties"]["name"], Agency, "name"),
        (DEFS["id"], Agency, "external_key"),
        (DEFS["child"]["properties"]["pseudonym"], Child, "pseudonym"),
        (DEFS["child"]["properties"]["ethnicity"], Child, "ethnicity"),
        (DEFS["referral"]["properties"]["reference"], Referral, "reference"),
        (REVIEW["reference"], Review, "reference"),
        (REVIEW["title"], Review, "title"),
        (REVIEW["lead_reviewer"], Review, "lead_reviewer"),
        (
            REVIEW["family_contribution"]["items"]["properties"]["member"],
            FamilyContribution,
            "member",
        ),
        (REVIEW["documents"]["items"]["properties"]["title"], ReviewDocument, "title"),
        (REVIEW["documents"]["items"]["properties"]["url"], ReviewDocument, "url"),
        (DEFS["learning_event"]["properties"]["title"], LearningEvent, "title"),
        (SCHEMA["properties"]["glossary"]["items"]["properties"]["term"], GlossaryTerm, "term"),
        (
            SCHEMA["properties"]["glossary"]["items"]["properties"]["meaning"],
            GlossaryTerm,
            "meaning",
        ),
    ],
)
def test_each_length_limit_is_its_columns(
    node: dict[str, Any], model: type[models.Model], field: str
) -> None:
    column = model._meta.get_field(field)
    assert isinstance(column, models.Field)
    assert node["maxLength"] == column.max_length
