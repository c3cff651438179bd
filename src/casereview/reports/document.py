"""The report as a document: the periodic report's sections (the seed's), or the yearly
report's, written from the records.

`build()` gathers everything once; the renderers (HTML, PDF, Word) only lay it out. Every
number in a sentence, table or chart comes from `figures.compute()`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import GlossaryTerm, Partnership
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.charts import horizontal_bar_chart
from casereview.core.choices import YesNoUnknown
from casereview.learning.models import LearningEvent
from casereview.referrals import criteria, frameworkwords
from casereview.referrals.choices import (
    DecisionOutcome,
    Framework,
    RapidReviewRecommendation,
    Sex,
)
from casereview.referrals.criteria import choose_framework
from casereview.referrals.models import Referral
from casereview.reports import figures as figure_module
from casereview.reports.models import ReportNarrative, ReportSettings
from casereview.reports.words import count, join, none, noun, number, of, sentence, verb
from casereview.reviews.choices import Methodology, ReviewStatus, ReviewType
from casereview.reviews.models import FamilyContribution, LearningPoint, Review
from casereview.reviews.selectors import review_decision_not_known
from casereview.themes.models import Theme

# The report page's link to the form where people write what only they can, and the gap the
# paper leaves until they have: the same words in both places.
WRITE_TEXT = "Write the report's text"
GAP = "[To be written: {what}. " + WRITE_TEXT + " on the report page for this period.]"
SETTING_GAP = "[{what}: not set. " + WRITE_TEXT + " on the report page.]"
NOTES_HEADING = "Notes on the records, for the author"


Link = tuple[str, str]  # the words of a link, and where it goes


class Note(str):
    """A note on the records, for the author: its text, and the pages where each record it
    names can be put right (the report page links them; the files print the text alone)."""

    links: tuple[Link, ...]

    def __new__(cls, text: str, links: list[Link] | tuple[Link, ...] = ()) -> Note:
        note = super().__new__(cls, text)
        note.links = tuple(links)
        return note


def child_link(child: Any) -> Link:
    return (f"Change {child.pseudonym}", reverse("referrals:child-change", args=[child.pk]))


def review_link(review: Review) -> Link:
    return (f"Change {review.title}", reverse("reviews:review", args=[review.pk]))


def referral_link(referral: Referral) -> Link:
    return (
        f"Change referral {referral.reference}",
        reverse("referrals:referral-change", args=[referral.pk]),
    )


def action_link(action: AgencyAction) -> Link:
    return (
        f"Change the action: {action_words(action)}",
        reverse("actionplans:action", args=[action.pk]),
    )


def settings_of(partnership: Partnership) -> ReportSettings:
    """Who the partnership's reports are by and for, or empty settings where none are kept."""
    return ReportSettings.objects.filter(partnership=partnership).first() or ReportSettings(
        partnership=partnership
    )


def setting(value: str, what: str) -> str:
    """A setting's words, or the marked gap the paper leaves where it is not set."""
    return value.strip() or SETTING_GAP.format(what=what)


