"""Every service that writes refuses a person who may not, whatever page calls it.

Defence in depth behind the views: each public function of each app's services.py that writes
is called here for a board member (the scrutiny role, which may only read) and for another
partnership's business manager, and must raise PermissionDenied having written nothing; then
for the system (`acting_user=None`), which must succeed, so the refusal is the permission's and
not the arguments'. A public function found in a services.py and listed in neither WRITES nor
NOT_WRITES fails the suite: a new service says here who may call it.

The exchange's services (the import, being redesigned elsewhere) write in bulk through
`audit.record_many` and are not listed.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from functools import cached_property
from types import ModuleType
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from casereview.accounts import services as accounts
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans import services as actionplans
from casereview.actionplans.models import AgencyAction
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.learning import services as learning
from casereview.learning.models import Theme
from casereview.publication import services as publication
from casereview.publication.choices import Resolution
from casereview.publication.models import AcceptableName, Finding, ThemeSuggestion
from casereview.referrals import services as referrals
from casereview.referrals.models import Child, PanelSubmission, RapidReview, Referral
from casereview.reports import services as reports
from casereview.reviews import services as reviews
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import NationalReview, ParallelProcess, Review
from casereview.scrutiny import services as scrutiny
from casereview.scrutiny.models import ScrutinyComment
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE, acting_in
from casereview.testing.records import (
    make_2023_referral,
    make_action,
    make_contested_referral,
    make_rapid_review,
    make_read_document_file,
    make_review,
    make_theme_suggestion,
)

pytestmark = pytest.mark.django_db

MODULES: tuple[ModuleType, ...] = (
    accounts,
    actionplans,
    learning,
    publication,
    referrals,
    reports,
    reviews,
    scrutiny,
)
PASSWORD = "a-new-password-7Qx-long"
DAY = dt.date(2016, 6, 1)


def app_of(module: ModuleType) -> str:
    return module.__name__.split(".")[1]


def public_functions() -> set[str]:
    return {
        f"{app_of(module)}.{name}"
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


class Records:
    """The records the services are called about, in the home partnership, made on first use
    by the system."""

    @cached_property
    def partnership(self) -> Partnership:
        return Partnership.objects.get(code=HOME_CODE)

    @cached_property
    def agency(self) -> Agency:
        return Agency.objects.filter(partnership=self.partnership).order_by("pk")[0]

    @cached_property
    def membership(self) -> Membership:
        return Membership.objects.get(partnership=self.partnership, role="panel_member")

    @cached_property
    def person(self) -> User:
        return self.membership.user

    @cached_property
    def referral(self) -> Referral:
        return make_contested_referral(self.partnership)

    @cached_property
    def child(self) -> Child:
        return self.referral.children.get()

    @cached_property
    def another_child(self) -> Child:
        return referrals.create_child(
            self.partnership, acting_user=None, pseudonym="Child U", sex="male"
        )

    @cached_property
    def submission(self) -> PanelSubmission:
        return self.referral.panel_submission

    @cached_property
    def rapid_review(self) -> RapidReview:
        """Agreed by the three partners, not yet sent to the Panel."""
        return make_rapid_review(self.partnership, sent=False)

    @cached_property
    def unsigned_rapid_review(self) -> RapidReview:
        return referrals.record_rapid_review(
            make_2023_referral(self.partnership),
            meeting=None,
            recommendation="undecided",
            acting_user=None,
        )

    @cached_property
    def action(self) -> AgencyAction:
        return make_action(self.partnership)

    @cached_property
    def review(self) -> Review:
        return self.action.recommendation.source

    @cached_property
    def national_review(self) -> NationalReview:
        return reviews.add_national_review(
            self.partnership, title="The myth of invisible men", published=DAY, acting_user=None
        )

    @cached_property
    def process(self) -> ParallelProcess:
        return self.review.parallel_processes.get()

    @cached_property
    def held_review(self) -> Review:
        return reviews.hold_review(
            make_review(self.partnership), reason="The trial.", acting_user=None
        )

    @cached_property
    def signed_off_review(self) -> Review:
        review = make_review(self.partnership)
        return reviews.sign_off_review(review, signed_off=DAY, acting_user=None)

    @cached_property
    def review_not_published_why_unknown(self) -> Review:
        """Recorded as not published before the service asked why (an older tracker)."""
        review = make_review(self.partnership)
        Review.objects.filter(pk=review.pk).update(
            status=ReviewStatus.NOT_PUBLISHED, signed_off=DAY
        )
        review.refresh_from_db()
        return review

    @cached_property
    def comment(self) -> ScrutinyComment:
        return scrutiny.comment_on(
            self.referral.decision, text="Why no review?", date=DAY, acting_user=None
        )

    @cached_property
    def theme(self) -> Theme:
        return learning.add_partnership_theme(
            self.partnership, code="local_theme", group="practice", label="Local", acting_user=None
        )

    @cached_property
    def finding(self) -> Finding:
        document = reviews.add_document(
            self.review, kind="overview_report", title="Overview report", acting_user=None
        )
        file = make_read_document_file(document, "Mr Jordan Smith was seen at home.")
        return Finding.objects.get(identifying_check__file=file)

    @cached_property
    def acceptable_name(self) -> AcceptableName:
        return publication.add_acceptable_name(
            self.partnership, "Dr Ada Lovelace", acting_user=None
        )

    @cached_property
    def theme_suggestion(self) -> ThemeSuggestion:
        return make_theme_suggestion(self.review)

    @cached_property
    def reviewer(self) -> User:
        return User.objects.get(username="reviewer@OSCB")

    @cached_property
    def other_person(self) -> User:
        """Someone of the other partnership, with no role in this one."""
        return User.objects.get(username=f"panel_member@{OTHER_CODE}")

    def referral_facts(self) -> dict[str, Any]:
        return {
            "received": PartialDate(dt.date(2016, 3, 3)),
            "referred_by": self.agency,
            "aware": PartialDate(dt.date(2016, 3, 1)),
            "harm": "death",
            "abuse_or_neglect": "suspected",
            "interagency_concern": "unknown",
        }


Call = Callable[[Records, "User | None"], Any]

# Each service that writes, called about records of the home partnership.
WRITES: dict[str, Call] = {
    # accounts
    "accounts.create_partnership": lambda r, u: accounts.create_partnership(
        code="NEWP", name="New partnership", nation="england", acting_user=u
    ),
    "accounts.create_agency": lambda r, u: accounts.create_agency(
        r.partnership, name="Youth Offending Service", kind="other", acting_user=u
    ),
    "accounts.change_agency": lambda r, u: accounts.change_agency(
        r.agency, acting_user=u, name="Renamed agency"
    ),
    "accounts.change_local_authorities": lambda r, u: accounts.change_local_authorities(
        r.partnership, local_authorities=["Oxfordshire", "Cherwell"], acting_user=u
    ),
    "accounts.add_person": lambda r, u: accounts.add_person(
        r.partnership,
        username="new-person",
        full_name="New Person",
        email="new-person@example.org",
        role="panel_member",
        agency=None,
        password=PASSWORD,
        acting_user=u,
    ),
    "accounts.change_person": lambda r, u: accounts.change_person(
        r.membership,
        acting_user=u,
        full_name=r.person.full_name,
        email=r.person.email,
        role="scrutiny",
        agency=None,
        is_active=True,
    ),
    "accounts.set_password": lambda r, u: accounts.set_password(
        r.person, new_password=PASSWORD, acting_user=u
    ),
    "accounts.change_identity": lambda r, u: accounts.change_identity(
        r.person, acting_user=u, full_name="Someone Else", email="someone@example.org"
    ),
    "accounts.add_membership": lambda r, u: accounts.add_membership(
        r.partnership, user=r.other_person, role="reviewer", agency=None, acting_user=u
    ),
    "accounts.add_service_admin": lambda r, u: accounts.add_service_admin(
        username="new-admin",
        full_name="New Admin",
        email="new-admin@example.org",
        password=PASSWORD,
        acting_user=u,
    ),
    "accounts.reset_second_factor": lambda r, u: accounts.reset_second_factor(
        r.person, acting_user=u
    ),
    "accounts.invite_person": lambda r, u: accounts.invite_person(
        r.partnership,
        full_name="Invited Person",
        email="invited@example.org",
        role="panel_member",
        agency=None,
        acting_user=u,
    ),
    "accounts.send_password_link": lambda r, u: accounts.send_password_link(
        r.person, acting_user=u
    ),
    # referrals
    "referrals.create_child": lambda r, u: referrals.create_child(
        r.partnership, acting_user=u, pseudonym="Child V", sex="female"
    ),
    "referrals.change_child": lambda r, u: referrals.change_child(
        r.child, acting_user=u, pseudonym="Child W"
    ),
    "referrals.create_referral": lambda r, u: referrals.create_referral(
        r.partnership, children=[r.another_child], acting_user=u, **r.referral_facts()
    ),
    "referrals.create_referral_with_new_child": lambda r, u: (
        referrals.create_referral_with_new_child(
            r.partnership,
            child={"pseudonym": "Child X", "sex": "male"},
            acting_user=u,
            **r.referral_facts(),
        )
    ),
    "referrals.create_child_in_referral": lambda r, u: referrals.create_child_in_referral(
        r.referral, acting_user=u, pseudonym="Child Y", sex="female"
    ),
    "referrals.add_referral_document": lambda r, u: referrals.add_referral_document(
        r.referral, kind="agency_report", title="Police agency report", acting_user=u
    ),
    "referrals.change_referral": lambda r, u: referrals.change_referral(
        r.referral, acting_user=u, summary="Changed."
    ),
    "referrals.add_child_to_referral": lambda r, u: referrals.add_child_to_referral(
        r.referral, r.another_child, acting_user=u
    ),
    "referrals.record_decision": lambda r, u: referrals.record_decision(
        r.referral,
        date=DAY,
        outcome="review_commissioned",
        rationale="Changed reasons.",
        acting_user=u,
    ),
    "referrals.submit_to_national_panel": lambda r, u: referrals.submit_to_national_panel(
        # a day earlier: a later date could fall after the panel's response
        r.referral,
        submitted=r.submission.submitted - dt.timedelta(days=1),
        acting_user=u,
    ),
    "referrals.record_panel_response": lambda r, u: referrals.record_panel_response(
        r.submission, response="agreed", response_date=DAY, acting_user=u
    ),
    "referrals.answer_panel_challenge": lambda r, u: referrals.answer_panel_challenge(
        r.submission, local_response="The subgroup met again.", acting_user=u
    ),
    "referrals.record_rapid_review": lambda r, u: referrals.record_rapid_review(
        r.rapid_review.referral,
        meeting=DAY,
        recommendation="no_lcspr",
        acting_user=u,
    ),
    "referrals.sign_off_rapid_review": lambda r, u: referrals.sign_off_rapid_review(
        r.unsigned_rapid_review, partner="police", acting_user=u
    ),
    "referrals.send_rapid_review_to_panel": lambda r, u: referrals.send_rapid_review_to_panel(
        r.rapid_review, sent=dt.date(2024, 1, 30), acting_user=u
    ),
    # reviews
    "reviews.create_review": lambda r, u: reviews.create_review(
        r.partnership,
        acting_user=u,
        title="Child S",
        type="scr",
        methodology="reviewer_led",
        commissioned=PartialDate(dt.date(2016, 2, 1)),
    ),
    "reviews.change_review": lambda r, u: reviews.change_review(
        r.review, acting_user=u, summary="Changed."
    ),
    "reviews.hold_review": lambda r, u: reviews.hold_review(
        r.review, reason="The trial.", acting_user=u
    ),
    "reviews.resume_review": lambda r, u: reviews.resume_review(r.held_review, acting_user=u),
    "reviews.sign_off_review": lambda r, u: reviews.sign_off_review(
        r.review, signed_off=DAY, acting_user=u
    ),
    "reviews.publish_review": lambda r, u: reviews.publish_review(
        r.signed_off_review, published=DAY, acting_user=u
    ),
    "reviews.withhold_review": lambda r, u: reviews.withhold_review(
        r.signed_off_review,
        decided_not_to_publish=DAY,
        reason="It would identify the siblings.",
        acting_user=u,
    ),
    "reviews.record_decision_not_to_publish": lambda r, u: reviews.record_decision_not_to_publish(
        r.review_not_published_why_unknown,
        decided_not_to_publish=DAY,
        reason="It would identify the siblings.",
        acting_user=u,
    ),
    "reviews.record_report_sent": lambda r, u: reviews.record_report_sent(
        r.signed_off_review, sent_to_panel=DAY, acting_user=u
    ),
    "reviews.add_parallel_process": lambda r, u: reviews.add_parallel_process(
        r.review, kind="inquest", status="ongoing", acting_user=u
    ),
    "reviews.conclude_parallel_process": lambda r, u: reviews.conclude_parallel_process(
        r.process, acting_user=u
    ),
    "reviews.add_family_contribution": lambda r, u: reviews.add_family_contribution(
        r.review, member="mother", date=DAY, acting_user=u
    ),
    "reviews.add_national_review": lambda r, u: reviews.add_national_review(
        r.partnership, title="Child protection in England", published=DAY, acting_user=u
    ),
    "reviews.change_national_review": lambda r, u: reviews.change_national_review(
        r.national_review, summary="What the Panel found.", acting_user=u
    ),
    "reviews.add_document": lambda r, u: reviews.add_document(
        r.review, kind="overview_report", title="Overview report", acting_user=u
    ),
    "reviews.assign_reviewer": lambda r, u: reviews.assign_reviewer(
        r.review, r.reviewer, acting_user=u
    ),
    "reviews.record_delay_reason": lambda r, u: reviews.record_delay_reason(
        r.review, delay_reason="Awaiting the trial.", acting_user=u
    ),
    "reviews.add_learning_point": lambda r, u: reviews.add_learning_point(
        r.review, text="Another point.", acting_user=u
    ),
    "reviews.change_learning_point": lambda r, u: reviews.change_learning_point(
        r.review.learning_points.get(), text="Changed point.", themes=[], acting_user=u
    ),
    "reviews.save_learning_summary": lambda r, u: reviews.save_learning_summary(
        r.review, acting_user=u, background="What happened."
    ),
    # action plans
    "actionplans.add_recommendation": lambda r, u: actionplans.add_recommendation(
        r.review,
        number=2,
        text="Another recommendation.",
        scope="multi_agency",
        monitored_by="executive",
        acting_user=u,
    ),
    "actionplans.add_action": lambda r, u: actionplans.add_action(
        r.action.recommendation,
        text="Another action.",
        owner_agency=r.agency,
        due=DAY,
        acting_user=u,
    ),
    "actionplans.change_action_status": lambda r, u: actionplans.change_action_status(
        r.action, status="in_progress", acting_user=u
    ),
    "actionplans.add_progress_update": lambda r, u: actionplans.add_progress_update(
        r.action, date=DAY, text="Audit begun.", acting_user=u
    ),
    "actionplans.seat_on_group": lambda r, u: actionplans.seat_on_group(
        r.partnership, group="other_subgroup", user=r.person, acting_user=u
    ),
    # learning
    "learning.add_partnership_theme": lambda r, u: learning.add_partnership_theme(
        r.partnership, code="county_lines_local", group="harm", label="County lines", acting_user=u
    ),
    "learning.change_theme": lambda r, u: learning.change_theme(
        r.theme, label="Renamed", covers="More", acting_user=u
    ),
    "learning.record_learning_event": lambda r, u: learning.record_learning_event(
        r.partnership, date=DAY, title="Briefing", attendance=10, acting_user=u
    ),
    # scrutiny
    "scrutiny.comment_on": lambda r, u: scrutiny.comment_on(
        r.referral.decision, text="Were the partners agreed?", date=DAY, acting_user=u
    ),
    "scrutiny.respond_to_comment": lambda r, u: scrutiny.respond_to_comment(
        r.comment, response="The partners met again.", responded_on=DAY, acting_user=u
    ),
    # publication
    "publication.decide_finding": lambda r, u: publication.decide_finding(
        r.finding, resolution=Resolution.ACCEPTABLE, reason="Named in court.", acting_user=u
    ),
    "publication.check_identifying_details": lambda r, u: publication.check_identifying_details(
        r.finding.identifying_check.file, acting_user=u
    ),
    "publication.add_acceptable_name": lambda r, u: publication.add_acceptable_name(
        r.partnership, "Thames Valley Police", acting_user=u
    ),
    "publication.remove_acceptable_name": lambda r, u: publication.remove_acceptable_name(
        r.acceptable_name, acting_user=u
    ),
    "publication.suggest_themes": lambda r, u: publication.suggest_themes(r.review, acting_user=u),
    "publication.decide_suggestion": lambda r, u: publication.decide_suggestion(
        r.theme_suggestion, accept=False, acting_user=u
    ),
    # reports
    "reports.write_report": lambda r, u: reports.write_report(
        r.partnership, dt.date(2016, 4, 1), dt.date(2017, 3, 31), "json", acting_user=u
    ),
    "reports.save_narrative": lambda r, u: reports.save_narrative(
        r.partnership, dt.date(2016, 4, 1), dt.date(2017, 3, 31), acting_user=u, outcomes="Some."
    ),
    "reports.save_settings": lambda r, u: reports.save_settings(
        r.partnership, acting_user=u, author="the Head of Safeguarding"
    ),
    "reports.save_report_text": lambda r, u: reports.save_report_text(
        r.partnership, dt.date(2016, 4, 1), dt.date(2017, 3, 31), acting_user=u, outcomes="Some."
    ),
}

# Public functions that write nothing a person chooses to change, and why.
NOT_WRITES: dict[str, str] = {
    "accounts.may_change_identity": "a question, asked by pages and by identity_of",
    "accounts.identity_of": "the rule the sign-in services are checked by",
    "accounts.record_sign_in": "the sign-in's own row: whoever signs in",
    "accounts.record_failed_sign_in": "the sign-in's own row: whoever tries",
    "accounts.record_locked_out": "the sign-in's own row: whoever tries",
    "accounts.record_sign_out": "the sign-out's own row",
    "accounts.record_second_factor_failed": "the sign-in's own row: whoever tries",
    "accounts.set_up_second_factor": "only ever the person's own (writes.oneself)",
    "accounts.may_invite": "the rule invite_person is checked by",
    "accounts.accept_invitation": "whoever holds the link sent to their email: the link is the "
    "permission, single-use and expiring",
    "accounts.set_password_by_link": "whoever holds the link sent to their email: the link is "
    "the permission, single-use and expiring",
    "accounts.join_with_account": "a person fully signed in who holds the link: the link is the "
    "permission, single-use and expiring; they act only for themselves (writes.oneself)",
    "actionplans.is_group_member": "a question",
    "actionplans.record_export": "the row of what a page, which checked, gave",
    "referrals.facts_of": "a read",
    "referrals.assessment_of": "a read",
    "referrals.reassess": "sets the stored assessment, unsaved: inside the services and the import",
    "referrals.preview_assessment": "a read of unsaved facts",
    "referrals.asks_notification_with_submission": "a read, for the submission form",
    "referrals.next_reference": "the next number, inside create_referral and the import",
    "referrals.record_rapid_review_download": "the row of what a page, which checked, gave",
    "publication.on_text_read": "the signal that runs the system's check",
    "reports.check_period": "a check of two dates",
    "reports.notes_for": "a question",
    "reports.narrative_for": "a read",
    "reports.settings_for": "a read",
    "reviews.record_download": "the row of what a page, which checked, gave",
}

# Whoever may do anything is refused by another partnership's manager; the board's scrutiny
# may only read, but for its comments (and an agency lead may not read the report).
REFUSED = {
    "reports.write_report": ("agency_lead", HOME_CODE),
    # the scrutineer's own act: refused to an agency lead
    "scrutiny.comment_on": ("agency_lead", HOME_CODE),
}
BOARD_MEMBER = ("scrutiny", HOME_CODE)
OTHER_MANAGER = ("manager", OTHER_CODE)


def test_every_public_service_function_is_listed() -> None:
    found = public_functions()
    listed = set(WRITES) | set(NOT_WRITES)
    assert not set(WRITES) & set(NOT_WRITES)
    assert found - listed == set(), "new services: say in WRITES or NOT_WRITES who may call them"
    assert listed - found == set(), "listed here but no longer in a services.py"


def acting(role_and_code: tuple[str, str]) -> User:
    role, code = role_and_code
    return acting_in(User.objects.get(username=f"{role}@{code}"), code)


def rows_by_people() -> int:
    """Audit rows written for a person (the records called about are made by the system)."""
    return AuditEvent.objects.filter(actor__isnull=False).count()


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_service_refuses_a_person_who_may_not_and_writes_nothing(name: str) -> None:
    records, call = Records(), WRITES[name]
    for refused in (REFUSED.get(name, BOARD_MEMBER), OTHER_MANAGER):
        rows = rows_by_people()
        with pytest.raises(PermissionDenied):
            call(records, acting(refused))
        assert rows_by_people() == rows, f"{refused} was refused, but a row was written"
    rows = AuditEvent.objects.count()
    call(records, None)  # the system may: the refusals above were the permission's
    assert AuditEvent.objects.count() > rows
