"""Issue 11, done means 1: ordinary edits in the pages never make an export that will not import.

Random sequences of the edits the pages make (through the same services, as a business manager)
are applied to a partnership holding the seed's records; the partnership is exported and the
export imported again. It must import with no problems and change nothing: whatever a form
accepts, the import accepts, and what it stores is what the export writes.

Each example runs in a transaction that is rolled back, so every example starts from the seed.
FUZZ_EXAMPLES sets how many examples (40 by default: a few seconds on each database).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from casereview.accounts import services as accounts
from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import services as actionplans
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.core.choices import YesNoUnknown
from casereview.core.partialdates import PartialDate
from casereview.exchange.files import seed_document
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, plan_import
from casereview.learning import services as learning
from casereview.referrals import services as referrals
from casereview.referrals.choices import (
    AbuseOrNeglect,
    CscInvolvement,
    DecisionOutcome,
    Harm,
    PanelResponse,
    Sex,
)
from casereview.referrals.models import Child, PanelSubmission, Referral
from casereview.reviews import services as reviews
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewType,
)
from casereview.reviews.models import LearningPoint, ParallelProcess, Review
from casereview.themes.choices import ThemeGroup
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db(transaction=False)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
# Days before today: today, yesterday, a month, a year and more, and two days in the future
# (which a form refuses).
OFFSETS = (0, 1, 31, 200, 400, 1500, 4000, -1, -30)


class Rollback(Exception):
    """Raised to undo an example's writes once it has been checked."""


def today() -> dt.date:
    return timezone.localdate()


def day(draw: Any) -> dt.date:
    return today() - dt.timedelta(days=draw(st.sampled_from(OFFSETS)))


def partial(draw: Any) -> PartialDate:
    value = day(draw)
    precision = draw(st.sampled_from(("day", "day", "month", "year")))
    iso = {"day": value.isoformat(), "month": value.isoformat()[:7], "year": str(value.year)}
    return PartialDate.parse(iso[precision])


def maybe_partial(draw: Any) -> PartialDate | None:
    return None if draw(st.booleans()) else partial(draw)


def pick(draw: Any, records: list[Any]) -> Any:
    if not records:
        return None
    return records[draw(st.integers(0, len(records) - 1))]


def words(draw: Any) -> str:
    return draw(st.sampled_from(("Agreed at the subgroup.", "Baby R", "Strategy meeting held")))


