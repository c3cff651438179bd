"""The paper's words that belong to a partnership come from its records and its own report
settings, never from another's: who monitors the actions, who the subgroup's members are, who
the report is by and goes to. Where a setting is missing the paper leaves a marked gap, in the
words of the report page's link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, Partnership
from casereview.actionplans.choices import MonitoringGroup
from casereview.core.models import AuditEvent
from casereview.reports import services
from casereview.reports.document import WRITE_TEXT, build
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 1, 1), dt.date(2017, 1, 31)
PERIOD = "date_from_0=1&date_from_1=1&date_from_2=2016&date_to_0=31&date_to_1=1&date_to_2=2017"


def paper(partnership: Partnership) -> str:
    report = build(partnership, START, END)
    return " ".join([t for s in report.sections for t in (*s.paragraphs, *s.bullets, s.gap) if t])


def test_who_monitors_the_actions_is_each_recommendations_own(partnership: Partnership) -> None:
    make_action(partnership, review=make_review(partnership, title="Child A"))
    said = paper(partnership)
    assert (
        "The one recommendation of the reviews worked on is monitored by the executive group."
        in said
    )
    assert "performance, audit and quality assurance" not in said
    make_action(
        partnership,
        review=make_review(partnership, title="Child B"),
        monitored_by=MonitoringGroup.PAQA,
    )
    assert (
        "Of the two recommendations of the reviews worked on, one is monitored by the executive "
        "group and one by the performance, audit and quality assurance subgroup."
        in paper(partnership)
    )


def test_the_subgroups_members_are_those_the_manager_chose(partnership: Partnership) -> None:
    agencies = (
        Agency.objects.filter(partnership=partnership)
        .exclude(kind=AgencyKind.NATIONAL_PANEL)
        .order_by("name")
    )
    assert agencies.count() > 2
    assert "The subgroup draws its members from" not in paper(partnership)  # only the gap
    chosen = list(agencies[:2])
    services.save_settings(
        partnership, acting_user=None, subgroup_members=chosen, subgroup="the case review group"
    )
    said = paper(partnership)
    names = " and ".join(a.name for a in chosen)
    assert f"The case review group draws its members from {names}." in said
    for left_out in agencies[2:]:
        assert left_out.name not in said.split("draws its members from", 1)[1].split(".")[0]


def test_another_partnerships_agency_is_never_a_member(
    partnership: Partnership, other_partnership: Partnership
) -> None:
    theirs = Agency.objects.filter(partnership=other_partnership).first()
    assert theirs is not None
    settings = services.save_settings(partnership, acting_user=None, subgroup_members=[theirs])
    assert list(settings.subgroup_members.all()) == []


def test_the_gap_and_the_link_use_the_same_words(
    client_as: Callable, partnership: Partnership
) -> None:
    gaps = [s.gap for s in build(partnership, START, END).sections if s.gap]
    assert gaps and all(WRITE_TEXT in gap for gap in gaps)
    page = client_as("manager").get(reverse("reports:report") + "?" + PERIOD).content.decode()
    assert f'?{PERIOD}">{WRITE_TEXT}</a>' in page.replace("&amp;", "&").replace("&#x27;", "'")
    form = client_as("manager").get(reverse("reports:narrative") + "?" + PERIOD)
    assert f'<h1 class="govuk-heading-l">{WRITE_TEXT}</h1>' in form.content.decode().replace(
        "&#x27;", "'"
    )


def test_the_manager_sets_who_the_report_is_by_and_for_on_the_page(
    client_as: Callable, partnership: Partnership
) -> None:
    from casereview.testing.forms import version_for

    client = client_as("manager")
    url = reverse("reports:narrative") + "?" + PERIOD
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client.post(
        url,
        {
            "author": "the Head of Safeguarding",
            "chair": "the Designated Nurse",
            "subgroup": "the Case Review subgroup",
            "subgroup_members": [police.pk],
            "board": "the board's Performance Scrutiny group",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302
    said = paper(partnership)
    assert (
        "This report is by the Head of Safeguarding for the Case Review subgroup of Oxfordshire "
        "Safeguarding Children Board, which the Designated Nurse chairs." in said
    )
    assert "since the last report to the board's Performance Scrutiny group" in said
    assert AuditEvent.objects.filter(object_type__endswith="reportsettings").exists()
    # The next period's report takes the same settings.
    later = build(partnership, dt.date(2017, 2, 1), dt.date(2018, 1, 31))
    assert "by the Head of Safeguarding" in later.sections[0].paragraphs[0]
