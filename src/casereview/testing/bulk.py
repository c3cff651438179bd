"""Many invented records at once, for query budgets and benchmarks (not through the services:
these measure reads, and the services' audit rows would only slow the setting up)."""

from __future__ import annotations

import datetime as dt
import random

from casereview.accounts.models import Agency, Partnership
from casereview.referrals.choices import AbuseOrNeglect, DecisionOutcome, Framework, Harm, Outcome
from casereview.referrals.models import Child, Decision, Referral


def bulk_referrals(partnership: Partnership, count: int, *, seed: int = 7) -> None:
    """`count` referrals over 2014 to 2024, each about one child, a third of them decided."""
    chance = random.Random(seed)
    agencies = list(Agency.objects.filter(partnership=partnership))
    children = Child.objects.bulk_create(
        [Child(partnership=partnership, pseudonym=f"Child {n:05d}") for n in range(count)]
    )
    start = dt.date(2014, 1, 1)
    referrals = []
    for n in range(count):
        received = start + dt.timedelta(days=chance.randrange(0, 3650))
        referrals.append(
            Referral(
                partnership=partnership,
                reference=f"{partnership.code}-BULK-{n:05d}",
                received=received,
                aware=received - dt.timedelta(days=2),
                referred_by=chance.choice(agencies),
                harm=chance.choice(Harm.values),
                abuse_or_neglect=chance.choice(AbuseOrNeglect.values),
                assessed_framework=Framework.WT2015,
                assessed_outcome=chance.choice(
                    [Outcome.REVIEW_REQUIRED, Outcome.CONSIDER_REVIEW, Outcome.CRITERIA_NOT_MET]
                ),
                assessed_reasons=["Invented for a benchmark."],
                notify_by=received + dt.timedelta(days=5),
                summary="Invented.",
            )
        )
    referrals = Referral.objects.bulk_create(referrals, batch_size=1000)
    Through = Referral.children.through
    Through.objects.bulk_create(
        [Through(referral=r, child=c) for r, c in zip(referrals, children, strict=True)],
        batch_size=1000,
    )
    Decision.objects.bulk_create(
        [
            Decision(
                referral=r,
                date=r.received,
                outcome=DecisionOutcome.NO_REVIEW,
                rationale="Invented.",
            )
            for r in referrals[::3]
        ],
        batch_size=1000,
    )
