"""The periodic report as a document: the seed's sections, written from the records.

`build()` gathers everything once; the renderers (HTML, PDF, Word) only lay it out. Every
number in a sentence, table or chart comes from `figures.compute()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Agency, GlossaryTerm, Partnership
from casereview.actionplans.choices import ActionStatus, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate
from casereview.core.charts import horizontal_bar_chart
from casereview.referrals import criteria, frameworkwords
from casereview.referrals.choices import DecisionOutcome, Sex
from casereview.referrals.criteria import choose_framework
from casereview.referrals.models import Referral
from casereview.reports import figures as figure_module
from casereview.reports.models import ReportNarrative
from casereview.reports.words import count, join, number, sentence
from casereview.reviews.choices import Methodology, ReviewStatus, ReviewType
from casereview.reviews.models import LearningPoint, Review
from casereview.reviews.selectors import review_decision_not_known
from casereview.themes.models import Theme

GAP = "[To be written: {what}. Add it on the report page for this period.]"
AGE_BAND_WORDS = {
    "under_1": "under one",
    "1_to_5": "aged one to five",
    "6_to_10": "aged six to ten",
    "11_to_15": "aged 11 to 15",
    "16_plus": "aged 16 or over",
    "not_recorded": "of an age not recorded",
}
REFERRER_WORDS = {
    AgencyKind.POLICE: "the police",
    AgencyKind.CHILDRENS_SOCIAL_CARE: "children's social care",
    AgencyKind.HEALTH: "health",
    AgencyKind.EDUCATION: "education",
}


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]]
    numeric: bool = True


@dataclass
class Chart:
    title: str
    rows: list[tuple[str, int]]
    chart_id: str

    @property
    def svg(self) -> SafeString:
        drawn = horizontal_bar_chart(self.title, self.rows, chart_id=self.chart_id)
        return mark_safe(drawn)  # noqa: S308  our own SVG; its labels are escaped as drawn


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    gap: str = ""


@dataclass
class ReportDocument:
    title: str
    partnership: str
    period: str
    figures: dict[str, Any]
    sections: list[Section]
    notes: list[str]


def day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def build(
    partnership: Partnership, start: dt.date, end: dt.date, *, with_notes: bool = False
) -> ReportDocument:
    """The report; `with_notes` adds the notes on the records, for the author only."""
    figures = figure_module.compute(partnership, start, end)
    reviews = list(
        figure_module.reviews_worked_on(partnership, start, end)
        .prefetch_related("themes", "children")
        .order_by("commissioned", "pk")
    )
    narrative = ReportNarrative.objects.filter(
        partnership=partnership, date_from=start, date_to=end
    ).first()
    # The words of the guidance in force at the period's end, as the criteria annex uses.
    code = choose_framework(partnership.nation, end)
    report_words = frameworkwords.words(code)
    sections = [
        introduction(start, end),
        local_context(partnership, figures, reviews),
        narrative_section(
            "National context", narrative, "national_context", "the national context"
        ),
        cases_considered(figures, report_words),
        methodologies(figures),
        family_contribution(narrative, reviews),
        subjects_and_themes(figures),
        learning_in_common(reviews),
        recommendations(figures),
        narrative_section("Outcomes", narrative, "outcomes", "the outcomes of the period"),
        conclusion(partnership, end),
        annex_criteria(partnership, end),
        annex_published_reviews(reviews, code),
        annex_glossary(partnership),
    ]
    return ReportDocument(
        title="Summary report on case reviews",
        partnership=partnership.name,
        period=f"{day(start)} to {day(end)}",
        figures=figures,
        sections=sections,
        notes=quality_notes(partnership, reviews, start, end) if with_notes else [],
    )


def introduction(start: dt.date, end: dt.date) -> Section:
    return Section(
        "1. Introduction",
        [
            f"This report covers the cases considered, the reviews worked on and the action "
            f"taken between {day(start)} and {day(end)}."
        ],
    )


def local_context(
    partnership: Partnership, figures: dict[str, Any], reviews: list[Review]
) -> Section:
    agencies = Agency.objects.filter(partnership=partnership).exclude(
        kind=AgencyKind.NATIONAL_PANEL
    )
    worked = figures["reviews"]["worked_on"]
    statuses = figures["reviews"]["by_status"]
    status_words = join(
        [
            count(
                n,
                "is " + ReviewStatus(code).label.lower()
                if n == 1
                else "are " + ReviewStatus(code).label.lower(),
            ).replace(" review", "")
            for code, n in statuses.items()
        ]
    )
    paragraphs = [
        sentence(f"The subgroup draws its members from {join([a.name for a in agencies])}")
        if agencies
        else "",
        sentence(f"{partnership.name} worked on {count(worked, 'case review')} in the period")
        + (f" Of those, {status_words}." if statuses else ""),
    ]
    published = [(r.title, day) for r in reviews if (day := r.published_partial)]
    if published:
        listed = join([f"{title} ({day.display()})" for title, day in published])
        paragraphs.append(sentence(f"The published reports are {listed}"))
    return Section("2. Local context", [p for p in paragraphs if p])


def narrative_section(
    heading: str, narrative: ReportNarrative | None, attribute: str, what: str
) -> Section:
    text = getattr(narrative, attribute, "") if narrative else ""
    number_prefix = {"National context": "3. ", "Outcomes": "10. "}.get(heading, "")
    if text.strip():
        return Section(
            number_prefix + heading, [p.strip() for p in text.split("\n\n") if p.strip()]
        )
    return Section(number_prefix + heading, gap=GAP.format(what=what))


def cases_considered(figures: dict[str, Any], said: frameworkwords.Words) -> Section:
    referrals = figures["referrals"]
    received = referrals["received"]
    by_kind = referrals["by_referrer_kind"]
    decisions = referrals["decisions"]
    panel = referrals["national_panel"]
    in_kind_order = sorted(by_kind.items(), key=lambda item: AgencyKind.values.index(item[0]))
    referred = [
        (
            f"{number(n)} {'was' if n == 1 else 'were'} referred by "
            if index == 0
            else f"{number(n)} by "
        )
        + REFERRER_WORDS.get(kind, AgencyKind(kind).label.lower())
        for index, (kind, n) in enumerate(in_kind_order)
    ]
    opening = (
        f"{count(received, 'new case was', 'new cases were')} brought to the attention of "
        + said.partners
    )
    paragraphs = [sentence(opening + (f"; {join(referred)}" if referred else ""))]
    if received:
        outcomes = join(
            [
                count(
                    decisions[DecisionOutcome.REVIEW_COMMISSIONED],
                    "review was commissioned",
                    "reviews were commissioned",
                )
                if decisions[DecisionOutcome.REVIEW_COMMISSIONED]
                else "",
                count(
                    decisions[DecisionOutcome.ALTERNATIVE_REVIEW],
                    "case led to an alternative review",
                    "cases led to an alternative review",
                )
                if decisions[DecisionOutcome.ALTERNATIVE_REVIEW]
                else "",
                count(
                    decisions[DecisionOutcome.NO_REVIEW],
                    "case led to no review",
                    "cases led to no review",
                )
                if decisions[DecisionOutcome.NO_REVIEW]
                else "",
                f"{number(decisions['pending'])} {'is' if decisions['pending'] == 1 else 'are'} awaiting a decision"
                if decisions["pending"]
                else "",
            ]
        )
        paragraphs.append(sentence(f"Of these, {outcomes}"))
    paragraphs.append(
        sentence(
            f"{count(panel['submitted'], 'case was', 'cases were')} submitted to {said.panel}"
            + (
                ", which "
                + said.contested_decisions.format(decisions=count(panel["contested"], "decision"))
                if panel["submitted"]
                else ""
            )
        )
    )
    table = Table(
        "Cases referred, by referring agency",
        ["Referred by", "Cases"],
        [[AgencyKind(kind).label, n] for kind, n in by_kind.items()] + [["Total", received]],
    )
    decisions_table = Table(
        "Decisions on the cases referred",
        ["Decision", "Cases"],
        [
            ["Review commissioned", decisions[DecisionOutcome.REVIEW_COMMISSIONED]],
            ["Alternative review", decisions[DecisionOutcome.ALTERNATIVE_REVIEW]],
            ["No review", decisions[DecisionOutcome.NO_REVIEW]],
            ["Awaiting a decision", decisions["pending"]],
        ],
    )
    return Section("4. Cases considered", paragraphs, tables=[table, decisions_table])


def methodologies(figures: dict[str, Any]) -> Section:
    by_methodology = figures["reviews"]["by_methodology"]
    worked = figures["reviews"]["worked_on"]
    described = join(
        [
            f"{number(n)} used the {Methodology(code).label}"
            if code != Methodology.REVIEWER_LED
            else f"{number(n)} {'was' if n == 1 else 'were'} reviewer-led"
            for code, n in by_methodology.items()
        ]
    )
    paragraphs = (
        [sentence(f"Of the {count(worked, 'review')} worked on, {described}")]
        if by_methodology
        else ["No methodology is recorded for the reviews worked on."]
    )
    rows = [[Methodology(code).label, n] for code, n in by_methodology.items()]
    types = [[ReviewType(code).label, n] for code, n in figures["reviews"]["by_type"].items()]
    return Section(
        "5. Methodologies",
        paragraphs,
        tables=[
            Table("Reviews worked on, by methodology", ["Methodology", "Reviews"], rows),
            Table("Reviews worked on, by type", ["Type", "Reviews"], types),
        ],
    )


def family_contribution(narrative: ReportNarrative | None, reviews: list[Review]) -> Section:
    section = narrative_section(
        "Family contribution", narrative, "family_contribution", "the family's contribution"
    )
    section.heading = "6. Family contribution"
    with_family = [r for r in reviews if r.family_contributions.exists()]
    section.paragraphs.insert(
        0,
        sentence(
            f"Family members contributed to {number(len(with_family))} of the {count(len(reviews), 'review')} worked on, as recorded"
        ),
    )
    return section


def subjects_and_themes(figures: dict[str, Any]) -> Section:
    children = figures["children"]
    bands = [
        f"{number(n)} {AGE_BAND_WORDS[band]}" for band, n in children["by_age_band"].items() if n
    ]
    sexes = children["by_sex"]
    paragraphs = [
        sentence(
            f"The reviews worked on concerned {count(children['count'], 'child', 'children')}"
        ),
        sentence(f"By age at the incident: {join(bands)}") if bands else "",
        sentence(
            f"{number(sexes[Sex.FEMALE]).capitalize()} {'was' if sexes[Sex.FEMALE] == 1 else 'were'} female, {number(sexes[Sex.MALE])} male"
            + (
                f", and the sex of {number(sexes[Sex.NOT_RECORDED])} is not recorded"
                if sexes[Sex.NOT_RECORDED]
                else ""
            )
        ),
    ]
    labels = dict(Theme.objects.filter(code__in=figures["themes"]).values_list("code", "label"))
    theme_rows = [(labels.get(code, code), n) for code, n in figures["themes"].items()]
    if theme_rows:
        paragraphs.append(
            sentence(
                f"The themes covered by the reviews were: {join([label.lower() for label, _ in theme_rows])}"
            )
        )
    return Section(
        "7. Subjects and themes",
        [p for p in paragraphs if p],
        tables=[
            Table(
                "Children by age band",
                ["Age at the incident", "Children"],
                [[AGE_BAND_WORDS[b].capitalize(), n] for b, n in children["by_age_band"].items()],
            ),
            Table(
                "Children by sex",
                ["Sex", "Children"],
                [[s.replace("_", " ").capitalize(), n] for s, n in sexes.items()],
            ),
            Table(
                "Themes, by number of reviews",
                ["Theme", "Reviews"],
                [[label, n] for label, n in theme_rows],
            ),
        ],
        charts=[Chart("Themes, by number of reviews", theme_rows, "report-themes")]
        if theme_rows
        else [],
    )


def learning_in_common(reviews: list[Review]) -> Section:
    """The learning points of the published reviews worked on: the report goes to the board,
    which sees published learning, as the seed's section 8 draws on the published reviews."""
    published = [r.pk for r in reviews if r.status == ReviewStatus.PUBLISHED]
    points = (
        LearningPoint.objects.filter(review__in=published)
        .select_related("review")
        .order_by("review__title", "position")
    )
    bullets = [f"{point.text} ({point.review.title})" for point in points]
    paragraphs = (
        ["These are the learning points drawn from the published reviews worked on:"]
        if bullets
        else ["No learning points are recorded for the published reviews worked on."]
    )
    return Section("8. Learning in common", paragraphs, bullets=bullets)