AGE_BAND_WORDS = {
    "under_1": "aged under one",
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


def reviews_for_the_report(partnership: Partnership, start: dt.date, end: dt.date) -> list[Review]:
    """The reviews worked on in the period, oldest first, each with its themes and children
    fetched at once: a query for each, however many reviews there are."""
    return list(
        figure_module.reviews_worked_on(partnership, start, end)
        .prefetch_related("themes", "children")
        .order_by("commissioned", "pk")
    )


def notes_on_records(
    partnership: Partnership, start: dt.date, end: dt.date, *, kind: str = figure_module.PERIODIC
) -> list[str]:
    """The notes on the records for the report of this kind, for its author: what the
    records leave unknown or contradictory, each with links to put it right."""
    reviews = reviews_for_the_report(partnership, start, end)
    notes = quality_notes(partnership, reviews, start, end)
    if kind == figure_module.YEARLY:
        notes += yearly_notes(partnership, reviews, start, end)
    return notes


def build(
    partnership: Partnership,
    start: dt.date,
    end: dt.date,
    *,
    with_notes: bool = False,
    kind: str = figure_module.PERIODIC,
) -> ReportDocument:
    """The report of this kind (periodic or yearly); `with_notes` adds the notes on the
    records, for the author only."""
    if kind == figure_module.YEARLY:
        return build_yearly(partnership, start, end, with_notes=with_notes)
    figures = figure_module.compute(partnership, start, end)
    reviews = reviews_for_the_report(partnership, start, end)
    narrative = ReportNarrative.objects.filter(
        partnership=partnership, date_from=start, date_to=end
    ).first()
    kept = settings_of(partnership)
    # The words of the guidance in force at the period's end, as the criteria annex uses.
    code = choose_framework(partnership.nation, end)
    report_words = frameworkwords.words(code)
    sections = [
        introduction(partnership, kept, start, end),
        local_context(partnership, kept, figures, reviews),
        narrative_section(
            "National context", narrative, "national_context", "the national context"
        ),
        cases_considered(figures, report_words),
        methodologies(figures),
        family_contribution(narrative, reviews),
        subjects_and_themes(figures),
        learning_in_common(reviews),
        recommendations(figures, reviews),
        outcomes(partnership, narrative, start, end),
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


def since(kept: ReportSettings) -> str:
    """ "since the last report to the Performance Scrutiny group", where the board is set."""
    return f"since the last report to {kept.board.strip()}" if kept.board.strip() else ""


def introduction(
    partnership: Partnership, kept: ReportSettings, start: dt.date, end: dt.date
) -> Section:
    """The author and chair line, then what the report covers, since the last report to the
    board: from the partnership's settings, with a marked gap for what is not set."""
    author, chair, subgroup = kept.author.strip(), kept.chair.strip(), kept.subgroup.strip()
    paragraphs = []
    if author or subgroup:
        by = f"This report is by {author}" if author else "This report is"
        if subgroup:
            if author and not chair:
                by += f", chair of {subgroup} of {partnership.name}"
            else:
                by += f" for {subgroup} of {partnership.name}"
                if chair:
                    by += f", which {chair} chairs"
        paragraphs.append(sentence(by))
    covers = "It covers" if paragraphs else "This report covers"
    when = since(kept)
    paragraphs.append(
        sentence(
            f"{covers} the cases considered, the reviews worked on and the action taken "
            + (f"{when}, between" if when else "between")
            + f" {day(start)} and {day(end)}"
        )
    )
    missing = [
        what
        for what, value in (
            ("who the report is by", author),
            ("the subgroup that writes it", subgroup),
            ("who the report goes to", kept.board.strip()),
        )
        if not value
    ]
    return Section(
        "1. Introduction", paragraphs, gap=GAP.format(what=join(missing)) if missing else ""
    )


def local_context(
    partnership: Partnership,
    kept: ReportSettings,
    figures: dict[str, Any],
    reviews: list[Review],
) -> Section:
    members = (
        list(kept.subgroup_members.exclude(kind=AgencyKind.NATIONAL_PANEL).order_by("name"))
        if kept.pk
        else []
    )
    worked = figures["reviews"]["worked_on"]
    statuses = figures["reviews"]["by_status"]
    described = [
        f"{number(n)} {verb(n, 'is')} {ReviewStatus(code).label.lower()}"
        for code, n in statuses.items()
        if n
    ]
    paragraphs = []
    subgroup = kept.subgroup.strip() or "the subgroup"
    if members:
        paragraphs.append(
            sentence(f"{subgroup} draws its members from {join([a.name for a in members])}")
        )
    when = since(kept) or "in the period"
    worked_on = sentence(f"{partnership.name} worked on {count(worked, 'case review')} {when}")
    if len(described) == 1 and sum(statuses.values()) == worked:  # all alike
        whole = "It" if worked == 1 else "Both" if worked == 2 else f"All {number(worked)}"
        worked_on += " " + sentence(f"{whole} {described[0].split(' ', 1)[1]}")
    elif worked > 1 and described:
        worked_on += f" Of those, {join(described)}."
    paragraphs.append(worked_on)
    published = [(r.title, day) for r in reviews if (day := r.published_partial)]
    if published:
        listed = join([f"{title} ({day.display()})" for title, day in published])
        paragraphs.append(
            sentence(
                f"The published {noun(len(published), 'report')} {verb(len(published), 'is')} {listed}"
            )
        )
    return Section(
        "2. Local context",
        paragraphs,
        gap="" if members else GAP.format(what="the agencies the subgroup draws its members from"),
    )


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
        (f"{number(n)} {verb(n, 'was')} referred by " if index == 0 else f"{number(n)} by ")
        + REFERRER_WORDS.get(kind, AgencyKind(kind).label.lower())
        for index, (kind, n) in enumerate(in_kind_order)
    ]
    if len(referred) == 1:  # one referrer referred them all
        by = referred[0].split(" referred by ", 1)[1]
        whole = "it was" if received == 1 else "both were" if received == 2 else "all were"
        referred = [f"{whole} referred by {by}"]
    opening = f"{count(received, 'new case', 'was')} brought to the attention of {said.partners}"
    paragraphs = [sentence(opening + (f"; {join(referred)}" if referred else ""))]
    section = Section("4. Cases considered", paragraphs)
    if received:
        commissioned = decisions[DecisionOutcome.REVIEW_COMMISSIONED]
        alternative = decisions[DecisionOutcome.ALTERNATIVE_REVIEW]
        no_review = decisions[DecisionOutcome.NO_REVIEW]
        pending = decisions["pending"]
        if received == 1:
            only = (
                "A review was commissioned on it"
                if commissioned
                else "It led to an alternative review"
                if alternative
                else "It led to no review"
                if no_review
                else "It is awaiting a decision"
            )
            section.paragraphs.append(sentence(only))
        else:
            outcomes = join(
                [
                    f"{count(commissioned, 'review', 'was')} commissioned" if commissioned else "",
                    f"{count(alternative, 'case')} led to an alternative review"
                    if alternative
                    else "",
                    f"{count(no_review, 'case')} led to no review" if no_review else "",
                    f"{number(pending)} {verb(pending, 'is')} awaiting a decision"
                    if pending
                    else "",
                ]
            )
            section.paragraphs.append(sentence(f"Of these, {outcomes}"))
    section.paragraphs.append(
        sentence(
            f"{count(panel['submitted'], 'case', 'was')} submitted to {said.panel}"
            + (
                ", which "
                + said.contested_decisions.format(decisions=count(panel["contested"], "decision"))
                if panel["contested"]
                else "; "
                + (
                    "the decision was not challenged"
                    if panel["submitted"] == 1
                    else "none of the decisions was challenged"
                )
                if panel["submitted"]
                else ""
            )
        )
    )
    if received:
        section.tables.append(
            Table(
                "Cases referred, by referring agency",
                ["Referred by", "Cases"],
                [[AgencyKind(kind).label, n] for kind, n in by_kind.items()]
                + [["Total", received]],
            )
        )
        section.tables.append(
            Table(
                "Decisions on the cases referred",
                ["Decision", "Cases"],
                [
                    ["Review commissioned", decisions[DecisionOutcome.REVIEW_COMMISSIONED]],
                    ["Alternative review", decisions[DecisionOutcome.ALTERNATIVE_REVIEW]],
                    ["No review", decisions[DecisionOutcome.NO_REVIEW]],
                    ["Awaiting a decision", decisions["pending"]],
                ],
            )
        )
    return section


def methodologies(figures: dict[str, Any]) -> Section:
    by_methodology = {code: n for code, n in figures["reviews"]["by_methodology"].items() if n}
    worked = figures["reviews"]["worked_on"]
    section = Section("5. Methodologies")
    if not worked:
        section.paragraphs.append("No review was worked on in the period.")
        return section
    described = join(
        [
            f"{number(n)} used the {Methodology(code).label}"
            if code != Methodology.REVIEWER_LED
            else f"{number(n)} {verb(n, 'was')} reviewer-led"
            for code, n in by_methodology.items()
        ]
    )
    if not by_methodology:
        section.paragraphs.append("No methodology is recorded for the reviews worked on.")
    elif worked == 1:
        section.paragraphs.append(
            sentence(f"The one review worked on {described.split(' ', 1)[1]}")
        )
    else:
        section.paragraphs.append(
            sentence(f"Of the {count(worked, 'review')} worked on, {described}")
        )
    rows = [[Methodology(code).label, n] for code, n in by_methodology.items()]
    types = [[ReviewType(code).label, n] for code, n in figures["reviews"]["by_type"].items() if n]
    if rows:
        section.tables.append(
            Table("Reviews worked on, by methodology", ["Methodology", "Reviews"], rows)
        )
    if types:
        section.tables.append(Table("Reviews worked on, by type", ["Type", "Reviews"], types))
    return section


def family_contribution(narrative: ReportNarrative | None, reviews: list[Review]) -> Section:
    """What the records hold of the families' part (how many reviews, who took part, which
    agencies made it possible), then what people have written of it for the period."""
    section = narrative_section(
        "Family contribution", narrative, "family_contribution", "the family's contribution"
    )
    section.heading = "6. Family contribution"
    contributions = list(
        FamilyContribution.objects.filter(review__in=[r.pk for r in reviews]).select_related(
            "facilitated_by"
        )
    )
    with_family = len({c.review_id for c in contributions})
    total = len(reviews)
    recorded: list[str] = []
    if not total:
        recorded.append("No review was worked on in the period.")
    elif not with_family:
        recorded.append(
            sentence(
                "No family member's contribution is recorded for "
                + ("the one review" if total == 1 else f"any of the {count(total, 'review')}")
                + " worked on"
            )
        )
    else:
        recorded.append(
            sentence(f"Family members contributed to {of(with_family, total, 'review')} worked on")
        )
        members = sorted({c.member.strip().lower() for c in contributions if c.member.strip()})
        if members:
            recorded.append(
                sentence(
                    f"{count(len(contributions), 'contribution', 'is')} recorded, from "
                    f"{join(members)}"
                )
            )
        helped = sorted({c.facilitated_by.name for c in contributions if c.facilitated_by})
        if helped:
            recorded.append(sentence(f"{join(helped)} made the family's part possible"))
    section.paragraphs[:0] = recorded
    return section


def subjects_and_themes(figures: dict[str, Any]) -> Section:
    children = figures["children"]
    bands = [
        f"{number(n)} {AGE_BAND_WORDS[band]}" for band, n in children["by_age_band"].items() if n
    ]
    sexes = children["by_sex"]
    section = Section("7. Subjects and themes")
    if not children["count"]:
        section.paragraphs.append("No child is recorded for the reviews worked on.")
    else:
        female, male, unknown = sexes[Sex.FEMALE], sexes[Sex.MALE], sexes[Sex.NOT_RECORDED]
        section.paragraphs += [
            sentence(
                f"The reviews worked on concerned {count(children['count'], 'child', 'children')}"
            ),
            sentence(f"By age at the incident: {join(bands)}") if bands else "",
            sentence(
                f"{none(female)} {verb(female, 'was')} female and {none(male)} male"
                + (f", and the sex of {number(unknown)} is not recorded" if unknown else "")
            ),
        ]
        section.paragraphs = [p for p in section.paragraphs if p]
        section.tables += [
            Table(
                "Children by age band",
                ["Age at the incident", "Children"],
                [
                    [AGE_BAND_WORDS[b].capitalize(), n]
                    for b, n in children["by_age_band"].items()
                    if n
                ],
            ),
            Table(
                "Children by sex",
                ["Sex", "Children"],
                [[s.replace("_", " ").capitalize(), n] for s, n in sexes.items() if n],
            ),
        ]
    labels = dict(Theme.objects.filter(code__in=figures["themes"]).values_list("code", "label"))
    theme_rows = [(labels.get(code, code), n) for code, n in figures["themes"].items() if n]
    if theme_rows:
        section.paragraphs.append(
            sentence(
                f"The themes covered by the reviews were: {join([label.lower() for label, _ in theme_rows])}"
            )
        )
        section.tables.append(
            Table(
                "Themes, by number of reviews",
                ["Theme", "Reviews"],
                [[label, n] for label, n in theme_rows],
            )
        )
        section.charts.append(Chart("Themes, by number of reviews", theme_rows, "report-themes"))
    else:
        section.paragraphs.append("No reviews carried a theme in this period.")
    return section


def learning_in_common(reviews: list[Review]) -> Section:
    """The learning points of the published reviews worked on: the report goes to the board,
    which sees published learning, as the seed's section 8 draws on the published reviews.
    The themes the learning points of two or more reviews share come first: the learning
    in common."""
    published = [r.pk for r in reviews if r.status == ReviewStatus.PUBLISHED]
    points = list(
        LearningPoint.objects.filter(review__in=published)
        .select_related("review")
        .prefetch_related("themes")
        .order_by("review__title", "position")
    )
    bullets = [f"{point.text} ({point.review.title})" for point in points]
    section = Section("8. Learning in common", bullets=bullets)
    if not bullets:
        section.paragraphs.append(
            "No learning points are recorded for the published reviews worked on."
        )
        return section
    shared: dict[str, set[int]] = {}
    for point in points:
        for theme in point.themes.all():
            shared.setdefault(theme.label, set()).add(point.review_id)
    in_common = sorted(
        ((label, len(ids)) for label, ids in shared.items() if len(ids) > 1),
        key=lambda item: (-item[1], item[0]),
    )
    reviews_with_points = len({point.review_id for point in points})
    if in_common:
        section.paragraphs.append(
            sentence(
                "The learning the published reviews share, by theme: "
                + join([f"{label.lower()} ({count(n, 'review')})" for label, n in in_common])
            )
        )
    section.paragraphs.append(
        sentence(
            f"These are the {count(len(points), 'learning point')} drawn from "
            + (
                "the one published review"
                if reviews_with_points == 1
                else f"the {count(reviews_with_points, 'published review')}"
            )
            + " worked on:"
        )
        if len(points) > 1
        else sentence(
            f"This is the learning point drawn from the published review worked on ({points[0].review.title}):"
        )
    )
    return section


MONITORING_WORDS: dict[str, str] = {
    MonitoringGroup.EXECUTIVE: "the executive group",
    MonitoringGroup.PAQA: "the performance, audit and quality assurance subgroup",
    MonitoringGroup.OTHER_SUBGROUP: "another subgroup",
}


def recommendations(figures: dict[str, Any], reviews: list[Review]) -> Section:
    """The recommendations and their actions, from the records: each recommendation of the
    reviews worked on with the progress of its actions, and who monitors them as each
    recommendation's `monitored_by` says."""
    recs = figures["recommendations"]
    actions = figures["actions"]
    by_status = {code: n for code, n in actions["by_status"].items() if n}
    signed = recs["from_reviews_signed_off"]
    section = Section("9. Recommendations and agency actions")
    multi = recs["by_scope"][Scope.MULTI_AGENCY]
    section.paragraphs.append(
        sentence(
            f"The reviews signed off in the period led to {count(signed, 'recommendation')}"
            + (
                ""
                if not signed
                else ", all multi-agency"
                if multi == signed and signed > 2
                else ", both multi-agency"
                if multi == signed == 2
                else ", multi-agency"
                if multi == signed == 1
                else f", {none(multi)} of them multi-agency"
            )
        )
    )
    listed = list(
        Recommendation.objects.filter(review__in=[r.pk for r in reviews])
        .select_related("review")
        .order_by("review__commissioned", "review__pk", "number")
    )
    progress_of = actions_by_status(reviews)
    if listed:
        monitored: dict[str, int] = {}
        for rec in listed:
            monitored[rec.monitored_by] = monitored.get(rec.monitored_by, 0) + 1
        total = len(listed)
        groups = [
            (MONITORING_WORDS.get(group, group), n)
            for group, n in sorted(monitored.items(), key=lambda item: -item[1])
        ]
        if len(groups) == 1:
            whole = (
                "The one recommendation of the reviews worked on is"
                if total == 1
                else f"{'Both' if total == 2 else 'All ' + number(total)} recommendations of the reviews worked on are"
            )
            section.paragraphs.append(f"{whole} monitored by {groups[0][0]}.")
        else:
            parts = [
                f"{number(n)} {verb(n, 'is')} monitored by {group}"
                if index == 0
                else f"{number(n)} by {group}"
                for index, (group, n) in enumerate(groups)
            ]
            section.paragraphs.append(
                sentence(
                    f"Of the {count(total, 'recommendation')} of the reviews worked on, {join(parts)}"
                )
            )
    if actions["total"]:
        section.paragraphs.append(
            sentence(
                f"The reviews worked on have {count(actions['total'], 'agency action')}: "
                + join(
                    [
                        f"{number(n)} {ActionStatus(code).label.lower()}"
                        for code, n in by_status.items()
                    ]
                )
            )
        )
        overdue = actions["overdue"]
        section.paragraphs.append(
            sentence(
                f"{count(overdue, 'action', 'was') if overdue else 'None was'} overdue at the "
                "end of the period"
            )
        )
    else:
        section.paragraphs.append("No agency actions are recorded for the reviews worked on.")
    if listed:
        section.paragraphs.append(
            "Each recommendation of the reviews worked on, and the progress of its actions:"
        )
    for rec in listed:
        statuses = progress_of.get(rec.pk, Counter[str]())
        progress = [
            f"{number(n)} {ActionStatus(code).label.lower()}"
            for code in ActionStatus.values
            if (n := statuses[code])
        ]
        n_actions = statuses.total()
        section.bullets.append(
            f"{rec.review.title if rec.review else rec.source_title}, recommendation {rec.number}: "
            + rec.text.strip().rstrip(".")
            + ". "
            + (
                sentence(f"{count(n_actions, 'action')}: {join(progress)}")
                if n_actions
                else "No action is recorded yet."
            )
        )
    if signed:
        section.tables.append(
            Table(
                "Recommendations of reviews signed off, by scope",
                ["Scope", "Recommendations"],
                [
                    ["Multi-agency", recs["by_scope"][Scope.MULTI_AGENCY]],
                    ["Single agency", recs["by_scope"][Scope.SINGLE_AGENCY]],
                ],
            )
        )
    status_rows = [(ActionStatus(code).label, n) for code, n in by_status.items()]
    if status_rows:
        section.tables.append(
            Table(
                "Agency actions, by status",
                ["Status", "Actions"],
                [[label, n] for label, n in status_rows] + [["Overdue", actions["overdue"]]],
            )
        )
        section.charts.append(Chart("Agency actions, by status", status_rows, "report-actions"))
    return section


def actions_by_status(reviews: list[Review]) -> dict[int, Counter[str]]:
    """For each recommendation of the reviews, how many of its actions are in each status:
    counted by the database, not by loading every action."""
    found: dict[int, Counter[str]] = defaultdict(Counter)
    counted = (
        AgencyAction.objects.filter(recommendation__review__in=[r.pk for r in reviews])
        .values_list("recommendation_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for recommendation, status, n in counted:
        found[recommendation][status] = n
    return found


def outcomes(
    partnership: Partnership, narrative: ReportNarrative | None, start: dt.date, end: dt.date
) -> Section:
    """What the records show changed (the agency actions verified in the period, with the
    evidence of impact their latest progress update gives), then what people have written."""
    section = narrative_section("Outcomes", narrative, "outcomes", "the outcomes of the period")
    verified = list(
        AgencyAction.objects.filter(
            partnership=partnership,
            recommendation__review__isnull=False,
            status=ActionStatus.VERIFIED,
            **figure_module.in_period("verified_on", start, end),
        )
        .select_related("owner_agency", "recommendation__review")
        .prefetch_related("updates")
        .order_by("verified_on", "pk")
    )
    if not verified:
        section.paragraphs.insert(
            0, "No agency action was verified with evidence of impact in the period."
        )
        return section
    section.paragraphs.insert(
        0,
        sentence(
            f"{count(len(verified), 'agency action', 'was')} verified in the period, the "
            "monitoring group having seen evidence of impact; the list below gives "
            + ("it" if len(verified) == 1 else "each")
            + " with its latest progress update"
        ),
    )
    for action in verified:
        latest = next(iter(action.updates.all()), None)
        section.bullets.append(
            f"{action.owner_agency.name}: {action.text.strip().rstrip('.')} "
            f"({action.recommendation.source_title}, recommendation "
            f"{action.recommendation.number})"
            + (f". {latest.text.strip()}" if latest and latest.text.strip() else "")
        )
    return section


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
                f"{partnership.name} has {count(ongoing, 'ongoing review')} and "
                f"{count(awaiting, 'case')} being considered for a review"
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
    notes: list[str] = []
    children = {child.pk: child for review in reviews for child in review.children.all()}.values()
    for child in sorted(children, key=lambda c: c.pseudonym):
        if child.sex == Sex.NOT_RECORDED:
            notes.append(
                Note(
                    f"{child.pseudonym}: sex not recorded (counted as not recorded).",
                    [child_link(child)],
                )
            )
        if child.age_years is None:
            notes.append(
                Note(
                    f"{child.pseudonym}: age not recorded (counted as not recorded).",
                    [child_link(child)],
                )
            )
    for review in reviews:
        fix = [review_link(review)]
        if not review.methodology:
            notes.append(
                Note(
                    f"{review.title}: no methodology recorded (left out of the methodology counts).",
                    fix,
                )
            )
        published, signed_off = review.published_partial, review.signed_off_partial
        if published and signed_off and published.first_day < signed_off.first_day:
            notes.append(
                Note(
                    f"{review.title}: published ({published.display()}) before it was signed off ({signed_off.display()}).",
                    fix,
                )
            )
        if not review.children.all():
            notes.append(Note(f"{review.title}: no child recorded.", fix))
        for name in ("commissioned", "signed_off", "published"):
            value = getattr(review, f"{name}_partial")
            if value is not None and value.is_approximate:
                notes.append(
                    Note(
                        f"{review.title}: {name.replace('_', ' ')} date known only as {value.display()} (counted as its first day).",
                        fix,
                    )
                )
    referrals = figure_module.referrals_received(partnership, start, end)
    for referral in referrals.filter(aware__isnull=True):
        notes.append(
            Note(
                f"{referral.reference}: the date the partnership became aware is not recorded, so no deadline could be worked out.",
                [referral_link(referral)],
            )
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
    return f"{short} ({recommendation.source_title}, recommendation {recommendation.number})"


def unknown_notes(reviews: list[Review], referrals: QuerySet[Referral], end: dt.date) -> list[str]:
    """A note for each kind of fact the records leave unknown, naming the records: of the
    actions the report counts, of the decisions it counts and of the reviews worked on."""
    actions = (
        AgencyAction.objects.filter(recommendation__review__in=[r.pk for r in reviews])
        .select_related("recommendation__review")
        .order_by("recommendation__review__commissioned", "recommendation__number", "position")
    )
    signed_off_undated = [r for r in reviews if r.is_signed_off and r.signed_off is None]
    not_known = [r for r in reviews if review_decision_not_known(r)]
    found = (
        due_date_note(actions),
        update_date_note(actions),
        reasons_note(referrals.filter(decision__date__lte=end, decision__rationale="")),
        Note(
            sign_off_note([r.title for r in signed_off_undated]),
            [review_link(r) for r in signed_off_undated[:NAMED]],
        ),
        Note(
            not_published_note([r.title for r in not_known]),
            [review_link(r) for r in not_known[:NAMED]],
        ),
    )
    return [note for note in found if note]


def not_published_note(titles: list[str]) -> str:
    if not titles:
        return ""
    return (
        f"{named(titles)}: not published, but when and why the partnership decided so is not "
        "known (record the decision not to publish on the review's page)."
    )


def due_date_note(actions: QuerySet[AgencyAction]) -> Note:
    undated = list(actions.filter(due__isnull=True))
    if not undated:
        return Note("")
    n = len(undated)
    return Note(
        sentence(
            f"{count(n, 'action', 'has')} no due date (not rated, and never counted as overdue): "
            f"{named([action_words(a) for a in undated], between='; ')}"
        ),
        [action_link(a) for a in undated[:NAMED]],
    )


def update_date_note(actions: QuerySet[AgencyAction]) -> Note:
    updates = ProgressUpdate.objects.filter(action__in=actions, date__isnull=True)
    on = list(actions.filter(pk__in=updates.values("action_id")))
    if not on:
        return Note("")
    n = updates.count()
    return Note(
        sentence(
            f"{count(n, 'progress update', 'has')} no date (shown, but never counted as a "
            f"recent update for the rating), on the {noun(len(on), 'action')}: "
            f"{named([action_words(a) for a in on], between='; ')}"
        ),
        [action_link(a) for a in on[:NAMED]],
    )


def reasons_note(decided: QuerySet[Referral]) -> Note:
    found = list(decided.order_by("received", "pk"))
    references = [r.reference for r in found]
    links = [
        (f"Change the decision on {r.reference}", reverse("referrals:decision", args=[r.pk]))
        for r in found[:NAMED]
    ]
    if len(references) == 1:
        return Note(f"The decision on referral {references[0]} has no reasons recorded.", links)
    if references:
        return Note(
            f"The decisions on referrals {named(references)} have no reasons recorded.", links
        )
    return Note("")


def sign_off_note(titles: list[str]) -> str:
    if not titles:
        return ""
    n = len(titles)
    return (
        f"{named(titles)}: signed off, but the sign-off {noun(n, 'date')} {verb(n, 'is')} not "
        "known (left out of the sign-offs by financial year and the recommendations from "
        "reviews signed off)."
    )


# The yearly report (Working Together 2023 asks the safeguarding partners to publish one): the
# statutory process of the year, the learning shared, the actions verified and the children.

PROFILE_TABLES = (
    (
        "disability_or_sen",
        "Children with a disability or special educational needs",
        "Disability or special educational needs",
    ),
    (
        "cp_plan_at_incident",
        "Children subject to a child protection plan at the incident",
        "Child protection plan at the incident",
    ),
    (
        "looked_after_at_incident",
        "Children looked after at the incident",
        "Looked after at the incident",
    ),
)


def since_2018(said: frameworkwords.Words) -> bool:
    return said is frameworkwords.SAFEGUARDING_PARTNERS


def shown(section: Section, table: Table, empty: str) -> Section:
    """The table, or where it has no row a sentence saying so: never headers alone."""
    if table.rows:
        section.tables.append(table)
    else:
        section.paragraphs.append(empty)
    return section


def build_yearly(
    partnership: Partnership, start: dt.date, end: dt.date, *, with_notes: bool = False
) -> ReportDocument:
    """The yearly report, in the words of the guidance in force at the period's end."""
    figures = figure_module.compute(partnership, start, end, kind=figure_module.YEARLY)
    reviews = reviews_for_the_report(partnership, start, end)
    code = choose_framework(partnership.nation, end)
    said = frameworkwords.words(code)
    sections = [
        yearly_introduction(partnership, start, end, said, code),
        notifications_and_rapid_reviews(figures, said),
        panel_responses(figures, said),
        publication(partnership, figures, start, end, said),
        learning_events(partnership, figures, start, end),
        actions_verified(figures),
        the_children(figures),
        themes(figures, "8. Themes"),
    ]
    notes = (
        quality_notes(partnership, reviews, start, end)
        + yearly_notes(partnership, reviews, start, end)
        if with_notes
        else []
    )
    subject = "child safeguarding practice reviews" if since_2018(said) else "case reviews"
    return ReportDocument(
        title=f"Yearly report on {subject}",
        partnership=partnership.name,
        period=f"{day(start)} to {day(end)}",
        figures=figures,
        sections=sections,
        notes=notes,
    )


def the_year(start: dt.date, end: dt.date) -> str:
    """ "the year 2023/24" for a financial year; else the period's days."""
    year = figure_module.financial_year(start)
    if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and (
        end.year == start.year + 1
    ):
        return f"the year {year}"
    return f"the period {day(start)} to {day(end)}"


def yearly_introduction(
    partnership: Partnership,
    start: dt.date,
    end: dt.date,
    said: frameworkwords.Words,
    code: str,
) -> Section:
    paragraphs = [f"This is the yearly report of {partnership.name} for {the_year(start, end)}."]
    if since_2018(said):
        edition = "2018" if code == Framework.WT2018 else "2023"
        paragraphs.append(
            f"Working Together to Safeguard Children {edition} asks the safeguarding partners to "
            "publish a report each year on what they have done as a result of their "
            "arrangements, including on child safeguarding practice reviews, and how effective "
            "this has been."
        )
    paragraphs.append(
        f"It covers the serious incidents notified, the rapid reviews, "
        f"{said.panel_short}'s responses, the reviews published or not, the learning shared "
        f"with practitioners, the agency actions verified and the children the reviews "
        f"concern, between {day(start)} and {day(end)}."
    )
    return Section("1. Introduction", paragraphs)


def notifications_and_rapid_reviews(figures: dict[str, Any], said: frameworkwords.Words) -> Section:
    notified = figures["statutory"]["notifications"]
    rapid = figures["statutory"]["rapid_reviews"]
    recommended = rapid["by_recommendation"]
    section = Section("2. Notifications and rapid reviews")
    section.paragraphs.append(
        sentence(
            f"{count(notified['made'], 'serious incident', 'was')} "
            f"notified in the period: {none(notified['on_time'])} on time, within five "
            f"working days of the partnership learning of {'it' if notified['made'] == 1 else 'each'}, "
            f"and {none(notified['late'])} late"
        )
        if notified["made"]
        else "No serious incident was notified in the period."
    )
    if rapid["sent"]:
        section.paragraphs.append(
            sentence(
                f"{count(rapid['sent'], 'rapid review', 'was')} sent to "
                f"{said.panel}: {none(rapid['on_time'])} on time, within 15 working days of "
                f"the notification, and {none(rapid['late'])} late"
            )
        )
        lcspr, no_lcspr, undecided = (
            recommended[RapidReviewRecommendation.LCSPR],
            recommended[RapidReviewRecommendation.NO_LCSPR],
            recommended[RapidReviewRecommendation.UNDECIDED],
        )
        advised = [
            words
            for n, words in (
                (lcspr, f"a local child safeguarding practice review in {number(lcspr)}"),
                (no_lcspr, f"no local review in {number(no_lcspr)}"),
            )
            if n
        ]
        they = "It" if rapid["sent"] == 1 else "They"
        said_so = [f"{they} recommended {join(advised)}"] if advised else []
        if undecided:
            said_so.append(f"{number(undecided)} had not decided yet")
        section.paragraphs.append(sentence("; ".join(said_so)))
    else:
        section.paragraphs.append(f"No rapid review was sent to {said.panel} in the period.")
    if notified["made"] or rapid["sent"]:
        section.tables.append(
            Table(
                "Notifications and rapid reviews, on time or late",
                ["Stage", "Made", "On time", "Late"],
                [
                    [
                        "Serious incidents notified",
                        notified["made"],
                        notified["on_time"],
                        notified["late"],
                    ],
                    [
                        f"Rapid reviews sent to {said.panel_short}",
                        rapid["sent"],
                        rapid["on_time"],
                        rapid["late"],
                    ],
                ],
            )
        )
    if rapid["sent"]:
        section.tables.append(
            Table(
                "What the rapid reviews recommended",
                ["Recommendation", "Rapid reviews"],
                [[RapidReviewRecommendation(code).label, n] for code, n in recommended.items()],
            )
        )
    return section


def panel_responses(figures: dict[str, Any], said: frameworkwords.Words) -> Section:
    responses = figures["statutory"]["panel_responses"]
    submitted = sum(responses.values())
    section = Section(f"3. {said.panel_short[:1].upper()}{said.panel_short[1:]}'s responses")
    if not submitted:
        section.paragraphs.append(f"No case was submitted to {said.panel} in the period.")
        return section
    section.paragraphs.append(
        sentence(
            f"{count(submitted, 'case', 'was')} submitted to {said.panel} in the "
            f"period; the table gives {said.panel_short}'s response to each, as it stands now"
        )
    )
    section.tables.append(
        Table(
            f"{said.panel_short[:1].upper()}{said.panel_short[1:]}'s responses",
            ["Response", "Cases"],
            [[said.response(code), n] for code, n in responses.items()],
        )
    )
    return section


def publication(
    partnership: Partnership,
    figures: dict[str, Any],
    start: dt.date,
    end: dt.date,
    said: frameworkwords.Words,
) -> Section:
    counted = figures["statutory"]["reviews"]
    local = "local review" if since_2018(said) else "review"
    section = Section(f"4. {local.capitalize()}s published or not")
    median = counted["days_to_publication_median"]
    if counted["published"]:
        section.paragraphs.append(
            sentence(
                f"{count(counted['published'], local, 'was')} published in the "
                "period"
                + (
                    f"; the median time from commissioning to publication was {count(median, 'day')}"
                    if median is not None
                    else ""
                )
            )
        )
    mine = Review.objects.filter(partnership=partnership)
    published = mine.filter(**figure_module.in_period("published", start, end)).order_by(
        "published", "pk"
    )
    shown(
        section,
        Table(
            "Reviews published",
            ["Review", "Commissioned", "Published", "Days to publication"],
            [
                [
                    review.title,
                    review.commissioned_partial.display(),
                    published_on.display(),
                    (review.published - review.commissioned).days,
                ]
                for review in published
                if review.published is not None and (published_on := review.published_partial)
            ],
        ),
        f"No {local} was published in the period.",
    )
    withheld = mine.filter(**figure_module.in_period("decided_not_to_publish", start, end))
    section.paragraphs.append(
        sentence(
            f"{count(counted['not_published'], local, 'was')} not published, "
            "by a decision taken in the period, for the reasons in the table"
        )
        if counted["not_published"]
        else f"No decision not to publish a {local} was taken in the period."
    )
    if counted["not_published"]:
        section.tables.append(
            Table(
                "Reviews not published, and why",
                ["Review", "Decided not to publish", "Reason", "Published instead"],
                [
                    [
                        review.title,
                        decided.display(),
                        review.not_published_reason or "Not recorded",
                        review.published_instead or "Nothing",
                    ]
                    for review in withheld.order_by("decided_not_to_publish", "pk")
                    if (decided := review.decided_not_to_publish_partial)
                ],
                numeric=False,
            )
        )
    return section


def learning_events(
    partnership: Partnership, figures: dict[str, Any], start: dt.date, end: dt.date
) -> Section:
    events = figures["learning_events"]
    section = Section("5. Learning events and attendance")
    if not events["held"]:
        section.paragraphs.append("No learning event was held in the period.")
        return section
    section.paragraphs.append(
        sentence(
            f"{count(events['held'], 'learning event', 'was')} held for "
            f"practitioners in the period, attended by {count(events['attendance'], 'person', 'people')}"
        )
    )
    held = LearningEvent.objects.filter(
        partnership=partnership, **figure_module.in_period("date", start, end)
    ).order_by("date", "pk")
    section.bullets = [
        f"{event.title} ({event.date_partial.display()}): {count(event.attendance, 'person', 'people')}"
        for event in held
    ]
    rows: list[list[Any]] = [[agency, n] for agency, n in events["by_agency"].items()]
    if rows and events["not_counted_by_agency"]:
        rows.append(["Not counted by agency", events["not_counted_by_agency"]])
    if rows:
        rows.append(["Total", events["attendance"]])
    return shown(
        section,
        Table("Attendance at learning events, by agency", ["Agency", "Attended"], rows),
        "The attendance is not recorded by agency.",
    )


def actions_verified(figures: dict[str, Any]) -> Section:
    actions = figures["actions_verified"]
    verified, evidenced = actions["verified"], actions["with_evidence_of_impact"]
    section = Section("6. Actions verified with evidence of impact")
    section.paragraphs.append(
        sentence(f"{count(actions['completed'], 'agency action', 'was')} completed in the period")
    )
    if not verified:
        section.paragraphs.append("No agency action was verified in the period.")
    else:
        section.paragraphs.append(
            sentence(
                f"{count(verified, 'agency action', 'was')} verified: the "
                "monitoring group saw evidence of impact and signed "
                + ("it" if verified == 1 else "them")
                + " off"
            )
        )
        section.paragraphs.append(
            sentence(
                f"The evidence of impact is written down in the progress updates of "
                f"{none(evidenced)} of them"
                + (
                    f"; for {number(verified - evidenced)} the records hold no progress update"
                    if verified - evidenced
                    else ""
                )
            )
        )
        section.tables.append(
            Table(
                "Actions verified, by agency",
                ["Agency", "Actions verified"],
                [[agency, n] for agency, n in actions["by_agency"].items()]
                + [["Total", verified], ["With evidence of impact written down", evidenced]],
            )
        )
    if unknown := actions["verified_date_not_known"]:
        section.paragraphs.append(
            sentence(
                f"{count(unknown, 'further action', 'further actions')} completed in the period "
                f"{'is' if unknown == 1 else 'are'} verified, but the date of verification is "
                "not recorded, so not counted above"
            )
        )
    return section


def the_children(figures: dict[str, Any]) -> Section:
    profile = figures["children_profile"]
    section = Section("7. The children")
    children = profile["count"]
    if not children:
        section.paragraphs.append("No child is recorded for the reviews worked on in the period.")
        return section

    section.paragraphs.append(
        sentence(
            f"The reviews worked on in the period concern {count(children, 'child', 'children')}"
        )
    )
    disabled = profile["disability_or_sen"][YesNoUnknown.YES]
    plan = profile["cp_plan_at_incident"][YesNoUnknown.YES]
    looked_after = profile["looked_after_at_incident"][YesNoUnknown.YES]
    not_known = any(
        profile[key][YesNoUnknown.UNKNOWN]
        for key in ("disability_or_sen", "cp_plan_at_incident", "looked_after_at_incident")
    )
    section.paragraphs.append(
        sentence(
            f"Recorded at the incident: {count(disabled, 'child', 'children')} with a "
            f"disability or special educational needs, {count(plan, 'child', 'children')} "
            "subject to a child protection plan and "
            f"{count(looked_after, 'child', 'children')} looked after"
            + ("; the tables give what is not known" if not_known else "")
        )
    )
    ethnicities = profile["by_ethnicity"]
    section.tables.append(
        Table(
            "Children by ethnicity",
            ["Ethnicity", "Children"],
            [
                [
                    "Not recorded" if name == figure_module.NOT_RECORDED else name,
                    n,
                ]
                for name, n in ethnicities.items()
            ],
        )
    )
    for key, caption, header in PROFILE_TABLES:
        section.tables.append(
            Table(
                caption,
                [header, "Children"],
                [[YesNoUnknown(code).label, n] for code, n in profile[key].items()],
            )
        )
    return section


def themes(figures: dict[str, Any], heading: str) -> Section:
    labels = dict(Theme.objects.filter(code__in=figures["themes"]).values_list("code", "label"))
    rows = [(labels.get(code, code), n) for code, n in figures["themes"].items()]
    section = Section(heading)
    if not rows:
        section.paragraphs.append("No theme is recorded for the reviews worked on.")
        return section
    section.paragraphs.append(
        sentence(
            f"The themes of the reviews worked on were: {join([label.lower() for label, _ in rows])}"
        )
    )
    section.tables.append(
        Table(
            "Themes, by number of reviews", ["Theme", "Reviews"], [[label, n] for label, n in rows]
        )
    )
    section.charts.append(Chart("Themes, by number of reviews", rows, "report-themes"))
    return section


def yearly_notes(
    partnership: Partnership, reviews: list[Review], start: dt.date, end: dt.date
) -> list[str]:
    """What the records leave unknown of the yearly report's own figures."""
    notes: list[str] = []
    children = {child.pk: child for review in reviews for child in review.children.all()}.values()
    for child in sorted(children, key=lambda c: c.pseudonym):
        unknown = [
            what
            for what, missing in (
                ("ethnicity", not child.ethnicity.strip()),
                (
                    "disability or special educational needs",
                    child.disability_or_sen == YesNoUnknown.UNKNOWN,
                ),
                ("child protection plan", child.cp_plan_at_incident == YesNoUnknown.UNKNOWN),
                ("looked-after status", child.looked_after_at_incident == YesNoUnknown.UNKNOWN),
            )
            if missing
        ]
        if unknown:
            notes.append(
                Note(
                    f"{child.pseudonym}: {join(unknown)} not recorded (counted as not recorded).",
                    [child_link(child)],
                )
            )
    undated = (
        AgencyAction.objects.filter(
            partnership=partnership,
            recommendation__review__isnull=False,  # as the figures count them
            status=ActionStatus.VERIFIED,
            verified_on__isnull=True,
            **figure_module.in_period("completed", start, end),
        )
        .select_related("recommendation__review")
        .order_by("recommendation__review__commissioned", "recommendation__number", "position")
    )
    if found := list(undated):
        names = [action_words(action) for action in found]
        notes.append(
            Note(
                sentence(
                    f"{count(len(names), 'verified action', 'has')} no date of verification "
                    f"(not counted as verified in the period): {named(names, between='; ')}"
                ),
                [action_link(action) for action in found[:NAMED]],
            )
        )
    unattributed = (
        LearningEvent.objects.filter(
            partnership=partnership, **figure_module.in_period("date", start, end)
        )
        .annotate(counted=Coalesce(Sum("attendance_by_agency__attended"), 0))
        .order_by("date", "pk")
    )
    for event in unattributed:
        counted = event.counted
        if counted < event.attendance:
            notes.append(
                Note(
                    f"{event.title} ({event.date_partial.display()}): "
                    f"{count(event.attendance - counted, 'person', 'people')} of "
                    f"{event.attendance} not counted by agency.",
                    [(f"Change {event.title}", reverse("learning:event", args=[event.pk]))],
                )
            )
    return notes
