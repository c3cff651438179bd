"""An invented national data set: every partnership in the country in one database.

150 partnerships of uneven size (a long tail: the biggest, code `BIG`, has 2,500 referrals,
500 reviews and 5,000 actions; about 50,000 referrals in all), with their agencies, people,
children, decisions, rapid reviews, the national panel's submissions and responses, reviews
with their themes and learning, recommendations, actions with progress updates, and an audit
trail sealed as `core.audit` seals it, so `casereview audit verify` accepts it.

Written with bulk_create, not through the services: it measures reads (bench/national.py),
and the services' checks and audit rows would only slow the setting up. Deterministic from a
seed, given the day it is made on. Everything is invented: "Child 00012", "Invented summary".
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, GroupMember, ProgressUpdate, Recommendation
from casereview.core.anchor import reset_anchor
from casereview.core.choices import AuditAction, Nation
from casereview.core.models import GENESIS_HASH, AuditEvent
from casereview.referrals.choices import (
    AbuseOrNeglect,
    DecisionOutcome,
    Framework,
    Harm,
    Outcome,
    PanelResponse,
    RapidReviewRecommendation,
    SafeguardingPartner,
    Sex,
)
from casereview.referrals.models import Child, Decision, PanelSubmission, RapidReview, Referral
from casereview.reviews.choices import Methodology, ReviewStatus, ReviewType
from casereview.reviews.models import LearningPoint, Review
from casereview.themes.models import Theme

BIGGEST_CODE = "BIG"
PARTNERSHIPS = 150
# The biggest partnership at scale 1; the others follow a power law down from it, its
# exponent chosen so that the referrals add up to about NATIONAL_REFERRALS.
BIGGEST_REFERRALS = 2500
NATIONAL_REFERRALS = 50_000
REVIEWS_PER_REFERRAL = 0.2  # 500 of the biggest's 2,500
ACTIONS_PER_REVIEW = 10
RECOMMENDATIONS_PER_REVIEW = 4
SECOND_CHILD = 0.2  # 60,000 children for 50,000 referrals
SUBMITTED = 0.42  # 21,000 panel submissions
AUDIT_ROWS_PER_REFERRAL = 9.5  # 475,000 audit rows
FIRST_DAY = dt.date(2014, 1, 1)
WT2018_FROM = dt.date(2018, 6, 29)
WT2023_FROM = dt.date(2023, 12, 15)
PASSWORD = "national-benchmark-password"
# Every invented person's authenticator key (hex), so a load test can compute their codes.
TOTP_KEY = "3132333435363738393031323334353637383930"
PANEL_USERNAMES = ["national_panel@PANEL", "national_panel2@PANEL", "national_panel3@PANEL"]
AGENCY_KINDS = [
    (AgencyKind.POLICE, "Police"),
    (AgencyKind.CHILDRENS_SOCIAL_CARE, "Children's Social Care"),
    (AgencyKind.HEALTH, "Integrated Care Board"),
    (AgencyKind.EDUCATION, "Education"),
    (AgencyKind.PROBATION, "Probation"),
    (AgencyKind.VOLUNTARY, "Voluntary Sector Forum"),
    (AgencyKind.LEGAL, "Legal Services"),
    (AgencyKind.LOCAL_AUTHORITY_OTHER, "Housing"),
]
BATCH = 2000


@dataclass
class Made:
    """What the generator made, by record, and how long it took."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, number: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + number


def referral_counts(scale: float = 1.0) -> list[int]:
    """Each partnership's referrals, biggest first: a long tail down from the biggest.

    Scaled down, there are fewer partnerships too (at least five), on the same curve."""
    exponent = _tail_exponent()
    number = max(5, min(PARTNERSHIPS, round(PARTNERSHIPS * scale)))
    biggest = BIGGEST_REFERRALS * scale
    return [max(2, round(biggest * (rank + 1) ** -exponent)) for rank in range(number)]


def _tail_exponent() -> float:
    """The power law's exponent that makes 150 partnerships hold NATIONAL_REFERRALS."""
    low, high = 0.0, 2.0
    for _ in range(60):
        middle = (low + high) / 2
        total = sum(BIGGEST_REFERRALS * (rank + 1) ** -middle for rank in range(PARTNERSHIPS))
        low, high = (middle, high) if total > NATIONAL_REFERRALS else (low, middle)
    return (low + high) / 2