def recommendations(figures: dict[str, Any]) -> Section:
    recs = figures["recommendations"]
    actions = figures["actions"]
    by_status = actions["by_status"]
    paragraphs = [
        sentence(
            f"The reviews signed off in the period led to {count(recs['from_reviews_signed_off'], 'recommendation')}"
            + (
                f", {number(recs['by_scope'][Scope.MULTI_AGENCY])} of them multi-agency"
                if recs["from_reviews_signed_off"]
                else ""
            )
        ),
        sentence(
            f"The reviews worked on have {count(actions['total'], 'agency action')}: "
            + join(
                [f"{number(n)} {ActionStatus(code).label.lower()}" for code, n in by_status.items()]
            )
        )
        if actions["total"]
        else "No agency actions are recorded for the reviews worked on.",
        sentence(
            f"{count(actions['overdue'], 'action was', 'actions were')} overdue at the end of the period"
        )
        if actions["total"]
        else "",
        "Recommended actions are monitored by the executive group; actions led by single agencies by the performance, audit and quality assurance subgroup.",
    ]
    status_rows = [(ActionStatus(code).label, n) for code, n in by_status.items()]
    return Section(
        "9. Recommendations and agency actions",
        [p for p in paragraphs if p],
        tables=[
            Table(
                "Recommendations of reviews signed off, by scope",
                ["Scope", "Recommendations"],
                [
                    ["Multi-agency", recs["by_scope"][Scope.MULTI_AGENCY]],
                    ["Single agency", recs["by_scope"][Scope.SINGLE_AGENCY]],
                ],
            ),
            Table(
                "Agency actions, by status",
                ["Status", "Actions"],
                [[label, n] for label, n in status_rows] + [["Overdue", actions["overdue"]]],
            ),
        ],
        charts=[Chart("Agency actions, by status", status_rows, "report-actions")]
        if status_rows
        else [],
    )


