"""Reads of the publication app, each through `restrict()` by way of the review the records
are part of."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from casereview.accounts.models import Agency, User
from casereview.documents.choices import TextState
from casereview.documents.models import DocumentFile
from casereview.documents.selectors import files_for
from casereview.publication.choices import Resolution
from casereview.publication.models import (
    AcceptableName,
    Finding,
    IdentifyingCheck,
    ThemeSuggestion,
)
from casereview.reviews.choices import DocumentKind
from casereview.reviews.models import Review, ReviewDocument
from casereview.reviews.selectors import reviews_for

# The documents a partnership publishes: their newest version must be checked, and each of
# its findings decided, before the review is published.
PUBLISHED_KINDS = frozenset(
    {DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.LEARNING_SUMMARY}
)


def checks_for(user: User, action: str = "view") -> QuerySet[IdentifyingCheck]:
    return IdentifyingCheck.objects.restrict(user, action).filter(file__in=files_for(user, action))


def findings_for(user: User, action: str = "view") -> QuerySet[Finding]:
    return (
        Finding.objects.restrict(user, action)
        .filter(identifying_check__in=checks_for(user, action))
        .select_related("identifying_check__file__document__review", "resolved_by")
    )


def suggestions_for(user: User, action: str = "view") -> QuerySet[ThemeSuggestion]:
    return (
        ThemeSuggestion.objects.restrict(user, action)
        .filter(review__in=reviews_for(user, action))
        .select_related("theme", "review", "decided_by")
    )


def acceptable_names_for(user: User, action: str = "view") -> QuerySet[AcceptableName]:
    return AcceptableName.objects.restrict(user, action).select_related("added_by")


def pseudonyms_of(review: Review) -> list[str]:
    """The names the review is published under: its title's ("Child A and Child B") and its
    children's pseudonyms."""
    named = [part.strip() for part in review.title.replace(",", " and ").split(" and ")]
    children = review.children.values_list("pseudonym", flat=True)
    return sorted({name for name in [*named, *children] if name})


def names_accepted_in(review: Review) -> list[str]:
    """Names the check does not find: those the partnership lists, its agencies', its own,
    the lead reviewer's and the assigned reviewers'."""
    partnership = review.partnership
    listed = AcceptableName.objects.filter(partnership=partnership).values_list("name", flat=True)
    agencies = Agency.objects.filter(partnership=partnership).values_list("name", flat=True)
    reviewers = review.assigned_reviewers.values_list("full_name", flat=True)
    names = [*listed, *agencies, *reviewers, review.lead_reviewer, partnership.name]
    return sorted({name.strip() for name in names if name and name.strip()})


def texts_of(review: Review) -> list[str]:
    """What themes are suggested from: the pages of the newest version of each of the
    review's documents whose text has been read, its summary, learning points and learning
    summary."""
    texts: list[str] = []
    for document in review.documents.all():
        newest = DocumentFile.objects.filter(document=document).order_by("-version").first()
        if newest is not None:
            texts += newest.pages.order_by("number").values_list("text", flat=True)
    texts.append(review.summary)
    texts += review.learning_points.values_list("text", flat=True)
    summary = getattr(review, "learning_summary", None)
    if summary is not None:
        texts += summary.texts()
    return [text for text in texts if text.strip()]


@dataclass(frozen=True)
class Newest:
    """A version of one of a review's documents (its newest, where the gate asks) and where
    its check stands."""

    document: ReviewDocument
    file: DocumentFile
    check: IdentifyingCheck | None
    open: int = 0
    to_be_removed: int = 0
    acceptable: int = 0

    @property
    def to_be_published(self) -> bool:
        return self.document.kind in PUBLISHED_KINDS

    @property
    def cleared(self) -> bool:
        """Checked, and nothing found that is not accepted."""
        return self.check is not None and not self.open and not self.to_be_removed

    @property
    def findings(self) -> int:
        return self.open + self.to_be_removed + self.acceptable

    @property
    def state(self) -> str:
        """Where the check stands, in a few words for a page."""
        if self.check is None:
            if self.file.text_state == TextState.UNREADABLE:
                return "cannot be checked, as its text cannot be read"
            return "not checked yet"
        if not self.findings:
            return "no identifying details found"
        parts = [f"{self.findings} finding{'' if self.findings == 1 else 's'}"]
        for n, words in (
            (self.open, "not yet decided"),
            (self.to_be_removed, "to be removed in the next version"),
            (self.acceptable, "marked acceptable"),
        ):
            if n:
                parts.append(f"{n} {words}")
        return ", ".join(parts)


def newest_versions(review: Review) -> list[Newest]:
    """The newest version of each of the review's documents that has a file, with its check
    and its findings counted by decision (the page or step asking has found the review in
    the person's reach)."""
    files = DocumentFile.objects.filter(document__review=review).select_related("document")
    newest: dict[int, DocumentFile] = {}
    for file in files.order_by("document_id", "-version"):
        newest.setdefault(file.document_id, file)
    return sorted(_with_checks(list(newest.values())), key=lambda n: n.document.pk)


def versions_checked(document: ReviewDocument) -> list[Newest]:
    """Every version of the document, newest first, with its check and findings counted."""
    files = list(document.files.order_by("-version"))
    for file in files:
        file.document = document
    return _with_checks(files)


def _with_checks(files: list[DocumentFile]) -> list[Newest]:
    counted = IdentifyingCheck.objects.filter(file__in=files).annotate(
        open=Count("findings", filter=Q(findings__resolution=Resolution.OPEN)),
        to_be_removed=Count("findings", filter=Q(findings__resolution=Resolution.TO_BE_REMOVED)),
        acceptable=Count("findings", filter=Q(findings__resolution=Resolution.ACCEPTABLE)),
    )
    checks = {check.file_id: check for check in counted}
    shown = []
    for file in files:
        check = checks.get(file.pk)
        counts = (
            {
                "open": check.open,
                "to_be_removed": check.to_be_removed,
                "acceptable": check.acceptable,
            }
            if check
            else {}
        )
        shown.append(Newest(file.document, file, check, **counts))
    return shown


def not_cleared_for_publication(newest: Newest) -> str | None:
    """Why the version cannot be published yet, in one sentence, or None."""
    name = f"{newest.document.title}, version {newest.file.version}"
    if newest.check is None:
        if newest.file.text_state == TextState.UNREADABLE:
            return (
                f"{name}: its text cannot be read, so it cannot be checked for identifying "
                "details. Upload a copy with its text in it"
            )
        return f"{name}: it has not yet been checked for identifying details"
    if newest.open:
        return f"{name}: {_details(newest.open)} not yet marked removed or acceptable"
    if newest.to_be_removed:
        return (
            f"{name}: {_details(newest.to_be_removed)} to be removed in the next version. "
            "Upload the corrected version"
        )
    return None


def _details(n: int) -> str:
    return f"{n} identifying detail{'' if n == 1 else 's'}"