def build_national(
    *,
    scale: float = 1.0,
    seed: int = 15,
    today: dt.date | None = None,
    anchor: bool = True,
    progress: Callable[[str], None] = lambda line: None,
) -> Made:
    """Write the national data set into a migrated database that holds no partnership
    named BIG or P002...; `anchor` moves the audit trail's anchor to its new end."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    made = Made()
    builder = _Builder(random.Random(seed), today, made)
    with transaction.atomic():
        panel = builder.panel()
        counts = referral_counts(scale)
        for rank, referrals in enumerate(counts):
            builder.partnership(rank, referrals, panel)
            if rank % 10 == 9 or rank == len(counts) - 1:
                progress(
                    f"{rank + 1} of {len(counts)} partnerships ({_summary(made)}) "
                    f"at {time.perf_counter() - started:.0f} s"
                )
        progress("sealing the audit trail")
        builder.audit_trail()
        progress(f"sealed at {time.perf_counter() - started:.0f} s; committing")
    if anchor:
        builder.anchor()
    made.seconds = time.perf_counter() - started
    return made


def _summary(made: Made) -> str:
    return ", ".join(f"{made.counts.get(n, 0):,} {n}" for n in ("referrals", "reviews", "actions"))


@dataclass
class _Trail:
    """What one partnership's audit rows are about, kept light for the final pass."""

    partnership_id: int
    referrals: int
    people: list[tuple[int, str, str]]  # id, username, role
    records: list[tuple[str, int, str]]  # object type, id, name


