"""Referrals assessed before issue 13 are assessed again where the rules changed (ADR 0005:
re-assessing old records is a deliberate data migration).

- An incident that is not notifiable (abuse and neglect not suspected, and not the death of a
  looked-after child) loses the deadlines it was given, so nothing about it shows as overdue.
- A referral assessed under Working Together 2010 gets that edition's outcome and reasons as
  the guidance states them (serious harm needs abuse or neglect and a concern about working
  together). Its deadlines were and stay empty.

No other referral is touched: deadlines computed on an older bank holiday calendar stay as
they were. Going back leaves the corrected assessments in place (the old ones were wrong).
"""

from django.db import migrations


def looked_after_ids(Referral):
    return set(
        Referral.objects.filter(children__looked_after_at_incident="yes").values_list(
            "pk", flat=True
        )
    )


def clear_deadlines_not_notifiable(Referral):
    looked_after = looked_after_ids(Referral)
    dated = Referral.objects.filter(abuse_or_neglect="not_suspected").exclude(
        notify_by=None, decide_by=None, rapid_review_by=None
    )
    not_notifiable = [
        pk
        for pk, harm in dated.values_list("pk", "harm")
        if not (harm == "death" and pk in looked_after)
    ]
    Referral.objects.filter(pk__in=not_notifiable).update(
        notify_by=None, decide_by=None, rapid_review_by=None
    )


def answer(values):
    values = list(values)
    if "yes" in values:
        return "yes"
    return "no" if values and all(v == "no" for v in values) else "unknown"


def reassess_wt2010(Referral):
    from casereview.referrals.criteria import Facts, assess

    for referral in Referral.objects.filter(assessed_framework="wt2010").prefetch_related(
        "children"
    ):
        children = list(referral.children.all())
        facts = Facts(
            harm=referral.harm,
            abuse_or_neglect=referral.abuse_or_neglect,
            interagency_concern=referral.interagency_concern,
            suspected_suicide=referral.suspected_suicide,
            death_in_custody=referral.death_in_custody,
            protection_plan_or_looked_after=answer(
                v for c in children for v in (c.cp_plan_at_incident, c.looked_after_at_incident)
            ),
            looked_after_at_incident=answer(c.looked_after_at_incident for c in children),
            aware=referral.aware,
            received=referral.received,
            notified=referral.notified,
        )
        found = assess(facts, referral.partnership.nation, "wt2010")
        referral.assessed_outcome = found.outcome
        referral.assessed_reasons = list(found.reasons)
        referral.save(update_fields=["assessed_outcome", "assessed_reasons"])


def reassess(apps, schema_editor):
    Referral = apps.get_model("referrals", "Referral")
    clear_deadlines_not_notifiable(Referral)
    reassess_wt2010(Referral)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_decision_rationale_may_be_blank"),
    ]

    operations = [migrations.RunPython(reassess, migrations.RunPython.noop)]
