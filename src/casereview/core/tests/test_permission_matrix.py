"""Every URL of the service, for every role, for a stranger, and for another partnership.

The expectations are written here, by hand, independently of the permission table: a change to
who may see what must change this file too. A URL pattern with no line here fails the suite.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME, SHARED_REVIEWER_USERNAME
from casereview.documents.models import DocumentFile, ReferralFile
from casereview.learning.models import LearningEvent
from casereview.publication.models import AcceptableName, Finding, ThemeSuggestion
from casereview.referrals.models import (
    Child,
    Decision,
    PanelSubmission,
    RapidReview,
    Referral,
    ReferralDocument,
)
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import (
    NationalReview,
    ParallelProcess,
    PublishedReview,
    Review,
    ReviewDocument,
)
from casereview.scrutiny.models import ScrutinyComment
from casereview.scrutiny.services import comment_on
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE, signed_in
from casereview.testing.records import (
    make_action,
    make_contested_referral,
    make_document,
    make_document_file,
    make_learning_event,
    make_published_review,
    make_rapid_review,
    make_read_document_file,
    make_referral_document,
    make_referral_file,
    make_review,
    make_theme_suggestion,
)

ROLES = [role.value for role in Role]
OK, FORBIDDEN, NOT_FOUND, TO_SIGN_IN = 200, 403, 404, 302


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def only(status: int, *roles: str, otherwise: int) -> dict[str, int]:
    return {role: status if role in roles else otherwise for role in ROLES}


# How to find, in a partnership, the record a URL's <pk> names.
def an_agency(partnership: Partnership) -> Agency:
    return Agency.objects.filter(partnership=partnership).order_by("pk")[0]


def a_person(partnership: Partnership) -> Membership:
    return Membership.objects.filter(partnership=partnership, role=Role.PANEL_MEMBER).get()


def the_shared_reviewer(partnership: Partnership) -> User:
    """The demo reviewer who belongs to both demo partnerships."""
    return User.objects.get(username=SHARED_REVIEWER_USERNAME)


def the_partnership(partnership: Partnership) -> Partnership:
    return partnership


def a_wrong_link(partnership: Partnership) -> dict[str, object]:
    return {"token": "not-a-token-anyone-was-sent"}


def a_contested_referral(partnership: Partnership) -> Referral:
    existing = Referral.objects.filter(partnership=partnership, panel_submission__isnull=False)
    return existing.first() or make_contested_referral(partnership)


def a_child(partnership: Partnership) -> Child:
    return a_contested_referral(partnership).children.get()


def a_submission(partnership: Partnership) -> PanelSubmission:
    return a_contested_referral(partnership).panel_submission


def a_rapid_review(partnership: Partnership) -> RapidReview:
    """A rapid review sent to the Panel, which the national panel sees."""
    existing = RapidReview.objects.filter(partnership=partnership).first()
    return existing or make_rapid_review(partnership)


def a_review(partnership: Partnership) -> Review:
    return Review.objects.filter(partnership=partnership).first() or make_review(partnership)


def a_reported_review(partnership: Partnership) -> Review:
    """A review whose final report was sent to the Panel: open to scrutiny."""
    from casereview.reviews import services as reviews

    found = Review.objects.filter(partnership=partnership, sent_to_panel__isnull=False).first()
    if found is not None:
        return found
    review = reviews.sign_off_review(
        make_review(partnership), signed_off=dt.date(2016, 6, 1), acting_user=None
    )
    return reviews.record_report_sent(review, sent_to_panel=dt.date(2016, 6, 2), acting_user=None)


def a_decision(partnership: Partnership) -> Decision:
    return a_contested_referral(partnership).decision


def a_scrutiny_comment(partnership: Partnership) -> ScrutinyComment:
    found = ScrutinyComment.objects.filter(partnership=partnership).first()
    return found or comment_on(a_decision(partnership), text="Invented comment.", acting_user=None)


def a_national_review(partnership: Partnership) -> NationalReview:
    from casereview.reviews.services import add_national_review

    found = NationalReview.objects.filter(partnership=partnership).first()
    return found or add_national_review(
        partnership,
        title="The myth of invisible men",
        published=dt.date(2021, 9, 1),
        acting_user=None,
    )


def a_parallel_process(partnership: Partnership) -> ParallelProcess:
    return a_review(partnership).parallel_processes.all()[0]


def holding_a_review(partnership: Partnership) -> dict[str, object]:
    return {"pk": a_review(partnership).pk, "transition": "hold"}


def a_word_learning_summary(partnership: Partnership) -> dict[str, object]:
    return {"pk": a_review(partnership).pk, "file_format": "docx"}


def a_published_review(partnership: Partnership) -> PublishedReview:
    found = Review.objects.filter(partnership=partnership, status=ReviewStatus.PUBLISHED).first()
    return PublishedReview.objects.get(pk=(found or make_published_review(partnership)).pk)


def a_document(partnership: Partnership) -> ReviewDocument:
    review = a_review(partnership)
    return review.documents.first() or make_document(review)


def a_document_file(partnership: Partnership) -> DocumentFile:
    document = a_document(partnership)
    return document.files.first() or make_document_file(document)


def a_finding(partnership: Partnership) -> Finding:
    found = Finding.objects.filter(partnership=partnership).first()
    if found is not None:
        return found
    file = make_read_document_file(
        a_document(partnership), "Mr Jordan Smith was seen by the health visitor."
    )
    return Finding.objects.get(identifying_check__file=file)


def an_acceptable_name(partnership: Partnership) -> AcceptableName:
    return AcceptableName.objects.filter(partnership=partnership).first() or (
        AcceptableName.objects.create(partnership=partnership, name="Dr Ada Lovelace")
    )


def a_theme_suggestion(partnership: Partnership) -> ThemeSuggestion:
    found = ThemeSuggestion.objects.filter(partnership=partnership).first()
    return found or make_theme_suggestion(a_review(partnership))


def a_referral_document(partnership: Partnership) -> ReferralDocument:
    referral = a_contested_referral(partnership)
    return referral.documents.first() or make_referral_document(referral)


def a_referral_file(partnership: Partnership) -> ReferralFile:
    document = a_referral_document(partnership)
    return document.files.first() or make_referral_file(document)


def an_action(partnership: Partnership) -> AgencyAction:
    return AgencyAction.objects.filter(partnership=partnership).first() or make_action(
        partnership, review=a_review(partnership)
    )


def a_recommendation(partnership: Partnership) -> Recommendation:
    return an_action(partnership).recommendation


def the_executive(partnership: Partnership) -> dict[str, object]:
    return {"group": "executive"}


def an_action_plan_workbook(partnership: Partnership) -> dict[str, object]:
    return {"pk": a_review(partnership).pk, "file_format": "xlsx"}


def the_json_figures(partnership: Partnership) -> dict[str, object]:
    return {"file_format": "json"}


def a_learning_event(partnership: Partnership) -> LearningEvent:
    return LearningEvent.objects.filter(partnership=partnership).first() or make_learning_event(
        partnership
    )


def a_pending_import(partnership: Partnership) -> Any:
    """A document its partnership's manager uploaded and has yet to confirm."""
    from casereview.exchange.files import as_json
    from casereview.exchange.models import PendingImport
    from casereview.exchange.selectors import export_document
    from casereview.exchange.services import stage_upload

    manager = Membership.objects.get(partnership=partnership, role=Role.MANAGER).user
    found = PendingImport.objects.filter(partnership=partnership, uploaded_by=manager).first()
    return found or stage_upload(
        partnership,
        uploaded_by=manager,
        file_name="records.json",
        file=io.BytesIO(as_json(export_document(partnership)).encode()),
    )