class Edits:
    """The edits a business manager makes in the pages (and the national panel its responses),
    each drawing what it types."""

    def __init__(self, partnership: Partnership, manager: User, panel: User, draw: Any) -> None:
        self.partnership = partnership
        self.manager = manager
        self.panel = panel
        self.draw = draw

    # What there is to edit

    def agencies(self) -> list[Agency]:
        return list(Agency.objects.filter(partnership=self.partnership))

    def children(self) -> list[Child]:
        return list(Child.objects.filter(partnership=self.partnership))

    def referrals(self) -> list[Referral]:
        return list(Referral.objects.filter(partnership=self.partnership))

    def reviews(self) -> list[Review]:
        return list(Review.objects.filter(partnership=self.partnership))

    def themes(self) -> list[Theme]:
        """Two of the partnership's own themes, if it has added any, and national ones."""
        own = list(Theme.objects.filter(partnership=self.partnership)[:2])
        return own + list(Theme.objects.filter(partnership__isnull=True)[: 5 - len(own)])

    # The edits

    def child_fields(self) -> dict[str, Any]:
        draw = self.draw
        return {
            "pseudonym": draw(st.sampled_from(("Child A", "Baby R", "Child Q"))),
            "sex": draw(st.sampled_from(Sex.values)),
            "age_years": draw(st.one_of(st.none(), st.integers(0, 17))),
            "age_months": draw(st.one_of(st.none(), st.integers(0, 11))),
            "ethnicity": draw(st.sampled_from(("", "White British"))),
            "disability_or_sen": draw(st.sampled_from(YesNoUnknown.values)),
            "cp_plan_at_incident": draw(st.sampled_from(YesNoUnknown.values)),
            "looked_after_at_incident": draw(st.sampled_from(YesNoUnknown.values)),
            "csc_involvement": draw(st.sampled_from(CscInvolvement.values)),
        }

    def add_child(self) -> None:
        referral = pick(self.draw, self.referrals())
        if referral is not None:
            referrals.create_child_in_referral(
                referral, acting_user=self.manager, **self.child_fields()
            )

    def change_child(self) -> None:
        child = pick(self.draw, self.children())
        if child is not None:
            referrals.change_child(child, acting_user=self.manager, **self.child_fields())

    def referral_facts(self) -> dict[str, Any]:
        draw = self.draw
        return {
            "received": partial(draw),
            "aware": maybe_partial(draw),
            "incident_date": maybe_partial(draw),
            "notified": maybe_partial(draw),
            "referred_by": pick(draw, self.agencies()),
            "harm": draw(st.sampled_from(Harm.values)),
            "abuse_or_neglect": draw(st.sampled_from(AbuseOrNeglect.values)),
            "interagency_concern": draw(st.sampled_from(YesNoUnknown.values)),
            "suspected_suicide": draw(st.booleans()),
            "death_in_custody": draw(st.booleans()),
            "summary": words(draw),
        }

    def add_referral(self) -> None:
        referrals.create_referral_with_new_child(
            self.partnership,
            child=self.child_fields(),
            acting_user=self.manager,
            **self.referral_facts(),
        )

    def change_referral(self) -> None:
        referral = pick(self.draw, self.referrals())
        if referral is not None:
            referrals.change_referral(referral, acting_user=self.manager, **self.referral_facts())

    def decide(self) -> None:
        referral = pick(self.draw, self.referrals())
        if referral is not None:
            referrals.record_decision(
                referral,
                date=partial(self.draw),
                outcome=self.draw(st.sampled_from(DecisionOutcome.values)),
                rationale=words(self.draw),
                acting_user=self.manager,
            )

    def submit(self) -> None:
        referral = pick(self.draw, self.referrals())
        if referral is not None:
            referrals.submit_to_national_panel(
                referral, submitted=partial(self.draw), acting_user=self.manager
            )

    def respond(self) -> None:
        submission = pick(
            self.draw, list(PanelSubmission.objects.filter(partnership=self.partnership))
        )
        if submission is None:
            return
        response = self.draw(st.sampled_from(PanelResponse.values))
        referrals.record_panel_response(
            submission,
            response=response,
            response_date=maybe_partial(self.draw),
            acting_user=self.panel,
        )
        if self.draw(st.booleans()):
            referrals.answer_panel_challenge(
                submission, local_response=words(self.draw), acting_user=self.manager
            )

    def commission(self) -> None:
        decided = [r for r in self.referrals() if hasattr(r, "decision")]
        referral = pick(self.draw, decided)
        reviews.create_review(
            self.partnership,
            acting_user=self.manager,
            decision=referral.decision if referral is not None else None,
            children=list(referral.children.all()) if referral is not None else [],
            themes=self.draw(st.sampled_from((self.themes()[:1], []))),
            title=words(self.draw),
            type=self.draw(st.sampled_from(ReviewType.values)),
            methodology=self.draw(st.sampled_from(Methodology.values)),
            commissioned=partial(self.draw),
        )

    def change_review(self) -> None:
        review = pick(self.draw, self.reviews())
        if review is not None:
            reviews.change_review(
                review,
                acting_user=self.manager,
                commissioned=partial(self.draw),
                title=words(self.draw),
            )

    def move_review(self) -> None:
        review = pick(self.draw, self.reviews())
        if review is None:
            return
        step = self.draw(
            st.sampled_from(("hold", "resume", "sign_off", "send", "publish", "withhold"))
        )
        if step == "hold":
            reviews.hold_review(review, reason=words(self.draw), acting_user=self.manager)
        elif step == "resume":
            reviews.resume_review(review, acting_user=self.manager)
        elif step == "sign_off":
            reviews.sign_off_review(review, signed_off=partial(self.draw), acting_user=self.manager)
        elif step == "send":
            reviews.record_report_sent(
                review, sent_to_panel=maybe_partial(self.draw), acting_user=self.manager
            )
        elif step == "publish":
            reviews.publish_review(review, published=partial(self.draw), acting_user=self.manager)
        else:
            reviews.withhold_review(
                review,
                decided_not_to_publish=partial(self.draw),
                reason=words(self.draw),
                published_instead=self.draw(st.sampled_from(("", "A learning summary."))),
                acting_user=self.manager,
            )

    def parallel_process(self) -> None:
        review = pick(self.draw, self.reviews())
        process = pick(
            self.draw, list(ParallelProcess.objects.filter(review__partnership=self.partnership))
        )
        if self.draw(st.booleans()) and process is not None:
            reviews.conclude_parallel_process(process, acting_user=self.manager)
        elif review is not None:
            reviews.add_parallel_process(
                review,
                kind=self.draw(st.sampled_from(ParallelProcessKind.values)),
                status=self.draw(st.sampled_from(ParallelProcessStatus.values)),
                note=words(self.draw),
                acting_user=self.manager,
            )

    def family_and_documents(self) -> None:
        review = pick(self.draw, self.reviews())
        if review is None:
            return
        if self.draw(st.booleans()):
            reviews.add_family_contribution(
                review,
                member=self.draw(st.sampled_from(("Mother", "Father"))),
                date=maybe_partial(self.draw),
                facilitated_by=pick(self.draw, [None, *self.agencies()]),
                acting_user=self.manager,
            )
        else:
            reviews.add_document(
                review,
                kind=self.draw(st.sampled_from(DocumentKind.values)),
                title=words(self.draw),
                url=self.draw(st.sampled_from(("", "https://example.org/report.pdf"))),
                published=maybe_partial(self.draw),
                acting_user=self.manager,
            )

    def learning_point(self) -> None:
        point = pick(
            self.draw, list(LearningPoint.objects.filter(review__partnership=self.partnership))
        )
        if point is not None and self.draw(st.booleans()):
            reviews.change_learning_point(
                point, text=words(self.draw), themes=self.themes()[:2], acting_user=self.manager
            )
            return
        review = pick(self.draw, self.reviews())
        if review is not None:
            reviews.add_learning_point(
                review, text=words(self.draw), themes=self.themes()[1:3], acting_user=self.manager
            )

    def recommendation(self) -> None:
        review = pick(self.draw, self.reviews())
        if review is None:
            return
        actionplans.add_recommendation(
            review,
            number=self.draw(st.integers(1, 4)),
            text=words(self.draw),
            scope=self.draw(st.sampled_from(Scope.values)),
            monitored_by=self.draw(st.sampled_from(MonitoringGroup.values)),
            lead_agency=pick(self.draw, [None, *self.agencies()]),
            acting_user=self.manager,
        )

    def action(self) -> None:
        recommendation = pick(
            self.draw, list(Recommendation.objects.filter(partnership=self.partnership))
        )
        if recommendation is not None:
            actionplans.add_action(
                recommendation,
                text=words(self.draw),
                owner_agency=pick(self.draw, self.agencies()),
                due=partial(self.draw),
                acting_user=self.manager,
            )

    def move_action(self) -> None:
        action = pick(self.draw, list(AgencyAction.objects.filter(partnership=self.partnership)))
        if action is None:
            return
        if self.draw(st.booleans()):
            actionplans.add_progress_update(
                action, date=day(self.draw), text=words(self.draw), acting_user=self.manager
            )
            return
        actionplans.change_action_status(
            action,
            status=self.draw(st.sampled_from(ActionStatus.values)),
            completed=maybe_partial(self.draw),
            cancelled_reason=self.draw(st.sampled_from(("", "Replaced by action 2"))),
            acting_user=self.manager,
        )

    def learning_event(self) -> None:
        agencies = self.agencies()
        chosen = self.draw(st.lists(st.sampled_from(agencies), max_size=3, unique=True))
        learning.record_learning_event(
            self.partnership,
            date=partial(self.draw),
            title=words(self.draw),
            themes=self.themes()[:1],
            reviews=[pick(self.draw, self.reviews())] if self.reviews() else [],
            attendance_by_agency={agency: self.draw(st.integers(0, 30)) for agency in chosen},
            attendance=self.draw(st.one_of(st.none(), st.integers(0, 60))),
            acting_user=self.manager,
        )

    def agency(self) -> None:
        kind = self.draw(st.sampled_from(AgencyKind.values))
        name = self.draw(st.sampled_from(("Thames Valley Police", "Health visiting", "School")))
        agency = pick(self.draw, self.agencies())
        if agency is not None and self.draw(st.booleans()):
            accounts.change_agency(agency, acting_user=self.manager, name=name, kind=kind)
        else:
            accounts.create_agency(self.partnership, name=name, kind=kind, acting_user=self.manager)

    def own_theme(self) -> None:
        learning.add_partnership_theme(
            self.partnership,
            code=self.draw(st.sampled_from(("exploitation_local", "housing_local"))),
            group=self.draw(st.sampled_from(ThemeGroup.values)),
            label=words(self.draw),
            acting_user=self.manager,
        )

    def delay(self) -> None:
        review = pick(self.draw, self.reviews())
        if review is not None:
            reviews.record_delay_reason(
                review, delay_reason=words(self.draw), acting_user=self.manager
            )

    def all(self) -> list[Callable[[], None]]:
        return [
            self.agency,
            self.own_theme,
            self.delay,
            self.add_child,
            self.change_child,
            self.add_referral,
            self.change_referral,
            self.decide,
            self.submit,
            self.respond,
            self.commission,
            self.change_review,
            self.move_review,
            self.parallel_process,
            self.family_and_documents,
            self.learning_point,
            self.recommendation,
            self.action,
            self.move_action,
            self.learning_event,
        ]


