"""Publication, or the reason not to (issue 13): the final report sent to the Panel and the
Secretary of State before publication, publication, or a decision not to publish with its date,
its reason and what was published instead; from Working Together 2018 the six months run from
commissioning to publication, and the home page shows the reviews past them with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.reviews import services
from casereview.reviews.models import Review
from casereview.reviews.rules import publication_problems
from casereview.testing.records import make_review

pytestmark = pytest.mark.django_db

SIGNED_OFF = PartialDate(dt.date(2019, 9, 2))
DECIDED = {
    "decided_not_to_publish_0": "1",
    "decided_not_to_publish_1": "10",
    "decided_not_to_publish_2": "2019",
}
REASON = "Publication would identify the child's siblings."
INSTEAD = "A learning summary for practitioners."
NO_DATE = "Enter the date the partnership decided not to publish the review"
NO_REASON = "Enter why the review will not be published"


def signed_off(partnership: Partnership, **fields: object) -> Review:
    """A local review commissioned in January 2019 under Working Together 2018, signed off."""
    fields = {"framework": "wt2018", "commissioned": PartialDate(dt.date(2019, 1, 7)), **fields}
    review = make_review(partnership, **fields)
    return services.sign_off_review(review, signed_off=SIGNED_OFF, acting_user=None)


def page(client: object, review: Review) -> str:
    response = client.get(reverse("reviews:review", args=[review.pk]))  # type: ignore[attr-defined]
    return str(response.content.decode())


# The services


def test_the_manager_records_the_final_report_sent_then_publication(
    acting_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    manager = acting_as("manager")
    services.record_report_sent(review, sent_to_panel=dt.date(2019, 10, 1), acting_user=manager)
    services.publish_review(review, published=dt.date(2019, 10, 14), acting_user=manager)
    review.refresh_from_db()
    assert (review.status, review.sent_to_panel, review.published) == (
        "published",
        dt.date(2019, 10, 1),
        dt.date(2019, 10, 14),
    )
    rows = AuditEvent.objects.filter(object_type="reviews.review", object_id=str(review.pk))
    assert rows.filter(changes__sent_to_panel__after="2019-10-01").exists()


def test_the_report_is_sent_only_once_the_review_is_signed_off(
    acting_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership, framework="wt2018")
    with pytest.raises(ValidationError, match="record the sign-off first"):
        services.record_report_sent(
            review, sent_to_panel=dt.date(2019, 10, 1), acting_user=acting_as("manager")
        )


def test_the_reviewer_may_not_record_the_report_sent(
    acting_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    with pytest.raises(PermissionDenied):
        services.record_report_sent(
            review, sent_to_panel=dt.date(2019, 10, 1), acting_user=acting_as("reviewer")
        )


def test_a_decision_not_to_publish_keeps_its_date_reason_and_what_was_published_instead(
    acting_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    services.withhold_review(
        review,
        decided_not_to_publish=PartialDate(dt.date(2019, 10, 1)),
        reason=f" {REASON} ",
        published_instead=INSTEAD,
        acting_user=acting_as("manager"),
    )
    review.refresh_from_db()
    assert (
        review.status,
        review.decided_not_to_publish,
        review.not_published_reason,
        review.published_instead,
    ) == ("not_published", dt.date(2019, 10, 1), REASON, INSTEAD)


@pytest.mark.parametrize(
    ("decided", "reason", "messages"),
    [
        (None, REASON, {"decided_not_to_publish": [NO_DATE]}),
        (dt.date(2019, 10, 1), " ", {"reason": [NO_REASON]}),
        (None, "", {"decided_not_to_publish": [NO_DATE], "reason": [NO_REASON]}),
    ],
)
def test_a_decision_not_to_publish_without_its_date_or_reason_is_refused(
    acting_as: Callable,
    partnership: Partnership,
    decided: dt.date | None,
    reason: str,
    messages: dict[str, list[str]],
) -> None:
    review = signed_off(partnership)
    with pytest.raises(ValidationError) as refused:
        services.withhold_review(
            review, decided_not_to_publish=decided, reason=reason, acting_user=acting_as("manager")
        )
    assert refused.value.message_dict == messages
    review.refresh_from_db()
    assert review.status == "completed"


def test_the_rule_holds_a_review_not_published_to_its_date_and_reason() -> None:
    """Stated (a version 2 document's publication, the step "not published"), both are asked;
    half recorded, the other half is; nothing recorded of a review marked not published
    before the service asked why is a decision not known, allowed and noted in the report."""

    def problems(stated: bool, day: dt.date | None, reason: str) -> list[tuple[str, str]]:
        found = publication_problems(
            status="not_published",
            commissioned=dt.date(2019, 1, 7),
            sent_to_panel=None,
            decided_not_to_publish=day,
            reason=reason,
            today=dt.date(2026, 1, 1),
            stated=stated,
        )
        return [(p.field, p.message) for p in found]

    assert problems(True, None, "") == [("decided_not_to_publish", NO_DATE), ("reason", NO_REASON)]
    assert problems(False, None, "Siblings.") == [("decided_not_to_publish", NO_DATE)]
    assert problems(False, dt.date(2019, 10, 1), "") == [("reason", NO_REASON)]
    assert problems(False, None, "") == []


# The pages


def test_the_pages_record_the_report_sent_then_publication(
    client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    client = client_as("manager")
    assert "Record that the final report was sent" in page(client, review)
    form = client.get(reverse("reviews:report-sent", args=[review.pk])).content.decode()
    assert "the Child Safeguarding Practice Review Panel and the Secretary of State" in form
    sent = client.post(
        reverse("reviews:report-sent", args=[review.pk]),
        {"sent_to_panel_0": "1", "sent_to_panel_1": "10", "sent_to_panel_2": "2019"},
    )
    assert sent.status_code == 302, sent.content.decode()
    published = client.post(
        reverse("reviews:transition", args=[review.pk, "publish"]),
        {"published_0": "14", "published_1": "10", "published_2": "2019", "go_ahead": "on"},
    )
    assert published.status_code == 302, published.content.decode()
    shown = page(client, review)
    assert "1 October 2019, to the Child Safeguarding Practice Review Panel" in shown
    assert "14 October 2019" in shown
    review.refresh_from_db()
    assert review.status == "published"


def test_the_page_records_a_decision_not_to_publish_and_shows_it(
    client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    client = client_as("manager")
    url = reverse("reviews:transition", args=[review.pk, "withhold"])
    response = client.post(url, {**DECIDED, "reason": REASON, "published_instead": INSTEAD})
    assert response.status_code == 302, response.content.decode()
    shown = page(client, review)
    assert "Decided not to publish on 1 October 2019: Publication would identify" in shown
    assert f"Published instead: {INSTEAD}" in shown


def test_the_page_refuses_a_decision_not_to_publish_without_its_date_and_reason(
    client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    url = reverse("reviews:transition", args=[review.pk, "withhold"])
    refused = client_as("manager").post(url, {"reason": "", "published_instead": INSTEAD})
    text = refused.content.decode()
    assert refused.status_code == 400
    assert NO_DATE in text and NO_REASON in text
    review.refresh_from_db()
    assert review.status == "completed"


def test_the_reviewer_is_offered_no_link_to_record_the_report_sent(
    client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership)
    assert "Record that the final report was sent" not in page(client_as("reviewer"), review)
    url = reverse("reviews:report-sent", args=[review.pk])
    assert client_as("reviewer").get(url).status_code == 403


# Six months to publication, from Working Together 2018


def test_from_2018_a_review_signed_off_but_not_published_is_late_on_the_home_page(
    client_as: Callable, partnership: Partnership
) -> None:
    late = signed_off(partnership, title="Child W")
    old_rule = signed_off(partnership, title="Child V", framework="wt2015")
    client = client_as("manager")
    home = client.get("/").content.decode()
    assert "Child W: publish by 7 July 2019" in home
    assert "Child V" not in home  # completed under 2015: finished within its six months' rule
    assert "Publish by 7 July 2019" in page(client, late)
    assert "Complete by" not in page(client, old_rule)


def test_from_2018_a_review_not_published_shows_its_reason_on_the_home_page(
    acting_as: Callable, client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership, title="Child W")
    services.withhold_review(
        review,
        decided_not_to_publish=dt.date(2019, 10, 1),
        reason=REASON,
        acting_user=acting_as("manager"),
    )
    home = client_as("manager").get("/").content.decode()
    assert "Child W: publish by 7 July 2019" in home
    assert "Not published: Publication would identify the child" in home


def test_from_2018_a_published_review_is_not_late(
    acting_as: Callable, client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(partnership, title="Child W")
    services.publish_review(
        review, published=dt.date(2019, 10, 14), acting_user=acting_as("manager")
    )
    assert "Child W" not in client_as("manager").get("/").content.decode()


def test_before_2018_a_review_in_progress_keeps_the_old_rule(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership, title="Child T", framework="wt2015")
    client = client_as("manager")
    assert "Child T: due 4 July 2016" in client.get("/").content.decode()
    assert "Complete by 4 July 2016" in page(client, review)
