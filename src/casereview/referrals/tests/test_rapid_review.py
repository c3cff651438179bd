"""Issue 13: the rapid review of a case under Working Together 2018 and later, its clock, its
Word document for the Panel, and the Panel's response with the partnership's reply."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.shared import Mm

from casereview.accounts.models import Agency, Partnership
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.referrals import services
from casereview.referrals.documents import SECTIONS
from casereview.referrals.models import PanelSubmission, RapidReview, Referral
from casereview.referrals.selectors import deadline_states, overdue
from casereview.testing.forms import version_for
from casereview.testing.records import make_2023_referral, make_rapid_review, make_referral

pytestmark = pytest.mark.django_db


def page_of(client: Client, referral: Referral) -> str:
    return client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def police(partnership: Partnership) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key="tvp")


def rapid_review_state(referral: Referral) -> object:
    referral = Referral.objects.select_related("rapid_review", "decision").get(pk=referral.pk)
    (state,) = [
        s for s in deadline_states(referral, timezone.localdate()) if s.name == "rapid_review_by"
    ]
    return state


def test_the_rapid_review_is_recorded_agreed_by_each_partner_and_sent_to_the_panel(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    today = timezone.localdate()
    referral = make_2023_referral(partnership, aware=today - dt.timedelta(days=3))
    client = client_as("panel_member")
    page = page_of(client, referral)
    assert "No rapid review has been recorded. Send it to the Panel by" in page
    assert "days left" in page or "day left" in page

    url = reverse("referrals:rapid-review", args=[referral.pk])
    response = client.post(
        url,
        {
            **date_fields("meeting", today - dt.timedelta(days=1)),
            "agencies": [str(police(partnership).pk)],
            "immediate_actions": "A strategy meeting for the siblings the same day.",
            "recommendation": "lcspr",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302
    rapid_review = RapidReview.objects.get(referral=referral)
    assert rapid_review.recommendation == "lcspr"
    assert list(rapid_review.agencies.all()) == [police(partnership)]
    page = page_of(client, referral)
    assert "A local child safeguarding practice review" in page
    assert "Thames Valley Police" in page
    assert "Not yet: Local authority, Police, Health (integrated care board)" in page
    assert "Not yet: send by" in page

    send = reverse("referrals:rapid-review-send", args=[rapid_review.pk])
    refused = client.post(
        send, {**date_fields("sent_to_panel", today), "version": version_for(client, send)}
    )
    assert refused.status_code == 400
    assert (
        "Each of the three safeguarding partners agrees the rapid review"
        in refused.content.decode()
    )

    sign_off = reverse("referrals:rapid-review-sign-off", args=[rapid_review.pk])
    for partner in ("police", "health", "local_authority"):
        assert client.post(sign_off, {"partner": partner}).status_code == 302
    rapid_review.refresh_from_db()
    assert rapid_review.signed_off_by == ["local_authority", "police", "health"]
    assert "All three safeguarding partners have agreed" in client.get(sign_off).content.decode()

    response = client.post(
        send, {**date_fields("sent_to_panel", today), "version": version_for(client, send)}
    )
    assert response.status_code == 302
    rapid_review.refresh_from_db()
    assert rapid_review.sent_to_panel == today
    # the Panel sees it among the submissions it responds to
    assert PanelSubmission.objects.get(referral=referral).submitted == today
    page = page_of(client, referral)
    assert "Send it to the Panel by" not in page and "Not yet: send by" not in page
    assert "Rapid review sent to the Panel" in page  # the history
    rows = AuditEvent.objects.filter(object_type="referrals.rapidreview", object_id=rapid_review.pk)
    assert rows.filter(action=AuditAction.CREATE).count() == 1
    assert rows.filter(action=AuditAction.CHANGE).count() == 4  # three sign-offs, then sent


def test_complete_the_rapid_review_is_met_by_sending_it_not_by_a_decision(
    partnership: Partnership,
) -> None:
    referral = make_2023_referral(partnership)  # aware 15 January 2024: long overdue
    services.record_decision(
        referral,
        date=PartialDate(dt.date(2024, 1, 25)),
        outcome="review_commissioned",
        acting_user=None,
    )
    state = rapid_review_state(referral)
    assert not state.met and state.overdue  # type: ignore[attr-defined]
    in_partnership = Referral.objects.filter(partnership=partnership)
    assert referral in overdue(in_partnership, timezone.localdate())

    rapid_review = make_rapid_review(partnership, sent=False)
    assert not rapid_review_state(rapid_review.referral).met  # type: ignore[attr-defined]
    services.send_rapid_review_to_panel(
        rapid_review, sent=PartialDate(dt.date(2024, 1, 26)), acting_user=None
    )
    state = rapid_review_state(rapid_review.referral)
    assert state.met and state.words == "Done"  # type: ignore[attr-defined]
    assert rapid_review.referral not in overdue(in_partnership, timezone.localdate())


def test_the_rapid_review_downloads_as_an_a4_word_document_in_the_panels_shape(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    rapid_review = make_rapid_review(partnership)
    url = reverse("referrals:rapid-review-download", args=[rapid_review.pk])
    response = client_as("manager").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style and str(p.style.name).startswith("Heading")
    ]
    assert headings == list(SECTIONS)
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and abs(width - Mm(210)) < Mm(1)
    assert height is not None and abs(height - Mm(297)) < Mm(1)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert f"Rapid review: {rapid_review.referral.reference}" in text
    assert "Child Q" in text
    assert "A strategy meeting for the siblings the same day." in text
    assert "The rapid review recommends: A local child safeguarding practice review." in text
    assert cells[-6:] == [
        "Local authority",
        "Agreed",
        "Police",
        "Agreed",
        "Health (integrated care board)",
        "Agreed",
    ]
    row = AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).latest("id")
    assert row.object_type == "referrals.rapidreview" and row.object_id == str(rapid_review.pk)


def test_the_national_panel_sees_only_the_rapid_reviews_sent_to_it(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    sent = make_rapid_review(partnership)
    not_sent = make_rapid_review(partnership, sent=False)
    panel = client_as("national_panel", "NMSCP")  # of another partnership: every one's
    ok = panel.get(reverse("referrals:rapid-review-download", args=[sent.pk]))
    assert ok.status_code == 200
    hidden = panel.get(reverse("referrals:rapid-review-download", args=[not_sent.pk]))
    assert hidden.status_code == 404
    submission = sent.referral.panel_submission
    page = panel.get(reverse("referrals:submission", args=[submission.pk])).content.decode()
    assert "The rapid review" in page and "Download the rapid review (Word)" in page


def respond(panel: Client, submission: PanelSubmission, response: str, note: str = "") -> None:
    url = reverse("referrals:submission", args=[submission.pk])
    answer = panel.post(
        url,
        {
            "response": response,
            **date_fields("response_date", timezone.localdate()),
            "note": note,
            "version": version_for(panel, url),
        },
    )
    assert answer.status_code == 302


def test_the_panel_asks_for_more_information_then_agrees_with_the_partnerships_reply(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_rapid_review(partnership).referral
    submission = referral.panel_submission
    panel, manager = client_as("national_panel"), client_as("manager")
    respond(panel, submission, "more_information", note="Send the chronology of health visits.")

    page = page_of(manager, referral)
    assert "The Panel asks for more information." in page
    assert "Send the chronology of health visits." in page
    home = manager.get("/").content.decode()
    assert "The Panel awaits the partnership&#x27;s reply" in home

    url = reverse("referrals:local-response", args=[referral.pk])
    reply = "The chronology was sent to the Panel."
    answer = manager.post(url, {"local_response": reply, "version": version_for(manager, url)})
    assert answer.status_code == 302
    assert "The Panel asks for more information." not in page_of(manager, referral)
    panel_page = panel.get(reverse("referrals:submission", args=[submission.pk])).content.decode()
    assert "The partnership's reply" in panel_page and reply in panel_page

    respond(panel, submission, "agreed")
    page = page_of(manager, referral)
    assert "Agreed" in page and reply in page
    assert "The Panel asks" not in page
    assert "The partnership replied to the Panel" in page  # the history
    panel_page = panel.get(reverse("referrals:submission", args=[submission.pk])).content.decode()
    assert reply in panel_page


def test_a_reply_is_due_again_when_the_panel_asks_again(partnership: Partnership) -> None:
    submission = make_rapid_review(partnership).referral.panel_submission
    day = PartialDate(timezone.localdate())
    services.record_panel_response(
        submission, response="more_information", response_date=day, acting_user=None
    )
    services.answer_panel_challenge(submission, local_response="Sent.", acting_user=None)
    assert not submission.awaits_local_response
    services.record_panel_response(
        submission, response="national_review", response_date=day, acting_user=None
    )
    assert submission.awaits_local_response
    assert submission.what_the_panel_asks == "The Panel is considering a national review."


def test_the_decision_records_the_matters_for_a_local_review_from_2018(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    client = client_as("manager")
    earlier = make_referral(partnership)  # Working Together 2015
    url = reverse("referrals:decision", args=[earlier.pk])
    assert "What the case shows" not in client.get(url).content.decode()

    referral = make_2023_referral(partnership)
    url = reverse("referrals:decision", args=[referral.pk])
    assert "What the case shows" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            **date_fields("date", dt.date(2024, 2, 1)),
            "outcome": "review_commissioned",
            "rationale": "Agreed at the rapid review.",
            "considerations": ["multi_agency_concern", "recurrent_themes"],
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302
    referral.decision.refresh_from_db()
    assert referral.decision.considerations == ["recurrent_themes", "multi_agency_concern"]
    page = page_of(client, referral)
    assert "It highlights concerns about two or more organisations working together" in page


def test_a_case_before_2018_has_no_rapid_review(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    assert "Record the rapid review" not in page_of(client_as("manager"), referral)
    assert "Record the rapid review" in page_of(
        client_as("manager"), make_2023_referral(partnership)
    )
