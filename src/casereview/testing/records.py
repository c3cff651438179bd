"""Invented records for tests, made through the services as a person would make them."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans import services as action_services
from casereview.actionplans.choices import MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction
from casereview.core.choices import YesNoUnknown
from casereview.core.partialdates import PartialDate
from casereview.documents.models import DocumentFile, ReferralFile
from casereview.documents.services import upload_file
from casereview.learning import services as learning_services
from casereview.learning.models import LearningEvent
from casereview.referrals import services
from casereview.referrals.choices import (
    AbuseOrNeglect,
    DecisionOutcome,
    Framework,
    Harm,
    PanelResponse,
    RapidReviewRecommendation,
    ReferralDocumentKind,
    SafeguardingPartner,
    Sex,
)
from casereview.referrals.models import RapidReview, Referral, ReferralDocument
from casereview.reviews import services as review_services
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewType,
)
from casereview.reviews.models import NationalReview, Review, ReviewDocument
from casereview.themes.models import Theme


def make_referral(partnership: Partnership, **overrides: Any) -> Referral:
    """A referral of a death with suspected neglect, known since 1 March 2016 (WT2015)."""
    agency = Agency.objects.filter(partnership=partnership).order_by("pk").first()
    facts = {
        "received": PartialDate(dt.date(2016, 3, 3)),
        "referred_by": agency,
        "aware": PartialDate(dt.date(2016, 3, 1)),
        "incident_date": None,
        "harm": Harm.DEATH,
        "suspected_suicide": False,
        "death_in_custody": False,
        "abuse_or_neglect": AbuseOrNeglect.SUSPECTED,
        "interagency_concern": YesNoUnknown.UNKNOWN,
        "framework": "",
        "notified": None,
        "summary": "Invented case for a test.",
    }
    child = overrides.pop("child", {"pseudonym": "Child T", "sex": Sex.FEMALE})
    facts.update(overrides)
    return services.create_referral_with_new_child(
        partnership, child=child, acting_user=None, **facts
    )


def make_contested_referral(partnership: Partnership) -> Referral:
    referral = make_referral(partnership)
    services.record_decision(
        referral,
        date=PartialDate(dt.date(2016, 4, 1)),
        outcome=DecisionOutcome.NO_REVIEW,
        rationale="Invented reasons.",
        acting_user=None,
    )
    submission = services.submit_to_national_panel(
        referral, submitted=PartialDate(dt.date(2016, 4, 4)), acting_user=None
    )
    services.record_panel_response(
        submission,
        response=PanelResponse.CONTESTED,
        response_date=PartialDate(dt.date(2016, 4, 20)),
        note="Invented challenge.",
        acting_user=None,
    )
    referral.refresh_from_db()
    return referral


def make_review(partnership: Partnership, **overrides: Any) -> Review:
    """An active serious case review commissioned on 4 January 2016, assigned to the
    partnership's demo reviewer, held up by criminal proceedings, with one learning point."""
    fields: dict[str, Any] = {
        "title": "Child R",
        "type": ReviewType.SCR,
        "methodology": Methodology.REVIEWER_LED,
        "commissioned": PartialDate(dt.date(2016, 1, 4)),
        "summary": "Invented review for a test.",
    }
    fields.update(overrides)
    neglect = Theme.objects.get(code="neglect", partnership=None)
    review = review_services.create_review(
        partnership, acting_user=None, themes=[neglect], **fields
    )
    reviewer = User.objects.filter(
        memberships__partnership=partnership, memberships__role=Role.REVIEWER
    ).first()
    if reviewer is not None:
        review_services.assign_reviewer(review, reviewer, acting_user=None)
    review_services.add_parallel_process(
        review,
        kind=ParallelProcessKind.CRIMINAL_PROCEEDINGS,
        status=ParallelProcessStatus.ONGOING,
        note="Trial listed.",
        acting_user=None,
    )
    review_services.add_learning_point(
        review,
        text="Think about the role of the father in the family system.",
        themes=[Theme.objects.get(code="engaging_fathers", partnership=None)],
        acting_user=None,
    )
    return review


def make_published_review(
    partnership: Partnership,
    *,
    themes: tuple[str, ...] = ("neglect",),
    background: str = "An invented account of what happened, without identifying detail.",
    published: dt.date = dt.date(2016, 9, 1),
    **overrides: Any,
) -> Review:
    """A review signed off and published (`make_review`'s, with these national themes), with a
    learning summary whose background is `background`."""
    review = make_review(partnership, **overrides)
    review_services.change_review(
        review,
        acting_user=None,
        themes=[Theme.objects.get(code=code, partnership=None) for code in themes],
    )
    review_services.sign_off_review(review, signed_off=dt.date(2016, 6, 1), acting_user=None)
    review_services.save_learning_summary(review, acting_user=None, background=background)
    return review_services.publish_review(review, published=published, acting_user=None)


def make_learning_event(partnership: Partnership) -> LearningEvent:
    agency = Agency.objects.filter(partnership=partnership).order_by("pk")[0]
    return learning_services.record_learning_event(
        partnership,
        date=PartialDate(dt.date(2016, 11, 15)),
        title="Domestic abuse in the family home and between peers",
        themes=[Theme.objects.get(code="domestic_abuse", partnership=None)],
        attendance_by_agency={agency: 12},
        acting_user=None,
    )


