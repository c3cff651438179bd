from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from casereview.core import audit
from casereview.core.views import FilteredListView, PermissionRequiredMixin, RecordMixin
from casereview.library.filters import LibraryFilter
from casereview.library.selectors import (
    BestFirst,
    published_for,
    published_learning,
    reviews_like,
    snippets_of,
)
from casereview.reviews.models import PublishedReview
from casereview.reviews.selectors import reviews_for, theme_labels_of
from casereview.search.highlight import highlighted


class LibraryView(FilteredListView):
    """Every partnership's published reviews, their learning searched by its words."""

    permission = ("view", "published learning")
    template_name = "library/library.html"
    page_name = "library of published learning"
    filterset_class = LibraryFilter
    selector = staticmethod(published_for)
    page_size = 20

    def get_filterset(self) -> LibraryFilter | None:
        self.filterset = super().get_filterset()
        return self.filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "apply": "Search the library"}

    def listed(self, records: QuerySet[Any]) -> Any:
        entries = getattr(self.filterset, "entries", {})
        return BestFirst(records, list(entries)) if entries else records

    def rows_shown(self, rows: list[PublishedReview]) -> None:
        labels = theme_labels_of(rows)
        words = self.request.GET.get("q", "")
        entries = getattr(self.filterset, "entries", {})
        snippets = snippets_of(words, entries, rows) if words.strip() and entries else {}
        for review in rows:
            review.theme_labels = labels.get(review.pk, [])
            review.snippet = highlighted(snippets.get(review.pk, ""))


class PublishedReviewView(RecordMixin, PermissionRequiredMixin, TemplateView):
    """What a partnership published of one review: its learning, themes and published
    documents, and the published reviews like it."""

    permission = ("view", "published learning")
    template_name = "library/published_review.html"
    selector = staticmethod(published_for)
    context_object_name = "review"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["learning"] = published_learning(self.object)
        context["alike"] = reviews_like(self.request.user, self.object)
        return context


class ReviewsLikeView(RecordMixin, PermissionRequiredMixin, TemplateView):
    """The published reviews like one of the person's reviews: its page loads them in place
    (library.sections), and without JavaScript its link opens them on a page of their own."""

    permission = ("view", "published learning")
    selector = staticmethod(reviews_for)
    context_object_name = "review"

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["library/_reviews_like.html"]
        return ["library/reviews_like.html"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(alike=reviews_like(self.request.user, self.object))
        return self.render_to_response(context)

    def record_read(self) -> None:
        audit.record(
            self.audit_action,
            actor=self.request.user,
            obj=self.object,
            object_repr=f"Published reviews like {self.object}",
        )
