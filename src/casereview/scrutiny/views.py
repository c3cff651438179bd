"""Independent scrutiny: the scrutineer's comments, the records open to them, and the
partnership's responses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from casereview.core.concurrency import StaleEditMixin
from casereview.core.tenancy import user_may
from casereview.core.views import (
    AuditedObjectMixin,
    FilteredListView,
    PermissionRequiredMixin,
    RecordMixin,
    ServiceFormMixin,
)
from casereview.core.writes import today
from casereview.scrutiny import services
from casereview.scrutiny.filters import CommentFilter
from casereview.scrutiny.forms import CommentForm, ResponseForm
from casereview.scrutiny.models import RESOURCE
from casereview.scrutiny.selectors import (
    comments_for,
    comments_on,
    decisions_open,
    rapid_reviews_open,
    reviews_open,
)


class CommentListView(FilteredListView):
    """Every comment of the partnership's scrutineer, with the partnership's response."""

    permission = ("view", RESOURCE)
    template_name = "scrutiny/comment_list.html"
    page_name = "scrutiny comments"
    filterset_class = CommentFilter
    selector = staticmethod(comments_for)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        may_respond = user_may(self.request.user, "respond to", RESOURCE)
        return {**super().get_context_data(**kwargs), "may_respond": may_respond}


class OpenRecordsView(AuditedObjectMixin, PermissionRequiredMixin, TemplateView):
    """The rapid reviews sent to the Panel, decisions recorded and reviews reported on, each
    with a link to its scrutiny page."""

    permission = ("view", RESOURCE)
    template_name = "scrutiny/open_records.html"
    page_name = "records open to scrutiny"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "rapid_reviews": rapid_reviews_open(user),
            "decisions": decisions_open(user),
            "reviews": reviews_open(user),
        }


class ScrutinyPage(RecordMixin, ServiceFormMixin, FormView):
    """One record open to scrutiny: what the scrutineer needs to comment on it, the comments
    on it with the partnership's responses, and the comment form for those who may comment.
    A record out of the person's reach is not found; sending a comment needs the "add" line."""

    form_class = CommentForm
    heading = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and not user_may(request.user, "add", RESOURCE):
            self.object = self.get_object()  # not found before refused
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"date": today()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "comments": comments_on(user, self.object),
            "may_add": user_may(user, "add", RESOURCE),
            "may_respond": user_may(user, "respond to", RESOURCE),
            "heading": self.heading,
        }

    def perform(self, form: CommentForm) -> HttpResponse:
        services.comment_on(self.object, acting_user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Your comment has been recorded.")
        return redirect(self.request.path)


class RapidReviewScrutinyView(ScrutinyPage):
    selector = staticmethod(rapid_reviews_open)
    template_name = "scrutiny/rapid_review.html"
    context_object_name = "rapid_review"
    heading = "Rapid review"


class DecisionScrutinyView(ScrutinyPage):
    selector = staticmethod(decisions_open)
    template_name = "scrutiny/decision.html"
    context_object_name = "decision"
    heading = "Decision whether to hold a review"


class ReviewScrutinyView(ScrutinyPage):
    selector = staticmethod(reviews_open)
    template_name = "scrutiny/review.html"
    context_object_name = "review"
    heading = "Review report"


class RespondView(RecordMixin, StaleEditMixin, ServiceFormMixin, FormView):
    """The partnership's response to a comment, or a correction of it."""

    selector = staticmethod(comments_for)
    action = "respond to"
    template_name = "scrutiny/respond.html"
    form_class = ResponseForm
    context_object_name = "comment"

    def get_initial(self) -> dict[str, Any]:
        comment = self.object
        return {"response": comment.response, "responded_on": comment.responded_on or today()}

    def perform(self, form: ResponseForm) -> HttpResponse:
        services.respond_to_comment(
            self.object, acting_user=self.request.user, read_at=self.read_at, **form.cleaned_data
        )
        messages.success(self.request, "The partnership's response has been recorded.")
        return redirect("scrutiny:comments")
