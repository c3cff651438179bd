"""Recording a referral, seeing what the guidance requires, deciding, and the national panel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Agency, Partnership
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.referrals import services
from casereview.referrals.models import Referral
from casereview.testing.forms import version_for
from casereview.testing.records import make_contested_referral, make_referral

pytestmark = pytest.mark.django_db


def referral_form(agency: Agency, **changes: str) -> dict[str, str]:
    data = {
        "received_0": "3",
        "received_1": "3",
        "received_2": "2016",
        "referred_by": str(agency.pk),
        "aware_0": "1",
        "aware_1": "3",
        "aware_2": "2016",
        "incident_date_0": "",
        "incident_date_1": "2",
        "incident_date_2": "2016",
        "harm": "death",
        "abuse_or_neglect": "suspected",
        "interagency_concern": "unknown",
        "framework": "",
        "notified_0": "",
        "notified_1": "",
        "notified_2": "",
        "summary": "A baby died at home; neglect is suspected.",
        "child_pseudonym": "Baby L",
        "child_sex": "not_recorded",
    }
    data.update(changes)
    return data


def police(partnership: Partnership) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key="tvp")


def test_a_panel_member_records_a_referral_and_sees_what_the_guidance_requires(
    client_as: Callable, partnership: Partnership
) -> None:
    client = client_as("panel_member")
    response = client.post(reverse("referrals:referral-add"), referral_form(police(partnership)))
    referral = Referral.objects.get(partnership=partnership, summary__startswith="A baby died")
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])
    assert referral.reference == "OSCB-2016-001"
    assert referral.incident_date_partial == PartialDate(dt.date(2016, 2, 1), "month")
    page = client.get(response["Location"]).content.decode()
    assert "What the guidance requires" in page
    assert "Review required" in page
    assert (
        "Abuse or neglect is suspected and the child died (Working Together 2015, ch.4 para 18)"
        in page
    )
    assert "8 March 2016" in page  # notify by: 5 working days after 1 March
    assert "Overdue by" in page  # nobody recorded the notification
    assert "February 2016" in page  # a month-precision date shown as approximate
    assert "Baby L" in page
    assert "Referral recorded" in page and "panel_member@OSCB" in page  # the timeline


def test_changing_a_fact_recomputes_the_guidance_at_once(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    assert referral.assessed_outcome == "review_required"
    client = client_as("manager")
    data = referral_form(police(partnership), abuse_or_neglect="not_suspected")
    data.pop("child_pseudonym"), data.pop("child_sex")
    url = reverse("referrals:referral-change", args=[referral.pk])
    client.post(url, {**data, "version": version_for(client, url)})
    referral.refresh_from_db()
    assert referral.assessed_outcome == "criteria_not_met"
    page = client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Criteria not met" in page
    assert "Facts changed" in page and "abuse or neglect" in page


def test_recording_the_notification_meets_that_deadline(partnership: Partnership) -> None:
    referral = make_referral(partnership)
    services.change_referral(referral, acting_user=None, notified=PartialDate(dt.date(2016, 3, 4)))
    assert referral.decide_by == dt.date(2016, 4, 4)  # a month after the notification


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"aware_0": "1", "aware_1": "3", "aware_2": "2099"},
            "aware",
            "The date the partnership became aware must be today or in the past",
        ),
        (
            {"received_0": "1", "received_1": "1", "received_2": "2099"},
            "received",
            "The date the referral was received must be today or in the past",
        ),
        (
            {"notified_0": "28", "notified_1": "2", "notified_2": "2016"},
            "notified",
            "The notification date must be on or after the date the partnership became aware (1 March 2016)",
        ),
        (
            {"incident_date_0": "5", "incident_date_1": "3", "incident_date_2": "2016"},
            "aware",
            "The date the partnership became aware must be on or after the date of the incident (5 March 2016)",
        ),
        (
            {"received_0": "30", "received_1": "2", "received_2": "2016x"},
            "received",
            "using numbers",
        ),
        (
            {"received_0": "", "received_1": "", "received_2": ""},
            "received",
            "Enter the date the referral was received",
        ),
        (
            {"received_0": "3", "received_1": "", "received_2": "2016"},
            "received",
            "must include a month",
        ),
    ],
)
def test_impossible_dates_are_refused_saying_which_and_why(
    client_as: Callable, partnership: Partnership, changes: dict, field: str, message: str
) -> None:
    before = Referral.objects.count(), AuditEvent.objects.count()
    response = client_as("manager").post(
        reverse("referrals:referral-add"), referral_form(police(partnership), **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert field in response.context["form"].errors
    assert (Referral.objects.count(), AuditEvent.objects.count()) == before


def test_a_decision_before_the_referral_was_received_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    client, url = client_as("panel_member"), reverse("referrals:decision", args=[referral.pk])
    response = client.post(
        url,
        {"date_0": "2", "date_1": "3", "date_2": "2016", "outcome": "no_review", "rationale": "x"}
        | {"version": version_for(client, url)},
    )
    assert response.status_code == 400
    assert (
        "The decision date must be on or after the date the referral was received (3 March 2016)"
        in response.content.decode()
    )
    assert not hasattr(Referral.objects.get(pk=referral.pk), "decision")


def test_a_decision_in_the_future_is_refused(client_as: Callable, partnership: Partnership) -> None:
    referral = make_referral(partnership)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    client, url = client_as("panel_member"), reverse("referrals:decision", args=[referral.pk])
    response = client.post(
        url,
        {
            "date_0": str(tomorrow.day),
            "date_1": str(tomorrow.month),
            "date_2": str(tomorrow.year),
            "outcome": "no_review",
            "rationale": "x",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 400
    assert "The decision date must be today or in the past" in response.content.decode()


def test_recording_a_decision_takes_the_case_off_the_waiting_list(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    client = client_as("panel_member")
    assert referral.reference in client.get("/").content.decode()
    url = reverse("referrals:decision", args=[referral.pk])
    response = client.post(
        url,
        {
            "date_0": "",
            "date_1": "4",
            "date_2": "2016",
            "outcome": "review_commissioned",
            "rationale": "Neglect suspected; the child died.",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "No case is waiting for a decision" in home
    page = client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Review commissioned" in page and "April 2016" in page
    assert "Decision recorded" in page


def test_references_run_per_partnership_and_year_and_are_never_reused(
    partnership: Partnership, other_partnership: Partnership
) -> None:
    first = make_referral(partnership)
    second = make_referral(partnership)
    later = make_referral(partnership, received=PartialDate(dt.date(2017, 1, 5)))
    theirs = make_referral(other_partnership)
    assert [first.reference, second.reference, later.reference, theirs.reference] == [
        "OSCB-2016-001",
        "OSCB-2016-002",
        "OSCB-2017-001",
        "NMSCP-2016-001",
    ]
    imported = make_referral(partnership, reference="OSCB-2016-003")
    assert imported.reference == "OSCB-2016-003"
    assert make_referral(partnership).reference == "OSCB-2016-004"


def test_the_national_panel_sees_every_partnerships_submissions_and_responds(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    ours = make_referral(partnership)
    services.submit_to_national_panel(
        ours, submitted=PartialDate(dt.date(2016, 3, 9)), acting_user=None
    )
    theirs = make_referral(other_partnership)
    services.submit_to_national_panel(
        theirs, submitted=PartialDate(dt.date(2016, 3, 10)), acting_user=None
    )
    panel = client_as("national_panel", "NMSCP")
    listing = panel.get(reverse("referrals:submissions")).content.decode()
    assert ours.reference in listing and theirs.reference in listing
    submission = ours.panel_submission
    page = panel.get(reverse("referrals:submission", args=[submission.pk])).content.decode()
    assert "Abuse or neglect is suspected and the child died" in page
    assert "Invented case for a test." in page
    response = panel.post(
        reverse("referrals:submission", args=[submission.pk]),
        {
            "response": "contested",
            "response_date_0": "1",
            "response_date_1": "4",
            "response_date_2": "2016",
            "note": "The harm is not shown.",
            "version": version_for(panel, reverse("referrals:submission", args=[submission.pk])),
        },
    )
    assert response.status_code == 302
    partnership_page = client_as("manager").get(reverse("referrals:referral", args=[ours.pk]))
    assert "The national panel contested this decision" in partnership_page.content.decode()


def test_the_national_panel_sees_no_referral_page_and_no_one_else_may_respond(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_contested_referral(partnership)
    panel = client_as("national_panel")
    assert panel.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404
    manager = client_as("manager")
    url = reverse("referrals:submission", args=[referral.panel_submission.pk])
    assert "Record the response" not in manager.get(url).content.decode()
    refused = manager.post(
        url,
        {
            "response": "agreed",
            "response_date_0": "1",
            "response_date_1": "5",
            "response_date_2": "2016",
            "version": version_for(panel, url),
        },
    )
    assert refused.status_code == 404
    referral.panel_submission.refresh_from_db()
    assert referral.panel_submission.response == "contested"


def test_a_contested_decision_is_flagged_on_the_home_page_until_answered(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_contested_referral(partnership)
    manager = client_as("manager")
    assert "Decisions contested by the national panel" in manager.get("/").content.decode()
    url = reverse("referrals:local-response", args=[referral.pk])
    response = manager.post(
        url,
        {
            "local_response": "Reviewed independently; the board remains of the view the criteria are not met.",
            "version": version_for(manager, url),
        },
    )
    assert response.status_code == 302
    assert "Decisions contested by the national panel" not in manager.get("/").content.decode()
    page = manager.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "The partnership replied to the national panel" in page


def test_the_home_page_lists_deadlines_due_and_overdue(
    client_as: Callable, partnership: Partnership
) -> None:
    today = dt.date.today()
    soon = make_referral(
        partnership,
        received=PartialDate(today),
        aware=PartialDate(today),
        framework="wt2018",
    )
    home = client_as("panel_member").get("/").content.decode()
    assert f"{soon.reference}: notify by" in home
    assert "left" in home or "Due today" in home
    assert client_as("scrutiny").get("/").content.decode().count(soon.reference) == 0


def test_a_child_field_that_invites_a_real_name_says_not_to(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    page = (
        client_as("manager")
        .get(reverse("referrals:child-add", args=[referral.pk]))
        .content.decode()
    )
    assert "Never a real name" in page


def test_a_childs_age_is_checked(client_as: Callable, partnership: Partnership) -> None:
    referral = make_referral(partnership)
    response = client_as("manager").post(
        reverse("referrals:child-add", args=[referral.pk]),
        {
            "pseudonym": "Child Q",
            "sex": "female",
            "age_years": "40",
            "age_months": "13",
            "disability_or_sen": "unknown",
            "cp_plan_at_incident": "unknown",
            "looked_after_at_incident": "unknown",
            "csc_involvement": "unknown",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Age in years must be 24 or less" in page and "Months must be 11 or less" in page


def test_wales_changing_a_childs_plan_changes_the_review_required(
    client_as: Callable, other_partnership: Partnership
) -> None:
    other_partnership.nation = "wales"
    other_partnership.save()
    referral = make_referral(other_partnership)
    child = referral.children.get()
    services.change_child(
        child, acting_user=None, cp_plan_at_incident="no", looked_after_at_incident="no"
    )
    referral.refresh_from_db()
    assert "concise child practice review" in referral.assessed_reasons[0]
    services.change_child(child, acting_user=None, cp_plan_at_incident="yes")
    referral.refresh_from_db()
    assert "extended child practice review" in referral.assessed_reasons[0]


def test_the_register_filters_and_its_count_matches(
    client_as: Callable, partnership: Partnership
) -> None:
    police_referral = make_referral(partnership, referred_by=police(partnership))
    csc = Agency.objects.get(partnership=partnership, external_key="occ-csc")
    for _ in range(3):
        make_referral(partnership, referred_by=csc)
    decided = make_contested_referral(partnership)
    client = client_as("manager")
    url = reverse("referrals:referrals")

    def count(**query: str) -> int:
        response = client.get(url, query)
        assert response.status_code == 200
        shown = len(response.context["page"].object_list)
        total = response.context["page"].paginator.count
        assert shown == min(total, 50)
        return total

    assert count() == 5
    assert count(referred_by=str(csc.pk)) == 3
    assert count(referred_by=str(police(partnership).pk)) == 1 + (
        decided.referred_by == police(partnership)
    )
    assert count(decision="pending") == 4
    assert count(decision="no_review") == 1
    assert count(outcome="review_required") == 5
    assert count(framework="wt2015") == 5
    assert count(framework="wt2018") == 0
    assert count(received_from_0="1", received_from_1="1", received_from_2="2017") == 0
    assert count(due="overdue") == 5  # none was notified within 5 working days
    services.change_referral(
        police_referral, acting_user=None, notified=PartialDate(dt.date(2016, 3, 4))
    )
    assert police_referral.decide_by == dt.date(2016, 4, 4)
    assert count(due="overdue") == 5  # notified, but its decision was due by 4 April 2016
    services.record_decision(
        police_referral,
        date=PartialDate(dt.date(2016, 3, 30)),
        outcome="no_review",
        rationale="Invented.",
        acting_user=None,
    )
    assert count(due="overdue") == 4
    assert (
        police_referral.reference
        in client.get(url, {"referred_by": str(police(partnership).pk)}).content.decode()
    )
    bad = client.get(url, {"received_to_0": "31", "received_to_1": "2", "received_to_2": "2016"})
    assert bad.status_code == 400 and "must be a real date" in bad.content.decode()


def test_the_form_shows_what_the_guidance_requires_as_facts_are_entered(
    client_as: Callable, partnership: Partnership
) -> None:
    client = client_as("panel_member")
    url = reverse("referrals:assess")
    empty = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Enter when the referral was received" in empty
    facts = referral_form(police(partnership), harm="serious_harm", interagency_concern="no")
    preview = client.get(url, facts, HTTP_HX_REQUEST="true").content.decode()
    assert "Criteria not met" in preview and "definitive evidence of no concern" in preview
    facts["interagency_concern"] = "yes"
    preview = client.get(url, facts, HTTP_HX_REQUEST="true").content.decode()
    assert "Review required" in preview and "8 March 2016" in preview
    assert not Referral.objects.filter(summary__startswith="A baby died").exists()
