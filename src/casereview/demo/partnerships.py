"""The demonstration partnerships: the seed's Oxfordshire board and an invented second one.

Two partnerships, so that each can see it cannot see the other. One user per role in each,
named ROLE@CODE.
"""

from __future__ import annotations

from dataclasses import dataclass

from casereview.accounts.choices import AgencyKind, Role
from casereview.actionplans.choices import MonitoringGroup
from casereview.core.choices import Nation


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoPartnership:
    code: str
    name: str
    nation: str
    agencies: tuple[DemoAgency, ...]
    agency_of_role: dict[str, str]
    local_authorities: tuple[str, ...] = ()


OSCB = DemoPartnership(
    code="OSCB",
    name="Oxfordshire Safeguarding Children Board",
    nation=Nation.ENGLAND,
    agencies=(
        DemoAgency("tvp", "Thames Valley Police", AgencyKind.POLICE),
        DemoAgency(
            "occ-csc",
            "Oxfordshire County Council Children's Social Care",
            AgencyKind.CHILDRENS_SOCIAL_CARE,
        ),
        DemoAgency("occ-legal", "Oxfordshire County Council Legal Services", AgencyKind.LEGAL),
        DemoAgency(
            "occ-engagement",
            "Oxfordshire County Council Engagement Team",
            AgencyKind.LOCAL_AUTHORITY_OTHER,
        ),
        DemoAgency("occg", "Oxfordshire Clinical Commissioning Group", AgencyKind.HEALTH),
        DemoAgency("oxford-health", "Oxford Health NHS Foundation Trust", AgencyKind.HEALTH),
        DemoAgency(
            "schools", "Oxfordshire schools (head teacher representative)", AgencyKind.EDUCATION
        ),
        DemoAgency("probation", "Probation Service", AgencyKind.PROBATION),
        DemoAgency("mencap", "Local Mencap services", AgencyKind.VOLUNTARY),
        DemoAgency("national-panel", "National SCR Panel", AgencyKind.NATIONAL_PANEL),
    ),
    agency_of_role={Role.AGENCY_LEAD: "occ-csc", Role.NATIONAL_PANEL: "national-panel"},
    local_authorities=("Oxfordshire",),
)

# Invented for the demonstration; any likeness to a real partnership is chance.
NORTHMOOR = DemoPartnership(
    code="NMSCP",
    name="Northmoor Safeguarding Children Partnership",
    nation=Nation.ENGLAND,
    agencies=(
        DemoAgency("nm-police", "Northmoor Constabulary", AgencyKind.POLICE),
        DemoAgency(
            "nm-csc", "Northmoor Council Children's Services", AgencyKind.CHILDRENS_SOCIAL_CARE
        ),
        DemoAgency("nm-icb", "Northmoor Integrated Care Board", AgencyKind.HEALTH),
        DemoAgency("nm-schools", "Northmoor Schools Safeguarding Forum", AgencyKind.EDUCATION),
        DemoAgency(
            "nm-panel", "Child Safeguarding Practice Review Panel", AgencyKind.NATIONAL_PANEL
        ),
    ),
    agency_of_role={Role.AGENCY_LEAD: "nm-police", Role.NATIONAL_PANEL: "nm-panel"},
    local_authorities=("Northmoor", "Moorside"),
)

DEMO_PARTNERSHIPS = (OSCB, NORTHMOOR)

# Who sits on which monitoring group (only a group's members verify its actions).
MONITORING_SEATS = {
    Role.MANAGER: MonitoringGroup.EXECUTIVE,
    Role.PANEL_MEMBER: MonitoringGroup.PAQA,
}


def demo_username(role: str, code: str) -> str:
    return f"{role}@{code}"


SERVICE_ADMIN_USERNAME = "service-admin"
# Someone with a role in both demo partnerships: neither business manager may change how
# they sign in.
SHARED_REVIEWER_USERNAME = "reviewer@OSCB+NMSCP"


@dataclass(frozen=True)
class DemoNationalRecommendation:
    text: str
    owner: str  # the key of the agency that owns its action
    action: str
    due: str  # an ISO date, or a month (YYYY-MM)


# A national review of the Panel's, recorded with the seed's records, with actions on the
# recommendations that apply locally (their words written for the demonstration).
DEMO_NATIONAL_REVIEW_TITLE = "The myth of invisible men"
DEMO_NATIONAL_REVIEW_PUBLISHED = "2021-09"
DEMO_NATIONAL_RECOMMENDATIONS = (
    DemoNationalRecommendation(
        "Partners should make sure that fathers and male carers are seen, assessed and "
        "involved in plans for the babies in their care.",
        "occ-csc",
        "Add the father's or male carer's details to every child and family assessment",
        "2022-03-31",
    ),
    DemoNationalRecommendation(
        "Practitioners should be helped to work with men whose behaviour may put a baby at risk.",
        "tvp",
        "Brief neighbourhood officers on sharing what they know of men in a baby's household",
        "2022-06",
    ),
)