def a_pending_tracker(partnership: Partnership) -> Any:
    """A tracker of its own its partnership's manager uploaded and is mapping."""
    from casereview.exchange.models import PendingImport
    from casereview.exchange.services import stage_tracker
    from casereview.testing.trackers import build_tracker

    manager = Membership.objects.get(partnership=partnership, role=Role.MANAGER).user
    found = PendingImport.objects.filter(
        partnership=partnership, uploaded_by=manager, holds=PendingImport.Holds.TRACKER
    ).first()
    if found is not None:
        return found
    data, file_name = build_tracker("council", cases=3)
    return stage_tracker(partnership, uploaded_by=manager, file_name=file_name, data=data).pending


@dataclass(frozen=True)
class Expect:
    roles: dict[str, int]
    anonymous: int = TO_SIGN_IN
    record: Callable[[Partnership], Any] | None = None  # None: the URL takes no arguments
    shows_a_record: bool = True  # False where the arguments name no partnership's record
    notes: str = field(default="", compare=False)


ALL_BUT_NATIONAL_PANEL = everyone(OK) | {Role.NATIONAL_PANEL: NOT_FOUND}
MANAGER_ONLY_PAGE = only(OK, Role.MANAGER, otherwise=FORBIDDEN)
MANAGER_ONLY_RECORD = only(OK, Role.MANAGER, otherwise=NOT_FOUND)
CASEWORK_PAGE = only(OK, Role.MANAGER, Role.PANEL_MEMBER, otherwise=FORBIDDEN)
CASEWORK_RECORD = only(OK, Role.MANAGER, Role.PANEL_MEMBER, otherwise=NOT_FOUND)
REVIEW_PAGE = only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.REVIEWER, otherwise=FORBIDDEN)
# The demo reviewer is assigned to the review these pages are about.
REVIEW_RECORD = only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.REVIEWER, otherwise=NOT_FOUND)
LEARNING_PAGE = only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.SCRUTINY, otherwise=FORBIDDEN)
SCRUTINY_PAGE = LEARNING_PAGE
# The scrutineer's pages about a record show what they need to comment on it; the referral
# and review pages themselves stay closed to them.
SCRUTINY_RECORD = only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.SCRUTINY, otherwise=NOT_FOUND)