class _Builder:
    def __init__(self, chance: random.Random, today: dt.date, made: Made) -> None:
        self.chance = chance
        self.today = today
        self.made = made
        self.password = make_password(PASSWORD)
        self.themes = list(Theme.objects.filter(partnership=None).values_list("pk", flat=True))
        self.trails: list[_Trail] = []

    # People -------------------------------------------------------------------------

    def people(
        self, partnership: Partnership, specs: list[tuple[str, str, Agency | None]]
    ) -> list[User]:
        """Users with one membership each and a confirmed authenticator (TOTP_KEY)."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        users = User.objects.bulk_create(
            [
                User(
                    username=username,
                    full_name=f"{role.replace('_', ' ').title()} of {partnership.code}",
                    email=f"{username.replace('@', '.')}@example.org",
                    password=self.password,
                )
                for username, role, _ in specs
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, partnership=partnership, role=role, agency=agency)
                for user, (_, role, agency) in zip(users, specs, strict=True)
            ]
        )
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=user, name="Authenticator", key=TOTP_KEY, confirmed=True)
                for user in users
            ]
        )
        self.made.add("people", len(users))
        return users

    def panel(self) -> list[User]:
        """The Child Safeguarding Practice Review Panel: its own body, holding no case record;
        its members read the submissions of every partnership."""
        panel = Partnership.objects.create(
            code="PANEL",
            name="Child Safeguarding Practice Review Panel",
            nation=Nation.ENGLAND,
        )
        agency = Agency.objects.create(
            partnership=panel,
            name="Child Safeguarding Practice Review Panel",
            kind=AgencyKind.NATIONAL_PANEL,
        )
        return self.people(panel, [(name, Role.NATIONAL_PANEL, agency) for name in PANEL_USERNAMES])

    # One partnership ------------------------------------------------------------------

    def partnership(self, rank: int, referral_count: int, panel: list[User]) -> None:
        chance = self.chance
        code = BIGGEST_CODE if rank == 0 else f"P{rank + 1:03d}"
        partnership = Partnership.objects.create(
            code=code,
            name=f"{'Bigshire' if rank == 0 else f'Area {rank + 1:03d}'} Safeguarding Children Partnership",
            nation=Nation.ENGLAND,
            local_authorities=[f"{'Bigshire' if rank == 0 else f'Area {rank + 1:03d}'} Council"],
        )
        self.made.add("partnerships", 1)
        kinds = AGENCY_KINDS[: chance.randint(5, len(AGENCY_KINDS))]
        agencies = Agency.objects.bulk_create(
            [
                Agency(partnership=partnership, name=f"{code} {name}", kind=kind)
                for kind, name in kinds
            ]
        )
        self.made.add("agencies", len(agencies))
        specs: list[tuple[str, str, Agency | None]] = [(f"manager@{code}", Role.MANAGER, None)]
        specs += [(f"panel_member{n or ''}@{code}", Role.PANEL_MEMBER, None) for n in range(3)]
        specs += [(f"scrutiny@{code}", Role.SCRUTINY, None)]
        # The first agency lead leads children's social care: the agency with most actions.
        leads = sorted(agencies, key=lambda a: a.kind != AgencyKind.CHILDRENS_SOCIAL_CARE)
        specs += [
            (f"agency_lead{n or ''}@{code}", Role.AGENCY_LEAD, a) for n, a in enumerate(leads)
        ]
        users = self.people(partnership, specs)
        manager, members = users[0], users[1:4]
        GroupMember.objects.bulk_create(
            [
                GroupMember(partnership=partnership, group=group, user=user)
                for group in (MonitoringGroup.EXECUTIVE, MonitoringGroup.PAQA)
                for user in [manager, *members[: 2 if group == MonitoringGroup.PAQA else 1]]
            ]
        )
        referrals = self.referrals(partnership, referral_count, agencies, leads)
        decisions = self.decisions(referrals, members)
        self.panel_submissions(partnership, referrals, panel)
        self.rapid_reviews(partnership, referrals, decisions, agencies)
        reviews = self.reviews(partnership, decisions)
        actions = self.action_plans(partnership, reviews, agencies, leads, manager)
        self.trails.append(
            _Trail(
                partnership.pk,
                referral_count,
                [(u.pk, u.username, role) for u, (_, role, _) in zip(users, specs, strict=True)],
                [("referrals.referral", r.pk, r.reference) for r in referrals]
                + [("reviews.review", r.pk, r.title) for r in reviews]
                + [("actionplans.agencyaction", a.pk, a.text[:80]) for a in actions[::5]],
            )
        )

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.chance.randrange((last - first).days + 1))

    def later(self, day: dt.date, least: int, most: int) -> dt.date | None:
        """A day `least` to `most` days after `day`, or None if that is still to come."""
        result = day + dt.timedelta(days=self.chance.randint(least, most))
        return result if result <= self.today else None

    def referrals(
        self, partnership: Partnership, count: int, agencies: list[Agency], leads: list[Agency]
    ) -> list[Referral]:
        chance = self.chance
        received_days = sorted(self.day_between(FIRST_DAY, self.today) for _ in range(count))
        numbers: dict[int, int] = {}
        referrals = []
        for received in received_days:
            numbers[received.year] = numbers.get(received.year, 0) + 1
            framework = framework_on(received)
            harm = chance.choices(Harm.values, weights=[35, 55, 10])[0]
            referrals.append(
                Referral(
                    partnership=partnership,
                    reference=f"{partnership.code}-{received.year}-{numbers[received.year]:04d}",
                    received=received,
                    aware=received - dt.timedelta(days=chance.randint(0, 3)),
                    incident_date=received - dt.timedelta(days=chance.randint(1, 20)),
                    referred_by=chance.choice(agencies),
                    harm=harm,
                    abuse_or_neglect=chance.choice(AbuseOrNeglect.values),
                    framework=framework,
                    notified=self.later(received, 0, 5) if harm != Harm.OTHER else None,
                    summary=f"Invented summary of a case referred by {chance.choice(leads).name}.",
                    assessed_framework=framework,
                    assessed_outcome=chance.choices(
                        [
                            Outcome.REVIEW_REQUIRED,
                            Outcome.CONSIDER_REVIEW,
                            Outcome.CRITERIA_NOT_MET,
                        ],
                        weights=[25, 45, 30],
                    )[0],
                    assessed_reasons=["Invented for the national benchmark."],
                    notify_by=received + dt.timedelta(days=7),
                    decide_by=received + dt.timedelta(days=30),
                    rapid_review_by=received + dt.timedelta(days=21)
                    if framework != Framework.WT2015
                    else None,
                )
            )
        referrals = Referral.objects.bulk_create(referrals, batch_size=BATCH)
        children = Child.objects.bulk_create(
            [
                Child(
                    partnership=partnership,
                    pseudonym=f"Child {partnership.pk:03d}{n:05d}",
                    sex=chance.choice(Sex.values),
                    age_years=chance.choice([None, *range(18)]),
                )
                for n in range(count + round(count * SECOND_CHILD))
            ],
            batch_size=BATCH,
        )
        Through = Referral.children.through
        links = [Through(referral=r, child=c) for r, c in zip(referrals, children, strict=False)]
        siblings = chance.sample(referrals, len(children) - len(referrals))
        links += [
            Through(referral=r, child=c) for r, c in zip(siblings, children[count:], strict=True)
        ]
        Through.objects.bulk_create(links, batch_size=BATCH)
        self.made.add("referrals", len(referrals))
        self.made.add("children", len(children))
        return referrals

    def decisions(self, referrals: list[Referral], members: list[User]) -> list[Decision]:
        """Most referrals a month old are decided; one in five decided leads to a review."""
        chance = self.chance
        decided = [r for r in referrals if chance.random() < 0.9 and self.later(r.received, 10, 40)]
        reviewed = set(
            chance.sample(
                range(len(decided)), min(len(decided), round(len(referrals) * REVIEWS_PER_REFERRAL))
            )
        )
        decisions = []
        for n, referral in enumerate(decided):
            outcome = (
                DecisionOutcome.REVIEW_COMMISSIONED
                if n in reviewed
                else chance.choices(
                    [DecisionOutcome.NO_REVIEW, DecisionOutcome.ALTERNATIVE_REVIEW],
                    weights=[85, 15],
                )[0]
            )
            decisions.append(
                Decision(
                    referral=referral,
                    date=self.later(referral.received, 10, 40) or self.today,
                    outcome=outcome,
                    rationale="Invented reasons for the decision.",
                    recorded_by=chance.choice(members),
                )
            )
        decisions = Decision.objects.bulk_create(decisions, batch_size=BATCH)
        self.made.add("decisions", len(decisions))
        return decisions

    def panel_submissions(
        self, partnership: Partnership, referrals: list[Referral], panel: list[User]
    ) -> None:
        chance = self.chance
        serious = [r for r in referrals if r.harm != Harm.OTHER]
        chosen = chance.sample(serious, min(len(serious), round(len(referrals) * SUBMITTED)))
        submissions = []
        for referral in chosen:
            submitted = self.later(referral.received, 3, 15)
            if submitted is None:
                continue
            settled = (self.today - submitted).days > 60
            response = chance.choices(
                PanelResponse.values,
                weights=[7, 75, 8, 7, 3] if settled else [60, 40, 0, 0, 0],
            )[0]
            answered = response != PanelResponse.AWAITING
            response_date = self.later(submitted, 5, 45) if answered else None
            if response_date is None:
                response, answered = PanelResponse.AWAITING, False
            asks = response in (
                PanelResponse.CONTESTED,
                PanelResponse.MORE_INFORMATION,
                PanelResponse.NATIONAL_REVIEW,
            )
            replied = asks and chance.random() < 0.7
            submissions.append(
                PanelSubmission(
                    partnership=partnership,
                    referral=referral,
                    submitted=submitted,
                    response=response,
                    response_date=response_date,
                    response_note="Invented response of the Panel." if answered else "",
                    responded_by=chance.choice(panel) if answered else None,
                    local_response="Invented reply of the partnership." if replied else "",
                    reply_due=asks and not replied,
                )
            )
        PanelSubmission.objects.bulk_create(submissions, batch_size=BATCH)
        self.made.add("panel submissions", len(submissions))

    def rapid_reviews(
        self,
        partnership: Partnership,
        referrals: list[Referral],
        decisions: list[Decision],
        agencies: list[Agency],
    ) -> None:
        """Since 2018, a rapid review of each serious incident notified."""
        chance = self.chance
        outcome = {d.referral_id: d.outcome for d in decisions}
        rapid = []
        for referral in referrals:
            if referral.received < WT2018_FROM or referral.harm == Harm.OTHER:
                continue
            meeting = self.later(referral.received, 5, 15)
            decided = outcome.get(referral.pk)
            rapid.append(
                RapidReview(
                    partnership=partnership,
                    referral=referral,
                    meeting=meeting,
                    immediate_actions="Invented immediate actions." if meeting else "",
                    recommendation=RapidReviewRecommendation.UNDECIDED
                    if decided is None
                    else RapidReviewRecommendation.LCSPR
                    if decided == DecisionOutcome.REVIEW_COMMISSIONED
                    else RapidReviewRecommendation.NO_LCSPR,
                    signed_off_by=SafeguardingPartner.values if decided else [],
                    sent_to_panel=self.later(meeting, 1, 6) if meeting and decided else None,
                )
            )
        rapid = RapidReview.objects.bulk_create(rapid, batch_size=BATCH)
        Through = RapidReview.agencies.through
        Through.objects.bulk_create(
            [Through(rapidreview=r, agency=a) for r in rapid for a in chance.sample(agencies, 3)],
            batch_size=BATCH,
        )
        self.made.add("rapid reviews", len(rapid))

    def reviews(self, partnership: Partnership, decisions: list[Decision]) -> list[Review]:
        chance = self.chance
        commissioning = [d for d in decisions if d.outcome == DecisionOutcome.REVIEW_COMMISSIONED]
        reviews = []
        for decision in commissioning:
            commissioned = self.later(decision.date, 0, 14) or decision.date
            reviews.append(self.review(partnership, commissioned, decision.referral.reference))
        reviews = Review.objects.bulk_create(reviews, batch_size=BATCH)
        for decision, review in zip(commissioning, reviews, strict=True):
            decision.review = review
        Decision.objects.bulk_update(commissioning, ["review"], batch_size=BATCH)
        children = Referral.children.through.objects.filter(
            referral_id__in=[d.referral_id for d in commissioning]
        ).values_list("referral_id", "child_id")
        review_of = {d.referral_id: r for d, r in zip(commissioning, reviews, strict=True)}
        Review.children.through.objects.bulk_create(
            [Review.children.through(review=review_of[r], child_id=c) for r, c in children],
            batch_size=BATCH,
        )
        Review.themes.through.objects.bulk_create(
            [
                Review.themes.through(review=r, theme_id=t)
                for r in reviews
                for t in chance.sample(self.themes, chance.randint(2, 4))
            ],
            batch_size=BATCH,
        )
        points = LearningPoint.objects.bulk_create(
            [
                LearningPoint(
                    review=r, text=f"Invented learning point {n} of {r.title}.", position=n
                )
                for r in reviews
                for n in range(1, 4)
            ],
            batch_size=BATCH,
        )
        LearningPoint.themes.through.objects.bulk_create(
            [
                LearningPoint.themes.through(learningpoint=p, theme_id=t)
                for p in points
                for t in chance.sample(self.themes, chance.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        self.made.add("reviews", len(reviews))
        self.made.add("learning points", len(points))
        return reviews

    def review(self, partnership: Partnership, commissioned: dt.date, reference: str) -> Review:
        """A review as far along as its age makes likely."""
        chance = self.chance
        framework = framework_on(commissioned)
        age = (self.today - commissioned).days
        if age < 180:
            status = chance.choices([ReviewStatus.ACTIVE, ReviewStatus.ON_HOLD], weights=[9, 1])[0]
        elif age < 540:
            status = chance.choices(
                [
                    ReviewStatus.ACTIVE,
                    ReviewStatus.ON_HOLD,
                    ReviewStatus.COMPLETED,
                    ReviewStatus.PUBLISHED,
                ],
                weights=[4, 1, 3, 2],
            )[0]
        else:
            status = chance.choices(
                [ReviewStatus.PUBLISHED, ReviewStatus.COMPLETED, ReviewStatus.NOT_PUBLISHED],
                weights=[70, 15, 15],
            )[0]
        signed_off = published = sent = not_published = None
        if status in (ReviewStatus.COMPLETED, ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED):
            signed_off = self.later(commissioned, 150, 400) or self.today
            sent = self.later(signed_off, 7, 30) if framework != Framework.WT2015 else None
        if status == ReviewStatus.PUBLISHED:
            published = self.later(signed_off or commissioned, 30, 120) or self.today
        if status == ReviewStatus.NOT_PUBLISHED:
            not_published = self.later(signed_off or commissioned, 30, 120) or self.today
        held = status == ReviewStatus.ON_HOLD
        return Review(
            partnership=partnership,
            reference=reference.replace("-", "-R-", 1),
            title=f"Child {partnership.pk:03d}{chance.randrange(100_000):05d}",
            type=ReviewType.LCSPR
            if framework != Framework.WT2015
            else chance.choice([ReviewType.SCR, ReviewType.PARTNERSHIP_REVIEW]),
            methodology=chance.choice(Methodology.values),
            framework=framework,
            lead_reviewer=f"Invented Reviewer {chance.randint(1, 60)}",
            commissioned=commissioned,
            signed_off=signed_off,
            published=published,
            status=status,
            sent_to_panel=sent,
            decided_not_to_publish=not_published,
            not_published_reason="Invented reason: the family asked that it not be."
            if not_published
            else "",
            published_instead="An invented learning summary." if not_published else "",
            complete_by=commissioned + dt.timedelta(days=182),
            delay_reason="Invented: awaiting criminal proceedings."
            if status == ReviewStatus.ACTIVE and age > 182
            else "",
            hold_reason="Invented: awaiting the inquest." if held else "",
            held_since=self.later(commissioned, 20, 120) if held else None,
            summary="Invented summary of the review's findings.",
        )

    def action_plans(
        self,
        partnership: Partnership,
        reviews: list[Review],
        agencies: list[Agency],
        leads: list[Agency],
        manager: User,
    ) -> list[AgencyAction]:
        chance = self.chance
        recommendations = Recommendation.objects.bulk_create(
            [
                Recommendation(
                    partnership=partnership,
                    review=review,
                    number=number,
                    text=f"Invented recommendation {number} of {review.title}.",
                    scope=chance.choice(Scope.values),
                    lead_agency=chance.choice(agencies),
                    monitored_by=chance.choices(MonitoringGroup.values, weights=[50, 35, 15])[0],
                )
                for review in reviews
                for number in range(1, RECOMMENDATIONS_PER_REVIEW + 1)
            ],
            batch_size=BATCH,
        )
        # Children's social care owns most actions, as in a real plan.
        weights = [3 if a.kind == AgencyKind.CHILDRENS_SOCIAL_CARE else 1 for a in leads]
        actions = []
        for n, recommendation in enumerate(recommendations):
            review = reviews[n // RECOMMENDATIONS_PER_REVIEW]
            # ten actions a review, over its four recommendations: 3, 3, 2, 2
            for position in range(3 if n % RECOMMENDATIONS_PER_REVIEW < 2 else 2):
                actions.append(
                    self.action(recommendation, review, leads, weights, manager, position)
                )
        actions = AgencyAction.objects.bulk_create(actions, batch_size=BATCH)
        updates = []
        for action in actions:
            if action.last_update is None:
                continue
            first = action.last_update - dt.timedelta(days=chance.randint(20, 200))
            for number in range(chance.randint(1, 3)):
                updates.append(
                    ProgressUpdate(
                        action=action,
                        date=action.last_update
                        if number == 0
                        else self.day_between(first, action.last_update),
                        text=f"Invented progress on the action, note {number + 1}.",
                        written_by=manager,
                    )
                )
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        self.made.add("recommendations", len(recommendations))
        self.made.add("actions", len(actions))
        self.made.add("progress updates", len(updates))
        return actions

    def action(
        self,
        recommendation: Recommendation,
        review: Review,
        leads: list[Agency],
        weights: list[int],
        manager: User,
        position: int,
    ) -> AgencyAction:
        """An action due some months after its review began, done about as often as a real
        one by its due date: some overdue (red), some due soon and quiet (amber)."""
        chance = self.chance
        due = (
            None
            if chance.random() < 0.08
            else review.commissioned + dt.timedelta(days=chance.randint(120, 900))
        )
        overdue_by = (self.today - due).days if due else -1
        if overdue_by > 90:
            status = chance.choices(ActionStatus.values, weights=[4, 9, 55, 27, 5])[0]
        elif overdue_by >= 0:
            status = chance.choices(ActionStatus.values, weights=[20, 50, 25, 5, 0])[0]
        else:
            status = chance.choices(ActionStatus.values, weights=[50, 50, 0, 0, 0])[0]
        done = status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED)
        completed = (
            self.day_between(review.commissioned, min(due or self.today, self.today))
            if done
            else None
        )
        started = status != ActionStatus.NOT_STARTED
        last_update = None
        if started and chance.random() < 0.85:
            last_update = completed or self.day_between(review.commissioned, self.today)
        return AgencyAction(
            partnership_id=recommendation.partnership_id,
            recommendation=recommendation,
            text=f"Invented action {position + 1} on recommendation {recommendation.number} of {review.title}.",
            owner_agency=chance.choices(leads, weights=weights)[0],
            due=due,
            status=status,
            completed=completed,
            cancelled_reason="Invented: overtaken by a national change."
            if status == ActionStatus.CANCELLED
            else "",
            verified_by=manager if status == ActionStatus.VERIFIED else None,
            verified_on=completed if status == ActionStatus.VERIFIED else None,
            last_update=last_update,
            position=position,
        )

    # The audit trail --------------------------------------------------------------------

    def audit_trail(self) -> None:
        """Rows in time order across partnerships, each sealed over the one before it, as
        core.audit.record seals them (so `casereview audit verify` walks them)."""
        chance = self.chance
        first = dt.datetime.combine(FIRST_DAY, dt.time(8), tzinfo=dt.UTC)
        span = int((timezone.now() - first).total_seconds()) - 3600
        moments: list[tuple[int, int]] = []
        for index, trail in enumerate(self.trails):
            rows = round(trail.referrals * AUDIT_ROWS_PER_REFERRAL)
            moments += [(chance.randrange(span), index) for _ in range(rows)]
        moments.sort()
        # After any rows already there (a test database's), as core.audit.record_many appends.
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        previous = previous or GENESIS_HASH
        batch: list[AuditEvent] = []
        for event in self.audit_events(moments, first):
            event.previous_hash = previous
            event.hash = previous = event.compute_hash()
            batch.append(event)
            if len(batch) == 5000:
                write_audit_rows(batch)
                batch = []
        write_audit_rows(batch)
        self.made.add("audit rows", len(moments))

    def audit_events(
        self, moments: list[tuple[int, int]], first: dt.datetime
    ) -> Iterator[AuditEvent]:
        chance = self.chance
        actions = [
            AuditAction.VIEW,
            AuditAction.CHANGE,
            AuditAction.CREATE,
            AuditAction.SIGN_IN,
            AuditAction.DOWNLOAD,
        ]
        for second, index in moments:
            trail = self.trails[index]
            actor_id, username, role = chance.choice(trail.people)
            action = chance.choices(actions, weights=[70, 15, 8, 5, 2])[0]
            if action == AuditAction.SIGN_IN:
                kind, record_id, name = "accounts.user", actor_id, username
            else:
                kind, record_id, name = chance.choice(trail.records)
            changes: dict[str, Any] = {}
            if action == AuditAction.CHANGE:
                changes = {"summary": {"before": "Invented.", "after": "Invented, corrected."}}
            yield AuditEvent(
                occurred_at=first + dt.timedelta(seconds=second),
                actor_id=actor_id,
                actor_username=username,
                role=role,
                partnership_id=trail.partnership_id,
                action=action,
                object_type=kind,
                object_id=str(record_id),
                object_repr=name[:200],
                changes=changes,
                request_id=f"{chance.getrandbits(128):032x}",
            )

    def anchor(self) -> None:
        """Anchor the new trail's end outside the database, as core.audit does after a commit."""
        newest = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
        if newest is not None:
            reset_anchor(*newest)


AUDIT_COLUMNS = [
    "occurred_at",
    "actor_id",
    "actor_username",
    "role",
    "partnership_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "request_id",
    "previous_hash",
    "hash",
]


def write_audit_rows(events: list[AuditEvent]) -> None:
    """Append the rows in their order: on PostgreSQL by COPY, some times faster than INSERT
    for the national trail's 475,000 rows; elsewhere by bulk_create."""
    if connection.vendor != "postgresql":
        AuditEvent.objects.bulk_create(events)
        return
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, beneath Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(AUDIT_COLUMNS)}) FROM STDIN") as copy:
            for event in events:
                copy.write_row(
                    [
                        json.dumps(event.changes) if name == "changes" else getattr(event, name)
                        for name in AUDIT_COLUMNS
                    ]
                )


def framework_on(day: dt.date) -> str:
    """The guidance in force in England on the day."""
    if day >= WT2023_FROM:
        return Framework.WT2023
    if day >= WT2018_FROM:
        return Framework.WT2018
    return Framework.WT2015
