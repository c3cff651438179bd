"""Every write of the publication app: the identifying-details check of a review document's
file (the system's, once its text is read), each finding's decision (a person's, audited), the
names a partnership accepts, and theme suggestions accepted or rejected."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.accounts.models import User
from casereview.core import writes
from casereview.core.choices import AuditAction
from casereview.documents.models import DocumentFile
from casereview.publication import identifying
from casereview.publication.choices import Resolution, SuggestionDecision
from casereview.publication.models import (
    AcceptableName,
    Finding,
    IdentifyingCheck,
    ThemeSuggestion,
)
from casereview.publication.selectors import names_accepted_in, pseudonyms_of, texts_of
from casereview.reviews import services as review_services
from casereview.reviews.models import Review
from casereview.themes import suggesting
from casereview.themes.models import Theme

PUBLISH_REVIEWS = ("publish", "reviews")
CHANGE_REVIEWS = ("change", "reviews")
DECISION_FIELDS = ("resolution", "reason")


# The identifying-details check


def check_identifying_details(
    file: DocumentFile, *, acting_user: User | None = None
) -> IdentifyingCheck:
    """Check the file's text (read into its pages) for details that could identify a child or
    their family, replacing any check of it before. A decision made about the same words in
    an earlier check of the document carries forward: "acceptable" stays acceptable; words
    that were to be removed and are still there are found again, open.

    The system checks each file once its text is read; a person who may publish checks it
    again (after adding a name the partnership accepts, say)."""
    review = file.document.review
    writes.require(acting_user, PUBLISH_REVIEWS, within=review)  # before the work, not after
    pseudonyms, allowed = pseudonyms_of(review), names_accepted_in(review)
    pages = list(file.pages.order_by("number").values_list("text", flat=True))
    found = identifying.find_identifying(pages, pseudonyms=pseudonyms, allowed=allowed)
    with writes.acting(acting_user, PUBLISH_REVIEWS, within=review) as act:
        if not file.text_was_read:
            raise ValidationError({"file": "Its text has not been read, so it cannot be checked"})
        earlier = _decided_before(file)
        IdentifyingCheck.objects.filter(file=file).delete()
        check = IdentifyingCheck.objects.create(
            partnership_id=file.partnership_id,
            file=file,
            checked_at=timezone.now(),
            pseudonyms=pseudonyms,
            allowed=allowed,
        )
        findings = Finding.objects.bulk_create(
            _finding(check, one, earlier.get(_words(one.kind, one.text))) for one in found
        )
        act.record(
            AuditAction.CREATE,
            obj=check,
            changes={
                "after": {
                    "findings": len(findings),
                    "carried_forward": sum(1 for f in findings if not f.is_open),
                }
            },
            object_repr=f"Identifying-details check of {file.name}, version {file.version}",
        )
    return check


def _words(kind: str, text: str) -> tuple[str, str]:
    return kind, " ".join(text.casefold().split())


def _decided_before(file: DocumentFile) -> dict[tuple[str, str], Finding]:
    """The decided findings of the document's checks up to this version, newest first: the
    decision made last about the same words is the one carried."""
    decided = (
        Finding.objects.filter(
            identifying_check__file__document_id=file.document_id,
            identifying_check__file__version__lte=file.version,
        )
        .exclude(resolution=Resolution.OPEN)
        .select_related("identifying_check")
        .order_by("-identifying_check__file__version", "-resolved_at")
    )
    carried: dict[tuple[str, str], Finding] = {}
    for finding in decided:
        carried.setdefault(_words(finding.kind, finding.text), finding)
    return carried


def _finding(
    check: IdentifyingCheck, found: identifying.Finding, before: Finding | None
) -> Finding:
    finding = Finding(
        partnership_id=check.partnership_id,
        identifying_check=check,
        kind=found.kind,
        text=found.text[:300],
        page=found.page,
        paragraph=found.paragraph,
        context=found.context,
        carried_from_id=_origin(before, check.file),
    )
    if before is not None and before.resolution == Resolution.ACCEPTABLE:
        finding.resolution = Resolution.ACCEPTABLE
        finding.reason = before.reason
        finding.resolved_by_id = before.resolved_by_id
        finding.resolved_at = before.resolved_at
    return finding


def _origin(before: Finding | None, file: DocumentFile) -> int | None:
    """The finding whose decision is carried: an earlier version's, or, for a check of the
    same version again (whose findings are replaced), the one that finding carried."""
    if before is None:
        return None
    if before.identifying_check.file_id == file.pk:
        return before.carried_from_id
    return before.pk


def decide_finding(
    finding: Finding,
    *,
    resolution: str,
    reason: str = "",
    acting_user: User | None,
    read_at: int | None = None,
) -> list[Finding]:
    """Record what the person decided: the words will be removed in the next version, or
    they are acceptable (which needs a reason). The same words found elsewhere in the same
    version, not yet decided, take the same decision. Each is audited, with who and when;
    the findings decided are returned, this one first."""
    resolution = Resolution(resolution)
    reason = reason.strip()
    if resolution == Resolution.OPEN:
        raise ValidationError({"resolution": "Choose removed in the next version or acceptable"})
    if resolution == Resolution.ACCEPTABLE and not reason:
        raise ValidationError({"reason": "Say why the words are acceptable in a published report"})
    review = finding.identifying_check.file.document.review
    with writes.changing(
        acting_user,
        PUBLISH_REVIEWS,
        finding,
        DECISION_FIELDS,
        within=review,
        read_at=read_at,
        sent={"resolution": resolution, "reason": reason},
    ) as change:
        decided = [finding, *_same_words_undecided(finding)]
        for one in decided:
            tracked = change if one is finding else change.act.track(one, DECISION_FIELDS)
            one.resolution, one.reason = resolution, reason
            one.resolved_by, one.resolved_at = acting_user, timezone.now()
            tracked.save()
    return decided


def _same_words_undecided(finding: Finding) -> list[Finding]:
    words = _words(finding.kind, finding.text)
    others = Finding.objects.filter(
        identifying_check_id=finding.identifying_check_id,
        kind=finding.kind,
        resolution=Resolution.OPEN,
    ).exclude(pk=finding.pk)
    return [other for other in others if _words(other.kind, other.text) == words]


def add_acceptable_name(partnership: Any, name: str, *, acting_user: User | None) -> AcceptableName:
    """A name the partnership accepts in its published reports: checks from now on do not
    find it."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the name"})
    with writes.acting(acting_user, PUBLISH_REVIEWS, within=partnership) as act:
        if AcceptableName.objects.filter(partnership=partnership, name__iexact=name).exists():
            raise ValidationError({"name": f"{name} is already on the list"})
        return act.create(
            AcceptableName(partnership=partnership, name=name, added_by=acting_user), ("name",)
        )


