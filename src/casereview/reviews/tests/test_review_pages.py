"""Reviews through their pages: lifecycle steps, timescales, the reviewer's reach, downloads."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Partnership, User
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.reviews import services
from casereview.reviews.models import Review
from casereview.reviews.selectors import timescale
from casereview.testing.forms import version_for
from casereview.testing.records import make_contested_referral, make_review
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db


def test_a_review_is_held_while_criminal_proceedings_are_ongoing_and_resumes(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("panel_member")
    response = client.post(
        reverse("reviews:transition", args=[review.pk, "hold"]),
        {"hold_reason": "Waiting for the criminal trial."},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "on_hold"
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "On hold" in page and ">Resume<" in page


def test_holding_a_review_with_nothing_ongoing_is_refused_with_the_reason(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    services.conclude_parallel_process(review.parallel_processes.get(), acting_user=None)
    response = client_as("manager").post(
        reverse("reviews:transition", args=[review.pk, "hold"]), {"hold_reason": "The trial."}
    )
    assert response.status_code == 400
    assert "only while a parallel process is ongoing" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "active"


def test_sign_off_then_publication_never_before_sign_off(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("manager")
    signed = client.post(
        reverse("reviews:transition", args=[review.pk, "complete"]),
        {"signed_off_0": "", "signed_off_1": "12", "signed_off_2": "2016", "go_ahead": "on"},
    )
    assert signed.status_code == 302
    early = client.post(
        reverse("reviews:transition", args=[review.pk, "publish"]),
        {"published_0": "30", "published_1": "11", "published_2": "2016", "go_ahead": "on"},
    )
    assert early.status_code == 400
    assert "on or after the date the review was signed off" in early.content.decode()
    published = client.post(
        reverse("reviews:transition", args=[review.pk, "publish"]),
        {"published_0": "", "published_1": "2", "published_2": "2017", "go_ahead": "on"},
    )
    assert published.status_code == 302
    review.refresh_from_db()
    assert review.published_partial is not None
    assert (review.status, review.published_partial.display()) == ("published", "February 2017")
    events = AuditEvent.objects.filter(object_type="reviews.review", object_id=str(review.pk))
    assert events.filter(changes__status__after="published").exists()


def test_a_review_not_published_says_why(client_as: Callable, partnership: Partnership) -> None:
    review = make_review(partnership)
    services.sign_off_review(review, signed_off=PartialDate(dt.date(2016, 9, 1)), acting_user=None)
    client = client_as("manager")
    refused = client.post(
        reverse("reviews:transition", args=[review.pk, "withhold"]), {"reason": ""}
    )
    assert (
        refused.status_code == 400
        and "Enter why the review will not be published" in refused.content.decode()
    )
    client.post(
        reverse("reviews:transition", args=[review.pk, "withhold"]),
        {
            "decided_not_to_publish_0": "3",
            "decided_not_to_publish_1": "10",
            "decided_not_to_publish_2": "2016",
            "reason": "Publication would identify the surviving siblings.",
        },
    )
    review.refresh_from_db()
    assert review.status == "not_published"
    assert "identify the surviving siblings" in review.not_published_reason


def test_an_unknown_step_is_not_found(client_as: Callable, partnership: Partnership) -> None:
    review = make_review(partnership)
    assert (
        client_as("manager")
        .get(reverse("reviews:transition", args=[review.pk, "delete"]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("today", "overdue", "words"),
    [
        (dt.date(2016, 7, 3), False, "1 day left"),
        (dt.date(2016, 7, 4), False, "Due today"),
        (dt.date(2016, 7, 5), True, "Overdue by 1 day"),
    ],
)
def test_the_six_months_at_their_boundary(
    partnership: Partnership, today: dt.date, overdue: bool, words: str
) -> None:
    review = make_review(partnership)  # commissioned 4 January 2016
    assert review.complete_by == dt.date(2016, 7, 4)
    found = timescale(review, today)
    assert found is not None
    assert (found.overdue, found.words) == (overdue, words)


def test_a_finished_review_is_never_overdue(partnership: Partnership) -> None:
    review = make_review(partnership)
    services.sign_off_review(review, signed_off=PartialDate(dt.date(2016, 9, 1)), acting_user=None)
    found = timescale(review, dt.date(2020, 1, 1))
    assert found is not None
    assert not found.overdue and found.words == "Finished"


def test_late_reviews_are_on_the_home_page_with_the_reason_for_the_delay(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("panel_member")
    home = client.get("/").content.decode()
    assert "Reviews past their six months" in home
    assert "No reason recorded for the delay" in home
    url = reverse("reviews:delay", args=[review.pk])
    client.post(
        url, {"delay_reason": "Awaiting the criminal trial.", "version": version_for(client, url)}
    )
    assert "Delay: Awaiting the criminal trial." in client.get("/").content.decode()


def test_a_reviewer_sees_and_edits_only_the_reviews_assigned_to_them(
    client_as: Callable, partnership: Partnership
) -> None:
    assigned = make_review(partnership, title="Child R")
    other = services.create_review(
        partnership, acting_user=None, title="Child S", type="scr", commissioned=dt.date(2016, 2, 1)
    )
    client = client_as("reviewer")
    listing = client.get(reverse("reviews:reviews")).content.decode()
    assert "Child R" in listing and "Child S" not in listing
    assert client.get(reverse("reviews:review", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:review-change", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("reviews:learning-summary-download", args=[other.pk, "pdf"])).status_code
        == 404
    )
    assert client.get(reverse("reviews:review", args=[assigned.pk])).status_code == 200
    response = client.post(
        reverse("reviews:point-add", args=[assigned.pk]),
        {"text": "Curiosity about the family's past."},
    )
    assert response.status_code == 302
    assert assigned.learning_points.filter(text__startswith="Curiosity").exists()


def test_a_review_commissioned_from_a_decision_links_back_to_it(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_contested_referral(partnership)
    client = client_as("panel_member")
    url = reverse("reviews:review-add") + f"?decision={referral.decision.pk}"
    form = client.get(url)
    assert form.status_code == 200 and referral.reference in form.content.decode()
    response = client.post(
        url,
        {
            "title": "Child T",
            "type": "partnership_review",
            "commissioned_0": "",
            "commissioned_1": "5",
            "commissioned_2": "2016",
            "children": [c.pk for c in referral.children.all()],
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(title="Child T")
    referral.decision.refresh_from_db()
    assert referral.decision.review == review
    # The decision not to review, reconsidered after the challenge, now stands as commissioned
    assert referral.decision.outcome == "review_commissioned"
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert referral.reference in page


def test_family_contributions_and_parallel_processes_are_recorded(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("manager")
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    client.post(
        reverse("reviews:family-add", args=[review.pk]),
        {
            "member": "mother",
            "date_0": "",
            "date_1": "6",
            "date_2": "2016",
            "facilitated_by": police.pk,
            "note": "",
        },
    )
    client.post(
        reverse("reviews:process-add", args=[review.pk]),
        {"kind": "inquest", "status": "ongoing", "note": ""},
    )
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "mother" in page and "June 2016" in page and "Thames Valley Police" in page
    assert "Inquest: ongoing" in page
    bad = client.post(
        reverse("reviews:family-add", args=[review.pk]), {"member": "", "date_2": "2099"}
    )
    assert (
        bad.status_code == 400 and "Enter which family member contributed" in bad.content.decode()
    )


def test_the_learning_summary_opens_in_word_and_as_a_pdf(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("panel_member")
    url = reverse("reviews:learning-summary", args=[review.pk])
    client.post(
        url,
        {
            "background": "A young child died at home.",
            "why_it_matters": "",
            "questions": "Who is the father?\nWho lives here?",
            "further_information": "",
            "version": version_for(client, url),
        },
    )
    word = client.get(reverse("reviews:learning-summary-download", args=[review.pk, "docx"]))
    assert word["Content-Disposition"] == 'attachment; filename="learning-summary-child-r.docx"'
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Learning summary: Child R" in text
    assert "Think about the role of the father in the family system." in text
    assert "Neglect" in text and "Who lives here?" in text
    pdf = client.get(reverse("reviews:learning-summary-download", args=[review.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(pdf.content)
    pdf_text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Think about the role of the father" in pdf_text and "Neglect" in pdf_text
    assert len(document) <= 2
    assert AuditEvent.objects.filter(action="download", object_id=str(review.pk)).count() == 2


def test_the_learning_summary_holds_no_identifying_detail_beyond_the_pseudonym(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    child = review.children.create(
        partnership=partnership, pseudonym="Child R", ethnicity="Recorded ethnicity", age_years=3
    )
    assert child
    word = client_as("manager").get(
        reverse("reviews:learning-summary-download", args=[review.pk, "docx"])
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Recorded ethnicity" not in text and "3 years" not in text


def test_roles_without_case_detail_cannot_download(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    for role in (Role.SCRUTINY, Role.AGENCY_LEAD, Role.NATIONAL_PANEL):
        url = reverse("reviews:learning-summary-download", args=[review.pk, "docx"])
        assert client_as(role).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_only_reviewers_of_the_partnership_can_be_assigned(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    outsider = User.objects.get(username="reviewer@NMSCP")
    response = client_as("manager").post(
        reverse("reviews:assign-reviewer", args=[review.pk]), {"reviewer": outsider.pk}
    )
    assert response.status_code == 400
    assert not review.assigned_reviewers.filter(pk=outsider.pk).exists()


def test_the_register_filters_and_counts(client_as: Callable, partnership: Partnership) -> None:
    make_review(partnership, title="Child J", type="scr_dhr", methodology="scie_systems")
    make_review(partnership, title="Baby L", methodology="reviewer_led")
    finished = make_review(
        partnership, title="Child Q", commissioned=PartialDate(dt.date(2015, 1, 1))
    )
    services.sign_off_review(
        finished, signed_off=PartialDate(dt.date(2016, 6, 1)), acting_user=None
    )
    client = client_as("manager")
    url = reverse("reviews:reviews")

    def titles(**query: str) -> set[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        shown = {review.title for review in response.context["page"].object_list}
        assert len(shown) == response.context["page"].paginator.count
        return shown

    assert titles() == {"Child J", "Baby L", "Child Q"}
    assert titles(type="scr_dhr") == {"Child J"}
    assert titles(methodology="reviewer_led") == {"Baby L", "Child Q"}
    assert titles(status="completed") == {"Child Q"}
    assert titles(overdue="on") == {"Child J", "Baby L"}
    fathers = Theme.objects.get(code="neglect", partnership=None)
    assert titles(theme=str(fathers.pk)) == {"Child J", "Baby L", "Child Q"}
    assert titles(commissioned_from_0="1", commissioned_from_1="1", commissioned_from_2="2016") == {
        "Child J",
        "Baby L",
    }