def make_action(partnership: Partnership, **overrides: Any) -> AgencyAction:
    """An action for the agency of the partnership's demo agency lead, under recommendation 1
    of a review, due on 31 March 2017."""
    review = overrides.pop("review", None) or make_review(partnership)
    lead = Membership.objects.filter(partnership=partnership, role=Role.AGENCY_LEAD)[0]
    owner = overrides.pop("owner_agency", None) or lead.agency
    assert owner is not None, "the demo agency lead works for an agency"
    recommendation = review.recommendations.first() or action_services.add_recommendation(
        review,
        number=1,
        text="Agencies should involve fathers and male carers in assessments.",
        scope=Scope.MULTI_AGENCY,
        monitored_by=overrides.pop("monitored_by", MonitoringGroup.EXECUTIVE),
        acting_user=None,
    )
    return action_services.add_action(
        recommendation,
        text=overrides.pop("text", "Audit the recording of fathers in assessments."),
        owner_agency=owner,
        due=overrides.pop("due", PartialDate(dt.date(2017, 3, 31))),
        acting_user=None,
    )


def make_national_review(partnership: Partnership, **overrides: Any) -> NationalReview:
    """The Panel's "The myth of invisible men" (September 2021), as the partnership records it."""
    return review_services.add_national_review(
        partnership,
        title=overrides.pop("title", "The myth of invisible men"),
        published=overrides.pop("published", PartialDate.parse("2021-09")),
        acting_user=overrides.pop("acting_user", None),
        **overrides,
    )


def make_2023_referral(partnership: Partnership, aware: dt.date | None = None) -> Referral:
    """A referral under Working Together 2023 of a child seriously harmed by suspected abuse,
    which the partnership learnt of on `aware` (15 January 2024 unless given) and notified
    the next day."""
    aware = aware or dt.date(2024, 1, 15)
    return make_referral(
        partnership,
        received=PartialDate(aware),
        aware=PartialDate(aware),
        notified=PartialDate(aware + dt.timedelta(days=1)),
        harm=Harm.SERIOUS_HARM,
        framework=Framework.WT2023,
        child={"pseudonym": "Child Q", "sex": Sex.MALE},
    )


def make_rapid_review(partnership: Partnership, *, sent: bool = True) -> RapidReview:
    """The rapid review of a 2023 case, held on 22 January 2024, drawing on the partnership's
    first agency, recommending a local review, agreed by the three safeguarding partners and
    (unless `sent` is False) sent to the Panel on 26 January 2024."""
    referral = make_2023_referral(partnership)
    agency = Agency.objects.filter(partnership=partnership).order_by("pk")[0]
    rapid_review = services.record_rapid_review(
        referral,
        meeting=PartialDate(dt.date(2024, 1, 22)),
        recommendation=RapidReviewRecommendation.LCSPR,
        immediate_actions="A strategy meeting for the siblings the same day.",
        agencies=[agency],
        acting_user=None,
    )
    for partner in SafeguardingPartner:
        services.sign_off_rapid_review(rapid_review, partner=partner, acting_user=None)
    if sent:
        services.send_rapid_review_to_panel(
            rapid_review, sent=PartialDate(dt.date(2024, 1, 26)), acting_user=None
        )
    return rapid_review


def make_document(review: Review, **overrides: Any) -> ReviewDocument:
    """A chronology of the review, with no file yet."""
    fields: dict[str, Any] = {"kind": DocumentKind.OTHER, "title": "Combined chronology"}
    fields.update(overrides)
    return review_services.add_document(review, acting_user=None, **fields)


def make_document_file(document: ReviewDocument, text: str = "An invented note.\n") -> DocumentFile:
    """A text file kept as the document's newest version."""
    body = text.encode()
    return upload_file(document, BytesIO(body), name="note.txt", size=len(body), acting_user=None)


def make_referral_document(referral: Referral, **overrides: Any) -> ReferralDocument:
    """An agency's report on the referred case, from the referring agency, with no file yet."""
    fields: dict[str, Any] = {
        "kind": ReferralDocumentKind.AGENCY_REPORT,
        "title": "Health agency report",
        "agency": referral.referred_by,
    }
    fields.update(overrides)
    return services.add_referral_document(referral, acting_user=None, **fields)


def make_referral_file(
    document: ReferralDocument, text: str = "An invented note.\n"
) -> ReferralFile:
    """A text file kept as the referral document's newest version."""
    body = text.encode()
    return upload_file(document, BytesIO(body), name="note.txt", size=len(body), acting_user=None)


def make_read_document_file(document: ReviewDocument, text: str) -> DocumentFile:
    """A text file kept as the document's newest version, its text read into pages (split at
    form feeds) and checked for identifying details, as the worker does."""
    from casereview.documents.services import store_text
    from casereview.publication.services import check_identifying_details

    file = make_document_file(document, text)
    store_text(file)
    check_identifying_details(file)
    return file


def make_theme_suggestion(review: Review, code: str = "neglect") -> Any:
    """A national theme suggested for the review, as suggest_themes leaves one, undecided."""
    from casereview.publication.models import ThemeSuggestion

    return ThemeSuggestion.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        theme=Theme.objects.get(partnership=None, code=code),
        sentences=["An invented sentence that supports it."],
        score=1.0,
    )