def conclusion(partnership: Partnership, end: dt.date) -> Section:
    ongoing = (
        Review.objects.filter(partnership=partnership, commissioned__lte=end).in_progress().count()
    )
    awaiting = (
        figure_module.Referral.objects.filter(partnership=partnership, received__lte=end)
        .exclude(decision__date__lte=end)
        .count()
    )
    return Section(
        "11. Conclusion",
        [
            sentence(
                f"The partnership has {count(ongoing, 'ongoing review')} and {count(awaiting, 'case', 'cases')} being considered for a review"
            )
        ],
    )


def annex_criteria(partnership: Partnership, end: dt.date) -> Section:
    code = choose_framework(partnership.nation, end)
    module = criteria.FRAMEWORKS[code]
    rules = [" ".join((rule.__doc__ or "").split()) for rule in module.RULES if rule.__doc__]
    return Section(
        "Annex 1: The criteria in force",
        [f"{module.TITLE}. The service applies these rules, in this order:"],
        bullets=rules,
    )


def annex_published_reviews(reviews: list[Review], code: str) -> Section:
    """Each review in the words of its own framework (else the report's)."""
    rows = []
    for review in reviews:
        if not (published := review.published_partial):
            continue
        sign_off = frameworkwords.words(review.framework or code).sign_off
        status = (
            f"{sign_off} {signed_off.display()}; published {published.display()}"
            if (signed_off := review.signed_off_partial)
            else f"Published {published.display()}"
        )
        kind = review.get_type_display() + (
            f", {review.get_methodology_display()}" if review.methodology else ""
        )
        if review.methodology_note:
            kind += f". {review.methodology_note}"
        rows.append(
            [
                review.title,
                review.summary or "Not recorded",
                review.commissioned_partial.display(),
                status,
                kind,
            ]
        )
    return Section(
        "Annex 2: Background on each published review",
        [] if rows else ["No review worked on in the period has been published."],
        tables=[
            Table(
                "Published reviews",
                ["Review", "Summary", "Commissioned", "Status", "Type"],
                rows,
                numeric=False,
            )
        ]
        if rows
        else [],
    )