@pytest.fixture
def seeded(partnership: Partnership) -> Partnership:
    import_document(seed_document())
    return partnership


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    # Shrinking a failure of many edits takes minutes; set FUZZ_SHRINK=1 to find the shortest.
    phases=[p for p in Phase if p != Phase.shrink or os.environ.get("FUZZ_SHRINK")],
)
@given(data=st.data())
def test_the_export_after_any_edits_in_the_pages_imports_with_nothing_to_change(
    seeded: Partnership, acting_as: Callable[..., User], data: st.DataObject
) -> None:
    manager = acting_as("manager")
    try:
        with transaction.atomic():
            edits = Edits(seeded, manager, acting_as("national_panel"), data.draw)
            for _ in range(data.draw(st.integers(1, 12), label="edits")):
                edit = data.draw(st.sampled_from(edits.all()), label="edit")
                try:
                    with transaction.atomic():
                        edit()
                except ValidationError:
                    pass  # the page shows the error and stores nothing
            exported = export_document(seeded)
            try:
                plan = plan_import(exported, partnership_code=seeded.code)
            except DocumentRejected as rejected:
                pytest.fail(f"the export would not import:\n{rejected}")
            changed = {kind: t for kind, t in plan.tallies.items() if t.created or t.updated}
            assert not plan.changes_anything, f"re-importing the export would change {changed}"
            raise Rollback
    except Rollback:
        pass