MATRIX: dict[str, Expect] = {
    "home": Expect(everyone(OK)),
    "cookies": Expect(everyone(OK), anonymous=OK),
    "accessibility": Expect(everyone(OK), anonymous=OK),
    "privacy": Expect(everyone(OK), anonymous=OK),
    "accounts:sign-in": Expect(everyone(OK), anonymous=OK),
    "accounts:sign-out": Expect(everyone(OK)),
    # Signed in with a second factor already: the code page sends them on; setting up a new
    # app is open to each person for themselves.
    "accounts:second-factor": Expect(everyone(TO_SIGN_IN)),
    "accounts:second-factor-setup": Expect(everyone(OK)),
    "accounts:choose-partnership": Expect(everyone(OK)),
    "accounts:change-password": Expect(everyone(OK)),
    "accounts:agencies": Expect(everyone(OK) | {Role.NATIONAL_PANEL: FORBIDDEN}),
    "accounts:agency-add": Expect(MANAGER_ONLY_PAGE),
    "accounts:agency": Expect(ALL_BUT_NATIONAL_PANEL, record=an_agency),
    "accounts:agency-change": Expect(MANAGER_ONLY_RECORD, record=an_agency),
    "accounts:local-authorities": Expect(MANAGER_ONLY_PAGE),
    "accounts:people": Expect(MANAGER_ONLY_PAGE),
    "accounts:person-add": Expect(MANAGER_ONLY_PAGE),
    "accounts:person": Expect(MANAGER_ONLY_RECORD, record=a_person),
    "accounts:person-change": Expect(MANAGER_ONLY_RECORD, record=a_person),
    "accounts:person-new-password": Expect(MANAGER_ONLY_RECORD, record=a_person),
    "accounts:person-reset-second-factor": Expect(MANAGER_ONLY_RECORD, record=a_person),
    "core:audit": Expect(MANAGER_ONLY_PAGE),
    # Service administration: for service administrators only, who hold no role (see below).
    "accounts:service-people": Expect(everyone(FORBIDDEN)),
    "accounts:service-person": Expect(
        everyone(FORBIDDEN), record=the_shared_reviewer, shows_a_record=False
    ),
    "accounts:service-person-change": Expect(
        everyone(FORBIDDEN), record=the_shared_reviewer, shows_a_record=False
    ),
    "accounts:service-person-new-password": Expect(
        everyone(FORBIDDEN), record=the_shared_reviewer, shows_a_record=False
    ),
    "accounts:service-person-reset-second-factor": Expect(
        everyone(FORBIDDEN), record=the_shared_reviewer, shows_a_record=False
    ),
    "accounts:sign-in-attempts": Expect(everyone(FORBIDDEN)),
    "accounts:service-partnerships": Expect(everyone(FORBIDDEN)),
    "accounts:service-partnership-add": Expect(everyone(FORBIDDEN)),
    "accounts:service-partnership": Expect(
        everyone(FORBIDDEN), record=the_partnership, shows_a_record=False
    ),
    "accounts:service-partnership-invite": Expect(
        everyone(FORBIDDEN), record=the_partnership, shows_a_record=False
    ),
    # An invitation's link, for anyone who holds it: a wrong one is not found, whoever asks.
    "accounts:invitation": Expect(
        everyone(NOT_FOUND), anonymous=NOT_FOUND, record=a_wrong_link, shows_a_record=False
    ),
    "referrals:referrals": Expect(CASEWORK_PAGE),
    "referrals:referral-add": Expect(CASEWORK_PAGE),
    "referrals:assess": Expect(CASEWORK_PAGE),
    "referrals:referral": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:referral-change": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:child-add": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:decision": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:document-add": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:submit-to-panel": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:local-response": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:rapid-review": Expect(CASEWORK_RECORD, record=a_contested_referral),
    "referrals:rapid-review-sign-off": Expect(CASEWORK_RECORD, record=a_rapid_review),
    "referrals:rapid-review-send": Expect(CASEWORK_RECORD, record=a_rapid_review),
    # The national panel sees the rapid reviews sent to it, from every partnership.
    "referrals:rapid-review-download": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.NATIONAL_PANEL, otherwise=NOT_FOUND),
        record=a_rapid_review,
    ),
    "referrals:child": Expect(CASEWORK_RECORD, record=a_child),
    "referrals:child-change": Expect(CASEWORK_RECORD, record=a_child),
    "referrals:submissions": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.NATIONAL_PANEL, otherwise=FORBIDDEN)
    ),
    # The national panel sees every partnership's submissions (see the test below).
    "referrals:submission": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.NATIONAL_PANEL, otherwise=NOT_FOUND),
        record=a_submission,
    ),
    "reviews:reviews": Expect(REVIEW_PAGE),
    "reviews:review-add": Expect(CASEWORK_PAGE),
    "reviews:review": Expect(REVIEW_RECORD, record=a_review),
    "reviews:review-change": Expect(REVIEW_RECORD, record=a_review),
    "reviews:transition": Expect(REVIEW_RECORD, record=holding_a_review),
    "reviews:delay": Expect(REVIEW_RECORD, record=a_review),
    # Recording the final report sent is the partnership's, as publishing is.
    "reviews:report-sent": Expect(REVIEW_RECORD | {Role.REVIEWER: FORBIDDEN}, record=a_review),
    "reviews:decision-not-to-publish": Expect(
        REVIEW_RECORD | {Role.REVIEWER: FORBIDDEN}, record=a_review
    ),
    "reviews:process-add": Expect(REVIEW_RECORD, record=a_review),
    "reviews:process-conclude": Expect(REVIEW_RECORD, record=a_parallel_process),
    "reviews:family-add": Expect(REVIEW_RECORD, record=a_review),
    "reviews:document-add": Expect(REVIEW_RECORD, record=a_review),
    "reviews:point-add": Expect(REVIEW_RECORD, record=a_review),
    "reviews:learning-summary": Expect(REVIEW_RECORD, record=a_review),
    "reviews:learning-summary-download": Expect(REVIEW_RECORD, record=a_word_learning_summary),
    # Everyone in a partnership searches; what each finds is tested in search/tests.
    "search:search": Expect(everyone(OK)),
    "documents:document": Expect(REVIEW_RECORD, record=a_document),
    # Published learning is every partnership's, for every role (SEEN_ACROSS_PARTNERSHIPS).
    "library:library": Expect(everyone(OK)),
    "library:published-review": Expect(everyone(OK), record=a_published_review),
    # Beside a review, to those who may see the review.
    "library:reviews-like": Expect(REVIEW_RECORD, record=a_review),
    "documents:upload": Expect(REVIEW_RECORD, record=a_document),
    "documents:file-download": Expect(REVIEW_RECORD, record=a_document_file),
    # An agency's report on a referral is part of the referral: no reviewer, no national panel.
    "documents:referral-document": Expect(CASEWORK_RECORD, record=a_referral_document),
    # Before publication: who may see a review's documents sees their checks and suggested
    # themes; deciding a finding, and the names accepted, are for who may publish.
    "publication:check": Expect(REVIEW_RECORD, record=a_document_file),
    "publication:finding": Expect(CASEWORK_RECORD, record=a_finding),
    "publication:acceptable-names": Expect(CASEWORK_PAGE),
    "publication:remove-acceptable-name": Expect(CASEWORK_RECORD, record=an_acceptable_name),
    "publication:suggested-themes": Expect(REVIEW_RECORD, record=a_review),
    "publication:decide-suggestion": Expect(REVIEW_RECORD, record=a_theme_suggestion),
    "documents:referral-upload": Expect(CASEWORK_RECORD, record=a_referral_document),
    "documents:referral-file-download": Expect(CASEWORK_RECORD, record=a_referral_file),
    "reviews:assign-reviewer": Expect(
        MANAGER_ONLY_RECORD | {Role.PANEL_MEMBER: FORBIDDEN, Role.REVIEWER: FORBIDDEN},
        record=a_review,
    ),
    "learning:in-common": Expect(LEARNING_PAGE),
    "learning:themes": Expect(everyone(OK) | {Role.NATIONAL_PANEL: FORBIDDEN}),
    "learning:theme-add": Expect(MANAGER_ONLY_PAGE),
    "learning:events": Expect(LEARNING_PAGE),
    "learning:event-add": Expect(CASEWORK_PAGE),
    "learning:event": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.SCRUTINY, otherwise=NOT_FOUND),
        record=a_learning_event,
    ),
    "actionplans:my-actions": Expect(
        only(
            OK,
            Role.MANAGER,
            Role.PANEL_MEMBER,
            Role.AGENCY_LEAD,
            Role.REVIEWER,
            otherwise=FORBIDDEN,
        )
    ),
    "actionplans:monitoring": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, otherwise=FORBIDDEN),
        record=the_executive,
        shows_a_record=False,
    ),
    "actionplans:monitoring-workbook": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, otherwise=FORBIDDEN),
        record=the_executive,
        shows_a_record=False,
    ),
    # The demo agency lead's agency owns the action; the demo reviewer is assigned its review.
    "actionplans:action": Expect(
        only(
            OK,
            Role.MANAGER,
            Role.PANEL_MEMBER,
            Role.AGENCY_LEAD,
            Role.REVIEWER,
            otherwise=NOT_FOUND,
        ),
        record=an_action,
    ),
    "actionplans:action-progress": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.AGENCY_LEAD, otherwise=NOT_FOUND),
        record=an_action,
    ),
    "actionplans:action-status": Expect(
        only(OK, Role.MANAGER, Role.PANEL_MEMBER, Role.AGENCY_LEAD, otherwise=NOT_FOUND),
        record=an_action,
    ),
    "actionplans:review-plan": Expect(REVIEW_RECORD, record=a_review),
    "actionplans:review-plan-download": Expect(REVIEW_RECORD, record=an_action_plan_workbook),
    "actionplans:recommendation-add": Expect(
        CASEWORK_RECORD | {Role.REVIEWER: FORBIDDEN}, record=a_review
    ),
    "actionplans:action-add": Expect(
        CASEWORK_RECORD | {Role.REVIEWER: FORBIDDEN}, record=a_recommendation
    ),
    "scrutiny:comments": Expect(SCRUTINY_PAGE),
    "scrutiny:open": Expect(SCRUTINY_PAGE),
    "scrutiny:rapid-review": Expect(SCRUTINY_RECORD, record=a_rapid_review),
    "scrutiny:decision": Expect(SCRUTINY_RECORD, record=a_decision),
    "scrutiny:review": Expect(SCRUTINY_RECORD, record=a_reported_review),
    # Responding is the partnership's: not the scrutineer's own.
    "scrutiny:respond": Expect(CASEWORK_RECORD, record=a_scrutiny_comment),
    # A national review's recommendations and actions are the partnership's, not a reviewer's.
    "reviews:national-reviews": Expect(CASEWORK_PAGE),
    "reviews:national-review-add": Expect(CASEWORK_PAGE),
    "reviews:national-review-change": Expect(CASEWORK_RECORD, record=a_national_review),
    "actionplans:national-review": Expect(CASEWORK_RECORD, record=a_national_review),
    "actionplans:national-recommendation-add": Expect(CASEWORK_RECORD, record=a_national_review),
    "reports:report": Expect(LEARNING_PAGE),
    "reports:narrative": Expect(MANAGER_ONLY_PAGE),
    "reports:download": Expect(LEARNING_PAGE, record=the_json_figures, shows_a_record=False),
    "exchange:index": Expect(MANAGER_ONLY_PAGE),
    "exchange:check": Expect(MANAGER_ONLY_RECORD, record=a_pending_import),
    "exchange:tracker-sheets": Expect(MANAGER_ONLY_RECORD, record=a_pending_tracker),
    "exchange:tracker-columns": Expect(MANAGER_ONLY_RECORD, record=a_pending_tracker),
    "exchange:tracker-values": Expect(MANAGER_ONLY_RECORD, record=a_pending_tracker),
    "exchange:tracker-check": Expect(MANAGER_ONLY_RECORD, record=a_pending_tracker),
    "exchange:export-json": Expect(MANAGER_ONLY_PAGE),
    "exchange:export-xlsx": Expect(MANAGER_ONLY_PAGE),
    "exchange:template": Expect(MANAGER_ONLY_PAGE),
    "exchange:schema": Expect(everyone(OK), anonymous=OK),
    "exchange:schema-v1": Expect(everyone(OK), anonymous=OK),
}