def annex_glossary(partnership: Partnership) -> Section:
    terms = GlossaryTerm.objects.filter(partnership=partnership).order_by("term")
    return Section(
        "Annex 3: Glossary",
        [] if terms else ["No glossary is recorded."],
        tables=[
            Table(
                "Glossary", ["Term", "Meaning"], [[t.term, t.meaning] for t in terms], numeric=False
            )
        ]
        if terms
        else [],
    )


def quality_notes(
    partnership: Partnership, reviews: list[Review], start: dt.date, end: dt.date
) -> list[str]:
    """What the records leave unknown or contradictory: for the author, never dropped."""
    notes = []
    children = {child.pk: child for review in reviews for child in review.children.all()}.values()
    for child in sorted(children, key=lambda c: c.pseudonym):
        if child.sex == Sex.NOT_RECORDED:
            notes.append(f"{child.pseudonym}: sex not recorded (counted as not recorded).")
        if child.age_years is None:
            notes.append(f"{child.pseudonym}: age not recorded (counted as not recorded).")
    for review in reviews:
        if not review.methodology:
            notes.append(
                f"{review.title}: no methodology recorded (left out of the methodology counts)."
            )
        published, signed_off = review.published_partial, review.signed_off_partial
        if published and signed_off and published.first_day < signed_off.first_day:
            notes.append(
                f"{review.title}: published ({published.display()}) before it was signed off ({signed_off.display()})."
            )
        if not review.children.all():
            notes.append(f"{review.title}: no child recorded.")
        for name in ("commissioned", "signed_off", "published"):
            value = getattr(review, f"{name}_partial")
            if value is not None and value.is_approximate:
                notes.append(
                    f"{review.title}: {name.replace('_', ' ')} date known only as {value.display()} (counted as its first day)."
                )
    referrals = figure_module.referrals_received(partnership, start, end)
    for referral in referrals.filter(aware__isnull=True):
        notes.append(
            f"{referral.reference}: the date the partnership became aware is not recorded, so no deadline could be worked out."
        )
    return notes + unknown_notes(reviews, referrals, end)


