"""Input no person means to send (huge numbers, Unicode digits, the calendar's last day,
control characters) gets a message on the field and a 400, never a 500."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.models import Recommendation
from casereview.core.partialdates import PartialDate
from casereview.core.selectors import audit_events_for
from casereview.core.workingdays import add_months, add_working_days
from casereview.referrals.models import Referral
from casereview.reviews.models import Review
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db

CONTROL = "Remove the control character U+0001 at character 4"


def client(client_as: Callable[..., Client], role: str) -> Client:
    found = client_as(role)
    found.raise_request_exception = False
    return found


def field_error(page: str, field_id: str) -> str:
    """The error message shown on one field, or '' when it has none."""
    found = re.search(
        rf'<p id="{field_id}-error" class="govuk-error-message">(.*?)</p>', page, re.S
    )
    return found[1] if found else ""


def audit_dates(**parts: str) -> dict[str, str]:
    return {"date_from_0": "1", "date_from_1": "1", "date_from_2": "2020", **parts}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"date_from_0": "99999999999999999999"}, "Enter the day using numbers 1 to 31"),
        ({"date_from_0": "0"}, "Enter the day using numbers 1 to 31"),
        ({"date_from_1": "2147483648"}, "Enter the month using numbers 1 to 12"),
        ({"date_from_1": "13"}, "Enter the month using numbers 1 to 12"),
        ({"date_from_2": "9999"}, "Year must be from 1900 to 2100"),
        ({"date_from_2": "0000"}, "Year must be from 1900 to 2100"),
        ({"date_from_0": "\u00b2"}, "Enter from using numbers, like 27 3 2016"),
        ({"date_from_0": "\u0663"}, "Enter from using numbers, like 27 3 2016"),
        ({"date_from_1": "\uff11\uff12"}, "Enter from using numbers, like 27 3 2016"),
    ],
)
def test_a_date_part_out_of_range_says_which_numbers_to_use(
    client_as: Callable, parts: dict[str, str], message: str
) -> None:
    response = client(client_as, "manager").get(reverse("core:audit"), audit_dates(**parts))
    assert response.status_code == 400
    assert message in field_error(response.content.decode(), "id_date_from")


def test_the_last_day_of_the_calendar_is_refused_in_a_filter_not_a_failure(
    client_as: Callable,
) -> None:
    response = client(client_as, "manager").get(
        reverse("core:audit"), {"date_to_0": "31", "date_to_1": "12", "date_to_2": "9999"}
    )
    assert response.status_code == 400
    assert "Year must be from 1900 to 2100" in field_error(response.content.decode(), "id_date_to")


def test_the_guidance_preview_copes_with_the_last_day_of_the_calendar(
    client_as: Callable, partnership: Partnership
) -> None:
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client(client_as, "manager").get(
        reverse("referrals:assess"),
        {
            "received_0": "3",
            "received_1": "3",
            "received_2": "2016",
            "referred_by": str(police.pk),
            "aware_0": "31",
            "aware_1": "12",
            "aware_2": "9999",
            "harm": "death",
            "abuse_or_neglect": "suspected",
            "summary": "A baby died.",
        },
    )
    assert response.status_code == 200


def test_deadlines_counted_from_the_end_of_the_calendar_stop_at_its_last_day() -> None:
    last = dt.date.max
    assert add_working_days(dt.date(9999, 12, 30), 5, "england") == last
    assert add_working_days(last, 1, "wales") == last
    assert add_months(dt.date(9999, 12, 31), 6) == last
    assert add_working_days(dt.date(2016, 3, 1), 5, "england") == dt.date(2016, 3, 8)


def test_the_audit_trail_up_to_the_last_day_of_the_calendar_holds_every_event(
    demo_user: Callable[..., User],
) -> None:
    manager = demo_user("manager")
    everything = audit_events_for(manager)
    assert list(audit_events_for(manager, date_to=dt.date.max)) == list(everything)


@pytest.mark.parametrize("theme", ["9223372036854775808", "1" + "0" * 30, "-9223372036854775809"])
def test_a_theme_id_beyond_the_databases_range_is_not_a_valid_choice(
    client_as: Callable, partnership: Partnership, theme: str
) -> None:
    review = make_review(partnership)
    before = review.learning_points.count()
    response = client(client_as, "manager").post(
        reverse("reviews:point-add", args=[review.pk]), {"text": "A point", "themes": [theme]}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in field_error(response.content.decode(), "id_themes")
    assert review.learning_points.count() == before


def test_a_recommendation_number_beyond_any_review_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    response = client(client_as, "manager").post(
        reverse("actionplans:recommendation-add", args=[review.pk]),
        {
            "number": "2147483648",
            "text": "Do it",
            "scope": "multi_agency",
            "monitored_by": "executive",
        },
    )
    assert response.status_code == 400
    assert "Number must be 999 or less" in field_error(response.content.decode(), "id_number")
    assert not Recommendation.objects.filter(review=review, text="Do it").exists()


@pytest.mark.parametrize("decision", ["\u00b2", "9" * 5000])
def test_a_decision_in_the_address_that_is_no_number_is_ignored(
    client_as: Callable, decision: str
) -> None:
    response = client(client_as, "manager").get(
        reverse("reviews:review-add"), {"decision": decision}
    )
    assert response.status_code == 200


# Control characters: refused on every form through the shared base.


def test_a_control_character_in_a_referral_summary_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    from casereview.referrals.tests.test_referral_pages import referral_form

    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client(client_as, "manager").post(
        reverse("referrals:referral-add"), referral_form(police, summary="One\x01 baby died.")
    )
    assert response.status_code == 400
    assert CONTROL in field_error(response.content.decode(), "id_summary")
    assert not Referral.objects.filter(summary__contains="baby died.").exists()


def test_a_control_character_in_a_review_title_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    response = client(client_as, "manager").post(
        reverse("reviews:review-add"),
        {
            "title": "Chi\x01d T",
            "type": "partnership_review",
            "commissioned_0": "",
            "commissioned_1": "5",
            "commissioned_2": "2016",
        },
    )
    assert response.status_code == 400
    assert CONTROL in field_error(response.content.decode(), "id_title")
    assert not Review.objects.filter(title__startswith="Chi").exists()


def test_a_control_character_in_a_progress_update_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    action = make_action(partnership)
    response = client(client_as, "agency_lead").post(
        reverse("actionplans:action-progress", args=[action.pk]),
        {"date_0": "1", "date_1": "4", "date_2": "2017", "text": "Aud\x01t done"},
    )
    assert response.status_code == 400
    assert CONTROL in field_error(response.content.decode(), "id_text")
    assert not action.updates.exists()


def test_a_control_character_in_a_persons_name_is_refused(
    client_as: Callable, partnership: Partnership
) -> None:
    person = Membership.objects.get(partnership=partnership, role="panel_member")
    name_before = person.user.full_name
    response = client(client_as, "manager").post(
        reverse("accounts:person-change", args=[person.pk]),
        {"full_name": "Sam\x01 Jones", "email": "", "role": "panel_member", "is_active": "on"},
    )
    assert response.status_code == 400
    assert CONTROL in field_error(response.content.decode(), "id_full_name")
    person.user.refresh_from_db()
    assert person.user.full_name == name_before


def test_a_control_character_in_a_filter_box_is_refused(client_as: Callable) -> None:
    response = client(client_as, "manager").get(reverse("core:audit"), {"record": "Chi\x01d"})
    assert response.status_code == 400
    assert CONTROL in field_error(response.content.decode(), "id_record")


def test_a_textareas_line_breaks_are_kept_as_newlines(
    client_as: Callable, partnership: Partnership
) -> None:
    from casereview.referrals.tests.test_referral_pages import referral_form

    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client(client_as, "manager").post(
        reverse("referrals:referral-add"),
        referral_form(police, summary="A baby died.\r\nNeglect is suspected.\rTabs\tstay."),
    )
    assert response.status_code == 302
    referral = Referral.objects.get(summary__startswith="A baby died.")
    assert referral.summary == "A baby died.\nNeglect is suspected.\nTabs\tstay."


@pytest.mark.parametrize("membership", ["\u00b2", "\u0663", "9" * 5000])
def test_choosing_a_partnership_that_is_no_number_asks_again(
    client_as: Callable, membership: str
) -> None:
    response = client(client_as, "manager").post(
        reverse("accounts:choose-partnership"), {"membership": membership}
    )
    assert response.status_code == 400
    assert "Select the partnership and role to act in" in response.content.decode()


def test_a_name_with_a_line_break_is_checked_as_it_will_be_stored(client_as: Callable) -> None:
    """The agency form's duplicate check reads the name after CR LF has become LF."""
    manager = client(client_as, "manager")
    first = manager.post(reverse("accounts:agency-add"), {"name": "Two\r\nlines", "kind": "police"})
    assert first.status_code == 302
    again = manager.post(reverse("accounts:agency-add"), {"name": "Two\r\nlines", "kind": "police"})
    assert again.status_code == 400
    assert "already has an agency with this name" in field_error(again.content.decode(), "id_name")
    assert Agency.objects.filter(name="Two\nlines").count() == 1


@pytest.mark.parametrize(
    "text", ["\u0662\u0660\u0661\u0666", "\uff12\uff10\uff11\uff16-03", "2016-\u00b9\u00b2"]
)
def test_a_date_in_a_file_is_read_in_digits_0_to_9_only(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.parse(text)