# Records every role of another partnership may still open, and why.
SEEN_ACROSS_PARTNERSHIPS = {
    ("referrals:submission", Role.NATIONAL_PANEL): "the national panel sees all submissions",
    ("referrals:rapid-review-download", Role.NATIONAL_PANEL): (
        "the national panel sees the rapid reviews sent to it"
    ),
    **{
        ("library:published-review", role): "a published review's learning is everyone's"
        for role in ROLES
    },
}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every named URL pattern of the service, with its namespace."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"the URL pattern {pattern.pattern} has no name"
            names.append(namespace + pattern.name)
    return names


def url_for(name: str, partnership: Partnership) -> str:
    expect = MATRIX[name]
    if expect.record is None:
        return reverse(name)
    found = expect.record(partnership)
    return reverse(name, kwargs=found if isinstance(found, dict) else {"pk": found.pk})


def test_every_url_pattern_has_a_line_in_the_matrix() -> None:
    missing = sorted(set(url_names()) - set(MATRIX))
    assert not missing, f"add these URLs to the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - set(url_names()))
    assert not stale, f"these matrix lines name no URL: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_signed_out_visitors(name: str, partnership: Partnership) -> None:
    response = Client().get(url_for(name, partnership))
    assert response.status_code == MATRIX[name].anonymous
    if response.status_code == TO_SIGN_IN:
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_in_its_own_partnership(
    name: str, role: str, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    response = client_as(role, HOME_CODE).get(url_for(name, partnership))
    assert response.status_code == MATRIX[name].roles[role], (
        f"{role} got {response.status_code} on {name}"
    )


RECORD_PAGES = sorted(
    name for name, expect in MATRIX.items() if expect.record is not None and expect.shows_a_record
)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RECORD_PAGES)
def test_records_of_another_partnership_are_not_found(
    name: str, role: str, partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    """Every role of the other demo partnership gets 404 on every record page of this one,
    but for the national panel, whose role is to see every partnership's submissions."""
    response = client_as(role, OTHER_CODE).get(url_for(name, partnership))
    if (name, role) in SEEN_ACROSS_PARTNERSHIPS:
        assert response.status_code == OK
        return
    assert response.status_code == NOT_FOUND
    assert partnership.name not in response.content.decode()


# The service administrator: sign-in administration in every partnership, no case records.
SERVICE_ADMIN_PAGES = {
    "home",
    "cookies",
    "accessibility",
    "privacy",
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:choose-partnership",
    "accounts:change-password",
    "accounts:service-people",
    "accounts:service-person",
    "accounts:service-person-change",
    "accounts:service-person-new-password",
    "accounts:service-person-reset-second-factor",
    "accounts:sign-in-attempts",
    "accounts:service-partnerships",
    "accounts:service-partnership-add",
    "accounts:service-partnership",
    "accounts:service-partnership-invite",
    "accounts:second-factor-setup",
    "accounts:second-factor",  # already verified: sent on to the home page
    "exchange:schema",
    "exchange:schema-v1",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_service_administrator_sees_sign_in_administration_and_no_case_record(
    name: str, partnership: Partnership
) -> None:
    client = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    response = client.get(url_for(name, partnership))
    if name in SERVICE_ADMIN_PAGES:
        expected = TO_SIGN_IN if name == "accounts:second-factor" else OK
        assert response.status_code == expected, (
            f"the service administrator got {response.status_code}"
        )
    else:
        assert response.status_code in (FORBIDDEN, NOT_FOUND), (
            f"the service administrator got {response.status_code} on {name}"
        )


# A person with a role in both demo partnerships: each partnership's manager sees them, and
# may change their role there, but neither may change how they sign in.
SHARED_PERSON_PAGES = {
    "accounts:person": OK,
    "accounts:person-change": OK,
    "accounts:person-new-password": FORBIDDEN,
    "accounts:person-reset-second-factor": FORBIDDEN,
}


@pytest.mark.django_db
@pytest.mark.parametrize("code", [HOME_CODE, OTHER_CODE])
@pytest.mark.parametrize("name", sorted(SHARED_PERSON_PAGES))
def test_a_person_in_two_partnerships(
    name: str, code: str, client_as: Callable[..., Client]
) -> None:
    shared = Membership.objects.get(user__username=SHARED_REVIEWER_USERNAME, partnership__code=code)
    client = client_as(Role.MANAGER, code)
    response = client.get(reverse(name, kwargs={"pk": shared.pk}))
    assert response.status_code == SHARED_PERSON_PAGES[name]
    if SHARED_PERSON_PAGES[name] == FORBIDDEN:
        assert client.post(reverse(name, kwargs={"pk": shared.pk})).status_code == FORBIDDEN
    for other_role in ROLES:
        if other_role != Role.MANAGER:
            other = client_as(other_role, code).get(reverse(name, kwargs={"pk": shared.pk}))
            assert other.status_code == NOT_FOUND