# What a partnership's own tracker often does not hold: left unknown, never invented, and
# named here so the author can find it. At most this many records are named in one note.
NAMED = 25


def named(items: list[str], *, between: str = ", ") -> str:
    """The records a note names: the first NAMED of them, and how many more."""
    shown, more = items[:NAMED], len(items) - NAMED
    if more > 0:
        return between.join(shown) + f"{between}and {count(more, 'other')}"
    return join(shown) if between == ", " else between.join(shown)


def action_words(action: AgencyAction) -> str:
    """An action as a note names it: its text, its review and its recommendation."""
    recommendation = action.recommendation
    short = action.text if len(action.text) <= 60 else action.text[:59].rstrip() + "…"
    return f"{short} ({recommendation.review.title}, recommendation {recommendation.number})"


def unknown_notes(reviews: list[Review], referrals: QuerySet[Referral], end: dt.date) -> list[str]:
    """A note for each kind of fact the records leave unknown, naming the records: of the
    actions the report counts, of the decisions it counts and of the reviews worked on."""
    actions = (
        AgencyAction.objects.filter(recommendation__review__in=[r.pk for r in reviews])
        .select_related("recommendation__review")
        .order_by("recommendation__review__commissioned", "recommendation__number", "position")
    )
    found = (
        due_date_note(actions),
        update_date_note(actions),
        reasons_note(referrals.filter(decision__date__lte=end, decision__rationale="")),
        sign_off_note([r.title for r in reviews if r.is_signed_off and r.signed_off is None]),
        not_published_note([r.title for r in reviews if review_decision_not_known(r)]),
    )
    return [note for note in found if note]


def not_published_note(titles: list[str]) -> str:
    if not titles:
        return ""
    return (
        f"{named(titles)}: not published, but when and why the partnership decided so is not "
        "known (record the decision not to publish on the review's page)."
    )


def due_date_note(actions: QuerySet[AgencyAction]) -> str:
    undated = [action_words(a) for a in actions.filter(due__isnull=True)]
    if not undated:
        return ""
    have = "has" if len(undated) == 1 else "have"
    return sentence(
        f"{count(len(undated), 'action')} {have} no due date (not rated, and never counted as overdue): {named(undated, between='; ')}"
    )


def update_date_note(actions: QuerySet[AgencyAction]) -> str:
    updates = ProgressUpdate.objects.filter(action__in=actions, date__isnull=True)
    on = [action_words(a) for a in actions.filter(pk__in=updates.values("action_id"))]
    if not on:
        return ""
    n = updates.count()
    return sentence(
        f"{count(n, 'progress update')} {'has' if n == 1 else 'have'} no date (shown, but never counted as a recent update for the rating), on the {'action' if len(on) == 1 else 'actions'}: {named(on, between='; ')}"
    )


def reasons_note(decided: QuerySet[Referral]) -> str:
    references = [r.reference for r in decided.order_by("received", "pk")]
    if len(references) == 1:
        return f"The decision on referral {references[0]} has no reasons recorded."
    if references:
        return f"The decisions on referrals {named(references)} have no reasons recorded."
    return ""


def sign_off_note(titles: list[str]) -> str:
    if not titles:
        return ""
    dates, are = ("date", "is") if len(titles) == 1 else ("dates", "are")
    return f"{named(titles)}: signed off, but the sign-off {dates} {are} not known (left out of the sign-offs by financial year and the recommendations from reviews signed off)."