def remove_acceptable_name(name: AcceptableName, *, acting_user: User | None) -> None:
    with writes.acting(acting_user, PUBLISH_REVIEWS, within=name) as act:
        act.record(AuditAction.DELETE, obj=name, changes={"before": {"name": name.name}})
        name.delete()


# Theme suggestions


def suggest_themes(review: Review, *, acting_user: User | None) -> list[ThemeSuggestion]:
    """Suggest, from the review's text, the national themes it supports and does not yet
    have, each with the sentences that support it. A theme someone rejected is not
    suggested again; suggestions nobody decided on are replaced."""
    found = suggesting.suggest_themes(texts_of(review))
    themes = {t.code: t for t in Theme.objects.filter(partnership=None)}
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review) as act:
        act.lock(review)
        has = set(review.themes.values_list("code", flat=True))
        decided = set(
            review.theme_suggestions.exclude(decision=SuggestionDecision.SUGGESTED).values_list(
                "theme__code", flat=True
            )
        )
        review.theme_suggestions.filter(decision=SuggestionDecision.SUGGESTED).delete()
        made = ThemeSuggestion.objects.bulk_create(
            ThemeSuggestion(
                partnership_id=review.partnership_id,
                review=review,
                theme=themes[one.code],
                sentences=list(one.sentences),
                score=one.score,
            )
            for one in found
            if one.code in themes and one.code not in has | decided
        )
        act.record(
            AuditAction.CHANGE,
            obj=review,
            changes={"suggested_themes": {"after": sorted(s.theme.code for s in made)}},
        )
    return made


def decide_suggestion(
    suggestion: ThemeSuggestion, *, accept: bool, acting_user: User | None
) -> ThemeSuggestion:
    """Accept a suggested theme (it becomes the review's, and counts) or reject it (it is
    not suggested again)."""
    review = suggestion.review
    with writes.changing(
        acting_user, CHANGE_REVIEWS, suggestion, ("decision",), within=review
    ) as change:
        suggestion.decision = SuggestionDecision.ACCEPTED if accept else SuggestionDecision.REJECTED
        suggestion.decided_by = acting_user
        suggestion.decided_at = timezone.now()
        change.save()
        if accept:
            themes = [*review.themes.all(), suggestion.theme]
            review_services.change_review(review, acting_user=acting_user, themes=themes)
    return suggestion


def on_text_read(sender: Any, record: Any, **kwargs: Any) -> None:
    """A review document's file is checked as soon as its text has been read (sent once the
    reading has committed)."""
    if isinstance(record, DocumentFile) and record.text_was_read:
        check_identifying_details(record)
