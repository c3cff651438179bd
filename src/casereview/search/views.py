from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from casereview.accounts.middleware import SignedInRequest
from casereview.core.views import AuditedObjectMixin
from casereview.search.forms import SearchForm
from casereview.search.selectors import RESULTS, search_for


class SearchView(AuditedObjectMixin, TemplateView):
    """Search everything the person may see: referrals, children, reviews, learning points,
    recommendations, actions and the text of documents. The audit row names the words and
    filters asked for."""

    request: SignedInRequest
    template_name = "search/results.html"
    page_name = "search"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.request.membership is None:  # a service administrator sees no case record
            raise PermissionDenied("Search looks in a partnership's records: you act in none.")
        form = SearchForm(self.request.GET or None, user=self.request.user)
        results, asked = [], False
        if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
            data = form.cleaned_data
            asked = True
            results = search_for(
                self.request.user,
                data["q"],
                kinds=data["kind"] or None,
                theme=data["theme"],
                years=(data["from_year"], data["to_year"]),
            )
        context = self.get_context_data(
            form=form,
            results=results,
            asked=asked,
            at_most=RESULTS,
            search_words=self.request.GET.get("q", ""),
        )
        return self.render_to_response(context, status=400 if form.errors else 200)
